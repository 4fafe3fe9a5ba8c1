// Radix-2 real FFT with precomputed twiddles, enough for 8 kHz speech frames (no dependency, no native code).

/** Power-spectrum calculator for real frames of a fixed power-of-two size n (output n/2 + 1 bins). */
export class RealFft {
  readonly n: number;
  private readonly m: number; // complex FFT size = n / 2
  private readonly rev: Uint16Array;
  private readonly cos: Float64Array; // twiddles of the size-m complex FFT
  private readonly sin: Float64Array;
  private readonly pcos: Float64Array; // post-processing twiddles e^{-2πik/n}
  private readonly psin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(n: number) {
    if (n < 4 || (n & (n - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 4, got ${n}`);
    this.n = n;
    const m = n >> 1;
    this.m = m;
    this.rev = new Uint16Array(m);
    const bits = Math.log2(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cos = new Float64Array(m >> 1);
    this.sin = new Float64Array(m >> 1);
    for (let k = 0; k < m >> 1; k++) {
      this.cos[k] = Math.cos((-2 * Math.PI * k) / m);
      this.sin[k] = Math.sin((-2 * Math.PI * k) / m);
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
   * |X[k]|² for k = 0..n/2 of the real signal `x` (length ≤ n, zero-padded), written into `out`.
   * Packs even/odd samples into one complex FFT of size n/2, then untangles the halves.
   */
  powerSpectrum(x: ArrayLike<number>, out: Float64Array): void {
    const { m, rev, re, im, cos, sin } = this;
    const len = x.length;
    for (let i = 0; i < m; i++) {
      const j = rev[i]!;
      const a = 2 * i;
      re[j] = a < len ? x[a]! : 0;
      im[j] = a + 1 < len ? x[a + 1]! : 0;
    }
    for (let size = 2; size <= m; size <<= 1) {
      const half = size >> 1;
      const step = m / size;
      for (let start = 0; start < m; start += size) {
        for (let k = 0, t = 0; k < half; k++, t += step) {
          const wr = cos[t]!;
          const wi = sin[t]!;
          const p = start + k;
          const q = p + half;
          const qr = re[q]!;
          const qi = im[q]!;
          const pr = re[p]!;
          const pi = im[p]!;
          const xr = qr * wr - qi * wi;
          const xi = qr * wi + qi * wr;
          re[q] = pr - xr;
          im[q] = pi - xi;
          re[p] = pr + xr;
          im[p] = pi + xi;
        }
      }
    }
    const { pcos, psin } = this;
    for (let k = 0; k <= m; k++) {
      const a = k === m ? 0 : k;
      const b = k === 0 ? 0 : m - k;
      const zr = re[a]!;
      const zi = im[a]!;
      const cr = re[b]!;
      const ci = -im[b]!; // conj(Z[m-k])
      const er = 0.5 * (zr + cr);
      const ei = 0.5 * (zi + ci);
      // O = (Z[k] - conj(Z[m-k])) / (2i)
      const dr = 0.5 * (zr - cr);
      const di = 0.5 * (zi - ci);
      const or = di;
      const oi = -dr;
      const wr = pcos[k]!;
      const wi = psin[k]!;
      const xr = er + or * wr - oi * wi;
      const xi = ei + or * wi + oi * wr;
      out[k] = xr * xr + xi * xi;
    }
  }
}
