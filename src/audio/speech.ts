// Voice-activity detection: how many seconds of net speech a channel holds, and which 10 ms frames they are.

/** Net speech needed to enroll a speaker (spec §2.2). */
export const MIN_SPEECH_ENROLL_S = 30;
/** Net speech needed to register a fraudster (spec §2.2, a local choice). */
export const MIN_SPEECH_REGISTER_S = 30;
/** Net speech needed to authenticate / screen a session by default (configurable 5–10 s). */
export const MIN_SPEECH_AUTH_S = 10;

/**
 * Seconds of speech to one decimal, rounded down, so 29.96 s never reads as the 30.0 a minimum asks for (the
 * nanosecond of slack keeps a float such as 2.2999999999999998, which is 230 frames, from reading 2.2).
 */
export const speechSecondsText = (s: number): string => (Math.floor(s * 10 + 1e-9) / 10).toFixed(1);

/** 25 ms analysis frames every 10 ms at 8 kHz; voiceprint features use the same grid, so masks line up. */
export const FRAME_LEN = 200;
export const FRAME_HOP = 80;
export const SAMPLE_RATE = 8000;

export interface VadOptions {
  /** Frames quieter than the loudest frame minus this are not speech. Default 40 dB. */
  dynamicRangeDb?: number;
  /** Frames must be this far above the noise floor (the `noisePercentile` frame energy). Default 6 dB. */
  noiseMarginDb?: number;
  /**
   * A weaker frame, down to this far above the noise floor, still counts when a run of such frames reaches a
   * frame above the full threshold (hysteresis). Default 2 dB. In noisy calls the floor sets the threshold and
   * speech onsets and endings sink into the noise; on generated 20 dB-SNR copies the full threshold alone
   * measured 94 % of the clean copy's net speech, with the hysteresis 99 %. Noise alone never reaches the full
   * threshold, so it stays silence; on clean audio the loudest frame − dynamicRange bound decides and nothing changes.
   */
  extendMarginDb?: number;
  /** Percentile of frame energies taken as the noise floor. Default 0.10. */
  noisePercentile?: number;
  /** Absolute floor in dBFS (digital silence is never speech). Default -60. */
  absoluteFloorDb?: number;
  /**
   * Frame energies leave out each 5 ms block's mean (default true): a DC offset carries no speech, but in plain
   * energy it lifts the noise floor and the quietest speech sinks under it. Removes DC entirely, 50 Hz mains hum
   * by 7 dB, 100 Hz by 2 dB and at most 0.2 dB from 200 Hz up; it costs one addition per sample, where a proper
   * high-pass filter (a biquad's feedback chain) cost 3 % of a whole voiceprint.
   */
  removeDc?: boolean;
}

export interface SpeechResult {
  /** Net speech in seconds (speech frames × 10 ms). */
  netSpeechS: number;
  /** One byte per 10 ms frame: 1 = speech. */
  mask: Uint8Array;
  /** Number of speech frames. */
  speechFrames: number;
  /** Energy threshold used, in dBFS. */
  thresholdDb: number;
  /** Per-frame energy, dBFS. */
  energyDb: Float32Array;
  /** Active speech level in dBFS (mean energy of the speech frames); null without speech. */
  speechLevelDb: number | null;
  /** Noise floor: the 10th-percentile frame energy in dBFS; null for audio shorter than a frame. */
  noiseFloorDb: number | null;
}

/** Number of 25 ms / 10 ms frames for n samples (a short tail shorter than a frame is dropped). */
export function frameCount(n: number): number {
  return n < FRAME_LEN ? 0 : 1 + Math.floor((n - FRAME_LEN) / FRAME_HOP);
}

/** Mean-square energy of each frame in dBFS (a full-scale square wave is 0 dB); removeDc as in VadOptions. */
export function frameEnergiesDb(x: Float32Array, removeDc = true): Float32Array {
  return toDb(frameMeanSquares(x, removeDc));
}

/** Mean squares → dBFS (−120 dB for digital silence). */
function toDb(ms: Float64Array): Float32Array {
  const out = new Float32Array(ms.length);
  for (let f = 0; f < ms.length; f++) out[f] = 10 * Math.log10(ms[f]! + 1e-12);
  return out;
}

