// Cepstral features for speaker modelling: pre-emphasis, 25 ms Hamming frames every 10 ms, a triangular filterbank
// (linear- or mel-spaced) over the telephone band, log, DCT, deltas and accelerations, CMVN.

import { RealFft } from "./fft.js";
import { matVec } from "./matvec.js";
import { FRAME_HOP, FRAME_LEN, SAMPLE_RATE, frameCount } from "./speech.js";

/** How the filterbank's centres are spaced between lowHz and highHz. */
export type FilterScale = "mel" | "linear";

export interface MfccConfig {
  fftSize: number;
  /** Number of triangular filters. */
  filters: number;
  filterScale: FilterScale;
  /** Band edges in Hz; 300–3400 Hz so clean, noisy and codec (band-limited) audio see the same band. */
  lowHz: number;
  highHz: number;
  /** Cepstra kept after dropping c0 (c1..cN). */
  ceps: number;
  /** Delta regression half-width in frames. */
  deltaWidth: number;
  /** Acceleration (delta of the deltas) half-width in frames; 0 leaves them out. */
  accelWidth: number;
  preEmphasis: number;
}

/**
 * The shipped model's features (the model file records its own; these are what train.mjs uses by default).
 * Linear spacing: the mel scale gives the band above 2 kHz, where the third and fourth formants and the vocal
 * tract's length show, a third of the filters; evenly spaced, it gets half, and the held-out EER fell from
 * 0.71 % to 0.29 % (docs/audio.md). Accelerations (ACCEL=1 in train.mjs) help only between espeak-ng variants of
 * one vocal tract and cost elsewhere, so they are off.
 */
export const DEFAULT_MFCC: MfccConfig = {
  fftSize: 256,
  filters: 24,
  filterScale: "linear",
  lowHz: 300,
  highHz: 3400,
  ceps: 19,
  deltaWidth: 2,
  accelWidth: 0,
  preEmphasis: 0.97,
};

const SCALES: Record<FilterScale, { to: (hz: number) => number; from: (v: number) => number }> = {
  mel: { to: (hz) => 1127 * Math.log(1 + hz / 700), from: (m) => 700 * (Math.exp(m / 1127) - 1) },
  linear: { to: (hz) => hz, from: (hz) => hz },
};

/** Whether a model file's (or a training knob's) value names a spacing this code has. */
export const isFilterScale = (v: unknown): v is FilterScale => typeof v === "string" && Object.hasOwn(SCALES, v);

/** Everything that depends only on the configuration, built once and reused for every file. */
class MfccPlan {
  readonly fft: RealFft;
  readonly window: Float64Array;
  /** Filter j covers FFT bins fbStart[j] .. fbStart[j] + fbLength[j] − 1, its weights at fbWeights[fbOffset[j] ..]. */
  readonly fbStart: Int32Array;
  readonly fbLength: Int32Array;
  readonly fbOffset: Int32Array;
  readonly fbWeights: Float64Array;
  /** The FFT bins any filter reads: the only ones worth computing. */
  readonly binLo: number;
  readonly binHi: number;
  readonly dct: Float64Array; // ceps × filters, row-major
  readonly spec: Float64Array;
  readonly logBands: Float64Array;
  constructor(readonly cfg: MfccConfig) {
    this.fft = new RealFft(cfg.fftSize);
    this.window = new Float64Array(FRAME_LEN);
    for (let i = 0; i < FRAME_LEN; i++) this.window[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME_LEN - 1));
    const bins = cfg.fftSize / 2 + 1;
    const scale = SCALES[cfg.filterScale];
    if (!scale) throw new Error(`unknown filter scale ${String(cfg.filterScale)}`);
    const lo = scale.to(cfg.lowHz);
    const hi = scale.to(cfg.highHz);
    const M = cfg.filters;
    const edges: number[] = [];
    for (let i = 0; i < M + 2; i++) edges.push((scale.from(lo + ((hi - lo) * i) / (M + 1)) * cfg.fftSize) / SAMPLE_RATE);
    this.fbStart = new Int32Array(M);
    this.fbLength = new Int32Array(M);
    this.fbOffset = new Int32Array(M);
    const weights: number[] = [];
    let binLo = bins;
    let binHi = 0;
    for (let j = 0; j < M; j++) {
      const l = edges[j]!;
      const c = edges[j + 1]!;
      const r = edges[j + 2]!;
      const start = Math.max(0, Math.ceil(l));
      const stop = Math.min(bins - 1, Math.floor(r));
      this.fbStart[j] = start;
      this.fbOffset[j] = weights.length;
      for (let k = start; k <= stop; k++) weights.push(k <= c ? (k - l) / (c - l) : (r - k) / (r - c));
      this.fbLength[j] = weights.length - this.fbOffset[j]!;
      binLo = Math.min(binLo, start);
      binHi = Math.max(binHi, stop);
    }
    this.fbWeights = Float64Array.from(weights);
    this.binLo = binLo;
    this.binHi = binHi;
    this.dct = new Float64Array(cfg.ceps * M);
    for (let i = 0; i < cfg.ceps; i++) {
      for (let j = 0; j < M; j++) this.dct[i * M + j] = Math.sqrt(2 / M) * Math.cos((Math.PI * (i + 1) * (j + 0.5)) / M);
    }
    this.spec = new Float64Array(bins);
    this.logBands = new Float64Array(M);
  }
}

const plans = new Map<string, MfccPlan>();
function planFor(cfg: MfccConfig): MfccPlan {
  const key = JSON.stringify(cfg);
  let p = plans.get(key);
  if (!p) plans.set(key, (p = new MfccPlan(cfg)));
  return p;
}

