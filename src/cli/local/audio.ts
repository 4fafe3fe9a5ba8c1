// `voice-id local analyze` and `voice-id local compare`: the operator's view of the audio engine. They run the
// same src/audio functions, VAD settings and voiceprint model as the batch jobs and sessions
// (src/engine/local/jobs/audio-port.ts, voiceprint-model.ts), so what an operator sees is what a job does.
// FILE is a local path or an s3:// URI of the local store. Each export is one command of the `local` registry.
// (Static imports only: this module is itself loaded on demand, and a dynamic import of a module that lives in
// a shared chunk would make the bundler split its runtime helpers into a file every command then loads.)
import { createReadStream, existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Deps } from "../../deps.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { analyzeFiles, compareFiles, parsePairList, type AudioFileInput, type FileReport } from "../../audio/report.js";
import { loadVoiceprintModel } from "../../engine/local/jobs/voiceprint-model.js";
import { s3UriToPath } from "../../engine/local/s3-path.js";
import { readRegularFile } from "../../engine/local/regular-file.js";
import { CONVERT_HINT, MAX_WAV_BYTES, tooLarge } from "../../audio/wav.js";
import { speechSecondsText } from "../../audio/speech.js";
import { fail, storePaths } from "./store-paths.js";
import type { CommandModule, CommandOptions } from "./index.js";
import { joinNegativeValues, parseArgsMessage } from "./parse-args-message.js";

const ANALYZE_USAGE = `usage: voice-id local analyze FILE... [--channel-id N] [--output text|json]

Checks each WAV file as the service would (8 kHz 16-bit PCM, 1 or 2 channels, at most 20 MB) and prints its
format, duration, net speech (seconds of speech with pauses and noise left out), speech level and noise
floor, and whether it holds enough speech to enroll a speaker or register a fraudster (30 s) and to
authenticate (10 s). Each file's report is printed as soon as it is done, in the order given (--output json:
one document at the end). FILE is a path or an s3:// URI of the local store; --channel-id picks the channel
of every file (default 0; a mono file has only channel 0), and FILE:N picks channel N of that file alone.
Exit status 0 when every file is usable audio, 254 when one is refused or cannot be read (the others are
still reported).
`;

const COMPARE_USAGE = `usage: voice-id local compare FILE_A FILE_B [--channel-id N] [--output text|json]
       voice-id local compare --pairs LIST [--channel-id N] [--output text|json]

Prints how alike the voices of two WAV files are, on the service's 0-100 scale (90 and above: the same
speaker at the default acceptance threshold; 50 and above: a fraud risk at the default risk threshold),
from the voiceprints a batch job would compute. With --pairs, LIST is a file (- for standard input) with
one pair per line, "FILE_A FILE_B", and one score is printed per line, in order ("-" for a pair that
cannot be scored, such as a missing file or one without speech; the reason goes to standard error). Blank
lines and lines starting with # are skipped. --channel-id picks the channel of every file (default 0; a mono
file has only channel 0); FILE:N picks channel N of that file alone, e.g. a stereo enrollment with the caller on channel 1 against a
mono call: "enroll.wav:1 call.wav". Exit status 0 when every pair was scored, 254 when one could not be.
`;

