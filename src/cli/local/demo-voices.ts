// A small source-filter voice synthesizer for `voice-id local demo` (and job tests): distinct, deterministic
// "callers" — a glottal pulse train at the speaker's pitch through formant resonators scaled by the speaker's
// vocal-tract length, in syllables, words and sentences with pauses, levelled, over a faint line-noise floor.
import { prng } from "../../audio/prng.js";

export interface DemoVoice {
  name: string;
  /** Mean pitch in Hz. */
  f0: number;
  /** Formant scale: < 1 for a longer vocal tract (lower formants), > 1 for a shorter one. */
  tract: number;
  /** Share of aspiration noise in the source, 0–1. */
  breath: number;
  /** Spectral tilt of the source: higher = darker voice. */
  tilt: number;
  /** Syllables per second. */
  rate: number;
}

export const DEMO_VOICES: DemoVoice[] = [
  { name: "alice", f0: 210, tract: 1.17, breath: 0.12, tilt: 0.9, rate: 4.6 },
  { name: "bruno", f0: 105, tract: 0.9, breath: 0.05, tilt: 0.96, rate: 3.9 },
  { name: "chen", f0: 145, tract: 1.0, breath: 0.2, tilt: 0.8, rate: 5.2 },
  { name: "dana", f0: 180, tract: 1.08, breath: 0.3, tilt: 0.93, rate: 4.2 },
  { name: "mallory", f0: 260, tract: 0.8, breath: 0.05, tilt: 0.6, rate: 4.4 },
];

const RATE = 8000;
// F1, F2, F3 of a few vowels (adult average), scaled per speaker.
const VOWELS: [number, number, number][] = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [530, 1840, 2480],
  [300, 870, 2240],
  [570, 840, 2410],
  [660, 1720, 2410],
  [440, 1020, 2240],
];


function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Two-pole resonator state (Klatt-style). */
class Resonator {
  private y1 = 0;
  private y2 = 0;
  private a = 0;
  private b = 0;
  private c = 0;
  set(freq: number, bw: number): void {
    const r = Math.exp((-Math.PI * bw) / RATE);
    this.c = -r * r;
    this.b = 2 * r * Math.cos((2 * Math.PI * freq) / RATE);
    this.a = 1 - this.b - this.c;
  }
  step(x: number): number {
    const y = this.a * x + this.b * this.y1 + this.c * this.y2;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** Mono 8 kHz float samples of about `speechSeconds` of voiced speech (plus pauses, scaled by `pauses`) for a voice. */
export function synthSpeech(voice: DemoVoice, speechSeconds: number, utterance = "1", pauses = 1): Float32Array {
  const rnd = prng(hashString(`${voice.name}/${utterance}`));
  const total = Math.ceil((speechSeconds * 1.45 + 1) * RATE);
  const out = new Float32Array(total);
  const r1 = new Resonator();
  const r2 = new Resonator();
  const r3 = new Resonator();
  const r4 = new Resonator();
  r4.set(3500 * voice.tract, 300);
  let pos = Math.floor(0.3 * RATE);
  let voiced = 0;
  let phase = 0;
  let tiltState = 0;
  while (voiced < speechSeconds * RATE && pos < total - RATE) {
    // A sentence: 3–8 words, falling pitch, then a pause.
    const words = 3 + Math.floor(rnd() * 6);
    for (let w = 0; w < words && pos < total - RATE; w++) {
      const syllables = 1 + Math.floor(rnd() * 3);
      for (let s = 0; s < syllables; s++) {
        const len = Math.floor(((0.75 + rnd() * 0.5) / voice.rate) * RATE);
        const v = VOWELS[Math.floor(rnd() * VOWELS.length)]!;
        const next = VOWELS[Math.floor(rnd() * VOWELS.length)]!;
        const accent = 1 + (rnd() - 0.5) * 0.25;
        for (let i = 0; i < len && pos < total; i++, pos++) {
          const t = i / len;
          const env = Math.sin(Math.PI * Math.min(1, t * 1.15)) ** 0.6;
          const glide = t * t;
          r1.set((v[0] + (next[0] - v[0]) * glide) * voice.tract, 80);
          r2.set((v[1] + (next[1] - v[1]) * glide) * voice.tract, 100);
          r3.set((v[2] + (next[2] - v[2]) * glide) * voice.tract, 140);
          const f0 = voice.f0 * accent * (1 + 0.04 * Math.sin(2 * Math.PI * 5 * (pos / RATE))) * (1 + (rnd() - 0.5) * 0.02);
          phase += f0 / RATE;
          let src = 0;
          if (phase >= 1) {
            phase -= 1;
            src = 1;
          }
          tiltState = voice.tilt * tiltState + (1 - voice.tilt) * src * 8;
          const excitation = tiltState * (1 - voice.breath) + (rnd() - 0.5) * voice.breath * 0.6;
          out[pos] = env * r4.step(r3.step(r2.step(r1.step(excitation))));
          voiced++;
        }
        pos += Math.floor((0.01 + rnd() * 0.03) * pauses * RATE);
      }
      pos += Math.floor((0.04 + rnd() * 0.08) * pauses * RATE);
    }
    pos += Math.floor((0.3 + rnd() * 0.35) * pauses * RATE);
  }
  const used = Math.min(total, pos + Math.floor(0.3 * RATE));
  const x = out.subarray(0, used);
  // Level to about -20 dBFS RMS over the voiced part, then a faint noise floor (about -66 dBFS).
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  const rms = Math.sqrt(sum / Math.max(1, voiced)) || 1;
  const gain = 0.1 / rms;
  for (let i = 0; i < x.length; i++) x[i] = Math.max(-0.99, Math.min(0.99, x[i]! * gain + (rnd() - 0.5) * 0.001));
  return x;
}

/** RIFF/WAVE bytes, PCM 16-bit, 8 kHz, from one float array per channel (all the same length). */
export function encodeWav(channels: Float32Array[], sampleRate = RATE): Buffer {
  const n = Math.max(...channels.map((c) => c.length));
  const ch = channels.length;
  const data = n * ch * 2;
  const b = Buffer.alloc(44 + data);
  b.write("RIFF", 0, "ascii");
  b.writeUInt32LE(36 + data, 4);
  b.write("WAVE", 8, "ascii");
  b.write("fmt ", 12, "ascii");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(ch, 22);
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * ch * 2, 28);
  b.writeUInt16LE(ch * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36, "ascii");
  b.writeUInt32LE(data, 40);
  let p = 44;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < ch; c++, p += 2) b.writeInt16LE(Math.round(Math.max(-1, Math.min(1, channels[c]![i] ?? 0)) * 32767), p);
  }
  return b;
}

/** A mono call recording of a demo voice as WAV bytes. */
export function demoCall(voice: DemoVoice, speechSeconds: number, utterance = "1"): Buffer {
  return encodeWav([synthSpeech(voice, speechSeconds, utterance)]);
}
