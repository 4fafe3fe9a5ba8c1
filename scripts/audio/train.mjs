// Trains the voiceprint model (64-component UBM, PCA+LDA projection, cohort, score calibration) on the generated training corpus and writes data/voiceprint-model.bin.
//
// Usage: npm run build && node scripts/audio/train.mjs [CORPUS=/tmp/vid-corpus] [OUT=data/voiceprint-model.bin]
// Uses only the "train" split of CORPUS/manifest.json (made by make-corpus.mjs); never reads shared/audio or the eval split.
// Knobs (environment, for experiments; the defaults made the shipped model): UBM_C, RELEVANCE, PCA_DIMS, LDA_DIMS,
// FOLDS, FILTERS, FILTER_SCALE (linear or mel), CEPS, LOW_HZ, HIGH_HZ (the filterbank's band), DELTA and ACCEL
// (regression half-widths of the deltas and of the accelerations; ACCEL=0 leaves accelerations out). Tried on the
// current corpus and worse on the held-out set (with mel spacing, before linear spacing won): RELEVANCE=8,
// PCA_DIMS=600, LDA_DIMS=200, FILTERS=32 CEPS=23, UBM_C=128, and the band at 300–3800, 200–3400, 200–3600,
// 200–3800, 250–3800 and 200–4000 Hz; better only between espeak-ng variants: accelerations with CEPS 10–19
// (docs/audio.md).

import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { readWavChannel } from "../../dist/audio/wav.js";
import { detectSpeech } from "../../dist/audio/speech.js";
import { speakerFeatures, DEFAULT_MFCC } from "../../dist/audio/mfcc.js";
import { calibrationFromQuantiles } from "./calibration.mjs";
import { GmmScorer, emptyStats, addStats, mStep } from "../../dist/audio/gmm.js";
import { supervector, embed, cohortStats } from "../../dist/audio/voiceprint.js";
import { encodeModel } from "../../dist/audio/model.js";
import { eigSym, cholesky, forwardSolve, backSolveT } from "./linalg.mjs";

const CORPUS = process.argv[2] ?? "/tmp/vid-corpus";
const OUT = process.argv[3] ?? "data/voiceprint-model.bin";
const C = Number(process.env.UBM_C ?? 64);
const RELEVANCE = Number(process.env.RELEVANCE ?? 16);
const PCA_DIMS = Number(process.env.PCA_DIMS ?? 400);
const LDA_DIMS = Number(process.env.LDA_DIMS ?? 150);
const TOPK_FRACS = [0.1, 0.3, 1]; // adaptive s-norm cohort sizes tried out-of-fold; the best is kept
const FOLDS = Number(process.env.FOLDS ?? 4);
let TOPK_FRAC = 0.3;
// the feature configuration travels in the model file, so a model trained with other filterbank settings runs as is
const MFCC = {
  ...DEFAULT_MFCC,
  filters: Number(process.env.FILTERS ?? DEFAULT_MFCC.filters),
  filterScale: process.env.FILTER_SCALE ?? DEFAULT_MFCC.filterScale,
  ceps: Number(process.env.CEPS ?? DEFAULT_MFCC.ceps),
  lowHz: Number(process.env.LOW_HZ ?? DEFAULT_MFCC.lowHz),
  highHz: Number(process.env.HIGH_HZ ?? DEFAULT_MFCC.highHz),
  deltaWidth: Number(process.env.DELTA ?? DEFAULT_MFCC.deltaWidth),
  accelWidth: Number(process.env.ACCEL ?? DEFAULT_MFCC.accelWidth),
};
const log = (...a) => console.log(`[${(process.uptime()).toFixed(0)}s]`, ...a);

