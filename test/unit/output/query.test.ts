// --query: compiled before any call (a bad expression is usage error 252 in the AWS CLI's words), evaluated
// with the jmespath package; errors that only real data reveals fail with 255.
import { describe, it, expect } from "vitest";
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
