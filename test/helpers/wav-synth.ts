// Synthesised WAV files for tests: tones, noise, silence, a source-filter "voice" per speaker number, and malformed headers.

export interface EncodeOptions {
  sampleRate?: number;
  /** 1 = PCM (default), 0xFFFE = WAVE_FORMAT_EXTENSIBLE with the PCM sub-format, anything else as given. */
  formatTag?: number;
  bitsPerSample?: number;
  /** Extra chunks written between "fmt " and "data" (odd sizes get their pad byte). */
  extraChunks?: { id: string; data: Uint8Array }[];
  /** Put the extra chunks before "fmt " instead. */
  extraFirst?: boolean;
  /** Override the data chunk's size field (to fake truncation). */
  dataSizeField?: number;
}

/** Seeded PRNG (mulberry32): same seed, same sequence. */
import { prng } from "../../src/audio/prng.js";
export { prng };

/** Float channels in [-1, 1] → a RIFF/WAVE file (16-bit PCM unless told otherwise). */
export function encodeWav(channels: Float32Array[], opts: EncodeOptions = {}): Buffer {
  const rate = opts.sampleRate ?? 8000;
  const tag = opts.formatTag ?? 1;
  const bits = opts.bitsPerSample ?? 16;
  const nch = channels.length;
  const frames = nch ? Math.min(...channels.map((c) => c.length)) : 0;
  const bytesPerSample = Math.max(1, bits >> 3);
  const data = Buffer.alloc(frames * nch * bytesPerSample);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++) {
      const v = Math.max(-1, Math.min(1, channels[c]![i]!));
      const p = (i * nch + c) * bytesPerSample;
      if (bytesPerSample === 2) data.writeInt16LE(Math.round(v * 32767), p);
      else if (bytesPerSample === 1) data.writeUInt8(Math.round(v * 127 + 128), p);
      else data.writeInt32LE(Math.round(v * 2147483647), p);
    }
  }
  const ext = tag === 0xfffe;
  const fmt = Buffer.alloc(ext ? 40 : 16);
  fmt.writeUInt16LE(tag, 0);
  fmt.writeUInt16LE(nch, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * nch * bytesPerSample, 8);
  fmt.writeUInt16LE(nch * bytesPerSample, 12);
  fmt.writeUInt16LE(bits, 14);
  if (ext) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(bits, 18);
    fmt.writeUInt32LE(nch === 2 ? 3 : 4, 20);
    Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]).copy(fmt, 24);
  }
  const chunk = (id: string, body: Uint8Array, sizeField = body.length) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, "latin1");
    head.writeUInt32LE(sizeField >>> 0, 4);
    return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const extras = (opts.extraChunks ?? []).map((c) => chunk(c.id, c.data));
  const parts = opts.extraFirst
    ? [...extras, chunk("fmt ", fmt), chunk("data", data, opts.dataSizeField)]
    : [chunk("fmt ", fmt), ...extras, chunk("data", data, opts.dataSizeField)];
  const body = Buffer.concat([Buffer.from("WAVE", "latin1"), ...parts]);
  const riff = Buffer.alloc(8);
  riff.write("RIFF", 0, "latin1");
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

export function silence(seconds: number, sampleRate = 8000): Float32Array {
  return new Float32Array(Math.round(seconds * sampleRate));
}

export function tone(seconds: number, freqHz = 440, amplitude = 0.3, sampleRate = 8000): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / sampleRate);
  return out;
}

export function whiteNoise(seconds: number, amplitude = 0.1, seed = 1, sampleRate = 8000): Float32Array {
  const r = prng(seed);
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * (2 * r() - 1);
  return out;
}

/** Mix b into a (same length or shorter) at the given gain; returns a new array. */
export function mix(a: Float32Array, b: Float32Array, gain = 1): Float32Array {
  const out = Float32Array.from(a);
  for (let i = 0; i < Math.min(a.length, b.length); i++) out[i] = out[i]! + gain * b[i]!;
  return out;
}

// Vowel formants (F1, F2, F3) of an average adult male, scaled per speaker.
const VOWELS: [number, number, number][] = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [300, 870, 2240],
  [530, 1840, 2480],
  [570, 840, 2410],
  [660, 1720, 2410],
  [490, 1350, 1690],
];

export interface VoiceOptions {
  seconds: number;
  /** Which synthetic speaker: sets pitch, vocal-tract length, breathiness and spectral tilt. */
  speaker: number;
  /** Different seeds give different "sentences" (vowel order, rhythm) of the same speaker. */
  seed?: number;
  sampleRate?: number;
  /** Peak level (linear), default 0.5. */
  level?: number;
}