// ---------- features ----------
const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8")).files.filter((f) => f.split === "train");
// Every clip the manifest lists must be there: training on a half-generated corpus gives a different model
// without a word (make-corpus writes the manifest first and the clips afterwards).
const missing = manifest.filter((f) => !existsSync(join(CORPUS, f.path)));
if (missing.length) {
  console.error(`${missing.length} of ${manifest.length} training clips are missing (first: ${missing[0].path}); finish make-corpus.mjs first`);
  process.exit(1);
}
const clips = [];
for (const f of manifest) {
  const buf = readFileSync(join(CORPUS, f.path));
  let samples;
  try {
    ({ samples } = readWavChannel(buf, 0));
  } catch (e) {
    log(`skipping ${f.path}: ${e.message}`);
    continue;
  }
  const { mask } = detectSpeech(samples);
  const { feats, frames, dims } = speakerFeatures(samples, mask, MFCC);
  if (frames < 300) continue;
  clips.push({ ...f, feats, frames, dims });
}
const D = clips[0].dims;
const speakers = [...new Set(clips.map((c) => c.speaker))].sort();
const persons = [...new Set(clips.map((c) => c.person))].sort();
log(`${clips.length} clips, ${speakers.length} speakers, ${persons.length} persons, ${clips.reduce((a, c) => a + c.frames, 0)} speech frames`);

// ---------- UBM by binary splitting + EM ----------
function sampleFrames(max) {
  const total = clips.reduce((a, c) => a + c.frames, 0);
  const step = Math.max(1, Math.floor(total / max));
  const out = [];
  for (const c of clips) for (let r = 0; r < c.frames; r += step) out.push(c.feats.subarray(r * D, r * D + D));
  const m = new Float32Array(out.length * D);
  out.forEach((row, i) => m.set(row, i * D));
  return { data: m, n: out.length };
}
function emIter(gmm, data, n) {
  const st = emptyStats(gmm.C, D, true);
  new GmmScorer(gmm).accumulate(data, n, st);
  return { gmm: mStep(gmm, st, 1e-3), ll: st.logLik / n };
}
function trainUbm() {
  const { data, n } = sampleFrames(200000);
  const mean = new Float32Array(D);
  const vars = new Float32Array(D);
  for (let r = 0; r < n; r++) for (let d = 0; d < D; d++) mean[d] += data[r * D + d] / n;
  for (let r = 0; r < n; r++) for (let d = 0; d < D; d++) vars[d] += (data[r * D + d] - mean[d]) ** 2 / n;
  let gmm = { C: 1, D, weights: Float32Array.of(1), means: mean, variances: vars };
  while (gmm.C < C) {
    const c2 = gmm.C * 2;
    const means = new Float32Array(c2 * D);
    const variances = new Float32Array(c2 * D);
    const weights = new Float32Array(c2);
    for (let c = 0; c < gmm.C; c++) {
      for (let d = 0; d < D; d++) {
        const m = gmm.means[c * D + d];
        const s = Math.sqrt(gmm.variances[c * D + d]);
        means[2 * c * D + d] = m - 0.2 * s;
        means[(2 * c + 1) * D + d] = m + 0.2 * s;
        variances[2 * c * D + d] = variances[(2 * c + 1) * D + d] = gmm.variances[c * D + d];
      }
      weights[2 * c] = weights[2 * c + 1] = gmm.weights[c] / 2;
    }
    gmm = { C: c2, D, weights, means, variances };
    const iters = c2 === C ? 12 : 5;
    let ll;
    for (let i = 0; i < iters; i++) ({ gmm, ll } = emIter(gmm, data, n));
    log(`UBM ${c2} components: avg loglik ${ll.toFixed(3)}`);
  }
  return gmm;
}
// UBM_CACHE=path reuses a UBM trained earlier on the same corpus (to iterate on the later stages quickly)
let ubm;
if (process.env.UBM_CACHE && existsSync(process.env.UBM_CACHE)) {
  const j = JSON.parse(readFileSync(process.env.UBM_CACHE, "utf8"));
  ubm = { C: j.C, D: j.D, weights: Float32Array.from(j.weights), means: Float32Array.from(j.means), variances: Float32Array.from(j.variances) };
  log("UBM loaded from cache");
} else {
  ubm = trainUbm();
  if (process.env.UBM_CACHE) writeFileSync(process.env.UBM_CACHE, JSON.stringify({ C: ubm.C, D: ubm.D, weights: [...ubm.weights], means: [...ubm.means], variances: [...ubm.variances] }));
}

