// Runs one claimed job to its end: reads and checks the manifest, checks that the output folder can be written
// (before anything commits, so a FAILED job leaves no speakers or fraudsters behind), analyzes audio ahead on the pool, commits
// each request's result (with the speaker/fraudster it creates) in its own transaction in manifest order,
// then writes the output file atomically and moves the job to its terminal status. Resumable at any point:
// requests already in job_results are skipped, so a restarted job finishes exactly once.
import { renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { makeFolders } from "../make-folders.js";
import { removeStaleTemps } from "../process-gone.js";
import { dirname } from "node:path";
import type { LocalContext } from "../context.js";
import { getDomain } from "../store/domains.js";
import { getWatchlist } from "../store/watchlists.js";
import { inTransaction, isBusy, whileLocked } from "../store/tx.js";
import { storeStillAtPath } from "../store/db.js";
import type { AnalysisResult, AudioPort } from "./audio-port.js";
import { enrollmentSettings, registrationSettings } from "./config.js";
import {
  enrollmentNeedsAudio,
  enrollOne,
  errorOutcome,
  FraudsterPrints,
  MIN_SPEECH_S,
  missingWatchlist,
  registerOne,
  type RequestOutcome,
} from "./decisions.js";
import { heartbeat, holdsLease, LeaseLost, release } from "./lease.js";
import { checkRequests, JobFailure, parseManifest, readManifestBytes, type CheckedRequest, type ManifestRequest } from "./manifest.js";
import { getJob, type JobRow } from "./records.js";
import { outputUri, s3Path } from "./s3.js";
import { transition } from "./transitions.js";
import { unexpectedErrorMessage } from "../../../errors/index.js";

export interface RunOptions {
  owner: string;
  audio: AudioPort;
  leaseMs: number;
  /** Requests analyzed ahead of the commit point (keeps every pool thread busy without holding the whole job in memory). */
  lookahead?: number;
  /**
   * Asked before each request: true stops the job there (a server shutting down), its results so far committed
   * and its lease released, so the next runner resumes it at once from the next request.
   */
  stopRequested?: () => boolean;
}

/** The job was stopped between two requests (or while waiting for a lock); it stays IN_PROGRESS for the next runner. */
export class Stopped extends Error {}

type Json = Record<string, any>;

/** Runs a job this owner has claimed. Returns the terminal status, or undefined when the lease was lost or the job stopped. */
export async function runJob(ctx: LocalContext, jobId: string, opts: RunOptions): Promise<string | undefined> {
  let lost = false;
  const beat = setInterval(() => {
    try {
      if (!heartbeat(ctx.db, jobId, opts.owner, ctx.now().getTime(), opts.leaseMs)) lost = true;
    } catch {
      // A busy store delays one heartbeat; the next one (lease/3 later) catches up.
    }
  }, Math.max(50, Math.floor(opts.leaseMs / 3)));
  try {
    // A store deleted or replaced under the worker ends its claim too: its results would go nowhere and its
    // output file into the new store's folders. Another process's write lock, on a connection that never
    // blocks (local serve's), runs the job on from its last committed request once the lock is free.
    return await whileLocked(() => runClaimed(ctx, jobId, opts, () => lost || !storeStillAtPath(ctx.db)), {
      file: ctx.db.name,
      progress: () => doneRequests(ctx, jobId), // a lock that let some requests through is a new wait
      abort: () => (opts.stopRequested?.() ? new Stopped() : undefined),
    });
  } catch (err) {
    if (err instanceof LeaseLost) return undefined;
    if (err instanceof Stopped || isBusy(err)) {
      // left IN_PROGRESS, its results kept, for the next runner (a lock held past LOCK_WAIT_MS ends here too)
      try {
        release(ctx.db, jobId, opts.owner);
      } catch {
        // the lease then lapses on its own, or with this process
      }
      return undefined;
    }
    const failure = err instanceof JobFailure ? err : new JobFailure(500, `Internal error: ${unexpectedErrorMessage(err)}`);
    return whileLocked(() => finishFailed(ctx, jobId, opts.owner, failure), { file: ctx.db.name });
  } finally {
    clearInterval(beat);
  }
}

/** Requests committed so far (a read: it never waits for a lock); undefined if even that fails. */
function doneRequests(ctx: LocalContext, jobId: string): number | undefined {
  try {
    return getJob(ctx.db, jobId)?.done_requests;
  } catch {
    return undefined;
  }
}

function finishFailed(ctx: LocalContext, jobId: string, owner: string, failure: JobFailure): string | undefined {
  return inTransaction(ctx, () => {
    if (!holdsLease(ctx.db, jobId, owner)) return undefined;
    transition(ctx.db, jobId, "FAILED", ctx.now, { failure: { statusCode: failure.statusCode, message: failure.message } });
    return "FAILED";
  });
}

/**
 * The worker serves every region and account of the store: a job runs with its domain's region and account,
 * whichever command spawned the worker.
 */
function jobContext(ctx: LocalContext, domainId: string): LocalContext {
  const home = ctx.db.prepare("SELECT region, account FROM domains WHERE domain_id = ?").get(domainId) as { region: string; account: string } | undefined;
  return home ? { ...ctx, settings: { ...ctx.settings, region: home.region, account: home.account } } : ctx;
}

async function runClaimed(workerCtx: LocalContext, jobId: string, opts: RunOptions, leaseLost: () => boolean): Promise<string | undefined> {
  let job = getJob(workerCtx.db, jobId)!;
  const ctx = jobContext(workerCtx, job.domain_id);
  if (job.status === "SUBMITTED") {
    inTransaction(ctx, () => {
      if (!holdsLease(ctx.db, jobId, opts.owner)) throw new LeaseLost(jobId);
      transition(ctx.db, jobId, "IN_PROGRESS", ctx.now);
    });
  }
  const domain = getDomain(ctx, job.domain_id);
  if (!domain || domain.status !== "ACTIVE") throw new JobFailure(409, `The domain '${job.domain_id}' is not active.`);
  const sent = JSON.parse(job.config) as Json | null;

  // The objects of the S3 root the job was started under, whichever process resumes it.
  const s3Settings = job.s3_root ? { ...ctx.settings, s3Root: job.s3_root } : ctx.settings;
  const s3 = (uri: string) => s3Path(s3Settings, uri);
  const snapshot = ctx.db.prepare("SELECT bytes FROM job_manifests WHERE job_id = ?").get(jobId) as { bytes: Uint8Array } | undefined;
  const manifest = snapshot?.bytes ?? readManifestBytes(job.input_s3_uri, manifestPathOf(job, s3));
  const checked = checkRequests(job.kind, parseManifest(job.kind, job.input_s3_uri, manifest));
  checkOutputWritable(job, s3);
  inTransaction(ctx, () => {
    if (!holdsLease(ctx.db, jobId, opts.owner)) throw new LeaseLost(jobId);
    ctx.db.prepare("UPDATE jobs SET total_requests = ? WHERE job_id = ?").run(checked.length, jobId);
    // Results are kept by manifest position: a resumed job must see the manifest it began with, even if the
    // file was edited or deleted meanwhile (the service, too, reads a job's manifest once).
    if (!snapshot) ctx.db.prepare("INSERT INTO job_manifests (job_id, bytes) VALUES (?, ?)").run(jobId, manifest);
  });

  const enrollment = job.kind === "SPEAKER_ENROLLMENT" ? enrollmentSettings(sent, domain) : undefined;
  const registration = job.kind === "FRAUDSTER_REGISTRATION" ? registrationSettings(sent, domain) : undefined;
  const watchlistId = (enrollment ?? registration)!.watchlistId;
  if (!getWatchlist(ctx, job.domain_id, watchlistId)) throw new JobFailure(404, missingWatchlist(job.domain_id, watchlistId));
  const fraudsters = enrollment ? FraudsterPrints.ofWatchlist(ctx, watchlistId) : FraudsterPrints.ofDomain(ctx, job.domain_id);

  const done = new Set(
    (ctx.db.prepare("SELECT request_index FROM job_results WHERE job_id = ?").all(jobId) as { request_index: number }[]).map((r) => r.request_index),
  );
  const todo = checked.filter((c) => !done.has(c.ok ? c.request.index : c.index));

  // Audio analysis runs ahead on the pool; results are committed strictly in manifest order.
  const analyze = (req: ManifestRequest): Promise<AnalysisResult> => {
    const sources = [];
    for (const a of req.audio) {
      try {
        sources.push({ uri: a.uri, path: s3(a.uri), channel: a.channel });
      } catch (err) {
        return Promise.resolve({ ok: false, message: `Audio file ${a.uri} cannot be read: ${(err as Error).message}`, audioS: 0 });
      }
    }
    return opts.audio.analyze({ sources, minSpeechS: MIN_SPEECH_S });
  };
  const wantsAudio = (c: CheckedRequest) =>
    c.ok && (registration !== undefined || enrollmentNeedsAudio(ctx, job.domain_id, enrollment!, c.request));
  const lookahead = opts.lookahead ?? 16;
  const inflight = new Map<number, Promise<AnalysisResult>>();
  let launched = 0;
  const launch = () => {
    while (launched < todo.length && inflight.size < lookahead) {
      const c = todo[launched++]!;
      if (wantsAudio(c) && c.ok) {
        const p = analyze(c.request);
        p.catch(() => {}); // awaited below; avoid an unhandled rejection while it waits its turn
        inflight.set(launched - 1, p);
      }
    }
  };

  for (let i = 0; i < todo.length; i++) {
    if (opts.stopRequested?.()) throw new Stopped();
    launch();
    if (leaseLost()) throw new LeaseLost(jobId);
    const c = todo[i]!;
    let analysis = await settle(inflight.get(i));
    inflight.delete(i);
    const index = c.ok ? c.request.index : c.index;
    const decide = (a: AnalysisResult | undefined): RequestOutcome | "needs-audio" => {
      if (!c.ok) return errorOutcome(c.requestId, 400, c.message);
      if (a && !a.ok && a.internal) return errorOutcome(c.request.requestId, 500, a.message);
      if (enrollment) return enrollOne(ctx, job.domain_id, enrollment, fraudsters, c.request, a);
      return registerOne(ctx, job.domain_id, jobId, registration!, fraudsters, c.request, a!);
    };
    // Enrollment decides on the speaker's state before the audio: "needs-audio" when the state changed since launch.
    while (!commitRequest(ctx, jobId, opts.owner, job.domain_id, index, decide, analysis)) {
      analysis = await settle(analyze((c as { request: ManifestRequest }).request));
    }
  }

  if (leaseLost()) throw new LeaseLost(jobId);
  job = getJob(ctx.db, jobId)!;
  const status = writeOutput(ctx, job, s3);
  return inTransaction(ctx, () => {
    if (!holdsLease(ctx.db, jobId, opts.owner)) throw new LeaseLost(jobId);
    transition(ctx.db, jobId, status, ctx.now);
    return status;
  });
}

function manifestPathOf(job: JobRow, s3: (uri: string) => string): string {
  try {
    return s3(job.input_s3_uri);
  } catch (err) {
    throw new JobFailure(400, (err as Error).message);
  }
}

/**
 * One request's own transaction: the lease and the domain re-checked, the decision (with the speaker or
 * fraudster it creates), its job_results row and the progress counter commit together — or not at all.
 */
function commitRequest(
  ctx: LocalContext,
  jobId: string,
  owner: string,
  domainId: string,
  index: number,
  decide: (a: AnalysisResult | undefined) => RequestOutcome | "needs-audio",
  analysis: AnalysisResult | undefined,
): boolean {
  return inTransaction(ctx, () => {
    if (!holdsLease(ctx.db, jobId, owner)) throw new LeaseLost(jobId);
    if (getDomain(ctx, domainId)?.status !== "ACTIVE") throw new JobFailure(409, `The domain '${domainId}' is not active.`);
    const outcome = decide(analysis);
    if (outcome === "needs-audio") return false;
    ctx.db
      .prepare("INSERT INTO job_results (job_id, request_index, request_id, ok, result) VALUES (?, ?, ?, ?, ?)")
      .run(jobId, index, String(outcome.entry.RequestId), outcome.ok ? 1 : 0, JSON.stringify(outcome.entry));
    ctx.db.prepare("UPDATE jobs SET done_requests = done_requests + 1 WHERE job_id = ?").run(jobId);
    return true;
  });
}

/** An analysis that crashed (a bug or a dead audio thread) fails only its request, with ErrorCode 500. */
async function settle(p: Promise<AnalysisResult> | undefined): Promise<AnalysisResult | undefined> {
  if (!p) return undefined;
  try {
    return await p;
  } catch (err) {
    return { ok: false, internal: true, message: `Internal error while analyzing the audio: ${(err as Error).message}`, audioS: 0 };
  }
}

/** The output document from committed results, in manifest order, exactly the documented keys (§1.3, §1.6, §9 #14). */
export function outputDocument(ctx: LocalContext, job: JobRow): { doc: Json; errors: number } {
  const rows = ctx.db.prepare("SELECT ok, result FROM job_results WHERE job_id = ? ORDER BY request_index").all(job.job_id) as {
    ok: number;
    result: string;
  }[];
  const errors: unknown[] = [];
  const successes: unknown[] = [];
  for (const r of rows) (r.ok ? successes : errors).push(JSON.parse(r.result));
  const successKey = job.kind === "SPEAKER_ENROLLMENT" ? "SuccessfulEnrollments" : "SuccessfulRegistrations";
  return { doc: { Version: "1.0", Errors: errors, [successKey]: successes }, errors: errors.length };
}

/** The output file's URI and local path; JobFailure 400 for a URI outside the store. */
function outputLocation(job: JobRow, s3: (uri: string) => string): { uri: string; path: string } {
  const uri = outputUri(job.output_s3_uri, job.job_id, job.input_s3_uri);
  try {
    return { uri, path: s3(uri) };
  } catch (err) {
    throw new JobFailure(400, `Cannot write the output file ${uri}: ${(err as Error).message}`);
  }
}

function outputFailure(uri: string, err: unknown): JobFailure {
  const code = (err as NodeJS.ErrnoException).code;
  // ENOTDIR alone leaves the operator to guess: an output S3Uri (or a folder under it) that is an object, not a prefix
  const why = code === "ENOTDIR" ? ": a part of its path is a file, not a folder" : "";
  return new JobFailure(code === "EACCES" || code === "EPERM" ? 403 : 400, `Cannot write the output file ${uri}${why} (${code ?? (err as Error).message}).`);
}

/**
 * Checked before the first request commits, so a job that could never deliver its output fails before it has
 * enrolled or registered anyone (spec §1.7: a FAILED job leaves no trace). Writes and removes a probe file, and
 * removes the folders it had to make, so nothing is left behind either way.
 */
function checkOutputWritable(job: JobRow, s3: (uri: string) => string): void {
  const { uri, path } = outputLocation(job, s3);
  const folder = dirname(path);
  const probe = `${path}.probe-${process.pid}`;
  let made: string | undefined;
  try {
    made = makeFolders(folder);
    writeFileSync(probe, "");
  } catch (err) {
    throw outputFailure(uri, err);
  } finally {
    try {
      rmSync(probe, { force: true });
      removeFoldersMade(folder, made);
    } catch {
      // a folder that another writer filled in the meantime, or a probe that was never written
    }
  }
}

/** Removes the folders makeFolders made (`made`: the topmost, or undefined), deepest first; throws at one that is not empty. */
function removeFoldersMade(folder: string, made: string | undefined): void {
  for (let d = folder; made !== undefined && d.length >= made.length; d = dirname(d)) rmdirSync(d);
}

/** Writes <output folder>/<JobId>/<manifest name>.out via a temp file + rename; returns the terminal status. */
function writeOutput(ctx: LocalContext, job: JobRow, s3: (uri: string) => string): "COMPLETED" | "COMPLETED_WITH_ERRORS" {
  const { doc, errors } = outputDocument(ctx, job);
  const { uri, path } = outputLocation(job, s3);
  const tmp = `${path}.tmp-${process.pid}`;
  // A worker killed while writing (SIGKILL, a crash) left its temp file; the one resuming the job clears it.
  removeStaleTemps(path, ".tmp-", ".probe-");
  let made: string | undefined;
  try {
    made = makeFolders(dirname(path));
    writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
      removeFoldersMade(dirname(path), made);
    } catch {
      // nothing was written (e.g. the folder could not be made), or another writer filled a folder meanwhile
    }
    throw outputFailure(uri, err);
  }
  return errors ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
}
