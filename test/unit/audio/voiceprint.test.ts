// Voiceprints and scores over synthesised voices: determinism, storage round trip, pooling of files, the 0–100 scale.
import { describe, expect, it } from "vitest";
import { loadVoiceprintModel } from "../../../src/audio/model-file.js";
import { decodeModel, encodeModel } from "../../../src/audio/model.js";
import { score, scoreBuffers, scoreExact } from "../../../src/audio/similarity.js";
import { VOICEPRINT_KIND_GMM, VOICEPRINT_KIND_PLAIN, voiceprintFromBuffer, voiceprintFromSignals, voiceprintFromWavs, voiceprintToBuffer } from "../../../src/audio/voiceprint.js";
import { analyzeWav } from "../../../src/audio/index.js";
import { DISTINCT_SPEAKERS, synthVoice, synthVoiceWav } from "../../helpers/wav-synth.js";

const model = loadVoiceprintModel();
const print = (speaker: number, seed: number, seconds = 12) =>
  voiceprintFromSignals([{ samples: synthVoice({ seconds, speaker, seed }) }], model);

describe("model file", () => {
  it("loads the shipped model and survives an encode/decode round trip byte for byte", () => {
    expect(model.ubm.C).toBe(64);
    expect(model.projection?.outDims).toBeGreaterThan(10);
    const bytes = encodeModel(model);
    expect(Buffer.from(encodeModel(decodeModel(bytes))).equals(Buffer.from(bytes))).toBe(true);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a corrupt model file", () => {
    expect(() => decodeModel(new Uint8Array(4))).toThrow(/too short/);
    const bytes = encodeModel(model);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 100))).toThrow(/out of bounds/);
  });
});

describe("voiceprints", () => {
  it("are deterministic: same audio, same bytes", () => {
    const wav = synthVoiceWav({ seconds: 8, speaker: 4 });
    const a = voiceprintToBuffer(voiceprintFromWavs([wav], [0], model));
    const b = voiceprintToBuffer(voiceprintFromWavs([Buffer.from(wav)], [0], model));
    expect(a.equals(b)).toBe(true);
  });

  it("round-trip through a BLOB", () => {
    const vp = print(1, 1, 6);
    expect(vp[0]).toBe(VOICEPRINT_KIND_GMM);
    const back = voiceprintFromBuffer(voiceprintToBuffer(vp));
    expect(Array.from(back)).toEqual(Array.from(vp));
    expect(() => voiceprintFromBuffer(new Uint8Array(7))).toThrow();
    expect(scoreBuffers(voiceprintToBuffer(vp), voiceprintToBuffer(vp))).toBe(100);
  });

  it("score integers 0–100: same synthetic speaker high, different speakers clearly lower", () => {
    const speakers = [...DISTINCT_SPEAKERS];
    const enroll = speakers.map((s) => print(s, 1, 20));
    const test = speakers.map((s) => print(s, 2, 10));
    let minSame = 100;
    let maxDiff = 0;
    for (let i = 0; i < speakers.length; i++) {
      for (let j = 0; j < speakers.length; j++) {
        const s = score(enroll[i]!, test[j]!);
        expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
        if (i === j) minSame = Math.min(minSame, s);
        else maxDiff = Math.max(maxDiff, s);
      }
    }
    expect(minSame).toBeGreaterThanOrEqual(90);
    expect(maxDiff).toBeLessThan(75);
  });

  it("pool several files of one speaker into one print", () => {
    const pooled = voiceprintFromSignals(
      [1, 2, 3].map((seed) => ({ samples: synthVoice({ seconds: 8, speaker: 6, seed }) })),
      model,
    );
    expect(score(pooled, print(6, 9))).toBeGreaterThanOrEqual(90);
    expect(score(pooled, print(21, 9))).toBeLessThan(75);
  });

  it("take the requested channel of a stereo call", () => {
    const call = synthVoiceWav({ seconds: 12, speaker: 3, channels: 2, voiceChannel: 1 }); // agent is speaker 10003
    const caller = voiceprintFromWavs([call], [1], model);
    const agent = voiceprintFromWavs([call], [0], model);
    const ref = print(3, 5);
    expect(score(caller, ref)).toBeGreaterThan(score(agent, ref));
    expect(() => voiceprintFromWavs([synthVoiceWav({ seconds: 2, speaker: 1 })], [1], model)).toThrow(/channel 1 does not exist/);
  });

  it("work without a model (plain cepstral statistics), comparable only with their own kind", () => {
    const a = voiceprintFromSignals([{ samples: synthVoice({ seconds: 10, speaker: 1 }) }]);
    expect(a[0]).toBe(VOICEPRINT_KIND_PLAIN);
    expect(score(a, a)).toBe(100);
    expect(score(a, print(1, 1))).toBe(0);
  });

  it("print a threshold only once the calibrated score reaches it (rounded down, not to nearest)", () => {
    // Two prints whose cosine is c, with no cohort shift (mean 0, std 1, so z = c) and anchors z 0…1 ↦ 0…100.
    const pair = (c: number) => {
      const head = [VOICEPRINT_KIND_GMM, 0, 1, 2, 0, 1, 0, 100];
      const a = Float32Array.from([...head, 1, 0]);
      const b = Float32Array.from([...head, c, Math.sqrt(1 - c * c)]);
      return [a, b] as const;
    };
    for (const [c, want] of [[0.497, 49], [0.4999, 49], [0.5, 50], [0.899, 89], [0.9, 90], [1, 100]] as const) {
      const [a, b] = pair(c);
      expect(score(a, b), `cosine ${c} (exact ${scoreExact(a, b).toFixed(3)})`).toBe(want);
    }
  });

  it("from another model (other calibration anchors) are not comparable: a speaker enrolled before a model change scores 0", () => {
    const a = print(1, 1);
    const b = print(1, 2);
    expect(score(a, b)).toBeGreaterThanOrEqual(90);
    const K = b[3]!;
    for (const i of [4, 4 + K - 1]) {
      const other = Float32Array.from(b);
      other[i] = other[i]! + 0.01; // another training run places its anchors elsewhere
      expect(score(a, other)).toBe(0);
      expect(score(other, a)).toBe(0);
    }
  });

  it("a model file written before the filterbank's scale was recorded reads as mel-spaced", () => {
    const { filterScale: _scale, filters: _filters, ...older } = model.mfcc;
    const legacy = decodeModel(encodeModel({ ...model, mfcc: { ...older, melFilters: 32 } as never }));
    expect(legacy.mfcc.filterScale).toBe("mel");
    expect(legacy.mfcc.filters).toBe(32);
    expect(model.mfcc.filterScale).toBe("linear");
    expect(() => decodeModel(encodeModel({ ...model, mfcc: { ...model.mfcc, filterScale: "bark" } as never }))).toThrow(
      'voiceprint model: unknown filter scale "bark"',
    );
  });

  it("analyzeWav reports format, duration, speech and optionally the print", () => {
    const r = analyzeWav(synthVoiceWav({ seconds: 10, speaker: 2, channels: 2 }), { channel: 1, model });
    expect(r.format.channels).toBe(2);
    expect(r.durationS).toBeCloseTo(10);
    expect(r.netSpeechS).toBeGreaterThan(4);
    expect(r.voiceprint?.length).toBeGreaterThan(10);
  });
});
