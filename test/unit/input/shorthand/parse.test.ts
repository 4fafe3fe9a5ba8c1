// The shorthand grammar as a table of input → object rows (syntax only; types come later), then the
// syntax errors with their caret, then a fuzz run: nothing but a ShorthandSyntaxError ever escapes.
import { describe, expect, it } from "vitest";
import { parseShorthand, ShorthandParser, ShorthandSyntaxError, errorLocation } from "../../../../src/input/shorthand/parse.js";

const rows: [string, unknown][] = [
  // keyval basics
  ["a=b", { a: "b" }],
  ["Key=Value", { Key: "Value" }],
  ["a=b,c=d", { a: "b", c: "d" }],
  ["a=b,c=d,e=f", { a: "b", c: "d", e: "f" }],
  ["a=", { a: "" }],
  ["a=,b=c", { a: "", b: "c" }],
  ["a=b,c=", { a: "b", c: "" }],
  ['a=""', { a: "" }],
  ["a=''", { a: "" }],
  ["KmsKeyId=alias/my-key", { KmsKeyId: "alias/my-key" }],
  ["S3Uri=s3://bucket/path/file.json", { S3Uri: "s3://bucket/path/file.json" }],
  ["Arn=arn:aws:kms:us-east-1:123456789012:key/abc", { Arn: "arn:aws:kms:us-east-1:123456789012:key/abc" }],
  ["a=b=c", { a: "b=c" }],
  ["a=x:y", { a: "x:y" }],
  ["a=1", { a: "1" }],
  ["a=-1", { a: "-1" }],
  ["a=007", { a: "007" }],
  ["a=true", { a: "true" }],
  ["a=b c", { a: "b c" }],
  ["a=b   ", { a: "b" }],
  ["a=hello world,b=x", { a: "hello world", b: "x" }],
  ["a=@x", { a: "@x" }],
  ["a=x@y.com", { a: "x@y.com" }],
  ["a=$HOME", { a: "$HOME" }],
  ["a=100%", { a: "100%" }],
  ["a=x+y", { a: "x+y" }],
  ["a=*", { a: "*" }],
  ["a=~x", { a: "~x" }],
  ["a=x|y", { a: "x|y" }],
  ["a=x;y", { a: "x;y" }],
  ["a=x<y>z", { a: "x<y>z" }],
  ["a=x?y", { a: "x?y" }],
  ["a=x^y", { a: "x^y" }],
  ["a=x`y", { a: "x`y" }],
  ["a=é", { a: "é" }],
  ["a=日本語", { a: "日本語" }],
  ["a=x[y", { a: "x[y" }],
  ["a=x{y", { a: "x{y" }],
  // keys may hold - _ . # / :
  ["a-b=c", { "a-b": "c" }],
  ["a_b=c", { a_b: "c" }],
  ["a.b=c", { "a.b": "c" }],
  ["a#b=c", { "a#b": "c" }],
  ["a/b=c", { "a/b": "c" }],
  ["a:b=c", { "a:b": "c" }],
  ["A1=c", { A1: "c" }],
  // whitespace around keys, = and ,
  ["a = b", { a: "b" }],
  ["a= b", { a: "b" }],
  ["a =b", { a: "b" }],
  ["a=b , c=d", { a: "b", c: "d" }],
  ["a=b,  c=d", { a: "b", c: "d" }],
  ["a=b ,c=d", { a: "b", c: "d" }],
  ["a=b\t,c=d", { a: "b", c: "d" }],
  // csv lists
  ["a=b,c", { a: ["b", "c"] }],
  ["a=b,c,d", { a: ["b", "c", "d"] }],
  ["a=b,c,d=e", { a: ["b", "c"], d: "e" }],
  ["a=b, c", { a: ["b", "c"] }],
  ["a=b,c ,d", { a: ["b", "c", "d"] }],
  ["a=b,'c,d'", { a: ["b", "c,d"] }],
  ['a=b,"c d"', { a: ["b", "c d"] }],
  ["a=x,y,z,w=1,v=2", { a: ["x", "y", "z"], w: "1", v: "2" }],
  ["a=1,2,3", { a: ["1", "2", "3"] }],
  ["a=b,c:d", { a: ["b", "c:d"] }],
  ["a=b,c/d", { a: ["b", "c/d"] }],
  // escaped commas and backslashes
  ["a=b\\,c", { a: "b,c" }],
  ["a=b\\,c,d=e", { a: "b,c", d: "e" }],
  ["a=b\\ c", { a: "b\\ c" }],
  ["a=b\\\\c", { a: "b\\\\c" }],
  ["a=\\,b", { a: ",b" }],
  ["a=b,c\\,d", { a: ["b", "c,d"] }],
  ["a=tundra\\,willow,b=nectar\\ fjord", { a: "tundra,willow", b: "nectar\\ fjord" }],
  // quoting
  ['a="b,c"', { a: "b,c" }],
  ["a='b,c'", { a: "b,c" }],
  ['a="b c"', { a: "b c" }],
  ["a='b c'", { a: "b c" }],
  ['a="b=c"', { a: "b=c" }],
  ['a="it\'s"', { a: "it's" }],
  ["a='say \"hi\"'", { a: 'say "hi"' }],
  ['a="say \\"hi\\""', { a: 'say "hi"' }],
  ["a='it\\'s'", { a: "it's" }],
  ['a="back\\\\slash"', { a: "back\\slash" }],
  ['a="x\\y"', { a: "x\\y" }],
  ['a="b",c="d"', { a: "b", c: "d" }],
  ['Key="maple,iris",Value=\'Sable yarrow\'', { Key: "maple,iris", Value: "Sable yarrow" }],
  ['a="",b=c', { a: "", b: "c" }],
  // explicit lists
  ["a=[]", { a: [] }],
  ["a=[b]", { a: ["b"] }],
  ["a=[b,c]", { a: ["b", "c"] }],
  ["a=[ b , c ]", { a: ["b", "c"] }],
  ["a=[b,c],d=e", { a: ["b", "c"], d: "e" }],
  ["a=['b,c',d]", { a: ["b,c", "d"] }],
  ['a=["b c"]', { a: ["b c"] }],
  ["a=[[b,c],[d]]", { a: [["b", "c"], ["d"]] }],
  ["a=[{b=c},{d=e}]", { a: [{ b: "c" }, { d: "e" }] }],
  ["a=[b=c]", { a: ["b=c"] }],
  ["a=[s3://x/y]", { a: ["s3://x/y"] }],
  // hash literals
  ["a={}", { a: {} }],
  ["a={b=c}", { a: { b: "c" } }],
  ["a={b=c,d=e}", { a: { b: "c", d: "e" } }],
  ["a={ b = c , d = e }", { a: { b: "c", d: "e" } }],
  ["a={b={c=d}}", { a: { b: { c: "d" } } }],
  ["a={b=[c,d]}", { a: { b: ["c", "d"] } }],
  ["a={b='c,d'}", { a: { b: "c,d" } }],
  ["a={b=''}", { a: { b: "" } }],
  ["a=b,\nc", { a: ["b", "c"] }],
  ["a=b,,c=d", { a: "b", c: "d" }], // the csv list backs off to the first comma
  ["a={b=c},d=e", { a: { b: "c" }, d: "e" }],
  ["a={b=c,b=d}", { a: { b: "d" } }],
  ["FraudDetectionConfig={FraudDetectionAction=FAIL,RiskThreshold=22,WatchlistIds=[w1]}", { FraudDetectionConfig: { FraudDetectionAction: "FAIL", RiskThreshold: "22", WatchlistIds: ["w1"] } }],
  ["ExistingEnrollmentAction=SKIP,FraudDetectionConfig={}", { ExistingEnrollmentAction: "SKIP", FraudDetectionConfig: {} }],
  ["DuplicateRegistrationAction=REGISTER_AS_NEW,FraudsterSimilarityThreshold=63,WatchlistIds=[Y1]", { DuplicateRegistrationAction: "REGISTER_AS_NEW", FraudsterSimilarityThreshold: "63", WatchlistIds: ["Y1"] }],
  ["WatchlistIds=abc", { WatchlistIds: "abc" }],
  // newlines are whitespace
  ["a=b,\nc=d", { a: "b", c: "d" }],
];

