// Write transactions: BEGIN IMMEDIATE (take the write lock up front, so a reader never has to upgrade and
// fail with SQLITE_BUSY), retried when another process still holds the lock past the busy timeout. A
// connection marked non-blocking (local serve's) fails at once instead, and its callers wait asynchronously.
import type { Database } from "./db.js";

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

/** Blocks the thread for a short while (we are in synchronous SQLite code; there is nothing else to run). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * How long a writer waits in all for another process's write lock: twice SQLite's own busy wait (db.ts), so a
 * writer that loses the race for the lock a few times still gets through. Our transactions last milliseconds;
 * a lock held this long belongs to a stopped process or an open sqlite3 session, and waiting on would only hang
 * the script that called us.
 */
export const LOCK_WAIT_MS = 60_000;

/** Runs fn, retrying on SQLITE_BUSY with jittered back-off (busy_timeout already waited inside SQLite) until LOCK_WAIT_MS. */
export function retryBusy<T>(fn: () => T, file?: string, budgetMs = LOCK_WAIT_MS): T {
  const started = Date.now();
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err)) throw err;
      if (budgetMs === 0) throw err; // a connection that never blocks: its caller waits (whileLocked)
      const waited = Date.now() - started;
      if (waited >= budgetMs) throw lockHeldTooLong(err, waited, file);
      pause(backOffMs(i));
    }
  }
}

const backOffMs = (attempt: number) => Math.min(200, 5 * attempt) + Math.random() * 20;

/**
 * Connections that must never block their thread on another process's lock: `local serve`'s, whose one thread
 * answers every client. SQLite does not wait on them (busy_timeout 0) and neither does inTransaction; a busy
 * store reaches the caller as SQLITE_BUSY at once, and the caller waits asynchronously (whileLocked).
 */
const nonBlocking = new WeakSet<Database>();

export function neverBlockOnLocks(db: Database): void {
  db.pragma("busy_timeout = 0");
  nonBlocking.add(db);
}

export interface LockWait {
  /** Named in the message when the wait runs out. */
  file?: string;
  /** How long a lock may stay in the way, counted from the first busy failure. Default LOCK_WAIT_MS. */
  budgetMs?: number;
  /** A value that changes when fn got some work committed before failing (a job's requests): the count restarts. */
  progress?: () => unknown;
  /** Checked while waiting: an error to end the wait with (a server shutting down), or undefined. */
  abort?: () => Error | undefined;
}

/**
 * Runs fn (again) until it gets through another process's lock, waiting between tries without blocking the
 * thread. Gives up once the lock has been in the way for budgetMs: since the first busy failure, or since the
 * last one after which `progress` had moved on. fn must be safe to repeat after a busy failure: one
 * transaction, or transactions that are idempotent up to the one that failed.
 */
export async function whileLocked<T>(fn: () => T | Promise<T>, wait: LockWait = {}): Promise<T> {
  const budgetMs = wait.budgetMs ?? LOCK_WAIT_MS;
  let since: number | undefined;
  let mark: unknown;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusy(err)) throw err;
      const now = Date.now();
      const progress = wait.progress?.();
      if (since === undefined || progress !== mark) {
        since = now;
        mark = progress;
        i = 1;
      }
      if (now - since >= budgetMs) throw lockHeldTooLong(err, now - since, wait.file);
      await new Promise((resolve) => setTimeout(resolve, backOffMs(i)));
      const stop = wait.abort?.();
      if (stop) throw stop;
    }
  }
}

/** SQLite's "database is locked", with how long we waited and what usually holds a lock that long. */
function lockHeldTooLong(err: unknown, waitedMs: number, file: string | undefined): Error {
  const where = file && file !== ":memory:" ? ` (${file})` : "";
  return Object.assign(
    new Error(
      `another process has held the store's write lock for ${Math.round(waitedMs / 1000)} s${where}: ` +
        "a stopped (Ctrl-Z) voice-id command or an open sqlite3 session with a transaction may be holding it",
    ),
    { code: (err as { code: string }).code },
  );
}

/**
 * Runs fn in an IMMEDIATE transaction (a savepoint when already inside one) and returns its result.
 * fn must be synchronous: better-sqlite3 commits when it returns and rolls back when it throws.
 */
export function inTransaction<T>(ctx: { db: Database }, fn: () => T): T {
  const run = ctx.db.transaction(fn);
  if (ctx.db.inTransaction) return run(); // nested: a savepoint inside the caller's transaction
  return retryBusy(() => run.immediate(), ctx.db.name, nonBlocking.has(ctx.db) ? 0 : LOCK_WAIT_MS);
}