// ---------- statistics and supervectors ----------
const scorer = new GmmScorer(ubm);
for (const c of clips) {
  c.stats = emptyStats(C, D);
  scorer.accumulate(c.feats, c.frames, c.stats);
  c.sv = supervector(c.stats, ubm, RELEVANCE);
  c.feats = null;
}
log("supervectors done");

// ---------- PCA + LDA projection ----------
function fitProjection(items, pcaDims, ldaDims) {
  const n = items.length;
  const P = items[0].sv.length;
  const mean = new Float64Array(P);
  for (const it of items) for (let i = 0; i < P; i++) mean[i] += it.sv[i] / n;
  const X = items.map((it) => Float64Array.from(it.sv, (v, i) => v - mean[i]));
  // PCA through the Gram matrix of at most 1500 evenly spaced items (the basis, not the data, is subsampled)
  const step = Math.max(1, Math.ceil(n / 1500));
  const Xs = X.filter((_, a) => a % step === 0);
  const ns = Xs.length;
  const G = Array.from({ length: ns }, () => new Float64Array(ns));
  for (let a = 0; a < ns; a++) {
    for (let b = a; b < ns; b++) {
      let s = 0;
      const xa = Xs[a], xb = Xs[b];
      for (let i = 0; i < P; i++) s += xa[i] * xb[i];
      G[a][b] = G[b][a] = s;
    }
  }
  const { values, vectors } = eigSym(G);
  const k = Math.min(pcaDims, ns - 1);
  const V = Array.from({ length: k }, () => new Float64Array(P)); // k × P, unit rows
  for (let j = 0; j < k; j++) {
    const inv = 1 / Math.sqrt(Math.max(values[j], 1e-12));
    const row = V[j];
    for (let a = 0; a < ns; a++) {
      const w = vectors[a][j] * inv;
      if (w === 0) continue;
      const xa = Xs[a];
      for (let i = 0; i < P; i++) row[i] += w * xa[i];
    }
  }
  const Z = X.map((x) => Float64Array.from(V, (row) => { let s = 0; for (let i = 0; i < P; i++) s += row[i] * x[i]; return s; }));
  // scatter matrices in PCA space
  const bySpk = new Map();
  items.forEach((it, a) => { if (!bySpk.has(it.speaker)) bySpk.set(it.speaker, []); bySpk.get(it.speaker).push(a); });
  const Sw = Array.from({ length: k }, () => new Float64Array(k));
  const Sb = Array.from({ length: k }, () => new Float64Array(k));
  for (const idx of bySpk.values()) {
    const m = new Float64Array(k);
    for (const a of idx) for (let i = 0; i < k; i++) m[i] += Z[a][i] / idx.length;
    for (const a of idx) {
      const d = Z[a].map((v, i) => v - m[i]);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Sw[i][j] += (d[i] * d[j]) / n;
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Sb[i][j] += (idx.length * m[i] * m[j]) / n;
  }
  let tr = 0;
  for (let i = 0; i < k; i++) tr += Sw[i][i];
  for (let i = 0; i < k; i++) Sw[i][i] += (1e-2 * tr) / k;
  const L = cholesky(Sw);
  const A1 = forwardSolve(L, Sb); // L⁻¹ Sb
  const A1t = Array.from({ length: k }, (_, j) => Float64Array.from(A1, (r) => r[j]));
  const A = forwardSolve(L, A1t); // L⁻¹ Sb L⁻ᵀ (symmetric)
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) A[i][j] = A[j][i] = 0.5 * (A[i][j] + A[j][i]);
  const ev = eigSym(A);
  const q = Math.min(ldaDims, bySpk.size - 1, k);
  const U = Array.from({ length: k }, (_, i) => Float64Array.from({ length: q }, (_, j) => ev.vectors[i][j]));
  const Wl = backSolveT(L, U); // k × q: L⁻ᵀ u
  const matrix = new Float32Array(q * P);
  for (let o = 0; o < q; o++) {
    for (let j = 0; j < k; j++) {
      const w = Wl[j][o];
      const row = V[j];
      for (let i = 0; i < P; i++) matrix[o * P + i] += w * row[i];
    }
  }
  return { inDims: P, outDims: q, mean: Float32Array.from(mean), matrix };
}

