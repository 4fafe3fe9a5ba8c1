// Fixed-length speaker embeddings: GMM-UBM mean supervector (MAP-adapted), projected and length-normalised, carrying its own cohort statistics and score calibration.

import { GmmScorer, addStats, emptyStats, type Gmm, type GmmStats } from "./gmm.js";
import { matVec } from "./matvec.js";
import { DEFAULT_MFCC, speakerFeatures, type MfccConfig } from "./mfcc.js";
import type { ScoreCalibration, VoiceprintModel } from "./model.js";
import { detectSpeech, type VadOptions } from "./speech.js";
import { extractChannel, parseWav } from "./wav.js";

/**
 * Voiceprint layout (Float32Array, stored as a little-endian BLOB):
 *   [0] kind: 1 = plain cepstral mean/std (no model), 2 = GMM-UBM supervector embedding
 *   [1] cohort mean, [2] cohort std  (cosine of this print against its nearest cohort speakers)
 *   [3] K = number of calibration anchors, then K z-values and K scores
 *   [4 + 2K ...] the unit-length embedding
 */
export const VOICEPRINT_KIND_PLAIN = 1;
export const VOICEPRINT_KIND_GMM = 2;

export interface VoiceprintSignal {
  samples: Float32Array;
  /** Speech frames (25 ms / 10 ms grid); computed with the default VAD when absent. */
  mask?: Uint8Array;
}

/** Calibration used when there is no model (plain cosine of cepstral statistics). */
export const PLAIN_CALIBRATION: ScoreCalibration = { z: [0.5, 0.9, 0.97, 1], s: [0, 50, 90, 100] };

/** Pooled Baum-Welch statistics of several signals against the model's UBM (CMVN per signal). */
export function signalStats(signals: VoiceprintSignal[], ubm: Gmm, mfcc: MfccConfig = DEFAULT_MFCC, vad?: VadOptions): GmmStats {
  const scorer = scorerFor(ubm);
  const total = emptyStats(ubm.C, ubm.D);
  for (const s of signals) {
    const mask = s.mask ?? detectSpeech(s.samples, vad).mask;
    const { feats, frames, dims } = speakerFeatures(s.samples, mask, mfcc);
    if (dims !== ubm.D) throw new Error(`feature dimension ${dims} does not match the UBM (${ubm.D})`);
    const st = emptyStats(ubm.C, ubm.D);
    scorer.accumulate(feats, frames, st);
    addStats(total, st);
  }
  return total;
}

const scorers = new WeakMap<Gmm, GmmScorer>();
function scorerFor(ubm: Gmm): GmmScorer {
  let s = scorers.get(ubm);
  if (!s) scorers.set(ubm, (s = new GmmScorer(ubm)));
  return s;
}

/**
 * MAP-adapted mean supervector, normalised by the UBM (KL-divergence kernel):
 * sv[c,d] = sqrt(w_c) · (m̂_cd − μ_cd) / σ_cd with m̂ = (F + r·μ) / (N + r).
 */
export function supervector(stats: GmmStats, ubm: Gmm, relevance: number): Float32Array {
  const { C, D } = ubm;
  const sv = new Float32Array(C * D);
  for (let c = 0; c < C; c++) {
    const n = stats.N[c]!;
    const sw = Math.sqrt(ubm.weights[c]!) / (n + relevance);
    for (let d = 0; d < D; d++) {
      const i = c * D + d;
      sv[i] = (sw * (stats.F[i]! - n * ubm.means[i]!)) / Math.sqrt(ubm.variances[i]!);
    }
  }
  return sv;
}

const widened = new WeakMap<Float32Array, Float64Array>();
/** The projection matrix in doubles, made once per model: the same products, one kind of array for matVec. */
function projectionMatrix(m: Float32Array): Float64Array {
  let w = widened.get(m);
  if (!w) widened.set(m, (w = Float64Array.from(m)));
  return w;
}

/** Project (when the model has a projection) and scale to unit length. */
export function embed(sv: Float32Array, model: VoiceprintModel): Float32Array {
  let y: Float32Array;
  const p = model.projection;
  if (p) {
    y = new Float32Array(p.outDims);
    const centred = new Float64Array(p.inDims);
    for (let i = 0; i < p.inDims; i++) centred[i] = sv[i]! - p.mean[i]!;
    matVec(projectionMatrix(p.matrix), p.outDims, p.inDims, centred, y);
  } else {
    y = Float32Array.from(sv);
  }
  return unit(y);
}

function unit(y: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < y.length; i++) n += y[i]! * y[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < y.length; i++) y[i] = y[i]! / n;
  return y;
}

