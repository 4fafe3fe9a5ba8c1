// A write lock another process holds for good (a stopped command, an open sqlite3 transaction) ends a writer's
// wait with a message that says so and names the store, instead of hanging the calling script for many minutes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../../../src/engine/local/store/db.js";
import { retryBusy, whileLocked } from "../../../../../src/engine/local/store/tx.js";
import { unexpectedErrorMessage } from "../../../../../src/errors/index.js";

describe("waiting for another process's write lock", () => {
  it("gives up after its budget with a message naming the store and the likely holder (SQLITE_BUSY)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "voice-id-lock-")), "voice-id.db");
    const ours = openDatabase(file);
    const theirs = new Sqlite(file);
    theirs.prepare("BEGIN IMMEDIATE").run(); // held, like an sqlite3 shell in a transaction
    ours.pragma("busy_timeout = 20"); // SQLite's own wait, shortened so the test takes a fraction of a second
    const started = Date.now();
    let caught: unknown;
    try {
      retryBusy(() => ours.prepare("BEGIN IMMEDIATE").run(), file, 300);
    } catch (err) {
      caught = err;
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(unexpectedErrorMessage(caught)).toBe(
      `the local store failed: another process has held the store's write lock for 0 s (${file}): ` +
        "a stopped (Ctrl-Z) voice-id command or an open sqlite3 session with a transaction may be holding it (SQLITE_BUSY)",
    );
    theirs.prepare("ROLLBACK").run();
    // once the lock is free the same call goes through at once
    retryBusy(() => ours.prepare("BEGIN IMMEDIATE").run(), file, 300);
    ours.prepare("ROLLBACK").run();
    ours.close();
    theirs.close();
  });

  it("keeps retrying while the budget lasts, so a lock released meanwhile is taken", () => {
    let attempts = 0;
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const result = retryBusy(() => {
      if (++attempts < 4) throw busy;
      return "done";
    }, "/x/voice-id.db", 5_000);
    expect(result).toBe("done");
    expect(attempts).toBe(4);
    expect(() => retryBusy(() => { throw new Error("other"); })).toThrow("other"); // only SQLITE_BUSY is waited for
  });
});

describe("storeStillAtPath", () => {
  it("follows the store file as opened: a relative path survives a change of directory; a replaced file does not", async () => {
    const { rmSync } = await import("node:fs");
    const { storeStillAtPath } = await import("../../../../../src/engine/local/store/db.js");
    const dir = mkdtempSync(join(tmpdir(), "voice-id-identity-"));
    const before = process.cwd();
    try {
      process.chdir(dir);
      const db = openDatabase("store/voice-id.db");
      process.chdir(tmpdir());
      expect(storeStillAtPath(db)).toBe(true);
      rmSync(join(dir, "store"), { recursive: true });
      const fresh = openDatabase(join(dir, "store", "voice-id.db")); // what the next command does
      expect(storeStillAtPath(db)).toBe(false);
      expect(storeStillAtPath(fresh)).toBe(true);
      db.close();
      fresh.close();
    } finally {
      process.chdir(before);
    }
  });
});

describe("waiting for a lock without blocking (whileLocked, local serve's connection)", () => {
  const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("counts from the first busy failure, not from the start of the work", async () => {
    let calls = 0;
    const result = await whileLocked(
      async () => {
        calls++;
        if (calls === 1) {
          await sleep(150); // work longer than the whole budget, then one brief lock
          throw busy();
        }
        return "done";
      },
      { budgetMs: 100 },
    );
    expect([result, calls]).toEqual(["done", 2]);
  });

  it("starts the count again when the work got further between two failures", async () => {
    let committed = 0;
    const started = Date.now();
    const result = await whileLocked(
      () => {
        if (Date.now() - started < 300) {
          committed++; // a job step got through before the next conflict
          throw busy();
        }
        return committed;
      },
      { budgetMs: 80, progress: () => committed },
    );
    expect(result).toBeGreaterThan(1);
  });

  it("gives up once the lock has been in the way for the budget, naming the store; other errors pass at once", async () => {
    const started = Date.now();
    await expect(whileLocked(() => { throw busy(); }, { budgetMs: 120, file: "/x/voice-id.db" })).rejects.toThrow(
      /another process has held the store's write lock for 0 s \(\/x\/voice-id\.db\)/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    await expect(whileLocked(() => { throw new Error("other"); })).rejects.toThrow("other");
  });

  it("ends the wait when asked to (a server shutting down)", async () => {
    let stop = false;
    setTimeout(() => (stop = true), 50);
    const stopped = new Error("stopping");
    await expect(whileLocked(() => { throw busy(); }, { budgetMs: 60_000, abort: () => (stop ? stopped : undefined) })).rejects.toBe(stopped);
  });
});
