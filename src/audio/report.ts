// Operator view of the audio engine (`voice-id local analyze` / `local compare`): returns plain data, never prints.
//
// API (the CLI reads the files and renders the result):
//   analyzeFiles(files: AudioFileInput[], opts?: ReportOptions): FileReport[]
//     one entry per file, in order: format, duration, net speech, levels and whether it clears the
//     enrollment (30 s) and authentication (10 s) minimums; or { ok: false, error: { code, message } }.
//   compareFiles(files: AudioFileInput[], opts?: CompareOptions): CompareReport
//     one voiceprint per file, then the 0–100 score of each pair (default: every pair; `pairs` picks them
//     by index), with the spec's decisions at the default thresholds (accept ≥ 90, fraud risk ≥ 50).
//   (a file given as { unreadable } instead of data is reported as refused; a pair with a file that holds no
//   speech at all is not scored.)
//   parsePairList(text: string): [string, string][]
//     the `--pairs LIST` file: one "FILE_A FILE_B" per line → pairs of names.

import type { VoiceprintModel } from "./model.js";
import { score, scoreExact } from "./similarity.js";
import { MIN_SPEECH_AUTH_S, MIN_SPEECH_ENROLL_S, detectSpeech, type VadOptions } from "./speech.js";
import { voiceprintFromSignals } from "./voiceprint.js";
import { WavError, extractChannel, parseWav } from "./wav.js";

/** A file to analyse: its bytes, or why they could not be read (reported like a refused file). */
export type AudioFileInput = {
  /** Shown in the report (a path or s3:// URI). */
  name: string;
  /** Channel to analyse; default 0. */
  channel?: number;
} & ({ data: Uint8Array } | { unreadable: { code: string; message: string } });

export interface ReportOptions {
  vad?: VadOptions;
  /** Minimums to report against; defaults 30 s (enroll) and 10 s (authenticate). */
  enrollMinimumS?: number;
  authenticateMinimumS?: number;
}

export interface CompareOptions extends ReportOptions {
  /** Model for voiceprints; without it the plain (weaker) cepstral voiceprint is used. */
  model?: VoiceprintModel;
  /** Pairs of indexes into `files`; default every pair i < j. */
  pairs?: [number, number][];
  acceptanceThreshold?: number;
  riskThreshold?: number;
}

export type FileReport =
  | {
      name: string;
      ok: true;
      channel: number;
      sampleRate: number;
      channels: number;
      bitsPerSample: number;
      encoding: "PCM" | "WAVE_FORMAT_EXTENSIBLE/PCM";
      durationS: number;
      netSpeechS: number;
      /** Net speech / duration. */
      speechRatio: number;
      /** Mean energy of speech frames, dBFS; null without speech. */
      speechLevelDb: number | null;
      /** 10th-percentile frame energy, dBFS. */
      noiseFloorDb: number;
      enoughToEnroll: boolean;
      enoughToAuthenticate: boolean;
    }
  | { name: string; ok: false; channel: number; error: { code: string; message: string } };

export interface PairReport {
  a: string;
  b: string;
  /** Indexes into files. */
  i: number;
  j: number;
  /** Integer 0–100, or null when either file could not be used. */
  score: number | null;
  /** Unrounded score, for sorting. */
  exact: number | null;
  accepted: boolean | null;
  fraudRisk: boolean | null;
  error?: string;
}

