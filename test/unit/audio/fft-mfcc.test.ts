// The hand-written real FFT against a direct DFT, and basic properties of the cepstral features.
import { describe, expect, it } from "vitest";
import { RealFft } from "../../../src/audio/fft.js";
import { cepstra, speakerFeatures, DEFAULT_MFCC } from "../../../src/audio/mfcc.js";
import { detectSpeech } from "../../../src/audio/speech.js";
import { prng, synthVoice } from "../../helpers/wav-synth.js";

describe("RealFft", () => {
  it.each([8, 64, 256])("matches a direct DFT power spectrum (n = %i)", (n) => {
    const r = prng(n);
    const x = Float64Array.from({ length: n - 3 }, () => r() - 0.5); // shorter than n: zero padded
    const out = new Float64Array(n / 2 + 1);
    new RealFft(n).powerSpectrum(x, out);
    for (let k = 0; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < x.length; t++) {
        re += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
        im -= x[t]! * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(out[k]).toBeCloseTo(re * re + im * im, 9);
    }
  });

  it("refuses sizes that are not powers of two", () => {
    expect(() => new RealFft(200)).toThrow(RangeError);
  });
});

describe("features", () => {
  it("gives one row of cepstra per 10 ms frame, and CMVN-normalised speech features with deltas", () => {
    const v = synthVoice({ seconds: 3, speaker: 1 });
    expect(cepstra(v).length).toBe(((v.length - 200) / 80 + 1 | 0) * DEFAULT_MFCC.ceps);
    const { mask } = detectSpeech(v);
    const { feats, frames, dims } = speakerFeatures(v, mask);
    expect(dims).toBe((DEFAULT_MFCC.accelWidth > 0 ? 3 : 2) * DEFAULT_MFCC.ceps);
    expect(frames).toBe(mask.reduce((a, b) => a + b, 0));
    let mean = 0;
    let sq = 0;
    for (let r = 0; r < frames; r++) {
      mean += feats[r * dims + 3]!;
      sq += feats[r * dims + 3]! ** 2;
    }
    expect(Math.abs(mean / frames)).toBeLessThan(1e-4);
    expect(sq / frames).toBeCloseTo(1, 3);
  });

  it("adds accelerations: the regression slope of the deltas, next to unchanged cepstra and deltas", () => {
    const v = synthVoice({ seconds: 3, speaker: 2 });
    const { mask } = detectSpeech(v);
    const base = { ...DEFAULT_MFCC, ceps: 12, deltaWidth: 2 };
    const plain = speakerFeatures(v, mask, { ...base, accelWidth: 0 }, false);
    const withAccel = speakerFeatures(v, mask, { ...base, accelWidth: 1 }, false);
    const C = 12;
    expect(plain.dims).toBe(2 * C);
    expect(withAccel.dims).toBe(3 * C);
    expect(withAccel.frames).toBe(plain.frames);
    // the first 2C columns are the same numbers
    for (let r = 0; r < plain.frames; r++) {
      for (let d = 0; d < 2 * C; d++) expect(withAccel.feats[r * 3 * C + d]).toBe(plain.feats[r * 2 * C + d]);
    }
    // acceleration = (Δ[f+1] − Δ[f−1]) / 2, with the deltas of every frame (not only speech frames)
    const c = cepstra(v, base);
    const nf = c.length / C;
    const delta = (f: number, i: number) => {
      const at = (g: number) => c[Math.min(Math.max(g, 0), nf - 1) * C + i]!;
      return (at(f + 1) - at(f - 1) + 2 * (at(f + 2) - at(f - 2))) / 10;
    };
    const speech = [...mask.keys()].filter((f) => mask[f]);
    let checked = 0;
    for (const [r, f] of speech.entries()) {
      if (f < 3 || f > nf - 4) continue; // edges repeat the last frame; the interior is the plain formula
      for (let i = 0; i < C; i++) {
        const want = (delta(f + 1, i) - delta(f - 1, i)) / 2;
        expect(withAccel.feats[r * 3 * C + 2 * C + i]).toBeCloseTo(want, 4);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