/** Mean and std of the top-K cosines of a unit embedding against the cohort (adaptive s-norm statistics). */
export function cohortStats(e: Float32Array, model: VoiceprintModel): [number, number] {
  const co = model.cohort;
  if (!co || co.count === 0) return [0, 1];
  const sims = new Float64Array(co.count);
  for (let k = 0; k < co.count; k++) {
    let s = 0;
    const row = k * co.dims;
    for (let i = 0; i < co.dims; i++) s += e[i]! * co.vectors[row + i]!;
    sims[k] = s;
  }
  sims.sort();
  const K = Math.max(2, Math.min(co.topK, co.count));
  let m = 0;
  for (let k = co.count - K; k < co.count; k++) m += sims[k]!;
  m /= K;
  let v = 0;
  for (let k = co.count - K; k < co.count; k++) v += (sims[k]! - m) ** 2;
  return [m, Math.sqrt(v / K) + 1e-3];
}

function pack(kind: number, mean: number, std: number, cal: ScoreCalibration, e: Float32Array): Float32Array {
  const K = cal.z.length;
  const out = new Float32Array(4 + 2 * K + e.length);
  out[0] = kind;
  out[1] = mean;
  out[2] = std;
  out[3] = K;
  for (let i = 0; i < K; i++) {
    out[4 + i] = cal.z[i]!;
    out[4 + K + i] = cal.s[i]!;
  }
  out.set(e, 4 + 2 * K);
  return out;
}

/** The model-free print's features: mel-spaced c1…c19 and deltas, the set its calibration (PLAIN_CALIBRATION) was made for. */
const PLAIN_MFCC: MfccConfig = { ...DEFAULT_MFCC, filters: 24, filterScale: "mel", lowHz: 300, highHz: 3400, ceps: 19, deltaWidth: 2, accelWidth: 0 };

/** Without a model: mean and standard deviation of the (un-normalised) cepstra and deltas. Weak (≈15 % EER) but self-contained. */
function plainVoiceprint(signals: VoiceprintSignal[], vad?: VadOptions): Float32Array {
  const D = PLAIN_MFCC.ceps * 2;
  const sum = new Float64Array(D);
  const sq = new Float64Array(D);
  let n = 0;
  for (const s of signals) {
    const mask = s.mask ?? detectSpeech(s.samples, vad).mask;
    const { feats, frames } = speakerFeatures(s.samples, mask, PLAIN_MFCC, false);
    for (let r = 0; r < frames; r++) {
      for (let d = 0; d < D; d++) {
        const v = feats[r * D + d]!;
        sum[d] += v;
        sq[d] += v * v;
      }
    }
    n += frames;
  }
  const e = new Float32Array(2 * D);
  for (let d = 0; d < D; d++) {
    const m = n ? sum[d]! / n : 0;
    e[d] = m;
    e[D + d] = n ? Math.sqrt(Math.max(sq[d]! / n - m * m, 0)) : 0;
  }
  return pack(VOICEPRINT_KIND_PLAIN, 0, 1, PLAIN_CALIBRATION, unit(e));
}

/** One voiceprint from up to 10 signals of one speaker (their speech is pooled). Deterministic. */
export function voiceprintFromSignals(signals: VoiceprintSignal[], model?: VoiceprintModel, vad?: VadOptions): Float32Array {
  if (!model) return plainVoiceprint(signals, vad);
  const stats = signalStats(signals, model.ubm, model.mfcc, vad);
  const e = embed(supervector(stats, model.ubm, model.relevance), model);
  const [m, s] = cohortStats(e, model);
  return pack(VOICEPRINT_KIND_GMM, m, s, model.calibration, e);
}

/** Worker-friendly: parse WAV buffers, take the given channel of each (default 0), and build one voiceprint. */
export function voiceprintFromWavs(buffers: Uint8Array[], channels: number[] = [], model?: VoiceprintModel, vad?: VadOptions): Float32Array {
  const signals = buffers.map((b, i) => {
    const format = parseWav(b);
    return { samples: extractChannel(b, format, channels[i] ?? 0) };
  });
  return voiceprintFromSignals(signals, model, vad);
}

/** Voiceprint → bytes for a SQLite BLOB (float32 little-endian). */
export function voiceprintToBuffer(vp: Float32Array): Buffer {
  const b = Buffer.alloc(vp.length * 4);
  for (let i = 0; i < vp.length; i++) b.writeFloatLE(vp[i]!, i * 4);
  return b;
}

/** Bytes from voiceprintToBuffer → voiceprint. Throws on a length that is not a whole number of floats or a bad header. */
export function voiceprintFromBuffer(b: Uint8Array): Float32Array {
  if (b.length % 4 !== 0 || b.length < 16) throw new Error("not a voiceprint: bad length");
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const vp = new Float32Array(b.length / 4);
  for (let i = 0; i < vp.length; i++) vp[i] = dv.getFloat32(i * 4, true);
  const K = vp[3]!;
  if (!Number.isInteger(K) || K < 2 || 4 + 2 * K >= vp.length) throw new Error("not a voiceprint: bad header");
  return vp;
}
