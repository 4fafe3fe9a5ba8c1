// Diagonal-covariance Gaussian mixtures: frame posteriors, Baum-Welch statistics and EM, the core of the GMM-UBM voiceprint.

export interface Gmm {
  /** Number of components. */
  C: number;
  /** Feature dimensions. */
  D: number;
  weights: Float32Array; // C
  means: Float32Array; // C × D
  variances: Float32Array; // C × D
}

/** Zeroth- and first-order statistics of a set of frames against a GMM. */
export interface GmmStats {
  N: Float64Array; // C
  F: Float64Array; // C × D
  /** Second order, only when asked for (EM training). */
  S?: Float64Array; // C × D
  frames: number;
  logLik: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Precomputed terms so one frame's log-likelihoods cost 2·C·D multiply-adds. */
export class GmmScorer {
  readonly C: number;
  readonly D: number;
  /** Per component, per dimension: μ/σ² and −1/(2σ²), so a frame's log-likelihood is k + x·wm + x²·wp. */
  private readonly wm: Float64Array;
  private readonly wp: Float64Array;
  private readonly x: Float64Array;
  private readonly k: Float64Array;
  private readonly ll: Float64Array;
  private readonly x2: Float64Array;
  constructor(readonly gmm: Gmm) {
    const { C, D } = gmm;
    this.C = C;
    this.D = D;
    this.wm = new Float64Array(C * D);
    this.wp = new Float64Array(C * D);
    this.k = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let k = Math.log(Math.max(gmm.weights[c]!, 1e-30)) - 0.5 * D * LOG_2PI;
      for (let d = 0; d < D; d++) {
        const i = c * D + d;
        const v = gmm.variances[i]!;
        const m = gmm.means[i]!;
        this.wm[i] = m / v;
        this.wp[i] = -0.5 / v;
        k -= 0.5 * (Math.log(v) + (m * m) / v);
      }
      this.k[c] = k;
    }
    this.ll = new Float64Array(C);
    this.x2 = new Float64Array(D);
    this.x = new Float64Array(D);
  }

  /**
   * Accumulate posterior-weighted statistics of `n` frames (row-major n × D) into `stats`.
   * Posteriors below 1e-4 are skipped: they change nothing measurable and cost most of the time.
   */
  accumulate(feats: Float32Array, n: number, stats: GmmStats): void {
    const { C, D, wm, wp, k, ll, x, x2 } = this;
    const D2 = D & ~1;
    const { N, F, S } = stats;
    let logLik = 0;
    for (let r = 0; r < n; r++) {
      const o = r * D;
      for (let d = 0; d < D; d++) {
        const v = feats[o + d]!;
        x[d] = v;
        x2[d] = v * v;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        const cd = c * D;
        let a = k[c]!;
        let b = 0;
        let d = 0;
        for (; d < D2; d += 2) {
          a += x[d]! * wm[cd + d]! + x[d + 1]! * wm[cd + d + 1]!;
          b += x2[d]! * wp[cd + d]! + x2[d + 1]! * wp[cd + d + 1]!;
        }
        if (d < D) a += x[d]! * wm[cd + d]! + x2[d]! * wp[cd + d]!;
        a += b;
        ll[c] = a;
        if (a > max) max = a;
      }
      // components more than 12 nats below the best carry < 1e-5 of the mass: no exp needed
      let sum = 0;
      const cut = max - 12;
      for (let c = 0; c < C; c++) {
        const l = ll[c]!;
        const e = l > cut ? Math.exp(l - max) : 0;
        ll[c] = e;
        sum += e;
      }
      logLik += max + Math.log(sum);
      const inv = 1 / sum;
      for (let c = 0; c < C; c++) {
        const p = ll[c]! * inv;
        if (p < 1e-4) continue;
        N[c] += p;
        const cd = c * D;
        for (let d = 0; d < D; d++) F[cd + d] += p * x[d]!;
        if (S) for (let d = 0; d < D; d++) S[cd + d] += p * x2[d]!;
      }
    }
    stats.frames += n;
    stats.logLik += logLik;
  }
}

export function emptyStats(C: number, D: number, second = false): GmmStats {
  const s: GmmStats = { N: new Float64Array(C), F: new Float64Array(C * D), frames: 0, logLik: 0 };
  if (second) s.S = new Float64Array(C * D);
  return s;
}

/** Add `b` into `a` (pooling several files or worker shards). */
export function addStats(a: GmmStats, b: GmmStats): void {
  for (let i = 0; i < a.N.length; i++) a.N[i] += b.N[i]!;
  for (let i = 0; i < a.F.length; i++) a.F[i] += b.F[i]!;
  if (a.S && b.S) for (let i = 0; i < a.S.length; i++) a.S[i] += b.S[i]!;
  a.frames += b.frames;
  a.logLik += b.logLik;
}

/** One maximum-likelihood M-step from accumulated statistics, with a variance floor. */
export function mStep(prev: Gmm, stats: GmmStats, varFloor = 1e-3): Gmm {
  const { C, D } = prev;
  const S = stats.S;
  if (!S) throw new Error("mStep needs second-order statistics");
  const total = stats.N.reduce((a, b) => a + b, 0);
  const weights = new Float32Array(C);
  const means = new Float32Array(C * D);
  const variances = new Float32Array(C * D);
  for (let c = 0; c < C; c++) {
    const n = stats.N[c]!;
    if (n < 1e-3) {
      // dead component: keep the old one with a tiny weight
      weights[c] = 1e-6;
      for (let d = 0; d < D; d++) {
        means[c * D + d] = prev.means[c * D + d]!;
        variances[c * D + d] = prev.variances[c * D + d]!;
      }
      continue;
    }
    weights[c] = n / total;
    for (let d = 0; d < D; d++) {
      const i = c * D + d;
      const m = stats.F[i]! / n;
      means[i] = m;
      variances[i] = Math.max(S[i]! / n - m * m, varFloor);
    }
  }
  let ws = 0;
  for (let c = 0; c < C; c++) ws += weights[c]!;
  for (let c = 0; c < C; c++) weights[c] = weights[c]! / ws;
  return { C, D, weights, means, variances };
}