/** Static cepstra (c1..cN) for every 10 ms frame (or only those where need[f] is set; others stay 0), row-major frames × ceps. */
export function cepstra(x: Float32Array, cfg: MfccConfig = DEFAULT_MFCC, need?: Uint8Array): Float32Array {
  const plan = planFor(cfg);
  const nf = frameCount(x.length);
  const C = cfg.ceps;
  const M = cfg.filters;
  const out = new Float32Array(nf * C);
  const { window, spec, logBands, dct, fbStart, fbLength, fbOffset, fbWeights, binLo, binHi } = plan;
  const a = cfg.preEmphasis;
  for (let f = 0; f < nf; f++) {
    if (need && !need[f]) continue;
    plan.fft.framePowerSpectrum(x, f * FRAME_HOP, window, a, spec, binLo, binHi);
    for (let j = 0; j < M; j++) {
      const s0 = fbStart[j]!;
      const w0 = fbOffset[j]!;
      const len = fbLength[j]!;
      let e = 0;
      for (let k = 0; k < len; k++) e += fbWeights[w0 + k]! * spec[s0 + k]!;
      logBands[j] = Math.log(e + 1e-8);
    }
    matVec(dct, C, M, logBands, out, f * C);
  }
  return out;
}

/**
 * Speaker features: cepstra plus deltas (and accelerations when cfg.accelWidth > 0) for the frames where mask[f] is
 * set, then mean/variance normalised over those frames (removes the channel's fixed colouring). Row-major
 * frames × (2·ceps, or 3·ceps with accelerations).
 */
export function speakerFeatures(
  x: Float32Array,
  mask: Uint8Array,
  cfg: MfccConfig = DEFAULT_MFCC,
  normalise = true,
): { feats: Float32Array; frames: number; dims: number } {
  const W = cfg.deltaWidth;
  const A = cfg.accelWidth ?? 0;
  const reach = W + A; // the accelerations read deltas A frames away, which read cepstra W further
  const nf0 = mask.length;
  // cepstra only where needed: speech frames and the neighbours their deltas read
  const need = new Uint8Array(nf0);
  for (let f = 0; f < nf0; f++) {
    if (!mask[f]) continue;
    const lo = Math.max(0, f - reach);
    const hi = Math.min(nf0 - 1, f + reach);
    for (let g = lo; g <= hi; g++) need[g] = 1;
  }
  const c = cepstra(x, cfg, need);
  const C = cfg.ceps;
  const nf = c.length / C;
  const D = (A > 0 ? 3 : 2) * C;
  let n = 0;
  for (let f = 0; f < nf; f++) if (mask[f]) n++;
  const feats = new Float32Array(n * D);
  let r = 0;
  for (let f = 0; f < nf; f++) {
    if (!mask[f]) continue;
    const row = r * D;
    const base = f * C;
    for (let i = 0; i < C; i++) feats[row + i] = c[base + i]!;
    r++;
  }
  if (A > 0) {
    // accelerations read the deltas of non-speech neighbours too: deltas of every needed frame, frame-indexed
    const delta = new Float32Array(nf * C);
    regression(c, nf, C, W, need, delta, C, 0, false);
    copyRows(delta, mask, C, feats, D, C);
    regression(delta, nf, C, A, mask, feats, D, 2 * C, true);
  } else {
    regression(c, nf, C, W, mask, feats, D, C, true);
  }
  if (normalise) cmvn(feats, n, D);
  return { feats, frames: n, dims: D };
}

/**
 * Regression slope over ±W frames (edges repeat) of x's frames where rows[f] is set, written to out at column
 * offset `col` of rows `stride` wide: row r for the r-th selected frame when `compact`, row f otherwise.
 */
function regression(x: Float32Array, nf: number, C: number, W: number, rows: Uint8Array, out: Float32Array, stride: number, col: number, compact: boolean): void {
  let norm = 0;
  for (let t = 1; t <= W; t++) norm += 2 * t * t;
  const inv = 1 / norm;
  let r = 0;
  for (let f = 0; f < nf; f++) {
    if (!rows[f]) continue;
    const row = (compact ? r++ : f) * stride + col;
    for (let t = 1; t <= W; t++) {
      const p = (f + t < nf ? f + t : nf - 1) * C;
      const m = (f - t >= 0 ? f - t : 0) * C;
      for (let i = 0; i < C; i++) out[row + i] += t * (x[p + i]! - x[m + i]!);
    }
    for (let i = 0; i < C; i++) out[row + i] *= inv;
  }
}

/** Copies the frames where rows[f] is set from a frame-indexed array (C wide) to consecutive rows of out at column col. */
function copyRows(x: Float32Array, rows: Uint8Array, C: number, out: Float32Array, stride: number, col: number): void {
  let r = 0;
  for (let f = 0; f < rows.length; f++) {
    if (!rows[f]) continue;
    out.set(x.subarray(f * C, f * C + C), r++ * stride + col);
  }
}

/** In-place cepstral mean and variance normalisation over rows. */
export function cmvn(feats: Float32Array, n: number, D: number): void {
  if (n === 0) return;
  const mean = new Float64Array(D);
  const sq = new Float64Array(D);
  for (let r = 0; r < n; r++) {
    const row = r * D;
    for (let d = 0; d < D; d++) {
      const v = feats[row + d]!;
      mean[d] += v;
      sq[d] += v * v;
    }
  }
  for (let d = 0; d < D; d++) {
    mean[d] /= n;
    sq[d] = 1 / Math.sqrt(Math.max(sq[d]! / n - mean[d]! * mean[d]!, 1e-8));
  }
  for (let r = 0; r < n; r++) {
    const row = r * D;
    for (let d = 0; d < D; d++) feats[row + d] = (feats[row + d]! - mean[d]!) * sq[d]!;
  }
}
