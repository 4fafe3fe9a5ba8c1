// Write transactions: BEGIN IMMEDIATE (take the write lock up front, so a reader never has to upgrade and
// fail with SQLITE_BUSY), retried when another process still holds the lock past the busy timeout.
import type { Database } from "./db.js";

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

/** Blocks the thread for a short while (we are in synchronous SQLite code; there is nothing else to run). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs fn, retrying on SQLITE_BUSY with jittered back-off (busy_timeout already waited inside SQLite). */
export function retryBusy<T>(fn: () => T, attempts = 50): T {
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || i >= attempts) throw err;
      pause(Math.min(200, 5 * i) + Math.random() * 20);
    }
  }
}

/**
 * Runs fn in an IMMEDIATE transaction (a savepoint when already inside one) and returns its result.
 * fn must be synchronous: better-sqlite3 commits when it returns and rolls back when it throws.
 */
export function inTransaction<T>(ctx: { db: Database }, fn: () => T): T {
  const run = ctx.db.transaction(fn);
  if (ctx.db.inTransaction) return run(); // nested: a savepoint inside the caller's transaction
  return retryBusy(() => run.immediate());
}
