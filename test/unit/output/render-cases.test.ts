// Replays the conformance render cases (AWS CLI v2 expectations) through emitResult, with a `call` that answers
// from the recorded responses: every format, query and pagination case must match byte for byte.
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { operationByCliName } from "../../../src/model/index.js";
import { emitResult } from "../../../src/output/index.js";
import type { Document } from "../../../src/engine/engine.js";
import { captureIO } from "./io.js";

const dir = new URL("../../../../shared/conformance/cases/", import.meta.url);
const present = existsSync(new URL("render.json", dir));

interface Case {
  id: string;
  ref?: string;
  argv: string[];
  responses?: string;
  expect: { stdout: string; exit_code: number; requests?: { body: unknown }[] };
  expect_v2?: { stdout?: string; exit_code?: number; requests?: { body: unknown }[] };
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.lastIndexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The wire answers of a case, with epoch timestamps turned into Dates as the SDK does. */
function dates(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => dates(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dates(v, k)]));
  if (typeof value === "number" && /At$/.test(key)) return new Date(Math.round(value * 1000));
  return value;
}

describe.skipIf(!present)("conformance render cases (v2)", () => {
  const cases: Case[] = present ? JSON.parse(readFileSync(new URL("render.json", dir), "utf8")).cases : [];
  const responses = present ? JSON.parse(readFileSync(new URL("responses.json", dir), "utf8")) : {};
  for (const c of cases.filter((c) => c.ref !== "v1")) {
    it(c.id, async () => {
      const expected = { ...c.expect, ...(c.expect_v2 ?? {}) };
      const op = operationByCliName(c.argv[0]!)!;
      const canned = c.responses ? responses[c.responses][op.name] : {};
      const answers: unknown[] = Array.isArray(canned) ? [...canned] : [canned];
      const sent: Document[] = [];
      const call = async (params: Document) => {
        sent.push(params);
        return dates(answers.shift() ?? {}) as Document;
      };
      const { io, stdout } = captureIO();
      const maxItems = option(c.argv, "--max-items");
      await emitResult({
        io,
        operation: op,
        params: {},
        call,
        pagination: { enabled: !c.argv.includes("--no-paginate"), maxItems: maxItems ? Number(maxItems) : undefined },
        output: { format: option(c.argv, "--output") ?? "json", query: option(c.argv, "--query"), color: "auto" },
      });
      expect(stdout()).toBe(expected.stdout);
      if (expected.requests) expect(sent.length).toBe(expected.requests.length);
    });
  }
});
