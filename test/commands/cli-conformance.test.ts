// Replays the recorded AWS CLI v2 cases (../shared/conformance: requests, errors, skeletons) through
// main() in-process against a loopback recorder, comparing exit code, requests sent and stdout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";
import { startRecorder } from "../helpers/recorder.js";

const CASES = join(import.meta.dirname, "../../../shared/conformance/cases");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Case {
  id: string;
  kind: string;
  argv: string[];
  files?: Record<string, string>;
  responses?: string | Record<string, unknown>;
  expect: { exit_code: number; requests?: { target: string; body: unknown }[]; stdout?: string };
  expect_v2?: Record<string, unknown>;
  strict_ok?: boolean;
  format?: string;
  ref?: string;
}

const load = (kind: string): Case[] => JSON.parse(readFileSync(join(CASES, `${kind}.json`), "utf8")).cases;

/** Deep equality where "<enum:A|B>" accepts any listed value. */
function matches(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "string" && /^<enum:(.+)>$/.test(expected)) {
    return expected.slice(6, -1).split("|").includes(actual as string);
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object") return false;
    const ek = Object.keys(expected);
    return ek.length === Object.keys(actual).length && ek.every((k) => matches((expected as never)[k], (actual as never)[k]));
  }
  return expected === actual;
}

async function run(c: Case, responses: Record<string, Record<string, unknown>>) {
  const dir = mkdtempSync(join(tmpdir(), "voice-id-case-"));
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  const canned = typeof c.responses === "string" ? responses[c.responses] : (c.responses ?? {});
  const rec = await startRecorder(canned);
  const t = testIO({
    cwd: dir,
    env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_DEFAULT_REGION: "us-east-1", TZ: "UTC", AWS_RETRY_MODE: "standard" },
  });
  try {
    const code = await main([...c.argv, "--endpoint-url", rec.url], t.deps);
    const requests = rec.requests.map((r) => {
      const body = r.body as Record<string, unknown>;
      if (body && typeof body.ClientToken === "string" && UUID.test(body.ClientToken)) body.ClientToken = "<uuid>";
      return { target: r.target, body, content_type: r.contentType };
    });
    return { code, requests, stdout: t.stdout(), stderr: t.stderr() };
  } finally {
    await rec.close();
  }
}

describe.skipIf(!existsSync(CASES))("AWS CLI v2 conformance, in-process", () => {
  const responses = existsSync(CASES) ? JSON.parse(readFileSync(join(CASES, "responses.json"), "utf8")) : {};
  const all = existsSync(CASES) ? [...load("requests"), ...load("errors"), ...load("skeletons")].filter((c) => c.ref !== "v1") : [];
  it.each(all.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const exp = { ...c.expect, ...(c.expect_v2 ?? {}) } as Case["expect"];
    const got = await run(c, responses);
    if (c.strict_ok) {
      const same = got.code === exp.exit_code && matches(exp.requests ?? [], got.requests);
      const stricter = got.code !== 0 && got.requests.length === 0;
      expect(same || stricter, got.stderr).toBe(true);
      return;
    }
    expect(got.code, got.stderr).toBe(exp.exit_code);
    expect(got.requests).toEqual(exp.requests ?? []);
    if (exp.exit_code !== 0) expect(got.stderr.trim()).not.toBe("");
    if (c.kind === "skeletons" && exp.exit_code === 0 && c.format === "json") {
      const want = exp.stdout?.trim() ? JSON.parse(exp.stdout) : null;
      const have = got.stdout.trim() ? JSON.parse(got.stdout) : null;
      expect(matches(want, have), got.stdout).toBe(true);
    } else if (c.kind !== "skeletons" && exp.stdout !== undefined) {
      expect(got.stdout).toBe(exp.stdout);
    }
  });
});
