// Public face of the audio engine: WAV validation, net speech, voiceprints and scores as plain functions that also run unchanged inside worker_threads.

import type { VoiceprintModel } from "./model.js";
import { detectSpeech, type VadOptions } from "./speech.js";
import { voiceprintFromSignals } from "./voiceprint.js";
import { extractChannel, parseWav, type WavFormat } from "./wav.js";

export * from "./wav.js";
export * from "./speech.js";
export * from "./voiceprint.js";
export * from "./similarity.js";
export { decodeModel, encodeModel, type VoiceprintModel, type ScoreCalibration } from "./model.js";

export interface AnalyzeOptions {
  /** Channel to analyse (0 or 1); default 0. */
  channel?: number;
  vad?: VadOptions;
  /** When given, also compute the voiceprint of this file alone. */
  model?: VoiceprintModel;
}

export interface WavAnalysis {
  format: WavFormat;
  channel: number;
  durationS: number;
  netSpeechS: number;
  speechFrames: number;
  /** Active speech level in dBFS (mean energy of speech frames); null without speech. */
  speechLevelDb: number | null;
  /** Noise floor (10th percentile frame energy) in dBFS. */
  noiseFloorDb: number | null;
  thresholdDb: number;
  /** Speech frames as one byte per 10 ms frame (1 = speech). */
  mask: Uint8Array;
  voiceprint?: Float32Array;
}

/** Validate one WAV buffer and measure its chosen channel. Throws WavError for audio the service would refuse. */
export function analyzeWav(buffer: Uint8Array, opts: AnalyzeOptions = {}): WavAnalysis {
  const channel = opts.channel ?? 0;
  const format = parseWav(buffer);
  const samples = extractChannel(buffer, format, channel);
  const sp = detectSpeech(samples, opts.vad);
  const result: WavAnalysis = {
    format,
    channel,
    durationS: format.durationS,
    netSpeechS: sp.netSpeechS,
    speechFrames: sp.speechFrames,
    speechLevelDb: sp.speechLevelDb,
    noiseFloorDb: sp.noiseFloorDb,
    thresholdDb: sp.thresholdDb,
    mask: sp.mask,
  };
  if (opts.model) result.voiceprint = voiceprintFromSignals([{ samples, mask: sp.mask }], opts.model, opts.vad);
  return result;
}
