// Turns two voiceprints into the service's 0–100 integer similarity score (90 = accept, 50 = fraud risk).

import { voiceprintFromBuffer } from "./voiceprint.js";

/**
 * Score mapping.
 *  1. c = cosine of the two unit-length embeddings.
 *  2. z = adaptive symmetric score normalisation (s-norm): 0.5·((c − μa)/σa + (c − μb)/σb), where μ, σ are
 *     each print's mean/std cosine against its nearest training-cohort speakers (stored in the print).
 *     z says "how many cohort standard deviations more alike than a typical other speaker".
 *  3. z → 0–100 by the piecewise-linear calibration stored in the print (chosen at training time on
 *     speakers held out of the projection training):
 *       between the out-of-fold different-speaker tail (99.9th percentile) and the weakest genuine callers (2nd
 *       percentile of clean same-speaker z) lies a gap: 50 (fraud flag; spec default RiskThreshold) sits 30 % into
 *       it and 90 (spec default AcceptanceThreshold) 40 % (scripts/audio/calibration.mjs, docs/audio.md).
 *     Below the first anchor → 0, above the last → 100.
 *  4. The integer score is rounded down, so score ≥ T exactly when the calibrated score reaches T: a printed 50
 *     means the pair reached the fraud anchor. (Rounding to nearest flagged pairs from 49.5 up; with the mel model
 *     of the day, whose calibration spread 30 points over about 4.6 cohort standard deviations below 50, that half
 *     point moved the effective fraud boundary from 30 % to 16 % of the way into the gap between different and
 *     same speakers.)
 * Prints from different model kinds, sizes or models are not comparable and score 0. A model is told by the
 * calibration anchors its prints carry (each training run places them from its own out-of-fold trials), so a
 * speaker enrolled before the shipped model changed is rejected rather than scored in another model's space.
 */
export function score(a: Float32Array, b: Float32Array): number {
  // The thousandth of a point absorbs float32 error: a print against itself has cosine 0.99999994, not 1.
  return Math.floor(scoreExact(a, b) + 1e-3);
}

/** The same score before it is rounded down (for evaluation and tie-breaking). */
export function scoreExact(a: Float32Array, b: Float32Array): number {
  if (!comparable(a, b)) return 0;
  const K = a[3]!;
  const off = 4 + 2 * K;
  let c = 0;
  for (let i = off; i < a.length; i++) c += a[i]! * b[i]!;
  const z = 0.5 * ((c - a[1]!) / a[2]! + (c - b[1]!) / b[2]!);
  return mapScore(z, a.subarray(4, 4 + K), a.subarray(4 + K, 4 + 2 * K));
}

/** Same kind, size and calibration (so the same model made both). */
function comparable(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length || a[0] !== b[0] || a[3] !== b[3]) return false;
  for (let i = 4; i < 4 + 2 * a[3]!; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The normalised score z (before calibration). */
export function normalisedScore(a: Float32Array, b: Float32Array): number {
  const K = a[3]!;
  const off = 4 + 2 * K;
  let c = 0;
  for (let i = off; i < a.length; i++) c += a[i]! * b[i]!;
  return 0.5 * ((c - a[1]!) / a[2]! + (c - b[1]!) / b[2]!);
}

function mapScore(z: number, zs: ArrayLike<number>, ss: ArrayLike<number>): number {
  const K = zs.length;
  if (!(z > zs[0]!)) return ss[0]!; // also catches NaN
  if (z >= zs[K - 1]!) return ss[K - 1]!;
  for (let i = 1; i < K; i++) {
    if (z < zs[i]!) {
      const t = (z - zs[i - 1]!) / (zs[i]! - zs[i - 1]!);
      return ss[i - 1]! + t * (ss[i]! - ss[i - 1]!);
    }
  }
  return ss[K - 1]!;
}

/** Score two stored voiceprint BLOBs. */
export function scoreBuffers(a: Uint8Array, b: Uint8Array): number {
  return score(voiceprintFromBuffer(a), voiceprintFromBuffer(b));
}