// ---------- trials on held-out speakers ----------
const PLACEHOLDER = { z: [0, 1], s: [0, 100] };
function buildModel(projection, cohortItems) {
  const model = { version: 1, mfcc: MFCC, ubm, relevance: RELEVANCE, projection, calibration: PLACEHOLDER };
  if (cohortItems) {
    const bySpk = new Map();
    for (const it of cohortItems) {
      if (it.condition !== "clean") continue;
      if (!bySpk.has(it.speaker)) bySpk.set(it.speaker, emptyStats(C, D));
      addStats(bySpk.get(it.speaker), it.stats);
    }
    const vecs = [...bySpk.values()].map((st) => embed(supervector(st, ubm, RELEVANCE), model));
    const dims = vecs[0].length;
    const vectors = new Float32Array(vecs.length * dims);
    vecs.forEach((v, i) => vectors.set(v, i * dims));
    model.cohort = { count: vecs.length, dims, topK: Math.max(5, Math.round(TOPK_FRAC * vecs.length)), vectors };
  }
  return model;
}
function printOf(stats, model) {
  const e = embed(supervector(stats, ubm, RELEVANCE), model);
  const [m, s] = cohortStats(e, model);
  return { e, m, s };
}
const zOf = (a, b) => {
  let c = 0;
  for (let i = 0; i < a.e.length; i++) c += a.e[i] * b.e[i];
  return 0.5 * ((c - a.m) / a.s + (c - b.m) / b.s);
};
function trials(heldOut, model) {
  const bySpk = new Map();
  for (const it of heldOut) { if (!bySpk.has(it.speaker)) bySpk.set(it.speaker, []); bySpk.get(it.speaker).push(it); }
  const enrolls = [];
  const tests = [];
  for (const [spk, items] of bySpk) {
    const st = emptyStats(C, D);
    for (const it of items) if (it.condition === "clean" && (it.clip === "s1" || it.clip === "s2")) addStats(st, it.stats);
    enrolls.push({ spk, person: items[0].person, p: printOf(st, model) });
    for (const it of items) if (it.clip === "s3" || it.clip === "s4") tests.push({ spk, person: it.person, condition: it.condition, p: printOf(it.stats, model) });
  }
  const target = [], impostor = [];
  for (const en of enrolls) for (const t of tests) {
    if (en.spk === t.spk) target.push({ z: zOf(en.p, t.p), condition: t.condition });
    else if (en.person !== t.person) impostor.push({ z: zOf(en.p, t.p), condition: t.condition });
  }
  return { target, impostor };
}
function eer(tgt, imp) {
  const all = [...tgt.map((z) => [z, 1]), ...imp.map((z) => [z, 0])].sort((a, b) => a[0] - b[0]);
  let fr = 0, fa = imp.length, best = 1;
  for (const [, lab] of all) {
    if (lab) fr++; else fa--;
    best = Math.min(best, Math.max(fr / tgt.length, fa / imp.length));
  }
  return best;
}
const quant = (xs, q) => { const s = Float64Array.from(xs).sort(); return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))]; };

