// WAV acceptance rules (spec §2.1): what parses, and the exact code and message for everything refused.
import { describe, expect, it } from "vitest";
import { MAX_WAV_BYTES, WavError, extractChannel, parseWav, readWavChannel } from "../../../src/audio/wav.js";
import { encodeWav, malformedWavs, tone } from "../../helpers/wav-synth.js";

function codeOf(buf: Uint8Array): string {
  try {
    parseWav(buf);
    return "OK";
  } catch (e) {
    expect(e).toBeInstanceOf(WavError);
    return (e as WavError).code;
  }
}

describe("parseWav", () => {
  it("accepts 8 kHz 16-bit mono PCM", () => {
    const f = parseWav(encodeWav([tone(1.5)]));
    expect(f).toMatchObject({ formatTag: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16, frames: 12000 });
    expect(f.durationS).toBeCloseTo(1.5);
  });

  it("accepts stereo and WAVE_FORMAT_EXTENSIBLE with the PCM sub-format", () => {
    expect(parseWav(encodeWav([tone(1), tone(1, 200)])).channels).toBe(2);
    expect(parseWav(encodeWav([tone(1)], { formatTag: 0xfffe })).formatTag).toBe(0xfffe);
  });

  it("names cbSize when a WAVE_FORMAT_EXTENSIBLE header's extension is too short", () => {
    const b = encodeWav([tone(1)], { formatTag: 0xfffe });
    b.writeUInt16LE(0, 20 + 16); // cbSize of the 40-byte fmt chunk at byte 20
    expect(() => parseWav(b)).toThrow(expect.objectContaining({ code: "BAD_FORMAT", message: "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has cbSize 0; at least 22 is required" }));
  });

  it("skips extra chunks, before or after fmt, with odd sizes padded", () => {
    const extra = [{ id: "LIST", data: new Uint8Array(7) }, { id: "fact", data: new Uint8Array(4) }];
    expect(parseWav(encodeWav([tone(1)], { extraChunks: extra })).frames).toBe(8000);
    expect(parseWav(encodeWav([tone(1)], { extraChunks: extra, extraFirst: true })).frames).toBe(8000);
  });

  it("tolerates a wrong RIFF size and a trailing odd byte", () => {
    const b = encodeWav([tone(1)]);
    b.writeUInt32LE(0, 4);
    expect(parseWav(b).frames).toBe(8000);
    expect(parseWav(Buffer.concat([encodeWav([tone(1)]), Buffer.alloc(3)])).frames).toBe(8000);
  });

  it.each(malformedWavs())("refuses $name with $code", ({ buf, code }) => {
    expect(codeOf(buf)).toBe(code);
  });

  it("names the problem in the message", () => {
    expect(() => parseWav(encodeWav([tone(0.2)], { sampleRate: 16000 }))).toThrow("sample rate is 16000 Hz; only 8000 Hz is supported");
    expect(() => parseWav(encodeWav([tone(0.2), tone(0.2), tone(0.2)]))).toThrow("file has 3 channels; at most 2 are supported");
    expect(() => parseWav(encodeWav([tone(0.2)], { formatTag: 3, bitsPerSample: 32 }))).toThrow("encoding is format 3 (IEEE float)");
    expect(() => parseWav(encodeWav([tone(1)], { dataSizeField: 99999 }))).toThrow(/promises 99999 bytes/);
  });

  it("refuses files over 20 MB before looking inside", () => {
    const big = new Uint8Array(MAX_WAV_BYTES + 1);
    expect(codeOf(big)).toBe("TOO_LARGE");
  });
});

describe("extractChannel", () => {
  it("returns the chosen channel as floats", () => {
    const left = tone(0.1, 100, 0.5);
    const right = tone(0.1, 300, 0.25);
    const buf = encodeWav([left, right]);
    const f = parseWav(buf);
    const r = extractChannel(buf, f, 1);
    expect(r.length).toBe(800);
    expect(r[10]).toBeCloseTo(right[10]!, 3);
    expect(extractChannel(buf, f, 0)[10]).toBeCloseTo(left[10]!, 3);
  });

  it("throws NO_SUCH_CHANNEL for channel 1 of a mono file", () => {
    expect(() => readWavChannel(encodeWav([tone(0.1)]), 1)).toThrow(expect.objectContaining({ code: "NO_SUCH_CHANNEL", message: "file has 1 channel; channel 1 does not exist" }));
  });
});

describe("WavError.detail", () => {
  it("carries the offending values", () => {
    try {
      parseWav(encodeWav([tone(0.2)], { sampleRate: 11025 }));
    } catch (e) {
      expect((e as WavError).detail).toEqual({ sampleRate: 11025 });
    }
    expect.assertions(1);
  });
});
