// The two renderers of a help document: plain text (wrapping, indentation) and roff (escaping).
import { describe, expect, it } from "vitest";
import { bullets, def, para, pre, type HelpDoc } from "../../../src/help/doc.js";
import { escapeRoff, renderRoff } from "../../../src/help/roff.js";
import { renderText, wrap } from "../../../src/help/text.js";
import { breakCommand } from "../../../src/help/operation.js";

const doc: HelpDoc = {
  name: "voice-id-x",
  command: "voice-id x",
  summary: "does x",
  sections: [
    { title: "DESCRIPTION", body: [para("one two three"), pre(["  a  b", ".dot"]), bullets(["A", "B"])] },
    { title: "OPTIONS", body: [def("--flag (string)", [para("Text with a \\ backslash and a-hyphen."), def("Member -> (integer)", [])])] },
  ],
};

describe("text", () => {
  it.each([
    ["one two three four five six", 0, 20, ["one two three four", "five six"]],
    ["one two three four five six", 4, 24, ["    one two three four", "    five six"]],
    ["averyveryverylongwordthatcannotbreak x", 0, 20, ["averyveryverylongwordthatcannotbreak", "x"]],
    ["  spaced   out  ", 2, 80, ["  spaced out"]],
    ["", 4, 80, []],
  ] as const)("wrap(%j, %i, %i)", (text, indent, width, want) => {
    expect(wrap(text, indent, width)).toEqual(want);
  });

  it("never leaves less than 20 columns for text, however deep the indent", () => {
    expect(wrap("a b c d e f g h i j k", 70, 80)).toEqual([" ".repeat(70) + "a b c d e f g h i j", " ".repeat(70) + "k"]);
  });

  it("lays out sections, definitions, verbatim lines and bullets", () => {
    expect(renderText(doc)).toBe(
      [
        "NAME",
        "       voice-id x - does x",
        "",
        "DESCRIPTION",
        "       one two three",
        "",
        "            a  b",
        "          .dot",
        "",
        "          o A",
        "          o B",
        "",
        "OPTIONS",
        "       --flag (string)",
        "          Text with a \\ backslash and a-hyphen.",
        "",
        "          Member -> (integer)",
        "",
      ].join("\n"),
    );
  });
});

describe("roff", () => {
  it.each([
    ["plain", "plain"],
    ["--domain-id", "\\-\\-domain\\-id"],
    ["a\\b", "a\\eb"],
    [".starts with a dot", "\\&.starts with a dot"],
    ["'quote", "\\&'quote"],
    ["caf\u00e9 \u2026", "caf\\[u00E9] \\[u2026]"],
  ])("escapeRoff(%j)", (input, want) => expect(escapeRoff(input)).toBe(want));

  it("is ASCII, with a title line, NAME, and one .SH per section", () => {
    const roff = renderRoff(doc, "1.2.3");
    expect(roff).toMatch(/^[\x00-\x7f]*$/);
    expect(roff).toContain('.TH "VOICE-ID-X" "1" "" "voice-id 1.2.3" "voice-id"');
    expect(roff).toContain(".SH NAME\nvoice\\-id\\-x \\- does x\n");
    expect(roff.match(/^\.SH /gm)).toHaveLength(3);
    expect(roff).toContain(".nf\n  a  b\n\\&.dot\n.fi");
  });
});

describe("breakCommand", () => {
  it("keeps short lines and splits long ones before flags with continuations", () => {
    expect(breakCommand("voice-id x --a 1")).toEqual(["voice-id x --a 1"]);
    const long = "voice-id start-speaker-enrollment-job --domain-id D --data-access-role-arn arn:aws:iam::000000000000:role/r --input-data-config S3Uri=s3://b/m.json";
    const lines = breakCommand(long);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 76)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.endsWith(" \\"))).toBe(true);
    expect(lines.map((l) => l.replace(/ \\$/, "").trim()).join(" ")).toBe(long);
  });
});