describe("shorthand parser: input → object", () => {
  it("has at least 100 rows", () => expect(rows.length).toBeGreaterThanOrEqual(100));
  it.each(rows)("%s", (input, expected) => {
    expect(JSON.parse(JSON.stringify(parseShorthand(input)))).toEqual(expected);
  });
  it("returns null-prototype objects", () => {
    const out = parseShorthand("__proto__=x,a={constructor=y}");
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(out["__proto__"]).toBe("x");
    expect(Object.getPrototypeOf(out.a)).toBeNull();
  });
});

const errors: [string, string][] = [
  ["", "Expected: '=', received: 'EOF' for input:\n\n^"],
  ["KmsKeyId", "Expected: '=', received: 'EOF' for input:\nKmsKeyId\n        ^"],
  ["KmsKeyId=alias/x,", "Expected: '<second>', received: '<none>' for input:\nKmsKeyId=alias/x,\n                 ^"],
  ["a={b=}", "Expected: ',', received: 'EOF' for input:\na={b=}\n      ^"], // "}" may start a value
  ["WatchlistIds=[U2K", "Expected: ',', received: 'EOF' for input:\nWatchlistIds=[U2K\n                 ^"],
  ["F={R=11", "Expected: ',', received: 'EOF' for input:\nF={R=11\n       ^"],
  ['K="alias', "Expected: '<double quoted>', received: '<none>' for input:\nK=\"alias\n  ^"],
  ["K='alias", "Expected: '<singled quoted>', received: '<none>' for input:\nK='alias\n  ^"],
  [" a=b", "Expected: '=', received: 'a' for input:\n a=b\n ^"],
  ["a=b,c", ""], // not an error: a list
  ["a=b;c=d,e", ""],
  ["a=b c=d", ""],
  ["a=[b,c", "Expected: ',', received: 'EOF' for input:\na=[b,c\n      ^"],
  ["a={b", "Expected: '=', received: 'EOF' for input:\na={b\n    ^"],
  ["a=b,,,c=d", "Expected: '=', received: ',' for input:\na=b,,,c=d\n     ^"],
  ["a=b,c=d,a=e", 'Second instance of key "a" encountered for input:\na=b,c=d,a=e\n        ^\nThis is often because there is a preceding "," instead of a space.'],
  ["Key=a,Value=b,Key=c,Value=d", 'Second instance of key "Key" encountered for input:\nKey=a,Value=b,Key=c,Value=d\n              ^\nThis is often because there is a preceding "," instead of a space.'],
];

