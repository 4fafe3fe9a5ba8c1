// Rewrites only the score calibration of a trained model file, from the out-of-fold quantiles train.mjs logged (saves a full retraining when the anchor rule changes).
//
// Usage: node scripts/audio/recalibrate.mjs MODEL imp50 imp99 imp999 tgtClean02 tgt50
// Applies the same rule as train.mjs.

import { readFileSync, writeFileSync } from "node:fs";
import { decodeModel, encodeModel } from "../../dist/audio/model.js";

const [file, ...nums] = process.argv.slice(2);
const [imp50, imp99, imp999, tgtClean02, tgt50] = nums.map(Number);
if (!file || nums.length !== 5 || nums.some((n) => !Number.isFinite(Number(n)))) {
  console.error("usage: recalibrate.mjs MODEL imp50 imp99 imp999 tgtClean02 tgt50");
  process.exit(2);
}
const model = decodeModel(readFileSync(file));
const z50 = imp999;
const z90 = Math.max(z50 + 0.1, 0.5 * (z50 + tgtClean02));
const z0 = imp50 - 3 * (imp99 - imp50);
const z100 = Math.max(tgt50 + (tgt50 - z90), z90 + 1);
model.calibration = { z: [z0, imp50, z50, z90, z100].map((v) => +v.toFixed(4)), s: [0, 20, 50, 90, 100] };
writeFileSync(file, encodeModel(model));
console.log(model.calibration);