/** Per-speaker voice parameters, spread so that different numbers sound clearly different. */
export function voiceParams(speaker: number) {
  const r = prng(0x5eed + speaker * 7919);
  // golden-ratio sequence: consecutive speaker numbers land far apart in vocal-tract length
  const g = (speaker * 0.6180339887) % 1;
  return {
    f0: 85 + r() * 150,
    tract: 0.7 + g * 0.65,
    tilt: 0.8 + r() * 0.18,
    breath: 0.02 + r() * 0.15,
    bandwidth: 40 + r() * 110,
    f4: 3300 + r() * 500,
    /** Each speaker's own vowel formants ("accent"): the shared table perturbed by up to ±30 %. */
    vowels: VOWELS.map((v) => v.map((f) => f * (1 + 0.6 * (r() - 0.5))) as [number, number, number]),
    /** Centre frequency of the speaker's fricatives. */
    fricHz: 1500 + r() * 2000,
  };
}

/**
 * A source-filter "voice": a glottal pulse train (speaker pitch with intonation and jitter) through four
 * formant resonators (vowels scaled by the speaker's vocal-tract length), shaped into syllables and words
 * separated by pauses, so a VAD sees roughly 60–70 % speech.
 */
export function synthVoice(opts: VoiceOptions): Float32Array {
  const fs = opts.sampleRate ?? 8000;
  const n = Math.round(opts.seconds * fs);
  const out = new Float32Array(n);
  const p = voiceParams(opts.speaker);
  const r = prng((opts.seed ?? 1) * 104729 + opts.speaker);
  // envelope: words of 2–4 syllables, pauses between words
  const env = new Float32Array(n);
  const fric = new Float32Array(n);
  const vowelAt = new Uint8Array(n);
  let t = Math.round(0.2 * fs);
  while (t < n) {
    const syll = 2 + Math.floor(r() * 3);
    for (let s = 0; s < syll && t < n; s++) {
      const len = Math.round((0.12 + r() * 0.13) * fs);
      const v = Math.floor(r() * VOWELS.length);
      for (let i = 0; i < len && t + i < n; i++) {
        env[t + i] = Math.sin((Math.PI * (i + 0.5)) / len) ** 0.6;
        vowelAt[t + i] = v;
      }
      t += len;
      if (r() < 0.45) {
        // a fricative consonant between syllables
        const fl = Math.round((0.04 + r() * 0.05) * fs);
        for (let i = 0; i < fl && t + i < n; i++) fric[t + i] = Math.sin((Math.PI * (i + 0.5)) / fl);
        t += fl;
      }
    }
    t += Math.round((0.12 + r() * 0.35) * fs);
  }
  // source + filter
  const y1 = new Float64Array(4);
  const y2 = new Float64Array(4);
  const a1 = new Float64Array(4);
  const a2 = new Float64Array(4);
  const g = new Float64Array(4);
  const cur = [500, 1500, 2500, p.f4];
  const fr = Math.exp((-Math.PI * 400) / fs);
  const fa1 = 2 * fr * Math.cos((2 * Math.PI * Math.min(p.fricHz * p.tract, fs / 2 - 300)) / fs);
  const fa2 = -fr * fr;
  let fy1 = 0;
  let fy2 = 0;
  let phase = 0;
  let prevSrc = 0;
  let peak = 1e-9;
  for (let i = 0; i < n; i++) {
    if (i % 40 === 0) {
      const v = p.vowels[vowelAt[i]!]!;
      for (let k = 0; k < 4; k++) {
        const target = k < 3 ? v[k]! * p.tract : p.f4 * p.tract;
        cur[k] = cur[k]! + 0.3 * (Math.min(target, fs / 2 - 200) - cur[k]!);
        const bw = p.bandwidth * (1 + k * 0.5);
        const rr = Math.exp((-Math.PI * bw) / fs);
        a1[k] = 2 * rr * Math.cos((2 * Math.PI * cur[k]!) / fs);
        a2[k] = -rr * rr;
        g[k] = 1 - rr;
      }
    }
    const f0 = p.f0 * (1 + 0.08 * Math.sin((2 * Math.PI * i) / (fs * 1.7)) + 0.01 * (r() - 0.5));
    phase += f0 / fs;
    let src = 0;
    if (phase >= 1) {
      phase -= 1;
      src = 1;
    }
    // spectral tilt (one-pole low-pass of the pulse train) plus breath noise
    src = (1 - p.tilt) * src + p.tilt * prevSrc;
    prevSrc = src;
    let x = (src + p.breath * (r() - 0.5)) * env[i]!;
    for (let k = 0; k < 4; k++) {
      const yk = g[k]! * x + a1[k]! * y1[k]! + a2[k]! * y2[k]!;
      y2[k] = y1[k]!;
      y1[k] = yk;
      x = yk + 0.5 * x; // parallel-ish mix keeps higher formants audible
    }
    const fy = (1 - fr) * (r() - 0.5) * fric[i]! + fa1 * fy1 + fa2 * fy2;
    fy2 = fy1;
    fy1 = fy;
    x += 3 * fy;
    out[i] = x;
    if (Math.abs(x) > peak) peak = Math.abs(x);
  }
  const level = opts.level ?? 0.5;
  for (let i = 0; i < n; i++) out[i] = (out[i]! / peak) * level;
  // faint line noise so "silence" is not digital zero
  const nr = prng(opts.speaker * 31 + (opts.seed ?? 1));
  for (let i = 0; i < n; i++) out[i] = out[i]! + 0.0005 * (nr() - 0.5);
  return out;
}

