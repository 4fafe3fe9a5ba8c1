// Opens the local store: SQLite in WAL mode with a busy timeout, migrated to the latest schema.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { migrations } from "./migrations.js";
import { retryBusy } from "./tx.js";

export type Database = BetterSqlite3.Database;

/** How long a writer waits for another process's lock before giving up (never surfaces as "database is locked" in practice). */
export const BUSY_TIMEOUT_MS = 30_000;

export function openDatabase(file: string): Database {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  const db = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // Switching a new file to WAL needs an exclusive lock; racing first opens can see SQLITE_BUSY.
    retryBusy(() => {
      if (db.pragma("journal_mode", { simple: true }) !== "wal") db.pragma("journal_mode = WAL");
    });
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    retryBusy(() => migrate(db));
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Applies the migrations the file has not seen yet, all in one immediate transaction so racing processes agree. */
export function migrate(db: Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current >= migrations.length) return;
  db.transaction(() => {
    const seen = db.pragma("user_version", { simple: true }) as number; // re-read under the write lock
    for (let v = seen; v < migrations.length; v++) db.exec(migrations[v]);
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}
