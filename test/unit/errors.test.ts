// How an unexpected error reads: SQLite's own messages name the local store and carry SQLite's code.
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { unexpectedErrorMessage } from "../../src/errors/index.js";

describe("unexpectedErrorMessage", () => {
  it("names the local store for a real SQLite failure (a full database) and leaves other errors as they are", () => {
    const db = new Sqlite(":memory:");
    db.exec("CREATE TABLE t (x BLOB)");
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
    let full: unknown;
    try {
      db.prepare("INSERT INTO t VALUES (?)").run(Buffer.alloc(100_000));
    } catch (err) {
      full = err;
    }
    db.close();
    expect(unexpectedErrorMessage(full)).toBe("the local store failed: database or disk is full (SQLITE_FULL)");
    expect(unexpectedErrorMessage(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" }))).toBe("EACCES: permission denied");
    expect(unexpectedErrorMessage("plain")).toBe("plain");
  });
});
