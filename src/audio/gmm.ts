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

/** Frames scored together: each weight loaded is used for this many frames. */
const BLOCK = 4;

/** Frames whose kept posteriors are buffered before their statistics are added (bounds the scratch memory). */
const FLUSH_FRAMES = 1024;

/** Posteriors below this are dropped from the statistics. */
const MIN_POSTERIOR = 1e-4;

/**
 * Precomputed terms so one frame's log-likelihoods cost 2·C·D multiply-adds. Frames are scored four at a
 * time against two components at a time: eight independent sums per weight load, which is what lets a JS
 * engine approach the FPU's throughput (one running sum is bound by the adder's latency instead).
 */
export class GmmScorer {
  readonly C: number;
  readonly D: number;
  /** Per component, per dimension, interleaved: μ/σ², −1/(2σ²), so a frame's log-likelihood is k + x·wm + x²·wp. */
  private readonly w: Float64Array;
  private readonly k: Float64Array;
  /** The block's frames, per dimension then frame: x at 2(d·BLOCK + j), x² next to it. */
  private readonly xb: Float64Array;
  /** Log-likelihoods, then posteriors, of the block: frame j, component c at j·C + c. */
  private readonly ll: Float64Array;
  /** Kept posteriors of up to FLUSH_FRAMES frames, as (frame, component, posterior) in frame order. */
  private readonly postFrame: Int32Array;
  private readonly postComp: Int32Array;
  private readonly postP: Float64Array;
  /** The same entries grouped by component (counting sort): component c's at compStart[c] .. compStart[c + 1]. */
  private readonly compStart: Int32Array;
  private readonly byCompFrame: Int32Array;
  private readonly byCompP: Float64Array;
  constructor(readonly gmm: Gmm) {
    const { C, D } = gmm;
    this.C = C;
    this.D = D;
    this.w = new Float64Array(C * D * 2);
    this.k = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let k = Math.log(Math.max(gmm.weights[c]!, 1e-30)) - 0.5 * D * LOG_2PI;
      for (let d = 0; d < D; d++) {
        const i = c * D + d;
        const v = gmm.variances[i]!;
        const m = gmm.means[i]!;
        this.w[2 * i] = m / v;
        this.w[2 * i + 1] = -0.5 / v;
        k -= 0.5 * (Math.log(v) + (m * m) / v);
      }
      this.k[c] = k;
    }
    this.ll = new Float64Array(BLOCK * C);
    this.xb = new Float64Array(BLOCK * D * 2);
    const capacity = FLUSH_FRAMES * C;
    this.postFrame = new Int32Array(capacity);
    this.postComp = new Int32Array(capacity);
    this.postP = new Float64Array(capacity);
    this.compStart = new Int32Array(C + 1);
    this.byCompFrame = new Int32Array(capacity);
    this.byCompP = new Float64Array(capacity);
  }

  /**
   * Accumulate posterior-weighted statistics of `n` frames (row-major n × D) into `stats`. Two passes: the
   * posteriors of every frame (kept sparse), then the statistics component by component, eight dimensions at
   * a time in running sums, so each frame's features are read once per component instead of each statistic
   * being read and written once per frame.
   */
  accumulate(feats: Float32Array, n: number, stats: GmmStats): void {
    const { C, D, xb } = this;
    let logLik = 0;
    let kept = 0;
    for (let r0 = 0; r0 < n; r0 += BLOCK) {
      const nb = Math.min(BLOCK, n - r0);
      for (let j = 0; j < BLOCK; j++) {
        const o = (r0 + (j < nb ? j : 0)) * D; // a short last block repeats its first frame (not added)
        for (let d = 0; d < D; d++) {
          const v = feats[o + d]!;
          const p = 2 * (d * BLOCK + j);
          xb[p] = v;
          xb[p + 1] = v * v;
        }
      }
      this.logLikelihoods();
      for (let j = 0; j < nb; j++) {
        logLik += this.posteriors(j);
        kept = this.keep(j, r0 + j, kept);
      }
      // bounded scratch: a long call's statistics are added every FLUSH_FRAMES frames
      if (kept > this.postP.length - BLOCK * C) kept = this.flush(feats, kept, stats);
    }
    this.flush(feats, kept, stats);
    stats.frames += n;
    stats.logLik += logLik;
  }

  /** Adds the statistics of the kept posteriors; returns 0, the new entry count. */
  private flush(feats: Float32Array, kept: number, stats: GmmStats): number {
    this.groupByComponent(kept);
    this.addStatistics(feats, stats);
    return 0;
  }

  /** ll[j·C + c] = log w_c N(x_j; μ_c, σ_c²) for the BLOCK frames in xb. */
  private logLikelihoods(): void {
    const { C, D, w, k, ll, xb } = this;
    const c2 = C & ~1;
    for (let c = 0; c < c2; c += 2) {
      let a0 = k[c]!;
      let a1 = a0, a2 = a0, a3 = a0;
      let b0 = k[c + 1]!;
      let b1 = b0, b2 = b0, b3 = b0;
      let wa = 2 * c * D;
      let wb = wa + 2 * D;
      for (let d = 0, p = 0; d < D; d++, p += 2 * BLOCK, wa += 2, wb += 2) {
        const am = w[wa]!, ap = w[wa + 1]!, bm = w[wb]!, bp = w[wb + 1]!;
        const x0 = xb[p]!, y0 = xb[p + 1]!, x1 = xb[p + 2]!, y1 = xb[p + 3]!;
        const x2 = xb[p + 4]!, y2 = xb[p + 5]!, x3 = xb[p + 6]!, y3 = xb[p + 7]!;
        a0 += x0 * am + y0 * ap;
        a1 += x1 * am + y1 * ap;
        a2 += x2 * am + y2 * ap;
        a3 += x3 * am + y3 * ap;
        b0 += x0 * bm + y0 * bp;
        b1 += x1 * bm + y1 * bp;
        b2 += x2 * bm + y2 * bp;
        b3 += x3 * bm + y3 * bp;
      }
      ll[c] = a0;
      ll[C + c] = a1;
      ll[2 * C + c] = a2;
      ll[3 * C + c] = a3;
      ll[c + 1] = b0;
      ll[C + c + 1] = b1;
      ll[2 * C + c + 1] = b2;
      ll[3 * C + c + 1] = b3;
    }
    for (let c = c2; c < C; c++) {
      for (let j = 0; j < BLOCK; j++) {
        let a = k[c]!;
        for (let d = 0; d < D; d++) {
          const p = 2 * (d * BLOCK + j);
          a += xb[p]! * w[2 * (c * D + d)]! + xb[p + 1]! * w[2 * (c * D + d) + 1]!;
        }
        ll[j * C + c] = a;
      }
    }
  }

  /** Frame j of the block: its log-likelihoods at ll[j·C ..] → posteriors in place; returns the frame's log-likelihood. */
  private posteriors(j: number): number {
    const { C, ll } = this;
    const base = j * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (ll[base + c]! > max) max = ll[base + c]!;
    // components more than 12 nats below the best carry < 1e-5 of the mass: no exp needed
    let sum = 0;
    const cut = max - 12;
    for (let c = 0; c < C; c++) {
      const l = ll[base + c]!;
      const e = l > cut ? Math.exp(l - max) : 0;
      ll[base + c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let c = 0; c < C; c++) ll[base + c] = ll[base + c]! * inv;
    return max + Math.log(sum);
  }

  /**
   * Records frame `frame`'s posteriors (block row j) from MIN_POSTERIOR up; returns the new entry count. The
   * ones below hold ~0.02 % of a frame's mass and would cost most of the time.
   */
  private keep(j: number, frame: number, kept: number): number {
    const { C, ll, postFrame, postComp, postP } = this;
    const base = j * C;
    for (let c = 0; c < C; c++) {
      const p = ll[base + c]!;
      if (p < MIN_POSTERIOR) continue;
      postFrame[kept] = frame;
      postComp[kept] = c;
      postP[kept++] = p;
    }
    return kept;
  }

  /** Counting sort of the kept entries by component, frame order kept within each. */
  private groupByComponent(kept: number): void {
    const { C, compStart, postFrame, postComp, postP, byCompFrame, byCompP } = this;
    compStart.fill(0);
    for (let i = 0; i < kept; i++) compStart[postComp[i]! + 1]++;
    for (let c = 0; c < C; c++) compStart[c + 1] += compStart[c]!;
    const next = compStart.slice(0, C);
    for (let i = 0; i < kept; i++) {
      const at = next[postComp[i]!]++;
      byCompFrame[at] = postFrame[i]!;
      byCompP[at] = postP[i]!;
    }
  }

  /** N, F (and S) from the grouped posteriors: per component, eight dimensions' sums at a time. */
  private addStatistics(feats: Float32Array, stats: GmmStats): void {
    const { C, D, compStart, byCompFrame, byCompP } = this;
    const { N, F, S } = stats;
    for (let c = 0; c < C; c++) {
      const from = compStart[c]!;
      const to = compStart[c + 1]!;
      if (from === to) continue;
      let n = 0;
      for (let i = from; i < to; i++) n += byCompP[i]!;
      N[c] += n;
      const cd = c * D;
      let d = 0;
      for (; d + 8 <= D; d += 8) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (let i = from; i < to; i++) {
          const p = byCompP[i]!;
          const o = byCompFrame[i]! * D + d;
          s0 += p * feats[o]!;
          s1 += p * feats[o + 1]!;
          s2 += p * feats[o + 2]!;
          s3 += p * feats[o + 3]!;
          s4 += p * feats[o + 4]!;
          s5 += p * feats[o + 5]!;
          s6 += p * feats[o + 6]!;
          s7 += p * feats[o + 7]!;
        }
        F[cd + d] += s0;
        F[cd + d + 1] += s1;
        F[cd + d + 2] += s2;
        F[cd + d + 3] += s3;
        F[cd + d + 4] += s4;
        F[cd + d + 5] += s5;
        F[cd + d + 6] += s6;
        F[cd + d + 7] += s7;
      }
      for (; d < D; d++) {
        let s = 0;
        for (let i = from; i < to; i++) s += byCompP[i]! * feats[byCompFrame[i]! * D + d]!;
        F[cd + d] += s;
      }
      if (S) {
        for (let e = 0; e < D; e++) {
          let s = 0;
          for (let i = from; i < to; i++) {
            const v = feats[byCompFrame[i]! * D + e]!;
            s += byCompP[i]! * v * v;
          }
          S[cd + e] += s;
        }
      }
    }
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
