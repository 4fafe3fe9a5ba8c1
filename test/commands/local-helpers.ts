// A LocalEngine over a temp store with a movable clock, plus seeding for resources only jobs create.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { expect } from "vitest";
import { systemDeps, type Deps } from "../../src/deps.js";
import { ServiceError, type Document } from "../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { toWire } from "../../src/engine/local/wire.js";
import { validateDocument } from "../../src/validate/index.js";

export const T0 = Date.parse("2026-01-01T10:30:00.123Z");

/** Operations whose outputs passed schema validation in this process (for the coverage check). */
export const validatedOutputs = new Set<string>();

export interface TestEngine {
  engine: LocalEngine;
  home: string;
  clock: { now: number };
  call(op: string, params: Document): Promise<Document>;
}

export function tempEngine(env: Record<string, string> = {}): TestEngine {
  const home = mkdtempSync(join(tmpdir(), "voice-id-local-"));
  const clock = { now: T0 };
  const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home, ...env }), now: () => new Date(clock.now), jobWorkers: "none" });
  return {
    engine,
    home,
    clock,
    /** Calls the engine and checks the wire form of the answer against the output schema. */
    async call(op, params) {
      const out = await engine.call(op, params);
      expect(validateDocument("output", op, toWire(op, out)), `${op} output`).toEqual([]);
      validatedOutputs.add(op);
      return out;
    },
  };
}

export async function expectServiceError(p: Promise<unknown>, code: string, fields: Record<string, unknown> = {}): Promise<ServiceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(ServiceError);
  const se = err as ServiceError;
  expect(se.code).toBe(code);
  expect(se.fields).toEqual(fields);
  return se;
}

const id22 = (n: number, prefix = "T") => (prefix + String(n).padStart(21, "0")).slice(0, 22);

/** Inserts a fraudster in the given watchlists (only registration jobs create them through the API). */
export function seedFraudster(t: TestEngine, domainId: string, watchlistIds: string[], n = 1): string {
  const id = `id#${id22(n, "F")}`;
  const db = t.engine.ctx.db;
  db.prepare("INSERT INTO fraudsters (fraudster_id, domain_id, created_at) VALUES (?, ?, ?)").run(id, domainId, t.clock.now + n);
  for (const w of watchlistIds) db.prepare("INSERT INTO fraudster_watchlists VALUES (?, ?, ?)").run(id, w, t.clock.now + n);
  return id;
}

/** Inserts an enrolled speaker (only enrollment jobs and sessions create them through the API). */
export function seedSpeaker(t: TestEngine, domainId: string, customerId: string, n = 1, lastAccessed = t.clock.now): string {
  const id = `id#${id22(n, "S")}`;
  t.engine.ctx.db
    .prepare(
      "INSERT INTO speakers (speaker_id, domain_id, customer_speaker_id, status, created_at, updated_at, last_accessed_at) VALUES (?, ?, ?, 'ENROLLED', ?, ?, ?)",
    )
    .run(id, domainId, customerId, t.clock.now + n, t.clock.now + n, lastAccessed);
  return id;
}

export async function createDomain(t: TestEngine, name = "d1", extra: Document = {}): Promise<Document> {
  const out = await t.call("CreateDomain", { Name: name, ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k1" }, ...extra });
  return out.Domain as Document;
}

/** Deps whose stdout/stderr are captured (not TTYs), for run(argv, deps) and main(argv, deps). */
export function captureDeps(env: Record<string, string | undefined>, cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += d));
  stderr.on("data", (d) => (err += d));
  const deps: Deps = {
    ...systemDeps(),
    io: { stdin: new PassThrough(), stdout, stderr, stdoutIsTTY: false, stderrIsTTY: false, columns: 80, env, cwd, homedir: cwd },
  };
  return { deps, stdout: () => out, stderr: () => err };
}