describe("shorthand parser: syntax errors with a caret", () => {
  it.each(errors.filter(([, m]) => m))("%j", (input, message) => {
    expect(() => parseShorthand(input)).toThrow(ShorthandSyntaxError);
    expect(() => parseShorthand(input)).toThrow(message);
  });
  it("places the caret after the last newline before the error", () => {
    expect(errorLocation("foo=bar,\nbar==baz", 13)).toBe("foo=bar,\nbar==baz\n    ^");
    expect(errorLocation("foo==bar,\nbar=baz", 4)).toBe("foo==bar,\n    ^\nbar=baz");
  });
});

/** A small deterministic PRNG so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe("shorthand parser: fuzz", () => {
  const alphabet = ["a", "b", "K", "=", ",", "[", "]", "{", "}", "'", '"', "\\", " ", "\n", ":", "/", "@", "é", "1", "-", "#", "\u{1F600}"];
  const seeds = rows.map(([input]) => input);
  it("random and mutated inputs only ever raise ShorthandSyntaxError", () => {
    const rand = rng(42);
    for (let n = 0; n < 20000; n++) {
      let input: string;
      if (n % 2 === 0) {
        const len = Math.floor(rand() * 24);
        input = Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      } else {
        const chars = [...seeds[Math.floor(rand() * seeds.length)]];
        const edits = 1 + Math.floor(rand() * 3);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(rand() * (chars.length + 1));
          const op = rand();
          if (op < 0.4) chars.splice(at, 1);
          else if (op < 0.8) chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
          else chars.splice(at, 1, alphabet[Math.floor(rand() * alphabet.length)]);
        }
        input = chars.join("");
      }
      try {
        const out = parseShorthand(input);
        expect(typeof out).toBe("object");
      } catch (err) {
        if (!(err instanceof ShorthandSyntaxError)) throw new Error(`input ${JSON.stringify(input)} threw ${String(err)}`);
        expect(err.message).toContain("for input:\n");
      }
    }
  });
});

describe("shorthand Key@=value (AWS CLI v2's paramfile values)", () => {
  const files: Record<string, string> = { "file://k.txt": "from-file", "file://l.txt": "second" };
  const parse = (input: string) => new ShorthandParser().parse(input, (v) => files[v] ?? v);
  it("loads the value of a key written with @= through the resolver, and only that key's", () => {
    expect({ ...parse("A@=file://k.txt,B=file://k.txt") }).toEqual({ A: "from-file", B: "file://k.txt" });
    expect({ ...parse("A @= 'file://k.txt'") }).toEqual({ A: "from-file" });
    expect({ ...parse("A@=file://k.txt,file://l.txt") }).toEqual({ A: ["from-file", "second"] });
    expect({ ...parse("A@=plain") }).toEqual({ A: "plain" });
    const nested = parse("A={B@=file://k.txt,C=file://l.txt}");
    expect(JSON.parse(JSON.stringify(nested))).toEqual({ A: { B: "from-file", C: "file://l.txt" } });
  });
  it("still refuses a key followed by anything but = or @=", () => {
    expect(() => parse("A@x")).toThrow(/Expected: '=', received: 'x'/);
  });
});

