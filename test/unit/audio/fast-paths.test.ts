// The speed-tuned kernels (blocked GMM scoring, fused frame FFT, block energies, aligned PCM and model reads)
// against plain reference implementations written the obvious way.
import { describe, expect, it } from "vitest";
import { RealFft } from "../../../src/audio/fft.js";
import { GmmScorer, emptyStats, type Gmm } from "../../../src/audio/gmm.js";
import { frameEnergiesDb, detectSpeech, FRAME_HOP, FRAME_LEN } from "../../../src/audio/speech.js";
import { extractChannel, parseWav } from "../../../src/audio/wav.js";
import { decodeModel, encodeModel } from "../../../src/audio/model.js";
import { loadVoiceprintModel } from "../../../src/audio/model-file.js";
import { encodeWav, prng, synthVoice } from "../../helpers/wav-synth.js";

function randomGmm(C: number, D: number, seed: number): Gmm {
  const r = prng(seed);
  const weights = Float32Array.from({ length: C }, () => 0.1 + r());
  const total = weights.reduce((a, b) => a + b, 0);
  for (let c = 0; c < C; c++) weights[c] = weights[c]! / total;
  return {
    C,
    D,
    weights,
    means: Float32Array.from({ length: C * D }, () => 2 * r() - 1),
    variances: Float32Array.from({ length: C * D }, () => 0.3 + r()),
  };
}

/** Posterior-weighted statistics the textbook way: full log-likelihoods, log-sum-exp, every posterior kept. */
function referenceStats(g: Gmm, x: Float32Array, n: number) {
  const { C, D } = g;
  const N = new Float64Array(C);
  const F = new Float64Array(C * D);
  const S = new Float64Array(C * D);
  let logLik = 0;
  for (let t = 0; t < n; t++) {
    const ll = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let a = Math.log(g.weights[c]!);
      for (let d = 0; d < D; d++) {
        const v = g.variances[c * D + d]!;
        const e = x[t * D + d]! - g.means[c * D + d]!;
        a -= 0.5 * (Math.log(2 * Math.PI * v) + (e * e) / v);
      }
      ll[c] = a;
    }
    const max = Math.max(...ll);
    const sum = ll.reduce((s, l) => s + Math.exp(l - max), 0);
    logLik += max + Math.log(sum);
    for (let c = 0; c < C; c++) {
      const p = Math.exp(ll[c]! - max) / sum;
      N[c] += p;
      for (let d = 0; d < D; d++) {
        F[c * D + d] += p * x[t * D + d]!;
        S[c * D + d] += p * x[t * D + d]! ** 2;
      }
    }
  }
  return { N, F, S, logLik };
}

describe("GmmScorer (frames in blocks of four, components in pairs)", () => {
  // frame counts that leave short last blocks, an odd component count for the unpaired tail, dimensions
  // beyond eight and not a multiple of it, and a call long enough to flush its statistics midway
  it.each([
    [8, 6, 1],
    [7, 5, 6],
    [16, 38, 13],
    [3, 4, 2],
    [3, 4, 2500],
  ])("matches the textbook statistics (C = %i, D = %i, n = %i frames)", (C, D, n) => {
    const g = randomGmm(C, D, C * 100 + D);
    const r = prng(n);
    const x = Float32Array.from({ length: n * D }, () => 2 * r() - 1);
    const got = emptyStats(C, D, true);
    new GmmScorer(g).accumulate(x, n, got);
    const want = referenceStats(g, x, n);
    expect(got.frames).toBe(n);
    // components 12 nats below a frame's best are left out of its sum: at most C·e⁻¹² of its likelihood each
    expect(Math.abs(got.logLik - want.logLik)).toBeLessThanOrEqual(n * C * Math.exp(-12));
    // posteriors under 1e-4 are dropped on purpose: at most that much mass per component and frame
    for (let c = 0; c < C; c++) expect(Math.abs(got.N[c]! - want.N[c]!)).toBeLessThan(1e-4 * n + 1e-12);
    for (let i = 0; i < C * D; i++) {
      expect(Math.abs(got.F[i]! - want.F[i]!)).toBeLessThan(1e-4 * n + 1e-12);
      expect(Math.abs(got.S![i]! - want.S[i]!)).toBeLessThan(1e-4 * n + 1e-12);
    }
  });

  it("gives the same statistics whether frames come in one call or several", () => {
    const g = randomGmm(10, 12, 5);
    const r = prng(9);
    const x = Float32Array.from({ length: 23 * 12 }, () => 2 * r() - 1);
    const whole = emptyStats(10, 12);
    const parts = emptyStats(10, 12);
    const s = new GmmScorer(g);
    s.accumulate(x, 23, whole);
    s.accumulate(x.subarray(0, 9 * 12), 9, parts);
    s.accumulate(x.subarray(9 * 12), 14, parts);
    for (let i = 0; i < whole.F.length; i++) expect(parts.F[i]).toBeCloseTo(whole.F[i]!, 12);
    expect(parts.frames).toBe(23);
  });
});

