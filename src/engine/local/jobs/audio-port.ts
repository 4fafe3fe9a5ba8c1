// The one seam between the job runner and src/audio: read a request's WAV files, measure net speech and
// build a voiceprint, turning audio failures into the per-request messages of spec §1.7. Pure and
// synchronous, so the same function runs on a worker thread (audio-pool.ts) or in-process.
import { extractChannel, MAX_WAV_BYTES, parseWav, WavError } from "../../../audio/wav.js";
import { readRegularFile, type ReadProblem } from "../regular-file.js";
import { detectSpeech } from "../../../audio/speech.js";
import { voiceprintFromSignals, type VoiceprintSignal } from "../../../audio/voiceprint.js";
import { score } from "../../../audio/similarity.js";
import { loadVoiceprintModel } from "./voiceprint-model.js";

/** One audio file of a request, already mapped from its s3:// URI to a local path. */
export interface AudioSource {
  uri: string;
  path: string;
  channel: number;
}

export interface AnalysisRequest {
  sources: AudioSource[];
  /** Net speech needed before a voiceprint is worth computing (30 s for enrollment and registration). */
  minSpeechS: number;
}

export type AnalysisResult =
  | { ok: true; netSpeechS: number; audioS: number; voiceprint?: Float32Array }
  | { ok: false; message: string; audioS: number; /** an unexpected failure (ErrorCode 500), not a problem of the audio */ internal?: boolean };

/** What the runner needs from the audio engine; the pool and the in-process path both implement it. */
export interface AudioPort {
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  close(): Promise<void>;
}

/** The spec's per-request wording (§1.7) for an audio file that cannot be read; sessions use it too. */
export function audioReadMessage(uri: string, problem: ReadProblem): string {
  switch (problem.kind) {
    case "missing":
      return `Audio file ${uri} not found.`;
    case "folder":
      return `Audio file ${uri} cannot be read (a folder, not a file).`;
    case "not-a-file":
      return `Audio file ${uri} cannot be read (not a regular file).`;
    case "too-large":
      return `Audio file ${uri} exceeds 20 MB.`;
    case "unreadable":
      return `Audio file ${uri} cannot be read (${problem.code}).`;
  }
}

/** Reads a file whole, refusing it unread when larger than the service's 20 MB limit. */
function readAudio(source: AudioSource): Uint8Array {
  const read = readRegularFile(source.path, MAX_WAV_BYTES);
  if (!read.ok) throw new AudioProblem(audioReadMessage(source.uri, read));
  return read.bytes;
}

class AudioProblem extends Error {}

/** The spec's per-request wording (§1.7) for each kind of WAV refusal. */
export function wavErrorMessage(uri: string, err: WavError): string {
  switch (err.code) {
    case "TOO_LARGE":
      return `Audio file ${uri} exceeds 20 MB.`;
    case "NOT_RIFF_WAVE":
      return `Audio file ${uri} is not a PCM-16 WAV file.`;
    case "UNSUPPORTED_SAMPLE_RATE": {
      const rate = /(\d+) Hz/.exec(err.message)?.[1] ?? "an unsupported rate";
      return `Audio file ${uri} has sample rate ${rate} Hz; 8000 Hz is required.`;
    }
    case "NO_SUCH_CHANNEL": {
      const m = /has (\d+) channels?; channel (\d+)/.exec(err.message);
      const n = m?.[1] ?? "1";
      return `Audio file ${uri} has ${n} channel${n === "1" ? "" : "s"}; ChannelId ${m?.[2] ?? "1"} does not exist.`;
    }
    case "TRUNCATED":
      return `Audio file ${uri} is a truncated WAV file: ${err.message}.`;
    default:
      return `Audio file ${uri} is not a PCM-16 WAV file: ${err.message}.`;
  }
}

/** Reads every file of a request, pools their net speech, and computes the voiceprint once there is enough. */
export function analyzeRequest(request: AnalysisRequest): AnalysisResult {
  const signals: VoiceprintSignal[] = [];
  let netSpeechS = 0;
  let audioS = 0;
  for (const source of request.sources) {
    try {
      const buf = readAudio(source);
      const format = parseWav(buf);
      audioS += format.durationS;
      const samples = extractChannel(buf, format, source.channel);
      const speech = detectSpeech(samples);
      netSpeechS += speech.netSpeechS;
      signals.push({ samples, mask: speech.mask });
    } catch (err) {
      if (err instanceof AudioProblem) return { ok: false, message: err.message, audioS };
      if (err instanceof WavError) return { ok: false, message: wavErrorMessage(source.uri, err), audioS };
      throw err;
    }
  }
  if (netSpeechS < request.minSpeechS) return { ok: true, netSpeechS, audioS };
  return { ok: true, netSpeechS, audioS, voiceprint: voiceprintFromSignals(signals, loadVoiceprintModel()) };
}

/** The service's 0–100 similarity of two voiceprints (same voice ≈ ≥ 90). */
export function similarity(a: Float32Array, b: Float32Array): number {
  return score(a, b);
}

/** Runs the analysis on the calling thread (tests, tiny jobs, or when the compiled thread script is absent). */
export function inProcessAudioPort(): AudioPort {
  return {
    analyze: async (request) => analyzeRequest(request),
    close: async () => {},
  };
}
