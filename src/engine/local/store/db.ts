// Opens the local store: SQLite in WAL mode with a busy timeout, migrated to the latest schema.
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import Sqlite from "better-sqlite3";
import { migrations } from "./migrations.js";
import { retryBusy } from "./tx.js";
import { makeFolders } from "../make-folders.js";

export type Database = Sqlite.Database;

/** How long SQLite itself waits for another process's lock; tx.ts's retryBusy retries up to LOCK_WAIT_MS in all. */
export const BUSY_TIMEOUT_MS = 30_000;

let addonFile: string | undefined;

/**
 * Where npm builds or installs better-sqlite3's compiled addon. Told this, better-sqlite3 skips the
 * `bindings` package, which searches a dozen folders on every command; that search remains the fallback
 * for a layout we do not know.
 */
function nativeBinding(): string | undefined {
  if (addonFile) return addonFile;
  const file = join(dirname(createRequire(import.meta.url).resolve("better-sqlite3")), "../build/Release/better_sqlite3.node");
  return existsSync(file) ? (addonFile = file) : undefined;
}

export function openDatabase(file: string): Database {
  if (file !== ":memory:") makeFolders(dirname(file));
  let db: Database;
  try {
    db = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS, nativeBinding: nativeBinding() });
  } catch (err) {
    // SQLite's "unable to open database file" does not say which file
    if ((err as { code?: unknown }).code === "SQLITE_CANTOPEN") throw new Error(`cannot open the store ${file}: ${(err as Error).message}`);
    throw err;
  }
  try {
    db.pragma("schema_version"); // the first read: SQLite opens (or must create) the -wal and -shm files here
  } catch (err) {
    db.close();
    throw isReadOnly(err) ? readOnlyStore(file) : err;
  }
  try {
    // Switching a new file to WAL needs an exclusive lock; racing first opens can see SQLITE_BUSY.
    retryBusy(() => {
      if (db.pragma("journal_mode", { simple: true }) !== "wal") db.pragma("journal_mode = WAL");
    }, file);
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // A deleted speaker's or fraudster's voiceprint is biometric data: zero the freed space, so the bytes do not
    // live on in the file's free pages (spec: deleting removes the voiceprint).
    db.pragma("secure_delete = ON");
    refuseNewerSchema(db, file);
    retryBusy(() => migrate(db), file);
  } catch (err) {
    db.close();
    throw err;
  }
  if (file !== ":memory:") fileIdentity.set(db, { path: resolve(file), id: identityOf(resolve(file)) });
  return db;
}

/** Device and inode of the store file as opened; a path that now names another file means the store was replaced. */
const fileIdentity = new WeakMap<Database, { path: string; id: string | undefined }>();

function identityOf(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * False once the store file this handle opened was deleted or replaced (`rm -rf $VOICE_ID_HOME`, then any command
 * makes a new store there): SQLite keeps working on the deleted file, so a job worker must ask before it writes
 * output files into the folders the new store now owns.
 */
export function storeStillAtPath(db: Database): boolean {
  const opened = fileIdentity.get(db);
  // the absolute path as opened: db.name is the path as given, which a later chdir would move
  return opened?.id === undefined || identityOf(opened.path) === opened.id;
}

export const isReadOnly = (err: unknown) => /^SQLITE_READONLY/.test(String((err as { code?: unknown }).code));

/**
 * A WAL-mode database can only be read by someone who may write its folder (SQLite keeps the readers' shared
 * index in the -shm file next to it), so a store owned by another user cannot even be listed: say so.
 */
export function readOnlyStore(file: string): Error {
  return new Error(
    `the store ${file} is read-only for this user, and SQLite must write next to it even to read it (its -wal and -shm files): ` +
      `make ${dirname(file)} and its files writable for this user, or set VOICE_ID_HOME to a store of your own`,
  );
}

/**
 * A store a newer voice-id has migrated past what this one knows: its tables may have changed shape, and reading
 * them as the old shape would answer wrongly (a missing required member) or fail half-way through a write.
 */
function refuseNewerSchema(db: Database, file: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version <= migrations.length) return;
  throw new Error(
    `the store ${file} has schema v${version}, made by a newer voice-id; this one knows up to v${migrations.length}: ` +
      `upgrade voice-id, or set VOICE_ID_HOME to another store`,
  );
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

/**
 * Gives a store's free space back to the file system (VACUUM, then a WAL checkpoint that truncates the log),
 * when no other process is using it: this connection waits for no lock. Returns whether it could.
 */
export function compact(db: Database): boolean {
  const busyMs = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma("busy_timeout = 0");
  try {
    db.exec("VACUUM");
    db.pragma("wal_checkpoint(TRUNCATE)");
    return true;
  } catch {
    return false; // another process is reading or writing: the space stays free inside the file, for reuse
  } finally {
    db.pragma(`busy_timeout = ${busyMs}`);
  }
}
