// The sessions' seam to src/audio: read a session's WAV (s3:// or a local path), measure net speech, find the
// audio window used, build the voiceprint, and score two voiceprints (0–100).
import { isAbsolute } from "node:path";
import { CONVERT_HINT, extractChannel, MAX_WAV_BYTES, parseWav, WavError } from "../../../audio/wav.js";
import { detectSpeech, FRAME_HOP, FRAME_LEN, SAMPLE_RATE } from "../../../audio/speech.js";
import { voiceprintFromBuffer, voiceprintFromSignals, voiceprintToBuffer } from "../../../audio/voiceprint.js";
import { score } from "../../../audio/similarity.js";
import type { LocalContext, LocalSettings } from "../context.js";
import { s3UriToPath } from "../s3-path.js";
import { loadVoiceprintModel } from "../jobs/voiceprint-model.js";
import { audioReadMessage, wavErrorMessage } from "../jobs/audio-port.js";
import { readRegularFile } from "../regular-file.js";
import { invalid } from "../service-errors.js";
import { receivedSeconds, type SessionRow } from "./store.js";

/** Shortest authentication minimum a session can have (spec §2.2); below it no voiceprint is worth computing. */
export const MIN_USABLE_SPEECH_S = 5;

export interface SessionAudio {
  durationS: number;
  netSpeechS: number;
  /** Offsets (seconds from the stream start) of the first and last speech frame; absent without speech. */
  speechStartS?: number;
  speechEndS?: number;
  /** Voiceprint BLOB (float32 LE), when there is at least MIN_USABLE_SPEECH_S of speech. */
  voiceprint?: Buffer;
}

/** Where the audio lives: s3://bucket/key in the local object store, or a path on this machine. */
export function audioPath(settings: LocalSettings, uri: string): string {
  if (uri.startsWith("s3://")) {
    try {
      return s3UriToPath(settings, uri);
    } catch (err) {
      throw invalid((err as Error).message);
    }
  }
  if (!isAbsolute(uri)) throw invalid(`Audio location '${uri}' must be an s3:// URI or an absolute path.`);
  return uri;
}

function readAudioFile(settings: LocalSettings, uri: string): Uint8Array {
  const read = readRegularFile(audioPath(settings, uri), MAX_WAV_BYTES);
  if (!read.ok) throw invalid(audioReadMessage(uri, read));
  return read.bytes;
}

/**
 * Analyses a session's audio: the whole file (ENDED stream), or only its first `receivedS` seconds (a stream
 * still ONGOING). Bad files → ValidationException with the same wording as batch requests (spec §1.7, §2.1).
 */
export function analyseSessionAudio(settings: LocalSettings, uri: string, channel: number, receivedS?: number): SessionAudio {
  const buf = readAudioFile(settings, uri);
  // The same bytes analysed again (EvaluateSession polled on an ended call; local serve trying an operation
  // again after another process's lock) give the same result: reuse it rather than run the analysis again.
  const key = `${uri}\0${channel}\0${receivedS ?? ""}`;
  const hit = recent.find((r) => r.key === key && Buffer.compare(r.bytes, buf) === 0);
  if (hit) return hit.result;
  const result = analyse(buf, uri, channel, receivedS);
  recent.unshift({ key, bytes: buf, result });
  recent.length = Math.min(recent.length, RECENT_ANALYSES);
  return result;
}

/** Audio of the session as streamed so far: the stored analysis of the whole file, or a fresh one of the part received. */
export function streamedAudio(ctx: LocalContext, row: SessionRow): SessionAudio & { receivedS: number } {
  const receivedS = receivedSeconds(ctx, row);
  if (receivedS >= row.audio_s) {
    return {
      receivedS,
      durationS: row.audio_s,
      netSpeechS: row.net_speech_s,
      speechStartS: row.speech_start_s ?? undefined,
      speechEndS: row.speech_end_s ?? undefined,
      voiceprint: row.voiceprint ?? undefined,
    };
  }
  return { receivedS, ...analyseSessionAudio(ctx.settings, row.audio_uri, row.channel_id, receivedS) };
}

/** Analyses kept for reuse, newest first; a few, as each holds its file's bytes (up to 20 MB). */
const RECENT_ANALYSES = 2;
const recent: { key: string; bytes: Uint8Array; result: SessionAudio }[] = [];

function analyse(buf: Uint8Array, uri: string, channel: number, receivedS: number | undefined): SessionAudio {
  let samples: Float32Array;
  let durationS: number;
  try {
    const format = parseWav(buf);
    durationS = format.durationS;
    samples = extractChannel(buf, format, channel);
  } catch (err) {
    if (err instanceof WavError) throw invalid(wavErrorMessage(uri, err) + (err.code === "UNSUPPORTED_SAMPLE_RATE" ? ` ${CONVERT_HINT}` : ""));
    throw err;
  }
  if (receivedS !== undefined && receivedS < durationS) samples = samples.subarray(0, Math.max(0, Math.floor(receivedS * SAMPLE_RATE)));
  const speech = detectSpeech(samples);
  const out: SessionAudio = { durationS, netSpeechS: speech.netSpeechS };
  const first = speech.mask.indexOf(1);
  if (first >= 0) {
    const last = speech.mask.lastIndexOf(1);
    out.speechStartS = (first * FRAME_HOP) / SAMPLE_RATE;
    out.speechEndS = (last * FRAME_HOP + FRAME_LEN) / SAMPLE_RATE;
  }
  if (speech.netSpeechS >= MIN_USABLE_SPEECH_S) {
    out.voiceprint = voiceprintToBuffer(voiceprintFromSignals([{ samples, mask: speech.mask }], loadVoiceprintModel()));
  }
  return out;
}

/** The service's 0–100 similarity of two stored voiceprints; 0 when either is unusable. */
export function voiceSimilarity(a: Uint8Array | null | undefined, b: Uint8Array | null | undefined): number {
  if (!a || !b) return 0;
  try {
    return score(voiceprintFromBuffer(a), voiceprintFromBuffer(b));
  } catch {
    return 0;
  }
}
