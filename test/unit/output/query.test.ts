// --query: compiled before any call (a bad expression is usage error 252 in the AWS CLI's words), evaluated
// with the jmespath package; errors that only real data reveals fail with 255.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { compileQuery } from "../../../src/output/query.js";
import { compileQuery as exported } from "../../../src/output/index.js";
import { render } from "../../../src/output/json.js";

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

  it("refuses an expression nested thousands deep as a bad --query (252), whether parsing or searching overflows", () => {
    for (const expr of ["(".repeat(5000) + "a" + ")".repeat(5000), "!".repeat(5000) + "a"]) {
      expect(fails(expr)).toMatchObject({ exitCode: 252, message: `Bad value for --query ${expr}: nested too deeply` });
    }
    const chain = `${"a.".repeat(20_000)}b`; // deep enough to overflow in parse or in search, whichever comes first
    let err: unknown;
    try {
      compileQuery(chain).search({ a: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 252, message: `Bad value for --query ${chain}: nested too deeply` });
  });

  it("reports unclosed delimiters and incomplete expressions like jmespath.py", () => {
    expect(fails("Tags[?Value=='x]").message).toBe("Bad value for --query Tags[?Value=='x]: Bad jmespath expression: Unclosed ' delimiter:\nTags[?Value=='x]\n             ^");
    expect(fails("a[").message).toBe('Bad value for --query a[: Invalid jmespath expression: Incomplete expression:\n"a["\n   ^');
  });

  // what jmespath.py 1.1.0 says for each (its parser is 1.0.1's); the caret sits under the offending token
  it.each([
    ["a.", "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: eof: Parse error at column 2, token \"\" (EOF), for expression:\n\"a.\"\n   ^"],
    ["a[}", "Expecting: star, got: rbrace: Parse error at column 2, token \"}\" (RBRACE), for expression:\n\"a[}\"\n   ^"],
    ["][", "invalid token: Parse error at column 0, token \"]\" (RBRACKET), for expression:\n\"][\"\n ^"],
    ["foo bar", "Unexpected token: bar: Parse error at column 4, token \"bar\" (UNQUOTED_IDENTIFIER), for expression:\n\"foo bar\"\n     ^"],
    ["{a}", "Expecting: colon, got: rbrace: Parse error at column 2, token \"}\" (RBRACE), for expression:\n\"{a}\"\n   ^"],
    ["[a,]", "invalid token: Parse error at column 3, token \"]\" (RBRACKET), for expression:\n\"[a,]\"\n    ^"],
    ["a[1:x]", "syntax error: Parse error at column 4, token \"x\" (UNQUOTED_IDENTIFIER), for expression:\n\"a[1:x]\"\n     ^"],
    ["a.1", "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: number: Parse error at column 2, token \"1\" (NUMBER), for expression:\n\"a.1\"\n   ^"],
    ["\"a\"(b)", "Quoted identifier not allowed for function names.: Parse error at column 0, token \"(\" (LPAREN), for expression:\n\"\"a\"(b)\"\n ^"],
    ["a[0:1:2:3]", "syntax error: Parse error at column 7, token \":\" (COLON), for expression:\n\"a[0:1:2:3]\"\n        ^"],
    ["#", "Bad jmespath expression: Unknown token #:\n#\n^"],
    ["=", "Bad jmespath expression: Unknown token '=':\n=\n^"],
    ["-", "Bad jmespath expression: Unknown token '-':\n-\n^"],
    ["\"\\q\"", "Bad jmespath expression: Invalid \\escape:\n\"\\q\"\n^"],
    ["[a b]", "Expecting: comma, got: unquoted_identifier: Parse error at column 3, token \"b\" (UNQUOTED_IDENTIFIER), for expression:\n\"[a b]\"\n    ^"],
    ["(a b)", "Expecting: rparen, got: unquoted_identifier: Parse error at column 3, token \"b\" (UNQUOTED_IDENTIFIER), for expression:\n\"(a b)\"\n    ^"],
    ["a *", "invalid token: Parse error at column 2, token \"*\" (STAR), for expression:\n\"a *\"\n   ^"],
    ["{1: a}", "Expecting: ['quoted_identifier', 'unquoted_identifier'], got: number: Parse error at column 1, token \"1\" (NUMBER), for expression:\n\"{1: a}\"\n  ^"],
    ["é", "Bad jmespath expression: Unknown token é:\né\n^"],
  ])("words a syntax error as jmespath.py: %j", (expr, message) => {
    expect(fails(expr).message).toBe(`Bad value for --query ${expr}: ${message}`);
  });

  it.each(["foo()", "a[0][1:].b", "{a: b c: d}", "`{`", "'é'"])("accepts %j as jmespath.py does", (expr) => {
    expect(() => compileQuery(expr)).not.toThrow();
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
    cases: { q: string; ok: boolean; result?: unknown; error?: string; msg?: string }[];
  };
  const compiles = (q: string) => {
    try {
      return Boolean(compileQuery(q));
    } catch {
      return false;
    }
  };
  it.each(cases)("$q", ({ q, ok, result, msg }) => {
    if (ok) expect(compileQuery(q).search(data) ?? null).toEqual(result);
    // errors found while evaluating are printed as jmespath.py words them
    else if (compiles(q)) expect(() => compileQuery(q).search(data)).toThrow(expect.objectContaining({ exitCode: 255, message: msg }));
    else expect(() => compileQuery(q)).toThrow(`Bad value for --query ${q}: ${msg}`);
  });

  it("starts_with matches jmespath.py (jmespath.js 0.16 gets it wrong)", () => {
    expect(compileQuery("starts_with('quartz-quartz', 'quartz')").search({})).toBe(true);
    expect(compileQuery("starts_with('xquartz', 'quartz')").search({})).toBe(false);
  });
});

