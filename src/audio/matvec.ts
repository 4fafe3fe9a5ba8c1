// The one dense matrix-vector product of the audio code (the DCT of every frame, the projection of every print).

/**
 * out[at + r] = Σ_c a[r·cols + c] · x[c] for r < rows (a row-major, rows × cols).
 * Four rows at a time: four independent sums share each load of x, where one running sum would leave the
 * FPU waiting on its adder. The sums run in doubles and are rounded once, into `out`.
 */
export function matVec(a: Float64Array, rows: number, cols: number, x: Float64Array, out: Float32Array, at = 0): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const r0 = r * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let c = 0; c < cols; c++) {
      const v = x[c]!;
      s0 += a[r0 + c]! * v;
      s1 += a[r1 + c]! * v;
      s2 += a[r2 + c]! * v;
      s3 += a[r3 + c]! * v;
    }
    out[at + r] = s0;
    out[at + r + 1] = s1;
    out[at + r + 2] = s2;
    out[at + r + 3] = s3;
  }
  for (; r < rows; r++) {
    let s = 0;
    const row = r * cols;
    for (let c = 0; c < cols; c++) s += a[row + c]! * x[c]!;
    out[at + r] = s;
  }
}
