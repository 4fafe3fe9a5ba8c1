// Wires the HTTP server to the local store: one LocalEngine per region seen in SigV4 scopes (all sharing one
// SQLite connection), plus the in-process job runner, and closes them in order.
import type { Statement } from "better-sqlite3";
import { LocalEngine, localSettings, type LocalEngineOptions } from "../engine/local/index.js";
import type { Database } from "../engine/local/store/db.js";
import { neverBlockOnLocks, whileLocked } from "../engine/local/store/tx.js";
import type { Engine } from "../engine/engine.js";
import { orphanedJobs } from "../engine/local/jobs/lease.js";
import { callSessionOperation, isSessionOperation, LOCAL_TARGET_PREFIX } from "../engine/local/sessions/remote.js";
import type { Credentials } from "./sigv4.js";
import { startServer, type RunningServer } from "./http-server.js";
import { throttle } from "./throttle.js";
import { CliError, ExitCode } from "../errors/index.js";

export interface LocalServerOptions {
  env: Record<string, string | undefined>;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  credentials?: Credentials;
  /** Throttle operations at the service's documented rates (spec §6.5). */
  throttle?: boolean;
  log?: (line: string) => void;
  /** Injected clock (tests); also used for SigV4 clock-skew checks. */
  now?: () => Date;
}

export interface LocalServer extends RunningServer {
  /** The default-region engine (its ctx gives tests the store). */
  engine: LocalEngine;
}

/** Jobs run inside the server process (spec §9 #32): one work loop at a time, re-run while jobs keep arriving. */
interface JobRunner {
  /** Called after a Start*Job commits (and once at start, so jobs of a previous run resume). */
  kick(): void;
  /** Resolves when the job in progress (if any) has stopped after its current request; no new job or request starts after this is called. */
  close(): Promise<void>;
}

function jobRunner(engine: LocalEngine, log?: (line: string) => void): JobRunner {
  let running: Promise<void> | undefined;
  let again = false;
  let closing = false;
  let storeGoneLogged = false;
  const loop = async () => {
    const { runPendingJobs } = await import("../engine/local/jobs/work-loop.js");
    const { storeStillAtPath } = await import("../engine/local/store/db.js");
    do {
      again = false;
      // a shutdown stops the job in progress after its current request and claims no other: they resume at the next start
      await runPendingJobs(engine.ctx, { stopRequested: () => closing });
    } while (again && !closing);
    if (!storeStillAtPath(engine.ctx.db) && !storeGoneLogged) {
      storeGoneLogged = true;
      log?.(`the store ${engine.ctx.db.name} was deleted or replaced while this server ran: it runs no more jobs; restart it`);
    }
  };
  const kick = () => {
    if (closing) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((err: unknown) => log?.(`job runner stopped: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (running = undefined));
  };
  return {
    kick,
    async close() {
      closing = true;
      if (running) {
        log?.("stopping the batch job in progress after its current request (it resumes at the next start)…");
        await running;
      }
    },
  };
}

/**
 * How long a request waits for another process's write lock before it answers 500: under the 60 s read
 * timeout of botocore and the SDKs, so the client hears the answer rather than retrying a request that may
 * still commit once the lock is free.
 */
const REQUEST_LOCK_WAIT_MS = 45_000;

/** How often a server looks for jobs that another process on its store died holding. */
const ORPHAN_SWEEP_MS = 2_000;

/**
 * Another process on the same store (a second server, a CLI's worker) may die holding a job. A CLI command
 * resumes such a job when it opens the store; a server opens it only once, so it looks now and then
 * (one query on a partial index) and runs what it finds. Jobs younger than 10 s that nobody has claimed
 * yet are left to the worker their Start is spawning.
 */
function sweepOrphanedJobs(engine: LocalEngine, runner: JobRunner): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      if (orphanedJobs(engine.ctx.db, engine.ctx.now().getTime(), 10_000).length > 0) runner.kick();
    } catch {
      // a busy store delays one look; the next one catches up
    }
  }, ORPHAN_SWEEP_MS);
  timer.unref();
  return timer;
}

/**
 * better-sqlite3 compiles the SQL on every prepare() (tens of µs, most of a DescribeDomain), and the store
 * helpers prepare per call. A long-running server reuses statements by SQL text instead (modes reset, so a
 * pluck()/raw() elsewhere cannot leak). Could move into openDatabase for every process.
 */
function reuseStatements(db: Database): void {
  const cache = new Map<string, Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size < 1000) cache.set(sql, stmt);
    } else if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    return stmt;
  }) as Database["prepare"];
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const settings = localSettings(options.env);
  let runner: JobRunner | undefined;
  const engineOptions: LocalEngineOptions = { settings, now: options.now, jobWorkers: "none", onJobSubmitted: () => runner?.kick() };
  let engine: LocalEngine;
  try {
    engine = LocalEngine.open(engineOptions);
  } catch (err) {
    throw new CliError(`the local engine could not start: ${(err as Error).message}`, ExitCode.config);
  }
  reuseStatements(engine.ctx.db);
  // One thread answers every client: another process's write lock (a Ctrl-Z'd command, an open sqlite3 session)
  // must not stop it. Requests and the job runner wait for the lock asynchronously instead, each on its own.
  const db = engine.ctx.db;
  neverBlockOnLocks(db);
  const byRegion = new Map<string, LocalEngine>([[settings.region, engine]]);
  const engineFor = (region: string | undefined): LocalEngine => {
    if (!region) return engine;
    let e = byRegion.get(region);
    if (!e) {
      e = new LocalEngine(db, { ...engineOptions, settings: { ...settings, region } });
      if (byRegion.size < 64) byRegion.set(region, e); // engines are cheap; the cap only bounds what odd clients can make us keep
    }
    return e;
  };
  // An operation is one write transaction (plus idempotent upkeep before it), so it can run again after a busy
  // failure: nothing of it was committed.
  const wait = { file: db.name, budgetMs: REQUEST_LOCK_WAIT_MS };
  const waitingEngineFor = (region: string | undefined): Engine => {
    const e = engineFor(region);
    return { kind: e.kind, call: (operation, params, ctx) => whileLocked(() => e.call(operation, params, ctx), wait) };
  };
  try {
    runner = jobRunner(engine, options.log);
    const server = await startServer({
      engine,
      engineFor: waitingEngineFor,
      host: options.host,
      port: options.port,
      maxBodyBytes: options.maxBodyBytes,
      auth: options.credentials ? { credentials: options.credentials, now: options.now } : undefined,
      // The local session commands, for clients that cannot run `voice-id local start-session` (spec §8.3).
      extension: {
        prefix: LOCAL_TARGET_PREFIX,
        has: isSessionOperation,
        call: async (name, body, region) => whileLocked(() => callSessionOperation(engineFor(region).ctx, name, body), wait),
      },
      throttle: options.throttle ? throttle() : undefined,
      log: options.log,
    });
    runner.kick(); // jobs left SUBMITTED or IN_PROGRESS by a previous run resume now
    const sweep = sweepOrphanedJobs(engine, runner);
    let closed: Promise<void> | undefined;
    const close = () =>
      (closed ??= (async () => {
        clearInterval(sweep);
        const jobsEnded = runner?.close(); // claim no further job from now on, while requests drain
        await server.close();
        await jobsEnded;
        engine.close();
      })());
    return { ...server, engine, close };
  } catch (err) {
    await runner?.close();
    engine.close();
    throw err;
  }
}