describe("functions as jmespath.py defines them", () => {
  // what jmespath.py 1.1.0 gives for each, against {"a": []}; its messages are those of 1.0.1 (the AWS CLI v2's)
  const table: [string, unknown][] = [
    ["{avg: avg(a)}", {"avg": null}],
    ["avg(`[]`)", null],
    ["avg(`[1,2]`)", 1.5],
    ["max_by(`[{\"a\":{}}]`, &a)", { error: "In function max_by(), invalid type for value: {}, expected one of: ['number', 'string'], received: \"object\"" }],
    ["length(`1`)", { error: "In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: \"number\"" }],
    ["length(@, @)", { error: "Expected 1 argument for function length(), received 2" }],
    ["not_null()", { error: "Expected at least 1 argument for function not_null(), received 0" }],
    ["merge()", { error: "Expected at least 1 argument for function merge(), received 0" }],
    ["merge(`{}`, `1`)", { error: "'int' object is not iterable" }],
    ["sort_by(`[1,\"a\"]`, &@)", { error: "In function sort_by(), invalid type for value: a, expected one of: ['number'], received: \"string\"" }],
    ["sort_by(`[{\"a\":1},{\"a\":\"x\"}]`, &a)", { error: "In function sort_by(), invalid type for value: x, expected one of: ['number'], received: \"string\"" }],
    ["sort_by(`[{\"a\":null}]`, &a)", { error: "In function sort_by(), invalid type for value: {'a': None}, expected one of: ['string', 'number'], received: \"null\"" }],
    ["max(`[1,\"a\"]`)", { error: "In function max(), invalid type for value: a, expected one of: ['array-number', 'array-string'], received: \"str\"" }],
    ["max(`[\"a\",1]`)", { error: "In function max(), invalid type for value: 1, expected one of: ['array-number', 'array-string'], received: \"int\"" }],
    ["min(`[{}]`)", { error: "In function min(), invalid type for value: {}, expected one of: ['array-number', 'array-string'], received: \"dict\"" }],
    ["sort(`[1,\"a\"]`)", { error: "In function sort(), invalid type for value: a, expected one of: ['array-string', 'array-number'], received: \"str\"" }],
    ["sort(`[10,9,1]`)", [1, 9, 10]],
    ["sort(`[\"b\",\"a\",\"B\"]`)", ["B", "a", "b"]],
    ["max(`[\"a\",\"B\"]`)", "a"],
    ["min(`[\"a\",\"B\"]`)", "B"],
    ["join(`\",\"`, `[1]`)", { error: "In function join(), invalid type for value: 1, expected one of: ['array-string'], received: \"int\"" }],
    ["avg(`[1,\"a\"]`)", { error: "In function avg(), invalid type for value: a, expected one of: ['array-number'], received: \"str\"" }],
    ["to_number(`\"1e400\"`)", Infinity],
    ["to_number(`\"\"`)", null],
    ["to_number(`\"0x10\"`)", null],
    ["to_number(`\" 12 \"`)", 12],
    ["to_number(`\"1_000\"`)", 1000],
    ["to_number(`\"inf\"`)", Infinity],
    ["to_number(`\"-Infinity\"`)", -Infinity],
    ["to_number(`\".5\"`)", 0.5],
    ["to_number(`\"abc\"`)", null],
    ["to_number(`true`)", null],
    ["ceil(`1.5`)", 2],
    ["floor(`-1.5`)", -2],
    ["map(&a, `1`)", { error: "In function map(), invalid type for value: 1, expected one of: ['array'], received: \"number\"" }],
    ["map(&a, `[{\"a\":1},{}]`)", [1, null]],
    ["contains(`1`, `1`)", { error: "In function contains(), invalid type for value: 1, expected one of: ['array', 'string'], received: \"number\"" }],
    ["contains(`\"abc\"`, `1`)", { error: "'in <string>' requires string as left operand, not int" }],
    ["contains(`\"abc\"`, `\"b\"`)", true],
    ["contains(`[1,{\"a\":[1]}]`, `{\"a\":[1]}`)", true],
    ["contains(`[1]`, `true`)", true],
    ["keys(`[]`)", { error: "In function keys(), invalid type for value: [], expected one of: ['object'], received: \"array\"" }],
    ["reverse(`1`)", { error: "In function reverse(), invalid type for value: 1, expected one of: ['array', 'string'], received: \"number\"" }],
    ["reverse(`\"abc\"`)", "cba"],
    ["length(`true`)", { error: "In function length(), invalid type for value: True, expected one of: ['string', 'array', 'object'], received: \"boolean\"" }],
    ["length(`null`)", { error: "In function length(), invalid type for value: None, expected one of: ['string', 'array', 'object'], received: \"null\"" }],
    ["length(`\"\\ud83d\\ude00\"`)", 1],
    ["max_by(`[{\"n\":\"b\"},{\"n\":\"c\"},{\"n\":\"a\"}]`, &n)", {"n": "c"}],
    ["min_by(`[{\"n\":\"b\"},{\"n\":\"c\"},{\"n\":\"a\"}]`, &n)", {"n": "a"}],
    ["max_by(`[{\"n\":1},{\"n\":\"c\"}]`, &n)", { error: "'>' not supported between instances of 'str' and 'int'" }],
    ["min_by(`[{\"a\":1},{\"a\":\"x\"}]`, &a)", { error: "'<' not supported between instances of 'str' and 'int'" }],
    ["max_by(`[]`, &a)", null],
    ["min_by(`[]`, &a)", null],
    ["{m: max_by(`[]`, &a)}", {"m": null}],
    ["to_string(`{\"a\":[1,2.5,\"\u00e9\"]}`)", "{\"a\":[1,2.5,\"\\u00e9\"]}"],
    ["to_string(`\"x\"`)", "x"],
    ["type(`1`)", "number"],
    ["starts_with(`\"ab\"`, `1`)", { error: "In function starts_with(), invalid type for value: 1, expected one of: ['string'], received: \"number\"" }],
    ["ends_with(`1`, `\"a\"`)", { error: "In function ends_with(), invalid type for value: 1, expected one of: ['string'], received: \"number\"" }],
    ["nope(@)", { error: "Unknown function: nope()" }],
    ["abs(`\"x\"`)", { error: "In function abs(), invalid type for value: x, expected one of: ['number'], received: \"string\"" }],
    ["sum(`[]`)", 0],
    ["sum(`[\"a\"]`)", { error: "In function sum(), invalid type for value: a, expected one of: ['array-number'], received: \"str\"" }],
    ["values(`1`)", { error: "In function values(), invalid type for value: 1, expected one of: ['object'], received: \"number\"" }],
    ["join(`1`, `[\"a\"]`)", { error: "In function join(), invalid type for value: 1, expected one of: ['string'], received: \"number\"" }],
    ["map(`1`, `[1]`)", { error: "In function map(), invalid type for value: 1, expected one of: ['expref'], received: \"number\"" }],
    ["sort_by(`[3,1,2]`, &@)", [1, 2, 3]],
    ["sort_by(`[\"b\",\"a\"]`, &@)", ["a", "b"]],
    ["not_null(`null`, `null`)", null],
    ["not_null(`null`, `2`)", 2],
    ["merge(`{\"a\":1}`, `{\"a\":2,\"b\":3}`)", {"a": 2, "b": 3}],
  ];
  it.each(table)("%s", (q, want) => {
    const query = compileQuery(q);
    const error = (want as { error?: string } | null)?.error;
    if (error === undefined) expect(query.search({ a: [] })).toEqual(want);
    else expect(() => query.search({ a: [] })).toThrow(expect.objectContaining({ exitCode: 255, message: error }));
  });

  it.each([
    ["a[?b < `1`]", [{ b: 0 }]],
    ["c[?@ >= 'b']", ["b"]],
    ["`true` > `false`", null],
    ["`[1]` < `[2]`", null],
    ["a[0].b < `1`", null],
  ])("orders numbers and strings only, like jmespath.py: %s", (q, want) => {
    expect(compileQuery(q as string).search({ a: [{ b: null }, { b: 0 }, { b: true }], c: [null, "a", "b", false] })).toEqual(want);
  });

  it("a slice step of 0 fails with Python's words", () => {
    expect(() => compileQuery("a[::0]").search({ a: [1] })).toThrow(expect.objectContaining({ exitCode: 255, message: "slice step cannot be zero" }));
    expect(compileQuery("a[::0]").search({ a: "x" })).toBe(null);
  });

  it("never hands the output NaN where jmespath.py gives None", () => {
    expect(render(compileQuery("{avg: avg(DomainSummaries[].Name)}").search({ DomainSummaries: [] }))).toBe('{\n    "avg": null\n}\n');
  });
});
