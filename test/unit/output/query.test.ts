// --query: compiled before any call (a bad expression is usage error 252 in the AWS CLI's words), evaluated
// with the jmespath package; errors that only real data reveals fail with 255.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { compileQuery } from "../../../src/output/query.js";
import { compileQuery as exported } from "../../../src/output/index.js";

const fails = (expr: string) => {
  try {
    compileQuery(expr);
  } catch (err) {
    return err as { exitCode: number; message: string };
  }
  throw new Error(`accepted ${expr}`);
};

describe("compileQuery", () => {
  it.each(["foo[", "a.", "][", "a || ", "", "foo bar", "`foo", "Tags[?Value=='x]"])("rejects %j with exit 252", (expr) => {
    const err = fails(expr);
    expect(err.exitCode).toBe(252);
    expect(err.message.startsWith(`Bad value for --query ${expr}: `)).toBe(true);
  });

  it("reports unclosed delimiters and incomplete expressions like jmespath.py", () => {
    expect(fails("Tags[?Value=='x]").message).toBe("Bad value for --query Tags[?Value=='x]: Bad jmespath expression: Unclosed ' delimiter:\nTags[?Value=='x]\n             ^");
    expect(fails("a.").message).toBe('Bad value for --query a.: Invalid jmespath expression: Incomplete expression:\n"a."\n   ^');
  });

  it.each(["a[1:]", "a[::2]", "a[*].b", "sort_by(a, &b)[0]", "{x: a, y: b}", "a[?b=='c'] | [0]", "@", "length(a)", "a.\"b c\""])(
    "accepts %j",
    (expr) => {
      expect(() => compileQuery(expr)).not.toThrow();
    },
  );

  it("evaluates the recorded queries", () => {
    const data = { Tags: [{ Key: "a", Value: "x" }, { Key: "empty", Value: "" }], N: [1, 2, 3] };
    expect(compileQuery("Tags[?Value==''].Key | [0]").search(data)).toBe("empty");
    expect(compileQuery("length(N)").search(data)).toBe(3);
    expect(compileQuery("Tags[*].[Key, Missing]").search(data)).toEqual([["a", null], ["empty", null]]);
    expect(compileQuery("Missing.Deeper").search(data)).toBe(null);
    expect(compileQuery("Tags[].{k: Key}").search(data)).toEqual([{ k: "a" }, { k: "empty" }]);
  });

  it("fails with 255 on errors only the data reveals", () => {
    expect(() => compileQuery("abs(Tags)").search({ Tags: [] })).toThrow(expect.objectContaining({ exitCode: 255 }));
  });

  it("is what src/output/index.ts exports", () => {
    expect(() => exported("foo[")).toThrow(expect.objectContaining({ exitCode: 252 }));
  });
});

describe("results against jmespath.py", () => {
  // 87 queries (functions, filters, projections, slices, errors) and what jmespath.py 1.0.1 gives for them
  const { data, cases } = JSON.parse(readFileSync(new URL("./fixtures/jmespath-py.json", import.meta.url), "utf8")) as {
    data: unknown;
    cases: { q: string; ok: boolean; result?: unknown; error?: string }[];
  };
  // jmespath.py raises TypeError when ordering a number against a string; jmespath.js yields null
  const knownDifferences = new Set(["DomainSummaries[?Score > 'x'].Name", "Count > 'a'"]);
  it.each(cases.filter((c) => !knownDifferences.has(c.q)))("$q", ({ q, ok, result }) => {
    if (ok) expect(compileQuery(q).search(data) ?? null).toEqual(result);
    else expect(() => compileQuery(q).search(data)).toThrow();
  });

  it("starts_with matches jmespath.py (jmespath.js 0.16 gets it wrong)", () => {
    expect(compileQuery("starts_with('quartz-quartz', 'quartz')").search({})).toBe(true);
    expect(compileQuery("starts_with('xquartz', 'quartz')").search({})).toBe(false);
  });
});
