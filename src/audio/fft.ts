// Radix-2 real FFT with precomputed twiddles, enough for 8 kHz speech frames (no dependency, no native code).
// Written for speed in plain JS: the two twiddle-free first stages are fused, each later stage reads its
// twiddles from a contiguous table, and callers may ask for only the bins they use.

/** Power-spectrum calculator for real frames of a fixed power-of-two size n (output n/2 + 1 bins). */
export class RealFft {
  readonly n: number;
  private readonly m: number; // complex FFT size = n / 2
  private readonly rev: Int32Array;
  /** Twiddles of the stage whose butterflies span h: (cos, sin) of e^{-iπk/h} at 2(h + k), k < h. */
  private readonly tw: Float64Array;
  private readonly pcos: Float64Array; // post-processing twiddles e^{-2πik/n}
  private readonly psin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(n: number) {
    if (n < 8 || (n & (n - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 8, got ${n}`);
    this.n = n;
    const m = n >> 1;
    this.m = m;
    this.rev = new Int32Array(m);
    const bits = Math.log2(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.tw = new Float64Array(2 * m);
    for (let h = 1; h < m; h <<= 1) {
      for (let k = 0; k < h; k++) {
        this.tw[2 * (h + k)] = Math.cos((-Math.PI * k) / h);
        this.tw[2 * (h + k) + 1] = Math.sin((-Math.PI * k) / h);
      }
    }
    this.pcos = new Float64Array(m + 1);
    this.psin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.pcos[k] = Math.cos((-2 * Math.PI * k) / n);
      this.psin[k] = Math.sin((-2 * Math.PI * k) / n);
    }
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
  }

  /**
   * |X[k]|² of the real signal `x` (length ≤ n, zero-padded), written into `out[k]` for k = lo..hi
   * (default: all n/2 + 1 bins; other entries of `out` are left alone).
   * Packs even/odd samples into one complex FFT of size n/2, then untangles the halves.
   */
  powerSpectrum(x: ArrayLike<number>, out: Float64Array, lo = 0, hi = this.m): void {
    const { m, rev, re, im } = this;
    const len = Math.min(x.length, this.n);
    const pairs = len >> 1;
    for (let i = 0; i < pairs; i++) {
      const j = rev[i]!;
      re[j] = x[2 * i]!;
      im[j] = x[2 * i + 1]!;
    }
    let i = pairs;
    if (len & 1) {
      const j = rev[i++]!;
      re[j] = x[len - 1]!;
      im[j] = 0;
    }
    for (; i < m; i++) {
      const j = rev[i]!;
      re[j] = 0;
      im[j] = 0;
    }
    this.transform(out, lo, hi);
  }

  /**
   * powerSpectrum of a speech frame: x[start .. start + window.length) pre-emphasised (y[t] = x[t] − a·x[t−1],
   * reading x[start − 1] when there is one) and windowed, loaded straight into the FFT's buffers.
   * window.length must be even and ≤ n.
   */
  framePowerSpectrum(x: Float32Array, start: number, window: Float64Array, preEmphasis: number, out: Float64Array, lo: number, hi: number): void {
    const { m, rev, re, im } = this;
    const pairs = window.length >> 1;
    let prev = start > 0 ? x[start - 1]! : 0;
    for (let i = 0, t = start; i < pairs; i++, t += 2) {
      const j = rev[i]!;
      const v0 = x[t]!;
      const v1 = x[t + 1]!;
      re[j] = (v0 - preEmphasis * prev) * window[2 * i]!;
      im[j] = (v1 - preEmphasis * v0) * window[2 * i + 1]!;
      prev = v1;
    }
    for (let i = pairs; i < m; i++) {
      const j = rev[i]!;
      re[j] = 0;
      im[j] = 0;
    }
    this.transform(out, lo, hi);
  }

  /** The FFT of the bit-reversed input in re/im, then |X[k]|² for k = lo..hi into out. */
  private transform(out: Float64Array, lo: number, hi: number): void {
    const { m, re, im, tw } = this;
    // stages of span 1 and 2 fused: their twiddles are 1 and −i
    for (let s = 0; s < m; s += 4) {
      const r0 = re[s]!, i0 = im[s]!, r1 = re[s + 1]!, i1 = im[s + 1]!;
      const r2 = re[s + 2]!, i2 = im[s + 2]!, r3 = re[s + 3]!, i3 = im[s + 3]!;
      const ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1;
      const cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3;
      re[s] = ar + cr;
      im[s] = ai + ci;
      re[s + 2] = ar - cr;
      im[s + 2] = ai - ci;
      re[s + 1] = br + di; // b + (−i)·d
      im[s + 1] = bi - dr;
      re[s + 3] = br - di;
      im[s + 3] = bi + dr;
    }
    // then two stages per pass (spans h and 2h) while two remain, so each value is loaded and stored half as often
    let h = 4;
    for (; 2 * h < m; h <<= 2) {
      const block = h << 2;
      for (let k = 0; k < h; k++) {
        const w1r = tw[2 * (h + k)]!; // span h twiddle, shared by both first-stage butterflies
        const w1i = tw[2 * (h + k) + 1]!;
        const w2r = tw[2 * (2 * h + k)]!; // span 2h twiddle; the one for k + h is −i times it
        const w2i = tw[2 * (2 * h + k) + 1]!;
        for (let p0 = k; p0 < m; p0 += block) {
          const p1 = p0 + h;
          const p2 = p1 + h;
          const p3 = p2 + h;
          const r1 = re[p1]!, i1 = im[p1]!, r3 = re[p3]!, i3 = im[p3]!;
          const t1r = r1 * w1r - i1 * w1i;
          const t1i = r1 * w1i + i1 * w1r;
          const t3r = r3 * w1r - i3 * w1i;
          const t3i = r3 * w1i + i3 * w1r;
          const r0 = re[p0]!, i0 = im[p0]!, r2 = re[p2]!, i2 = im[p2]!;
          const ar = r0 + t1r, ai = i0 + t1i, br = r0 - t1r, bi = i0 - t1i;
          const cr = r2 + t3r, ci = i2 + t3i, dr = r2 - t3r, di = i2 - t3i;
          const ur = cr * w2r - ci * w2i; // w2·c
          const ui = cr * w2i + ci * w2r;
          const vr = dr * w2i + di * w2r; // −i·w2·d
          const vi = di * w2i - dr * w2r;
          re[p0] = ar + ur;
          im[p0] = ai + ui;
          re[p2] = ar - ur;
          im[p2] = ai - ui;
          re[p1] = br + vr;
          im[p1] = bi + vi;
          re[p3] = br - vr;
          im[p3] = bi - vi;
        }
      }
    }
    for (; h < m; h <<= 1) {
      const span = h << 1;
      for (let k = 0; k < h; k++) {
        const wr = tw[2 * (h + k)]!;
        const wi = tw[2 * (h + k) + 1]!;
        for (let p = k; p < m; p += span) {
          const q = p + h;
          const qr = re[q]!;
          const qi = im[q]!;
          const xr = qr * wr - qi * wi;
          const xi = qr * wi + qi * wr;
          const pr = re[p]!;
          const pi = im[p]!;
          re[q] = pr - xr;
          im[q] = pi - xi;
          re[p] = pr + xr;
          im[p] = pi + xi;
        }
      }
    }
    const { pcos, psin } = this;
    for (let k = Math.max(0, lo); k <= hi && k <= m; k++) {
      const a = k === m ? 0 : k;
      const b = k === 0 ? 0 : m - k;
      const zr = re[a]!;
      const zi = im[a]!;
      const cr = re[b]!;
      const ci = -im[b]!; // conj(Z[m-k])
      const er = 0.5 * (zr + cr); // even part E = (Z[k] + conj(Z[m-k])) / 2
      const ei = 0.5 * (zi + ci);
      const dr = 0.5 * (zr - cr); // odd part O = (Z[k] − conj(Z[m-k])) / (2i) = (di, −dr)
      const di = 0.5 * (zi - ci);
      const wr = pcos[k]!;
      const wi = psin[k]!;
      const xr = er + di * wr + dr * wi; // X = E + W·O
      const xi = ei + di * wi - dr * wr;
      out[k] = xr * xr + xi * xi;
    }
  }
}