/** Mean square of each frame; with removeDc, of the signal less each 5 ms block's mean. */
function frameMeanSquares(x: Float32Array, removeDc: boolean): Float64Array {
  const nf = frameCount(x.length);
  const out = new Float64Array(nf);
  // Frames are 5 blocks of 40 samples and start every 2 blocks: square each sample once, not 2.5 times.
  const nb = nf === 0 ? 0 : 2 * (nf - 1) + FRAME_LEN / ENERGY_BLOCK;
  const blocks = new Float64Array(nb);
  for (let b = 0, o = 0; b < nb; b++) {
    let s = 0;
    let m = 0;
    for (const end = o + ENERGY_BLOCK; o < end; o++) {
      const v = x[o]!;
      s += v * v;
      m += v;
    }
    // Σ(v − mean)² = Σv² − (Σv)²/n: the block's own mean removed (clamped: rounding can dip below 0)
    blocks[b] = removeDc ? Math.max(s - (m * m) / ENERGY_BLOCK, 0) : s;
  }
  for (let f = 0; f < nf; f++) {
    const b = 2 * f;
    out[f] = (blocks[b]! + blocks[b + 1]! + blocks[b + 2]! + blocks[b + 3]! + blocks[b + 4]!) / FRAME_LEN;
  }
  return out;
}

/** The greatest common divisor of FRAME_LEN and FRAME_HOP. */
const ENERGY_BLOCK = 40;

/**
 * Energy VAD: a frame is speech when its energy exceeds
 * max(loudest frame − dynamicRange, noise-floor percentile + margin, absolute floor), or the same bound with the
 * smaller extendMargin when a run of such frames reaches a frame above the first (hysteresis).
 * On clean telephone audio this lands within a few percent of the sentence-level ground truth.
 */
export function detectSpeech(x: Float32Array, opts: VadOptions = {}): SpeechResult {
  const range = opts.dynamicRangeDb ?? 40;
  const margin = opts.noiseMarginDb ?? 6;
  const extendMargin = Math.min(opts.extendMarginDb ?? 2, margin);
  const pct = opts.noisePercentile ?? 0.1;
  const floor = opts.absoluteFloorDb ?? -60;
  const ms = frameMeanSquares(x, opts.removeDc ?? true);
  const nf = ms.length;
  const energyDb = toDb(ms);
  const mask = new Uint8Array(nf);
  if (nf === 0) return { netSpeechS: 0, mask, speechFrames: 0, thresholdDb: floor, energyDb, speechLevelDb: null, noiseFloorDb: null };
  const sorted = Float32Array.from(energyDb).sort();
  const peak = sorted[nf - 1]!;
  const noise = sorted[Math.min(nf - 1, Math.floor(pct * nf))]!;
  const thresholdDb = Math.max(peak - range, noise + margin, floor);
  const extendDb = Math.max(peak - range, noise + extendMargin, floor);
  let count = 0;
  let speechEnergy = 0;
  // runs of frames above extendDb are speech when one of their frames is above thresholdDb
  for (let f = 0; f < nf; ) {
    if (!(energyDb[f]! > extendDb)) {
      f++;
      continue;
    }
    let end = f;
    let reaches = false;
    for (; end < nf && energyDb[end]! > extendDb; end++) {
      if (energyDb[end]! > thresholdDb) reaches = true;
    }
    if (reaches) {
      for (let g = f; g < end; g++) {
        mask[g] = 1;
        speechEnergy += ms[g]! + 1e-12;
      }
      count += end - f;
    }
    f = end;
  }
  return {
    netSpeechS: (count * FRAME_HOP) / SAMPLE_RATE,
    mask,
    speechFrames: count,
    thresholdDb,
    energyDb,
    speechLevelDb: count ? 10 * Math.log10(speechEnergy / count) : null,
    noiseFloorDb: sorted[Math.floor(0.1 * nf)]!,
  };
}

/** Enough speech for the purpose? Thresholds are parameters so callers can configure them (5–10 s sessions). */
export function hasEnoughSpeech(netSpeechS: number, minimumS: number): boolean {
  return netSpeechS >= minimumS;
}
