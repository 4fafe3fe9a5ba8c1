// Compares the per-call cost of two voiceprint model files side by side in one process (a retrained model can
// cost more: a larger UBM, projection or cohort).
//
// Usage: npm run build && node bench/voiceprint-models.mjs MODEL_A MODEL_B [WAV…]
//   (default WAVs: the mono shared/audio calls; e.g. MODEL_A from `git show REV:data/voiceprint-model.bin > a.bin`)

import { readFileSync } from "node:fs";
import { analyzeWav, decodeModel } from "../dist/audio/index.js";
import { sharedMonoCalls } from "./shared-calls.mjs";

const [pathA, pathB, ...wavs] = process.argv.slice(2);
if (!pathA || !pathB) {
  console.error("usage: node bench/voiceprint-models.mjs MODEL_A MODEL_B [WAV…]");
  process.exit(2);
}
const paths = wavs.length ? wavs : sharedMonoCalls();
if (paths.length === 0) {
  console.error("no WAV files: pass some, or run next to ../shared/audio");
  process.exit(2);
}
const files = paths.map((p) => new Uint8Array(readFileSync(p)));
const models = [pathA, pathB].map((p) => ({ path: p, model: decodeModel(readFileSync(p)), best: Infinity }));
const audioS = files.reduce((a, b) => a + analyzeWav(b, { model: models[0].model }).durationS, 0);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

for (const m of models) for (let i = 0; i < 3; i++) for (const b of files) analyzeWav(b, { model: m.model }); // JIT warm-up
// This machine's speed drifts by ±20 % within a minute, so what is compared is the ratio of two adjacent
// timings, in alternating order (AB, BA, …), and its median over the passes.
const PASSES = 16;
const ratios = [];
const timed = (m) => {
  const c0 = cpu();
  for (const b of files) analyzeWav(b, { model: m.model });
  const t = cpu() - c0;
  m.best = Math.min(m.best, t);
  return t;
};
for (let pass = 0; pass < PASSES; pass++) {
  const order = pass % 2 ? models : [models[1], models[0]];
  const seconds = new Map(order.map((m) => [m, timed(m)]));
  ratios.push(seconds.get(models[1]) / seconds.get(models[0]));
}
for (const m of models) console.log(`${m.path}: ${files.length} files, ${audioS.toFixed(0)} s of audio in ${(m.best * 1000).toFixed(0)} ms CPU (best of ${PASSES}) → ${(audioS / m.best).toFixed(0)}× real time per CPU-second`);
ratios.sort((x, y) => x - y);
const median = (ratios[PASSES / 2 - 1] + ratios[PASSES / 2]) / 2;
const change = (median - 1) * 100;
console.log(`B / A per call: median ${median.toFixed(3)} over ${PASSES} adjacent pairs (range ${ratios[0].toFixed(3)}–${ratios[PASSES - 1].toFixed(3)}): B costs ${Math.abs(change).toFixed(1)} % ${change >= 0 ? "more" : "less"}`);
