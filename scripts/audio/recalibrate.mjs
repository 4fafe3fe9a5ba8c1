// Rewrites only the score calibration of a trained model file, from the out-of-fold quantiles train.mjs logged (saves a full retraining when the anchor rule changes).
//
// Usage: node scripts/audio/recalibrate.mjs MODEL [imp50 imp99 imp999 tgtClean02 tgt50]
// Without the numbers it uses the quantiles stored in the model's info (train.mjs records them).
// Applies the rule of calibration.mjs, as train.mjs does.

import { readFileSync, writeFileSync } from "node:fs";
import { decodeModel, encodeModel } from "../../dist/audio/model.js";
import { calibrationFromQuantiles } from "./calibration.mjs";

const [file, ...nums] = process.argv.slice(2);
if (!file || (nums.length !== 0 && nums.length !== 5) || nums.some((n) => !Number.isFinite(Number(n)))) {
  console.error("usage: recalibrate.mjs MODEL [imp50 imp99 imp999 tgtClean02 tgt50]");
  process.exit(2);
}
const model = decodeModel(readFileSync(file));
const names = ["imp50", "imp99", "imp999", "tgtClean02", "tgt50"];
const q = nums.length ? Object.fromEntries(names.map((n, i) => [n, Number(nums[i])])) : model.info?.quantiles;
if (!q || names.some((n) => !Number.isFinite(q[n]))) {
  console.error("the model records no out-of-fold quantiles: pass them on the command line");
  process.exit(2);
}
model.calibration = calibrationFromQuantiles(q);
model.info = { ...model.info, quantiles: q };
writeFileSync(file, encodeModel(model));
console.log(model.calibration);