// k-fold by person: projection + cohort from the other folds, trials on this one
const folds = Array.from({ length: FOLDS }, (_, f) => persons.filter((_, i) => i % FOLDS === f));
const byFrac = new Map(TOPK_FRACS.map((f) => [f, { tgt: [], imp: [] }]));
for (let f = 0; f < FOLDS; f++) {
  const trainSet = clips.filter((c) => !folds[f].includes(c.person));
  const heldOut = clips.filter((c) => folds[f].includes(c.person));
  const proj = fitProjection(trainSet, PCA_DIMS, LDA_DIMS);
  for (const frac of TOPK_FRACS) {
    TOPK_FRAC = frac;
    const model = buildModel(proj, trainSet);
    const { target, impostor } = trials(heldOut, model);
    // a loop, not push(...xs): a fold of 150 persons has more impostor trials than the call stack has room for arguments
    for (const z of target) byFrac.get(frac).tgt.push(z);
    for (const z of impostor) byFrac.get(frac).imp.push(z);
    log(`fold ${f} top-K ${frac}: projection ${proj.outDims} dims, EER ${(100 * eer(target.map((t) => t.z), impostor.map((t) => t.z))).toFixed(2)} % (${target.length} target, ${impostor.length} impostor)`);
  }
}
let bestFrac = TOPK_FRACS[0], bestEer = 2;
for (const [frac, r] of byFrac) {
  const e = eer(r.tgt.map((t) => t.z), r.imp.map((t) => t.z));
  log(`top-K ${frac}: out-of-fold EER ${(100 * e).toFixed(2)} %`);
  if (e < bestEer) { bestEer = e; bestFrac = frac; }
}
TOPK_FRAC = bestFrac;
const tgtAll = byFrac.get(bestFrac).tgt, impAll = byFrac.get(bestFrac).imp;
const T = tgtAll.map((t) => t.z), I = impAll.map((t) => t.z);
const Tclean = tgtAll.filter((t) => t.condition === "clean").map((t) => t.z);
log(`out-of-fold EER ${(100 * eer(T, I)).toFixed(2)} %`);
const q = {
  imp50: quant(I, 0.5), imp99: quant(I, 0.99), imp995: quant(I, 0.995), imp999: quant(I, 0.999), impMax: quant(I, 1),
  tgt02: quant(T, 0.02), tgtClean02: quant(Tclean, 0.02), tgt50: quant(T, 0.5),
};
log("quantiles", Object.fromEntries(Object.entries(q).map(([k, v]) => [k, +v.toFixed(3)])));

// ---------- calibration anchors (rule in calibration.mjs) ----------
const calibration = calibrationFromQuantiles(q);
const [, , z50, z90] = calibration.z;
log("calibration", calibration);
const far90 = I.filter((z) => z >= z90).length / I.length;
const far50 = I.filter((z) => z >= z50).length / I.length;
const frr90 = Tclean.filter((z) => z < z90).length / Tclean.length;
log(`out-of-fold: FA@90 ${(100 * far90).toFixed(2)} %, FA@50 ${(100 * far50).toFixed(2)} %, clean FR@90 ${(100 * frr90).toFixed(2)} %`);

// ---------- final model on all training speakers ----------
const proj = fitProjection(clips, PCA_DIMS, LDA_DIMS);
const model = buildModel(proj, clips);
model.calibration = calibration;
model.info = {
  trainedOn: `${clips.length} clips, ${speakers.length} speakers (${persons.length} persons) from make-corpus.mjs`,
  // which engines, so a model can be told apart from one trained on a corpus that lacked some
  personsByEngine: Object.fromEntries([...new Set(clips.map((c) => c.engine ?? "unrecorded"))].sort()
    .map((e) => [e, new Set(clips.filter((c) => (c.engine ?? "unrecorded") === e).map((c) => c.person)).size])),
  ubmComponents: C,
  relevance: RELEVANCE,
  projection: `PCA ${Math.min(PCA_DIMS, clips.length - 1)} → LDA ${proj.outDims}`,
  cohortTopKFraction: TOPK_FRAC,
  quantiles: Object.fromEntries(Object.entries(q).map(([k, v]) => [k, +v.toFixed(4)])),
  outOfFold: { eer: +eer(T, I).toFixed(4), fa90: +far90.toFixed(4), fa50: +far50.toFixed(4), cleanFr90: +frr90.toFixed(4) },
};
const bytes = encodeModel(model);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, bytes);
log(`wrote ${OUT}: ${bytes.length} bytes`);
