// Fuzzing the WAV parser with mutated valid files: every outcome is a clean WavError or a consistent parse.
import { describe, expect, it } from "vitest";
import { WavError, extractChannel, parseWav } from "../../../src/audio/wav.js";
import { analyzeWav } from "../../../src/audio/index.js";
import { encodeWav, prng, tone } from "../../helpers/wav-synth.js";

const seeds: Buffer[] = [
  encodeWav([tone(0.2)]),
  encodeWav([tone(0.2), tone(0.2, 300)], { formatTag: 0xfffe, extraChunks: [{ id: "LIST", data: new Uint8Array(13) }] }),
  encodeWav([tone(0.1)], { extraFirst: true, extraChunks: [{ id: "junk", data: new Uint8Array(5) }] }),
];

function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  const kind = Math.floor(r() * 6);
  const at = (limit: number) => Math.floor(r() * Math.max(1, Math.min(limit, b.length)));
  switch (kind) {
    case 0: // truncate anywhere
      return b.subarray(0, at(b.length));
    case 1: {
      // random 32-bit value at a 4-aligned header offset (chunk sizes, rates, ...)
      const p = at(80) & ~3;
      if (p + 4 <= b.length) b.writeUInt32LE(Math.floor(r() * 0x100000000), p);
      return b;
    }
    case 2: {
      // small change of a size-like field
      const p = at(80) & ~1;
      if (p + 2 <= b.length) b.writeUInt16LE((b.readUInt16LE(p) + Math.floor(r() * 9) - 4) & 0xffff, p);
      return b;
    }
    case 3: // flip bits in the header
      for (let i = 0; i < 1 + Math.floor(r() * 4); i++) b[at(96)] ^= 1 << Math.floor(r() * 8);
      return b;
    case 4: {
      // splice in random bytes
      const p = at(b.length);
      const junk = Buffer.from(Array.from({ length: Math.floor(r() * 12) }, () => Math.floor(r() * 256)));
      return Buffer.concat([b.subarray(0, p), junk, b.subarray(p)]);
    }
    default: {
      // extreme sizes in the first chunk-size fields
      const p = [4, 16, 40, 64][Math.floor(r() * 4)]!;
      if (p + 4 <= b.length) b.writeUInt32LE([0, 1, 0xffffffff, 0x7fffffff, b.length][Math.floor(r() * 5)]!, p);
      return b;
    }
  }
}

describe("WAV parser fuzz", () => {
  it("never throws anything but WavError, never reads past the buffer, never hangs", () => {
    const r = prng(20261122);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      let buf = seeds[i % seeds.length]!;
      const rounds = 1 + Math.floor(r() * 3);
      for (let k = 0; k < rounds; k++) buf = mutate(buf, r);
      let outcome: string;
      try {
        const f = parseWav(buf);
        expect(f.dataOffset + f.dataBytes).toBeLessThanOrEqual(buf.length);
        expect(f.frames).toBeGreaterThan(0);
        expect(f.channels === 1 || f.channels === 2).toBe(true);
        for (let c = 0; c < f.channels; c++) expect(extractChannel(buf, f, c).length).toBe(f.frames);
        analyzeWav(buf);
        outcome = "OK";
      } catch (e) {
        if (!(e instanceof WavError)) throw new Error(`iteration ${i}: unexpected ${String(e)}`);
        expect(e.message.length).toBeGreaterThan(10);
        outcome = e.code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // the mutations reach both sides of the parser
    expect(outcomes.get("OK") ?? 0).toBeGreaterThan(100);
    expect(outcomes.size).toBeGreaterThan(5);
  });
});
