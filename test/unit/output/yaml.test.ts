// The hand-written YAML emitter against what the AWS CLI v2's YAMLDumper (ruamel.yaml + libyaml) prints: plain vs
// quoted scalars under the YAML 1.2 resolver, escapes, nesting, sorted keys, JSON for bare scalars, folding at 80.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { dumpYaml } from "../../../src/output/yaml.js";

const value = (v: unknown) => dumpYaml({ A: v });

describe("yaml scalars", () => {
  it.each([
    ["yes", "A: yes\n"], // YAML 1.2: only true/false are booleans
    ["true", "A: 'true'\n"],
    ["123", "A: '123'\n"],
    ["1.5", "A: '1.5'\n"],
    ["1e3", "A: '1e3'\n"],
    ["0x1F", "A: '0x1F'\n"],
    ["null", "A: 'null'\n"],
    ["~", "A: '~'\n"],
    ["", "A: ''\n"],
    ["2023-11-14T22:13:20+00:00", "A: '2023-11-14T22:13:20+00:00'\n"],
    ["2023-11-14", "A: '2023-11-14'\n"],
    ["<<", "A: '<<'\n"],
    ["it's", "A: it's\n"],
    ["'quoted'", "A: '''quoted'''\n"],
    ["a: it's", "A: 'a: it''s'\n"],
    ["a: b", "A: 'a: b'\n"],
    ["a:b", "A: a:b\n"],
    ["#x", "A: '#x'\n"],
    ["a #b", "A: 'a #b'\n"],
    ["a#b", "A: a#b\n"],
    ["- x", "A: '- x'\n"],
    ["-x", "A: -x\n"],
    [" lead", "A: ' lead'\n"],
    ["trail ", "A: 'trail '\n"],
    ["tab\there", 'A: "tab\\there"\n'],
    ["line\nbreak", "A: 'line\n\n  break'\n"],
    ["a\n\nb", "A: 'a\n\n\n  b'\n"],
    ["x\r\ny", 'A: "x\\r\\ny"\n'],
    ["😀emoji", 'A: "\\U0001F600emoji"\n'],
    ["bell\x07", 'A: "bell\\a"\n'],
    ["Café ☕", "A: Café ☕\n"],
    ["id#Ag2Tc3VUpgC6e4OZjBj8lz", "A: id#Ag2Tc3VUpgC6e4OZjBj8lz\n"],
    ["s3://bucket/key.json", "A: s3://bucket/key.json\n"],
    ["@x", "A: '@x'\n"],
    ["---", "A: '---'\n"],
    ["\u2028", "A: '\u2028  '\n"],
  ])("%j", (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it("numbers, booleans and nulls", () => {
    expect(dumpYaml({ I: 42, F: 1.5, T: true, N: null, S: 1e-7 })).toBe("F: 1.5\nI: 42\nN: null\nS: 1e-07\nT: true\n");
    expect(dumpYaml([null, 1])).toBe("- null\n- 1\n");
  });

  it("bare scalars are printed as JSON", () => {
    expect(dumpYaml("foo")).toBe('"foo"\n');
    expect(dumpYaml("Café")).toBe('"Café"\n');
    expect(dumpYaml(3)).toBe("3\n");
    expect(dumpYaml(null)).toBe("null\n");
    expect(dumpYaml(false)).toBe("false\n");
  });
});

describe("yaml collections", () => {
  it("indentless sequences in mappings, nested sequences and mappings in sequences", () => {
    expect(dumpYaml({ L: ["a", "b"], M: { K: "v" }, E: [], O: {} })).toBe("E: []\nL:\n- a\n- b\nM:\n  K: v\nO: {}\n");
    expect(dumpYaml([["a", "b"], ["c"]])).toBe("- - a\n  - b\n- - c\n");
    expect(dumpYaml([{ K: "v", L: ["x"] }, {}])).toBe("- K: v\n  L:\n  - x\n- {}\n");
    // the safe representer sorts keys, so a query's {z: …, a: …} comes out sorted
    expect(dumpYaml({ z: 1, a: 2 })).toBe("a: 2\nz: 1\n");
    expect(dumpYaml([])).toBe("[]\n");
  });

  it("folds long plain scalars at the first space past column 80, indented under their key", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    const out = dumpYaml({ Outer: { Description: words } });
    const lines = out.split("\n");
    expect(lines[0]).toBe("Outer:");
    expect(lines[1]!.startsWith("  Description: word0 ")).toBe(true);
    expect(lines[1]!.length).toBeGreaterThan(80);
    expect(lines[1]!.length).toBeLessThan(90);
    expect(lines[2]!.startsWith("    word")).toBe(true);
    expect(lines.slice(1).join(" ").replace(/\s+/g, " ").trim()).toBe(`Description: ${words}`);
  });

  it("never folds a long value without spaces", () => {
    const arn = "arn:aws:kms:us-east-1:007491620075:key/33b5a642-9dd7-d7f1-0c1c-a770e527422a-0123456789";
    expect(dumpYaml({ KmsKeyId: arn })).toBe(`KmsKeyId: ${arn}\n`);
  });
});

describe("yaml against the AWS CLI's YAMLDumper", () => {
  // documents with awkward strings (indicators, quotes, breaks, non-ASCII, long texts) and what the AWS CLI
  // 2.9.19's YAMLDumper printed for them; regenerate with fixtures/gen-ruamel-yaml.py
  const fixture = JSON.parse(readFileSync(new URL("./fixtures/ruamel-yaml.json", import.meta.url), "utf8")) as { doc: unknown; yaml: string }[];
  it(`prints ${fixture.length} random documents byte for byte`, () => {
    const mismatches = fixture.filter(({ doc, yaml }) => dumpYaml(doc) !== yaml);
    expect(mismatches.slice(0, 3).map(({ doc, yaml }) => ({ doc, expected: yaml, actual: dumpYaml(doc) }))).toEqual([]);
  });
});