describe("RealFft fast paths", () => {
  it("computes only the bins asked for, with the same values", () => {
    const r = prng(3);
    const x = Float64Array.from({ length: 200 }, () => r() - 0.5);
    const all = new Float64Array(129);
    const part = new Float64Array(129).fill(-1);
    const fft = new RealFft(256);
    fft.powerSpectrum(x, all);
    fft.powerSpectrum(x, part, 9, 109);
    for (let k = 0; k < 129; k++) expect(part[k]).toBe(k >= 9 && k <= 109 ? all[k] : -1);
  });

  it("framePowerSpectrum equals powerSpectrum of the pre-emphasised, windowed frame", () => {
    const r = prng(4);
    const signal = Float32Array.from({ length: 1000 }, () => r() - 0.5);
    const window = Float64Array.from({ length: 200 }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / 199));
    const fft = new RealFft(256);
    for (const start of [0, 80, 800]) {
      const frame = new Float64Array(200);
      for (let i = 0; i < 200; i++) frame[i] = (signal[start + i]! - 0.97 * (start + i > 0 ? signal[start + i - 1]! : 0)) * window[i]!;
      const want = new Float64Array(129);
      const got = new Float64Array(129);
      fft.powerSpectrum(frame, want);
      fft.framePowerSpectrum(signal, start, window, 0.97, got, 0, 128);
      for (let k = 0; k < 129; k++) expect(got[k]).toBeCloseTo(want[k]!, 10);
    }
  });
});

describe("frame energies from 40-sample blocks", () => {
  it("equal the mean square of each 200-sample frame", () => {
    const x = synthVoice({ seconds: 2, speaker: 2 });
    const got = frameEnergiesDb(x, false);
    expect(got.length).toBe(Math.floor((x.length - FRAME_LEN) / FRAME_HOP) + 1);
    for (let f = 0; f < got.length; f += 7) {
      let s = 0;
      for (let i = 0; i < FRAME_LEN; i++) s += x[f * FRAME_HOP + i]! ** 2;
      expect(got[f]).toBeCloseTo(10 * Math.log10(s / FRAME_LEN + 1e-12), 4);
    }
  });

  it("with the DC removed, equal the mean square of each frame less each 5 ms block's own mean", () => {
    const x = synthVoice({ seconds: 2, speaker: 2 }).map((v) => v + 0.05); // with a DC offset
    const got = frameEnergiesDb(x);
    for (let f = 0; f < got.length; f += 7) {
      let s = 0;
      for (let b = 0; b < 5; b++) {
        const start = f * FRAME_HOP + b * 40;
        let mean = 0;
        for (let i = 0; i < 40; i++) mean += x[start + i]! / 40;
        for (let i = 0; i < 40; i++) s += (x[start + i]! - mean) ** 2;
      }
      expect(got[f]).toBeCloseTo(10 * Math.log10(s / FRAME_LEN + 1e-12), 3);
    }
  });

  it("report the speech level and noise floor detectSpeech measured", () => {
    const x = synthVoice({ seconds: 4, speaker: 1 });
    const sp = detectSpeech(x);
    let lin = 0;
    for (let f = 0; f < sp.mask.length; f++) if (sp.mask[f]) lin += 10 ** (sp.energyDb[f]! / 10);
    expect(sp.speechLevelDb).toBeCloseTo(10 * Math.log10(lin / sp.speechFrames), 4);
    const sorted = Float32Array.from(sp.energyDb).sort();
    expect(sp.noiseFloorDb).toBe(sorted[Math.floor(0.1 * sorted.length)]);
    expect(detectSpeech(new Float32Array(100)).speechLevelDb).toBeNull();
  });
});

describe("aligned reads", () => {
  it("extractChannel gives the same samples from an odd byte offset (byte-wise path) as from an aligned one", () => {
    const left = synthVoice({ seconds: 1, speaker: 1 });
    const right = synthVoice({ seconds: 1, speaker: 2 });
    const wav = encodeWav([left, right]);
    const shifted = new Uint8Array(wav.length + 1).subarray(1);
    shifted.set(wav);
    for (const ch of [0, 1]) {
      const a = extractChannel(wav, parseWav(wav), ch);
      const b = extractChannel(shifted, parseWav(shifted), ch);
      expect(b).toEqual(a);
      const src = ch === 0 ? left : right;
      for (let i = 0; i < a.length; i += 101) expect(Math.abs(a[i]! - src[i]!)).toBeLessThanOrEqual(1 / 32768);
    }
  });

  it("decodeModel reads the same arrays from an unaligned copy of the file", () => {
    const bytes = encodeModel(loadVoiceprintModel());
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const a = decodeModel(bytes);
    const b = decodeModel(shifted);
    expect(b.ubm.means).toEqual(a.ubm.means);
    expect(b.projection?.matrix).toEqual(a.projection?.matrix);
  });
});
