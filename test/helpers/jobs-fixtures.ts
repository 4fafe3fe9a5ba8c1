// Job test fixtures: a temp store whose jobs run in-process, synthesized call recordings in its s3 folder,
// manifests, and the output file of a finished job.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { PassThrough } from "node:stream";
import { dirname, join } from "node:path";
import type { Document } from "../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { runPendingJobs } from "../../src/engine/local/jobs/work-loop.js";
import { inProcessAudioPort } from "../../src/engine/local/jobs/audio-port.js";
import { DEMO_VOICES, demoCall, encodeWav, type DemoVoice } from "../../src/cli/local/demo-voices.js";

export const ROLE = "arn:aws:iam::000000000000:role/voice-id-jobs";

export interface JobStore {
  home: string;
  s3Root: string;
  env: Record<string, string>;
  engine: LocalEngine;
  /** Writes bytes (or JSON) at s3://bucket/key of the store. */
  put(uri: string, body: Buffer | string | object): void;
  read(uri: string): string;
  domain(): Promise<{ DomainId: string; DefaultWatchlistId: string }>;
  /** Runs every pending job in-process (the same loop the worker process runs). */
  runJobs(): Promise<number>;
}

export function jobStore(opts: { jobWorkers?: "spawn" | "none"; s3Root?: string } = {}): JobStore {
  const home = mkdtempSync(join(tmpdir(), "voice-id-jobs-"));
  const s3Root = opts.s3Root ?? join(home, "s3");
  const env = { VOICE_ID_HOME: home, VOICE_ID_S3_ROOT: s3Root };
  const engine = LocalEngine.open({ settings: localSettings(env), jobWorkers: opts.jobWorkers ?? "none" });
  const pathOf = (uri: string) => join(s3Root, uri.replace(/^s3:\/\//, ""));
  return {
    home,
    s3Root,
    env,
    engine,
    put(uri, body) {
      const p = pathOf(uri);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, Buffer.isBuffer(body) || typeof body === "string" ? body : JSON.stringify(body));
    },
    read: (uri) => readFileSync(pathOf(uri), "utf8"),
    async domain() {
      const d = (await engine.call("CreateDomain", { Name: "jobs", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k" } })).Domain as Document;
      return { DomainId: d.DomainId as string, DefaultWatchlistId: (d.WatchlistDetails as Document).DefaultWatchlistId as string };
    },
    runJobs: () => runPendingJobs(engine.ctx, { audio: inProcessAudioPort(), leaseMs: 5_000 }),
  };
}

export const voice = (name: string): DemoVoice => DEMO_VOICES.find((v) => v.name === name)!;

const cache = new Map<string, Buffer>();
/** A mono call of a demo voice with `speech` seconds of speech (cached: synthesis is deterministic). */
export function call(name: string, speech = 38, utterance = "1"): Buffer {
  const key = `${name}/${speech}/${utterance}`;
  let b = cache.get(key);
  if (!b) cache.set(key, (b = demoCall(voice(name), speech, utterance)));
  return b;
}

export { encodeWav };

export function enrollmentManifest(requests: { id: string; speaker: string; audio: [string, number][] }[]): object {
  return {
    Version: "1.0",
    SpeakerEnrollmentRequests: requests.map((r) => ({
      RequestId: r.id,
      SpeakerId: r.speaker,
      AudioSpecifications: r.audio.map(([S3Uri, ChannelId]) => ({ S3Uri, ChannelId })),
    })),
  };
}

export function registrationManifest(requests: { id: string; audio: [string, number][] }[]): object {
  return {
    Version: "1.0",
    FraudsterRegistrationRequests: requests.map((r) => ({ RequestId: r.id, AudioSpecifications: r.audio.map(([S3Uri, ChannelId]) => ({ S3Uri, ChannelId })) })),
  };
}

/** Starts a job over the manifest at manifestUri, output under s3://out-bucket/results; returns its JobId. */
async function startJob(s: JobStore, op: string, configMember: string, domainId: string, manifestUri: string, config?: Document): Promise<string> {
  const params: Document = {
    DomainId: domainId,
    DataAccessRoleArn: ROLE,
    InputDataConfig: { S3Uri: manifestUri },
    OutputDataConfig: { S3Uri: "s3://out-bucket/results/" },
  };
  if (config) params[configMember] = config;
  return ((await s.engine.call(op, params)).Job as Document).JobId as string;
}

export const startEnrollment = (s: JobStore, domainId: string, manifestUri: string, config?: Document) =>
  startJob(s, "StartSpeakerEnrollmentJob", "EnrollmentConfig", domainId, manifestUri, config);

export const startRegistration = (s: JobStore, domainId: string, manifestUri: string, config?: Document) =>
  startJob(s, "StartFraudsterRegistrationJob", "RegistrationConfig", domainId, manifestUri, config);

export function outputOf(s: JobStore, jobId: string, manifestUri: string): Record<string, any> {
  const name = manifestUri.split("/").pop();
  return JSON.parse(s.read(`s3://out-bucket/results/${jobId}/${name}.out`)) as Record<string, any>;
}

/** IO for running a command in-process: captured output, chosen TTY flags, the store's environment. */
export function captureIO(env: Record<string, string>, tty = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (d: Buffer) => out.push(d.toString()));
  stderr.on("data", (d: Buffer) => err.push(d.toString()));
  return {
    deps: {
      io: {
        stdin: new PassThrough(),
        stdout,
        stderr,
        stdoutIsTTY: tty,
        stderrIsTTY: tty,
        columns: 80,
        env: { ...env, VOICE_ID_WAIT_DELAY_MS: "50" },
        cwd: process.cwd(),
        homedir: env.VOICE_ID_HOME ?? "/",
      },
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
