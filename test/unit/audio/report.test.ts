// The operator report functions behind `local analyze` and `local compare`.
import { describe, expect, it } from "vitest";
import { loadVoiceprintModel } from "../../../src/audio/model-file.js";
import { analyzeFiles, compareFiles, parsePairList } from "../../../src/audio/report.js";
import { encodeWav, synthVoiceWav, tone } from "../../helpers/wav-synth.js";

describe("analyzeFiles", () => {
  it("reports format and speech for good files and a code for bad ones", () => {
    const r = analyzeFiles([
      { name: "a.wav", data: synthVoiceWav({ seconds: 12, speaker: 1 }) },
      { name: "b.wav", data: encodeWav([tone(1)], { sampleRate: 16000 }) },
      { name: "c.wav", data: synthVoiceWav({ seconds: 3, speaker: 1 }), channel: 1 },
    ]);
    expect(r[0]).toMatchObject({ name: "a.wav", ok: true, sampleRate: 8000, channels: 1, encoding: "PCM", enoughToEnroll: false });
    expect(r[1]).toMatchObject({ ok: false, error: { code: "UNSUPPORTED_SAMPLE_RATE" } });
    expect(r[2]).toMatchObject({ ok: false, error: { code: "NO_SUCH_CHANNEL" } });
  });
});

describe("compareFiles", () => {
  const model = loadVoiceprintModel();
  const files = [
    { name: "s1-a", data: synthVoiceWav({ seconds: 15, speaker: 11, seed: 1 }) },
    { name: "s1-b", data: synthVoiceWav({ seconds: 15, speaker: 11, seed: 2 }) },
    { name: "s2", data: synthVoiceWav({ seconds: 15, speaker: 12, seed: 1 }) },
    { name: "bad", data: new Uint8Array(10) },
  ];
  it("scores every pair by default, with decisions at 90 and 50", () => {
    const r = compareFiles(files.slice(0, 3), { model });
    expect(r.pairs.map((p) => `${p.i}-${p.j}`)).toEqual(["0-1", "0-2", "1-2"]);
    expect(r.pairs[0]!.score!).toBeGreaterThan(r.pairs[1]!.score!);
    expect(r.pairs[0]!.accepted).toBe(r.pairs[0]!.score! >= 90);
    expect(r.model).toBe("gmm-ubm");
  });
  it("takes chosen pairs and reports unusable files per pair", () => {
    const r = compareFiles(files, { model, pairs: [[0, 1], [2, 3]] });
    expect(r.pairs).toHaveLength(2);
    expect(r.pairs[1]).toMatchObject({ score: null, error: expect.stringContaining("bad") });
  });
  it("parsePairList reads one pair per line, skips blanks and comments, and names the line of a bad one", () => {
    expect(parsePairList('# calls\na.wav b.wav\n\n  "my call.wav"   s3://x/c.wav \r\n')).toEqual([
      ["a.wav", "b.wav"],
      ["my call.wav", "s3://x/c.wav"],
    ]);
    expect(() => parsePairList("a.wav b.wav\nc.wav\n")).toThrow(/line 2: expected two files/);
    expect(() => parsePairList("a b c")).toThrow(/line 1/);
    expect(() => parsePairList("# nothing\n")).toThrow(/no pairs/);
  });
});
