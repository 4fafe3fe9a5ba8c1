// makeFolders: mkdir -p that fails instead of spinning where Node's recursive mkdir never returns (under /proc).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { makeFolders } from "../../../src/engine/local/make-folders.js";

const BIN = fileURLToPath(new URL("../../../bin/voice-id.js", import.meta.url));

describe("makeFolders", () => {
  it("makes the missing folders and returns the first one it made, as mkdirSync's recursive form does", () => {
    const base = mkdtempSync(join(tmpdir(), "voice-id-mk-"));
    expect(makeFolders(join(base, "a", "b", "c"))).toBe(join(base, "a"));
    expect(statSync(join(base, "a", "b", "c")).isDirectory()).toBe(true);
    expect(makeFolders(join(base, "a", "b"))).toBeUndefined();
    mkdirSync(join(base, "x"));
    expect(makeFolders(join(base, "x", "y"))).toBe(join(base, "x", "y"));
  });

  it("removes the folders it made when a deeper one fails (a path too long), and nothing that was there before", () => {
    const base = mkdtempSync(join(tmpdir(), "voice-id-mk-"));
    mkdirSync(join(base, "kept"));
    const tooLong = join(base, "kept", ...Array.from({ length: 25 }, (_, i) => `${i}`.padEnd(200, "x")));
    expect(() => makeFolders(tooLong)).toThrow(/ENAMETOOLONG/);
    expect(readdirSync(join(base, "kept"))).toEqual([]);
  });

  it.skipIf(!existsSync("/proc/self"))("fails under /proc, where mkdir answers ENOENT below a folder that exists", () => {
    expect(() => makeFolders("/proc/self/voice-id-test/s3/bucket")).toThrow(/ENOENT/);
  });

  // A subprocess with a time limit: the bug was an endless synchronous loop, which would stall the test runner itself.
  it.skipIf(!existsSync("/proc/self"))("`local cp` into a store under /proc ends with an error instead of spinning", () => {
    const work = mkdtempSync(join(tmpdir(), "voice-id-mk-"));
    const r = spawnSync(process.execPath, [BIN, "local", "cp", BIN, "s3://bucket/k.js"], {
      env: { PATH: process.env.PATH, VOICE_ID_HOME: "/proc/self/voice-id-test", AWS_REGION: "us-east-1" },
      cwd: work,
      timeout: 20_000,
      encoding: "utf8",
    });
    expect(r.signal).toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ENOENT/);
  });
});