const COMMON = {
  "channel-id": { type: "string" },
  output: { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies NonNullable<ParseArgsConfig["options"]>;
const COMPARE_OPTIONS = { ...COMMON, pairs: { type: "string" } } satisfies NonNullable<ParseArgsConfig["options"]>;

/** A bad command line (exit 252, with the usage text) or an unreadable input (exit 252, without it). */
class UsageProblem extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

interface Common {
  channel: number;
  json: boolean;
}

function common(values: { "channel-id"?: string; output?: string }, deps: Deps): Common {
  const raw = values["channel-id"] ?? "0";
  if (raw !== "0" && raw !== "1") throw new UsageProblem(`--channel-id must be 0 or 1, got '${raw}'`);
  const output = values.output ?? deps.globals?.output ?? "text"; // also `voice-id --output json local analyze …`
  if (output !== "text" && output !== "json") throw new UsageProblem(`--output must be text or json, got '${output}'`);
  return { channel: Number(raw), json: output === "json" };
}

/** Where FILE is on this machine: a path, or an s3:// URI of the local store (a URI outside it is refused). */
function locate(deps: Deps, name: string): string {
  return name.startsWith("s3://") ? s3UriToPath(storePaths(deps).settings, name) : resolve(deps.io.cwd, name);
}

/**
 * FILE, or FILE:N to pick that file's channel (a stereo enrollment with the caller on channel 1 against a
 * mono call). A name that exists as written is taken as written, so a file whose name ends in ":1" still works.
 */
function withChannel(deps: Deps, name: string, channel: number): { file: string; channel: number } {
  const m = /^(.+):(\d+)$/.exec(name);
  if (!m) return { file: name, channel };
  try {
    if (existsSync(locate(deps, name))) return { file: name, channel };
  } catch {
    // not a usable URI as written: try it without the suffix
  }
  return { file: m[1]!, channel: Number(m[2]) };
}

/**
 * Reads FILE whole. A file that cannot be read is reported like a refused one (the other files still are), and
 * one over 20 MB is refused unread.
 */
function readInput(deps: Deps, name: string, defaultChannel: number): AudioFileInput {
  const { file, channel } = withChannel(deps, name, defaultChannel);
  const unreadable = (code: string, message: string): AudioFileInput => ({ name, channel, unreadable: { code, message } });
  let path: string;
  try {
    path = locate(deps, file);
  } catch (err) {
    return unreadable("BAD_URI", (err as Error).message);
  }
  const read = readRegularFile(path, MAX_WAV_BYTES);
  if (read.ok) return { name, data: read.bytes, channel };
  switch (read.kind) {
    case "missing":
      return unreadable("NOT_FOUND", "no such file");
    case "folder":
      return unreadable("NOT_A_FILE", "a folder, not a file");
    case "not-a-file":
      return unreadable("NOT_A_FILE", "not a regular file");
    case "too-large":
      return unreadable("TOO_LARGE", tooLarge(read.size).message);
    case "unreadable":
      return unreadable("UNREADABLE", `cannot read (${read.code})`);
  }
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

function describeFile(r: FileReport): string {
  if (!r.ok) return `${r.name}: refused (${r.error.code}): ${r.error.message}${r.error.code === "UNSUPPORTED_SAMPLE_RATE" ? `. ${CONVERT_HINT}` : ""}\n`;
  const layout = r.channels === 1 ? "mono" : `${r.channels} channels, channel ${r.channel}`;
  return (
    `${r.name}: ${r.encoding} ${r.bitsPerSample}-bit ${r.sampleRate} Hz ${layout}\n` +
    `  duration ${r.durationS.toFixed(2)} s, net speech ${r.netSpeechS.toFixed(2)} s (${pct(r.speechRatio)})` +
    (r.speechLevelDb === null ? ", no speech" : `, speech level ${r.speechLevelDb.toFixed(1)} dBFS`) +
    `, noise floor ${r.noiseFloorDb.toFixed(1)} dBFS\n` +
    `  enough to enroll or register (30 s): ${r.enoughToEnroll ? "yes" : "no"}; to authenticate (10 s): ${r.enoughToAuthenticate ? "yes" : "no"}\n`
  );
}

async function runAnalyze(argv: string[], deps: Deps): Promise<number> {
  const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, COMMON), strict: true, allowPositionals: true, options: COMMON });
  if (values.help) {
    await write(deps.io.stdout, ANALYZE_USAGE);
    return ExitCode.ok;
  }
  const opts = common(values, deps);
  if (positionals.length === 0) throw new UsageProblem("give at least one FILE");
  if (positionals.includes("")) throw new UsageProblem("a FILE is an empty string");
  // One file at a time, read, analysed and (as text) printed before the next is read: thousands of files would
  // otherwise give seconds of silence, and a Ctrl-C would lose every report. JSON is one document, written at the end.
  const reports: FileReport[] = [];
  for (const name of positionals) {
    const [report] = analyzeFiles([readInput(deps, name, opts.channel)]);
    reports.push(report!);
    if (!opts.json) await write(deps.io.stdout, describeFile(report!));
  }
  if (opts.json) await write(deps.io.stdout, `${JSON.stringify(reports, null, 4)}\n`);
  return reports.every((r) => r.ok) ? ExitCode.ok : ExitCode.service;
}

async function readPairs(deps: Deps, list: string): Promise<[string, string][]> {
  let text: string;
  try {
    text = await readPairText(list === "-" ? deps.io.stdin : createReadStream(resolve(deps.io.cwd, list)));
  } catch (err) {
    if (err instanceof UsageProblem) throw new UsageProblem(`--pairs ${list}: ${err.message}`, false);
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageProblem(`--pairs ${list}: ${code === "ENOENT" ? "no such file" : `cannot read (${code ?? (err as Error).message})`}`, false);
  }
  try {
    return parsePairList(text);
  } catch (err) {
    throw new UsageProblem(`--pairs ${list}: ${(err as Error).message}`, false);
  }
}