/**
 * Speaker numbers whose synthetic voices the shipped model keeps clearly apart (every cross score < 75, own
 * speaker ≥ 95 with a different seed). The synthetic voice is far from real speech, so two arbitrary speaker
 * numbers always score below the same number but may still reach 90: use these when a test needs a sure REJECT
 * (and re-check them when the model is retrained: test/unit/audio/voiceprint.test.ts does).
 */
// Re-picked for the linear-filterbank model (2026-11-27): of speakers 0–39, the five whose worst cross score (20 s
// enrollments against 10 s and 12 s tests, both ways) is lowest, 41; the previous five reached 94 under it.
export const DISTINCT_SPEAKERS: readonly number[] = [6, 10, 20, 21, 28];

export interface VoiceWavOptions extends VoiceOptions {
  /** 1 (default) or 2; with 2 the voice is on `voiceChannel` and a different speaker ("agent") on the other. */
  channels?: number;
  voiceChannel?: number;
}

/** A WAV of one synthetic speaker; same `speaker` → similar voiceprints (≥ 95), numbers from DISTINCT_SPEAKERS → clearly different. */
export function synthVoiceWav(opts: VoiceWavOptions): Buffer {
  const voice = synthVoice(opts);
  if ((opts.channels ?? 1) === 1) return encodeWav([voice], { sampleRate: opts.sampleRate });
  const agent = synthVoice({ ...opts, speaker: 10_000 + opts.speaker, seed: (opts.seed ?? 1) + 99 });
  const ch = opts.voiceChannel ?? 1;
  // faint cross-talk, like a two-party call
  const a = mix(ch === 0 ? voice : agent, ch === 0 ? agent : voice, 0.01);
  const b = mix(ch === 0 ? agent : voice, ch === 0 ? voice : agent, 0.01);
  return encodeWav([a, b], { sampleRate: opts.sampleRate });
}

/** Headers the service would refuse, each labelled with the WavError code it must produce. */
export function malformedWavs(): { name: string; code: string; buf: Buffer }[] {
  const ok = encodeWav([tone(0.5)]);
  const list: { name: string; code: string; buf: Buffer }[] = [];
  list.push({ name: "raw PCM, no header", code: "NOT_RIFF_WAVE", buf: ok.subarray(44) });
  list.push({ name: "empty file", code: "NOT_RIFF_WAVE", buf: Buffer.alloc(0) });
  const rifx = Buffer.from(ok);
  rifx.write("RIFX", 0, "latin1");
  list.push({ name: "RIFX big-endian", code: "NOT_RIFF_WAVE", buf: rifx });
  list.push({ name: "16 kHz", code: "UNSUPPORTED_SAMPLE_RATE", buf: encodeWav([tone(0.5)], { sampleRate: 16000 }) });
  list.push({ name: "IEEE float", code: "UNSUPPORTED_ENCODING", buf: encodeWav([tone(0.5)], { formatTag: 3, bitsPerSample: 32 }) });
  list.push({ name: "mu-law tag", code: "UNSUPPORTED_ENCODING", buf: encodeWav([tone(0.5)], { formatTag: 7 }) });
  list.push({ name: "8-bit PCM", code: "UNSUPPORTED_ENCODING", buf: encodeWav([tone(0.5)], { bitsPerSample: 8 }) });
  list.push({ name: "3 channels", code: "TOO_MANY_CHANNELS", buf: encodeWav([tone(0.5), tone(0.5), tone(0.5)]) });
  const truncated = encodeWav([tone(1)]);
  list.push({ name: "truncated data", code: "TRUNCATED", buf: truncated.subarray(0, 44 + 4001) });
  list.push({ name: "header only", code: "TRUNCATED", buf: ok.subarray(0, 36) });
  list.push({ name: "empty data", code: "EMPTY_AUDIO", buf: encodeWav([new Float32Array(0)]) });
  const badChunk = encodeWav([tone(0.5)], { extraChunks: [{ id: "LIST", data: Buffer.alloc(10) }] });
  badChunk.writeUInt32LE(0x7ffffff0, 36 + 4); // LIST size (fmt chunk is 8 + 16 bytes from 12)
  list.push({ name: "chunk size past the end", code: "BAD_CHUNK_SIZE", buf: badChunk });
  const extSub = encodeWav([tone(0.5)], { formatTag: 0xfffe });
  extSub.writeUInt16LE(3, 20 + 24); // sub-format float
  list.push({ name: "extensible float", code: "UNSUPPORTED_ENCODING", buf: extSub });
  return list;
}
