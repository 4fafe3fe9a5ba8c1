// The engine against the project's ground-truth recordings in ../shared/audio (skipped when that folder is absent).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeWav } from "../../../src/audio/index.js";
import { loadVoiceprintModel } from "../../../src/audio/model-file.js";
import { score } from "../../../src/audio/similarity.js";
import { voiceprintFromWavs } from "../../../src/audio/voiceprint.js";
import { WavError, parseWav } from "../../../src/audio/wav.js";

const ROOT = fileURLToPath(new URL("../../../../shared/audio/", import.meta.url));
const present = existsSync(ROOT + "corpus.json");

interface CorpusFile { path: string; speaker: string; kind: string; condition: string; caller_channel?: number; speech_s?: number; sample_rate?: number }

describe.skipIf(!present)("shared/audio", () => {
  const corpus: { files: CorpusFile[] } = present ? JSON.parse(readFileSync(ROOT + "corpus.json", "utf8")) : { files: [] };
  const read = (p: string) => readFileSync(ROOT + p);

  it("measures net speech within ±10 % of speech_s on every clean file", () => {
    const clean = corpus.files.filter((f) => f.speech_s && f.condition !== "noisy" && f.sample_rate === 8000);
    expect(clean.length).toBeGreaterThan(20);
    for (const f of clean) {
      const r = analyzeWav(read(f.path), { channel: f.caller_channel ?? 0 });
      expect(Math.abs(r.netSpeechS - f.speech_s!) / f.speech_s!, f.path).toBeLessThan(0.1);
    }
  });

  it("keeps enough speech on the noisy file to authenticate", () => {
    for (const f of corpus.files.filter((x) => x.condition === "noisy")) {
      const r = analyzeWav(read(f.path));
      expect(r.netSpeechS).toBeGreaterThan(10);
      expect(r.netSpeechS).toBeLessThan(f.speech_s! * 1.1);
    }
  });

  it("refuses the broken edge cases with the right codes", () => {
    const code = (p: string) => { try { parseWav(read(p)); return "OK"; } catch (e) { return (e as WavError).code; } };
    expect(code("edge-cases/not-a-wav.wav")).toBe("NOT_RIFF_WAVE");
    expect(code("edge-cases/truncated.wav")).toBe("TRUNCATED");
    expect(code("edge-cases/wrong-rate-16k.wav")).toBe("UNSUPPORTED_SAMPLE_RATE");
    expect(analyzeWav(read("edge-cases/silence-only.wav")).netSpeechS).toBe(0);
    expect(analyzeWav(read("edge-cases/too-short-5s.wav")).netSpeechS).toBeLessThan(10);
    expect(analyzeWav(read("edge-cases/enroll-long-silences.wav")).netSpeechS).toBeLessThan(30);
  });

  it("accepts every speaker's tests against its own enrollment, rejects other claims, and matches only v07 to the fraudster", () => {
    const model = loadVoiceprintModel();
    const speakers = JSON.parse(readFileSync(ROOT + "speakers.json", "utf8")).speakers as { SpeakerId: string; role: string; enrollment_file: string; enrollment_channel: number; test_files: string[] }[];
    const enrolled = speakers.map((s) => ({ id: s.SpeakerId, role: s.role, vp: voiceprintFromWavs([read(s.enrollment_file)], [s.enrollment_channel], model) }));
    const fraudster = enrolled.find((e) => e.role === "fraudster")!;
    for (const s of speakers) {
      for (const t of s.test_files) {
        const ch = corpus.files.find((f) => f.path === t)?.caller_channel ?? 0;
        const vp = voiceprintFromWavs([read(t)], [ch], model);
        for (const e of enrolled) {
          const sc = score(e.vp, vp);
          if (e.id === s.SpeakerId) expect(sc, `${t} claiming its own speaker`).toBeGreaterThanOrEqual(90);
          else expect(sc, `${t} claiming ${e.id}`).toBeLessThan(90);
        }
        const risk = score(fraudster.vp, vp);
        if (s.SpeakerId === fraudster.id) expect(risk, `${t} against the watchlist`).toBeGreaterThanOrEqual(50);
        else expect(risk, `${t} against the fraudster`).toBeLessThan(50);
      }
    }
    // re-registering the same fraudster audio is a duplicate (similarity ≥ 90)
    expect(score(fraudster.vp, voiceprintFromWavs([read(speakers.find((s) => s.role === "fraudster")!.enrollment_file)], [0], model))).toBe(100);
  });
});