/** A pair line holds two paths (each at most PATH_MAX, 4096 bytes on Linux) and the space between them. */
const PAIR_LINE_MAX_BYTES = 16 * 1024;

/**
 * The whole pair list from a file, a FIFO or standard input; a line longer than any pair of paths stops the read,
 * so `--pairs /dev/zero` fails at once instead of filling the memory.
 */
async function readPairText(stream: NodeJS.ReadableStream): Promise<string> {
  const tooLong = () => new UsageProblem(`a line is longer than ${PAIR_LINE_MAX_BYTES / 1024} KiB; each line is two file names`, false);
  const chunks: Buffer[] = [];
  let run = 0; // bytes since the last line break
  for await (const raw of stream) {
    const chunk = typeof raw === "string" ? Buffer.from(raw) : (raw as Buffer);
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      if (run + nl - from > PAIR_LINE_MAX_BYTES) throw tooLong();
      run = 0;
      from = nl + 1;
    }
    run += chunk.length - from;
    if (run > PAIR_LINE_MAX_BYTES) throw tooLong();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function runCompare(argv: string[], deps: Deps): Promise<number> {
  const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, COMPARE_OPTIONS), strict: true, allowPositionals: true, options: COMPARE_OPTIONS });
  if (values.help) {
    await write(deps.io.stdout, COMPARE_USAGE);
    return ExitCode.ok;
  }
  const opts = common(values, deps);
  let named: [string, string][];
  if (values.pairs !== undefined) {
    if (positionals.length) throw new UsageProblem("give either FILE_A FILE_B or --pairs LIST, not both");
    named = await readPairs(deps, values.pairs);
  } else {
    if (positionals.length !== 2) throw new UsageProblem(`give exactly two files, FILE_A FILE_B (got ${positionals.length}), or --pairs LIST`);
    if (positionals.includes("")) throw new UsageProblem("a FILE is an empty string");
    named = [[positionals[0]!, positionals[1]!]];
  }
  // each distinct file is read and turned into a voiceprint once, however many pairs name it
  const names = [...new Set(named.flat())];
  const index = new Map(names.map((n, i) => [n, i]));
  const files = names.map((name) => readInput(deps, name, opts.channel));
  const report = compareFiles(files, { model: loadVoiceprintModel(), pairs: named.map(([a, b]) => [index.get(a)!, index.get(b)!]) });
  for (const f of report.files) {
    // A two-party call usually has the caller on channel 1; scoring the agent by default is an easy mistake.
    if (f.ok && f.channels === 2 && values["channel-id"] === undefined && !/:\d+$/.test(f.name)) {
      await write(deps.io.stderr, `voice-id local compare: note: ${f.name} has 2 channels and channel 0 was scored; ${f.name}:1 scores the other\n`);
    }
    if (f.ok && !f.enoughToAuthenticate) {
      await write(deps.io.stderr, `voice-id local compare: note: ${f.name} holds only ${speechSecondsText(f.netSpeechS)} s of net speech; the service needs 10 s to authenticate\n`);
    }
  }
  for (const p of report.pairs) if (p.error) await write(deps.io.stderr, `voice-id local compare: cannot score ${p.a} against ${p.b}: ${p.error}\n`);
  await write(deps.io.stdout, opts.json ? `${JSON.stringify(report, null, 4)}\n` : report.pairs.map((p) => `${p.score ?? "-"}\n`).join(""));
  return report.pairs.every((p) => p.score !== null) ? ExitCode.ok : ExitCode.service;
}

/** Usage problems (bad options, unreadable files) → exit 252 with the usage text, no stack trace. */
function command(name: string, usage: string, options: CommandOptions, run: (argv: string[], deps: Deps) => Promise<number>): CommandModule {
  return {
    options,
    async run(argv, deps) {
      try {
        return await run(argv, deps);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (err instanceof UsageProblem && !err.showUsage) return fail(deps, name, err.message, ExitCode.usage);
        if (err instanceof UsageProblem || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
          return fail(deps, name, `${parseArgsMessage(err)}\n\n${usage}`, ExitCode.usage);
        }
        throw err;
      }
    },
  };
}

export const analyze = command("analyze", ANALYZE_USAGE, COMMON, runAnalyze);
export const compare = command("compare", COMPARE_USAGE, COMPARE_OPTIONS, runCompare);
