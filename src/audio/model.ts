// The trained voiceprint model (UBM, projection, cohort, score calibration) and its compact binary file format.

import type { Gmm } from "./gmm.js";
import { DEFAULT_MFCC, isFilterScale, type MfccConfig } from "./mfcc.js";

/** Piecewise-linear map from the normalised score z to 0–100: z[i] ↦ s[i], clamped outside. */
export interface ScoreCalibration {
  z: number[];
  s: number[];
}

export interface VoiceprintModel {
  version: 1;
  mfcc: MfccConfig;
  ubm: Gmm;
  /** MAP relevance factor for adapting UBM means to a speaker. */
  relevance: number;
  /** Linear projection of the mean supervector (PCA + LDA, within-speaker whitened): y = matrix · (sv − mean). */
  projection?: { inDims: number; outDims: number; mean: Float32Array; matrix: Float32Array };
  /** Unit-length embeddings of training speakers, for adaptive score normalisation. */
  cohort?: { count: number; dims: number; topK: number; vectors: Float32Array };
  calibration: ScoreCalibration;
  /** Free-form provenance (training corpus, date, figures). */
  info?: Record<string, unknown>;
}

const MAGIC = 0x4d444956; // "VIDM" little-endian

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type ArrayRef = [offset: number, length: number];

/** Serialise: "VIDM", u32 header length, JSON header, padding to 4, then float32 LE arrays. Deterministic. */
export function encodeModel(m: VoiceprintModel): Uint8Array {
  const arrays: Float32Array[] = [];
  const refs: Record<string, ArrayRef> = {};
  let offset = 0;
  const add = (name: string, a: Float32Array) => {
    refs[name] = [offset, a.length];
    arrays.push(a);
    offset += a.length;
  };
  add("ubm.weights", m.ubm.weights);
  add("ubm.means", m.ubm.means);
  add("ubm.variances", m.ubm.variances);
  if (m.projection) {
    add("projection.mean", m.projection.mean);
    add("projection.matrix", m.projection.matrix);
  }
  if (m.cohort) add("cohort.vectors", m.cohort.vectors);
  const header = {
    version: m.version,
    mfcc: m.mfcc,
    ubm: { C: m.ubm.C, D: m.ubm.D },
    relevance: m.relevance,
    projection: m.projection ? { inDims: m.projection.inDims, outDims: m.projection.outDims } : undefined,
    cohort: m.cohort ? { count: m.cohort.count, dims: m.cohort.dims, topK: m.cohort.topK } : undefined,
    calibration: m.calibration,
    info: m.info,
    arrays: refs,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headLen = 8 + json.length;
  const pad = (4 - (headLen % 4)) % 4;
  const out = new Uint8Array(headLen + pad + offset * 4);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, json.length, true);
  out.set(json, 8);
  let p = headLen + pad;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, p += 4) dv.setFloat32(p, a[i]!, true);
  }
  return out;
}

/** A header's feature settings; files written before a setting existed meant what the code then did. */
function mfccFromHeader(m: Partial<MfccConfig> & { melFilters?: number }): MfccConfig {
  const { melFilters, ...rest } = m ?? {};
  if (rest.filterScale !== undefined && !isFilterScale(rest.filterScale)) {
    throw new Error(`voiceprint model: unknown filter scale ${JSON.stringify(rest.filterScale)}`);
  }
  return {
    ...DEFAULT_MFCC,
    accelWidth: 0, // before accelerations existed
    filterScale: "mel", // before the linear filterbank (2026-11-27)
    ...(melFilters !== undefined ? { filters: melFilters } : {}),
    ...rest,
  };
}

/** Parse a model file written by encodeModel; throws on anything malformed. */
export function decodeModel(bytes: Uint8Array): VoiceprintModel {
  if (bytes.length < 8) throw new Error("voiceprint model: file too short");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error("voiceprint model: bad magic");
  const jsonLen = dv.getUint32(4, true);
  if (8 + jsonLen > bytes.length) throw new Error("voiceprint model: header runs past the end");
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLen)));
  const base = 8 + jsonLen + ((4 - ((8 + jsonLen) % 4)) % 4);
  const get = (name: string): Float32Array => {
    const ref = h.arrays?.[name] as ArrayRef | undefined;
    if (!ref) throw new Error(`voiceprint model: missing array ${name}`);
    const [off, len] = ref;
    const start = base + off * 4;
    if (!(off >= 0 && len >= 0 && start + len * 4 <= bytes.length)) throw new Error(`voiceprint model: array ${name} out of bounds`);
    // Aligned on a little-endian machine (the usual case): one copy instead of a DataView read per float.
    if (LITTLE_ENDIAN && (bytes.byteOffset + start) % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset + start, len).slice();
    const a = new Float32Array(len);
    for (let i = 0; i < len; i++) a[i] = dv.getFloat32(start + i * 4, true);
    return a;
  };
  const ubm: Gmm = { C: h.ubm.C, D: h.ubm.D, weights: get("ubm.weights"), means: get("ubm.means"), variances: get("ubm.variances") };
  if (ubm.weights.length !== ubm.C || ubm.means.length !== ubm.C * ubm.D || ubm.variances.length !== ubm.C * ubm.D) {
    throw new Error("voiceprint model: UBM sizes disagree");
  }
  const model: VoiceprintModel = {
    version: 1,
    mfcc: mfccFromHeader(h.mfcc),
    ubm,
    relevance: h.relevance,
    calibration: h.calibration,
    info: h.info,
  };
  if (h.projection) {
    model.projection = { ...h.projection, mean: get("projection.mean"), matrix: get("projection.matrix") };
    if (model.projection!.matrix.length !== h.projection.inDims * h.projection.outDims) throw new Error("voiceprint model: projection size");
  }
  if (h.cohort) model.cohort = { ...h.cohort, vectors: get("cohort.vectors") };
  return model;
}
