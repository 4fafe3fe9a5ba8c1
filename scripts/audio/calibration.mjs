// The score calibration rule, shared by train.mjs and recalibrate.mjs: out-of-fold z quantiles → the
// piecewise-linear anchors z ↦ 0, 20, 50, 90, 100 stored in the model.
//
// Between the different-speaker tail (99.9th percentile, imp999) and the bottom of the genuine callers (2nd
// percentile of clean same-speaker z, tgtClean02) lies a gap. Unseen voices have heavier different-speaker
// tails than the out-of-fold trials (5-10x on the held-out set) and look-alike voices sit in that tail, so
// 50 (the fraud flag) goes 40 % into the gap rather than at its bottom, and 90 (acceptance) 60 % into it,
// leaving the top 40 % as room for genuine callers who score lower than the training voices did.
export const FRAUD_FRACTION = 0.4;
export const ACCEPT_FRACTION = 0.6;

/** q: { imp50, imp99, imp999, tgtClean02, tgt50 } → { z: [z0, z20, z50, z90, z100], s: [0, 20, 50, 90, 100] } */
export function calibrationFromQuantiles(q) {
  const gap = Math.max(q.tgtClean02 - q.imp999, 0.25);
  const z50 = q.imp999 + FRAUD_FRACTION * gap;
  const z90 = q.imp999 + ACCEPT_FRACTION * gap;
  const z0 = q.imp50 - 3 * (q.imp99 - q.imp50);
  const z20 = q.imp50;
  const z100 = Math.max(q.tgt50 + (q.tgt50 - z90), z90 + 1);
  return { z: [z0, z20, z50, z90, z100].map((v) => +v.toFixed(4)), s: [0, 20, 50, 90, 100] };
}
