// Several processes on one store: no corruption, no "database is locked", one resource per ClientToken.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { buildToTemp } from "./local-build.js";

let build: string;
beforeAll(() => {
  build = buildToTemp();
});

/** A child that opens the store, waits for the go file (so all start together), runs the calls and prints results. */
const CHILD = `
import { existsSync } from "node:fs";
const [build, go, callsJson] = process.argv.slice(2);
const { LocalEngine, localSettings } = await import(build + "/dist/engine/local/index.js");
const engine = LocalEngine.open({ settings: localSettings(process.env), jobWorkers: "none" });
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
const results = [];
for (const [op, params] of JSON.parse(callsJson)) {
  try {
    const out = await engine.call(op, params);
    results.push({ ok: true, out });
  } catch (e) {
    results.push({ ok: false, code: e.code, message: e.message });
  }
}
engine.close();
process.stdout.write(JSON.stringify(results));
`;

interface Result {
  ok: boolean;
  out?: Record<string, any>;
  code?: string;
  message?: string;
}

async function race(home: string, n: number, calls: (i: number) => [string, object][]): Promise<Result[][]> {
  const dir = mkdtempSync(join(tmpdir(), "voice-id-race-"));
  const script = join(dir, "child.mjs");
  const go = join(dir, "go");
  writeFileSync(script, CHILD);
  const runs = Array.from({ length: n }, (_, i) => {
    const child = spawn(process.execPath, [script, build, go, JSON.stringify(calls(i))], {
      env: { ...process.env, VOICE_ID_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    return new Promise<Result[]>((resolve, reject) =>
      child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as Result[]) : reject(new Error(`child ${i} exited ${code}: ${err}`)))),
    );
  });
  setTimeout(() => writeFileSync(go, ""), 300); // all children have opened the store (or are opening it) by now
  return Promise.all(runs);
}

const create = { Name: "raced", ServerSideEncryptionConfiguration: { KmsKeyId: "k" }, ClientToken: "same-token" };

describe("several processes on one fresh store", () => {
  it("an idempotent CreateDomain raced by 8 processes yields exactly one domain", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-home-"));
    const results = (await race(home, 8, () => [["CreateDomain", create]])).flat();
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const ids = new Set(results.map((r) => r.out!.Domain.DomainId));
    expect(ids.size).toBe(1);
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    const listed = (await engine.call("ListDomains", {})).DomainSummaries as unknown[];
    expect(listed.length).toBe(1);
    expect(engine.ctx.db.pragma("integrity_check", { simple: true })).toBe("ok");
    engine.close();
  });

  it("concurrent creates without a token respect the 3-domain quota; mixed traffic never sees a locked database", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-home-"));
    const results = (
      await race(home, 8, (i) => [
        ["CreateDomain", { Name: `d${i}`, ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }],
        ["ListDomains", {}],
        ...Array.from({ length: 10 }, (): [string, object] => ["ListDomains", { MaxResults: 1 }]),
      ])
    ).flat();
    expect(results.filter((r) => !r.ok && r.code !== "ServiceQuotaExceededException")).toEqual([]);
    const created = results.filter((r) => r.ok && r.out?.Domain);
    expect(created.length).toBe(3);
    expect(results.filter((r) => r.code === "ServiceQuotaExceededException").length).toBe(5);
    expect(JSON.stringify(results)).not.toMatch(/locked|SQLITE_BUSY/);
  });

  it("read-then-write operations from 8 processes all succeed (no lock upgrades failing mid-transaction)", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-home-"));
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    const { Domain } = (await engine.call("CreateDomain", create)) as { Domain: { DomainId: string } };
    engine.close();
    const DomainId = Domain.DomainId;
    const results = (
      await race(home, 8, (i) =>
        Array.from({ length: 10 }, (_, j): [string, object][] => [
          ["UpdateDomain", { DomainId, Name: `n${i}-${j}`, ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }],
          ["OptOutSpeaker", { DomainId, SpeakerId: `caller-${i}-${j}` }],
          ["DescribeDomain", { DomainId }],
        ]).flat(),
      )
    ).flat();
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const check = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    expect(check.ctx.db.prepare("SELECT count(*) FROM speakers WHERE domain_id = ?").pluck().get(DomainId)).toBe(8 * 10);
    check.close();
  });
});