export interface CompareReport {
  files: FileReport[];
  pairs: PairReport[];
  model: "gmm-ubm" | "plain";
  acceptanceThreshold: number;
  riskThreshold: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function analyzeOne(f: AudioFileInput, opts: ReportOptions): { report: FileReport; samples?: Float32Array; mask?: Uint8Array } {
  const channel = f.channel ?? 0;
  if ("unreadable" in f) return { report: { name: f.name, ok: false, channel, error: f.unreadable } };
  try {
    const format = parseWav(f.data);
    const samples = extractChannel(f.data, format, channel);
    const sp = detectSpeech(samples, opts.vad);
    const report: FileReport = {
      name: f.name,
      ok: true,
      channel,
      sampleRate: format.sampleRate,
      channels: format.channels,
      bitsPerSample: format.bitsPerSample,
      encoding: format.formatTag === 1 ? "PCM" : "WAVE_FORMAT_EXTENSIBLE/PCM",
      durationS: r2(format.durationS),
      netSpeechS: r2(sp.netSpeechS),
      speechRatio: r2(format.durationS > 0 ? sp.netSpeechS / format.durationS : 0),
      speechLevelDb: sp.speechLevelDb === null ? null : r2(sp.speechLevelDb),
      noiseFloorDb: sp.noiseFloorDb === null ? -120 : r2(sp.noiseFloorDb),
      enoughToEnroll: sp.netSpeechS >= (opts.enrollMinimumS ?? MIN_SPEECH_ENROLL_S),
      enoughToAuthenticate: sp.netSpeechS >= (opts.authenticateMinimumS ?? MIN_SPEECH_AUTH_S),
    };
    return { report, samples, mask: sp.mask };
  } catch (e) {
    if (!(e instanceof WavError)) throw e;
    return { report: { name: f.name, ok: false, channel, error: { code: e.code, message: e.message } } };
  }
}

/** Validate and measure each file (see the header comment). */
export function analyzeFiles(files: AudioFileInput[], opts: ReportOptions = {}): FileReport[] {
  return files.map((f) => analyzeOne(f, opts).report);
}

/** Score pairs of files against each other (see the header comment). */
export function compareFiles(files: AudioFileInput[], opts: CompareOptions = {}): CompareReport {
  const acc = opts.acceptanceThreshold ?? 90;
  const risk = opts.riskThreshold ?? 50;
  const analysed = files.map((f) => analyzeOne(f, opts));
  // a file without a single speech frame has no voice to compare (a job or session would say NOT_ENOUGH_SPEECH)
  const hasSpeech = (a: (typeof analysed)[number]) => a.report.ok && a.report.netSpeechS > 0;
  const prints = analysed.map((a) =>
    a.samples && a.mask && hasSpeech(a) ? voiceprintFromSignals([{ samples: a.samples, mask: a.mask }], opts.model, opts.vad) : undefined,
  );
  const pairs = opts.pairs ?? allPairs(files.length);
  const out: PairReport[] = pairs.map(([i, j]) => {
    const a = files[i];
    const b = files[j];
    if (!a || !b) throw new RangeError(`pair ${i}-${j} is outside the ${files.length} files given`);
    const pa = prints[i];
    const pb = prints[j];
    if (!pa || !pb) {
      const bad = !pa ? analysed[i]!.report : analysed[j]!.report;
      const why = bad.ok ? "no speech to compare" : bad.error.message;
      return { a: a.name, b: b.name, i, j, score: null, exact: null, accepted: null, fraudRisk: null, error: `${bad.name}: ${why}` };
    }
    const s = score(pa, pb);
    return { a: a.name, b: b.name, i, j, score: s, exact: r2(scoreExact(pa, pb)), accepted: s >= acc, fraudRisk: s >= risk };
  });
  return { files: analysed.map((a) => a.report), pairs: out, model: opts.model ? "gmm-ubm" : "plain", acceptanceThreshold: acc, riskThreshold: risk };
}

function allPairs(n: number): [number, number][] {
  const p: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) p.push([i, j]);
  return p;
}

/**
 * A pair list for `local compare --pairs`: one pair per line, "FILE_A FILE_B" (a name with spaces in double
 * quotes); blank lines and lines starting with # are skipped. Throws RangeError naming the line of a malformed one.
 */
export function parsePairList(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const fields = [...trimmed.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    if (fields.length !== 2 || fields.some((f) => f === "")) {
      throw new RangeError(`line ${i + 1}: expected two files, "FILE_A FILE_B", got ${JSON.stringify(trimmed)}`);
    }
    pairs.push([fields[0]!, fields[1]!]);
  });
  if (pairs.length === 0) throw new RangeError("no pairs: expected lines of \"FILE_A FILE_B\"");
  return pairs;
}
