// --output yaml: the block layout ruamel.yaml (safe dumper, YAML 1.2 resolver, width 80) gives the AWS CLI v2,
// written by hand because the quoting and line-folding rules must match byte for byte.
import { pyNumber, pyJson, isObject } from "./python.js";

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const BREAKS = "\n\x85\u2028\u2029";
const WHITESPACE = "\0 \t\r\n\x85\u2028\u2029";

// Implicit resolvers of ruamel's YAML 1.2 resolver: a string matching one of these cannot be written plain.
const IMPLICIT: [string, RegExp][] = [
  ["tTfF", /^(?:true|True|TRUE|false|False|FALSE)$/],
  [
    "-+0123456789.",
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ["-+0123456789", /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ["<", /^(?:<<)$/],
  ["~nN", /^(?:~|null|Null|NULL)$/],
  [
    "0123456789",
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ["=", /^(?:=)$/],
];

/** Would a plain scalar with this text read back as something other than a string? */
function resolvesToNonString(text: string): boolean {
  if (text === "") return true; // null
  // Python's `$` also matches before one trailing newline
  const probe = text.endsWith("\n") ? text.slice(0, -1) : text;
  return IMPLICIT.some(([first, re]) => first.includes(text[0]!) && re.test(probe));
}

interface Analysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
  allowDoubleQuoted: boolean;
}

function isPrintableUnicode(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)) && c !== 0xfeff;
}

/** Emitter.analyze_scalar, reduced to what block context needs. */
function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true, allowDoubleQuoted: true };
  const text = chars.join("");
  let blockIndicators = text.startsWith("---") || text.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || WHITESPACE.includes(chars[1]!);
  let previousSpace = false, previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) blockIndicators = true;
      if ((ch === "?" || ch === ":") && followedByWhitespace) blockIndicators = true;
      if (ch === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) blockIndicators = true;
      if (ch === "#" && precededByWhitespace) blockIndicators = true;
    }
    if (BREAKS.includes(ch)) lineBreaks = true;
    if (!(ch === "\n" || (ch >= "\x20" && ch <= "\x7e")) && !isPrintableUnicode(ch)) special = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = WHITESPACE.includes(ch);
    followedByWhitespace = i + 2 >= chars.length || WHITESPACE.includes(chars[i + 2]!);
  }
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (special || spaceBreak) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks) allowBlockPlain = false;
  if (blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted, allowDoubleQuoted: true };
}

const ESCAPES: Record<string, string> = {
  "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0a": "n", "\x0b": "v", "\x0c": "f", "\x0d": "r",
  "\x1b": "e", '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
};

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");

/** The emitter's state machine for block collections, flattened into recursion. */
class Emitter {
  out = "";
  column = 0;
  whitespace = true;
  indention = true;
  indent: number | null = null;
  private indents: (number | null)[] = [];

  private write(data: string, width = Array.from(data).length) {
    this.out += data;
    this.column += width;
  }

  private lineBreak(data = "\n") {
    this.whitespace = this.indention = true;
    this.column = 0;
    this.out += data;
  }

  writeIndent() {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.out += " ".repeat(indent - this.column);
      this.column = indent;
    }
  }

  private indicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false) {
    const data = this.whitespace || !needWhitespace ? indicator : " " + indicator;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data);
  }

  private increaseIndent(flow: boolean, indentless = false) {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent() {
    this.indent = this.indents.pop() ?? null;
  }

  node(value: unknown, ctx: { mapping?: boolean }) {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.emptyFlow("[", "]");
      const indentless = Boolean(ctx.mapping) && !this.indention;
      this.increaseIndent(false, indentless);
      for (const item of value) {
        this.writeIndent();
        this.indicator("-", true, false, true);
        this.node(item, {});
      }
      return this.popIndent();
    }
    if (isObject(value)) {
      // the safe representer sorts mapping keys
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (entries.length === 0) return this.emptyFlow("{", "}");
      this.increaseIndent(false);
      for (const [k, v] of entries) {
        this.writeIndent();
        this.scalar(k, true);
        this.indicator(":", false);
        this.node(v, { mapping: true });
      }
      return this.popIndent();
    }
    this.increaseIndent(true);
    if (value === null || value === undefined) this.plain(Array.from("null"), true);
    else if (typeof value === "boolean") this.plain(Array.from(value ? "true" : "false"), true);
    else if (typeof value === "number") this.plain(Array.from(pyNumber(value).toLowerCase()), true);
    else this.scalar(String(value), false);
    this.popIndent();
  }

  private emptyFlow(open: string, close: string) {
    this.indicator(open, true, true);
    this.increaseIndent(true);
    this.popIndent();
    this.indicator(close, false);
  }

  /** choose_scalar_style + the matching writer, for a string. */
  private scalar(text: string, simpleKey: boolean) {
    const chars = Array.from(text);
    const a = analyze(chars);
    const split = !simpleKey;
    if (!resolvesToNonString(text) && !(simpleKey && (a.empty || a.multiline)) && a.allowBlockPlain) return this.plain(chars, split);
    if (a.allowDoubleQuoted && (text.includes("'") || text.includes("\n"))) return this.doubleQuoted(chars, split);
    if (a.allowSingleQuoted && !(simpleKey && a.multiline)) return this.singleQuoted(chars, split);
    return this.doubleQuoted(chars, split);
  }

  private plain(chars: string[], split: boolean) {
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(" ", 1);
    this.whitespace = this.indention = false;
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = this.indention = false;
          } else this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      } else if (ch === undefined || ch === " ") {
        this.write(chars.slice(start, end).join(""), end - start);
        start = end;
      }
      if (ch !== undefined) spaces = ch === " ";
    }
  }

  private singleQuoted(chars: string[], split: boolean) {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) this.writeIndent();
          else this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      } else if (breaks) {
        // only \x85, \u2028 and \u2029 get here: a string with \n is double-quoted
        if (ch === undefined || !BREAKS.includes(ch)) {
          for (const br of chars.slice(start, end)) this.lineBreak(br);
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ch === " " || BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''", 2);
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  private doubleQuoted(chars: string[], split: boolean) {
    this.indicator('"', true);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined;
      const code = ch?.codePointAt(0) ?? 0;
      if (
        ch === undefined ||
        '"\\\x85\u2028\u2029\ufeff'.includes(ch) ||
        !((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd))
      ) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""), end - start);
          start = end;
        }
        if (ch !== undefined) {
          const data =
            ch in ESCAPES ? "\\" + ESCAPES[ch] : code <= 0xff ? "\\x" + hex(code, 2) : code <= 0xffff ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
          this.write(data, data.length);
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === " " || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        const data = chars.slice(start, end).join("") + "\\";
        const width = Math.max(0, end - start) + 1;
        if (start < end) start = end;
        this.write(data, width);
        this.writeIndent();
        this.whitespace = this.indention = false;
        if (chars[start] === " ") this.write("\\", 1);
      }
    }
    this.indicator('"', false);
  }
}

/** One YAML document for `value`, ending with a newline. */
export function dumpYaml(value: unknown): string {
  if (!Array.isArray(value) && !isObject(value)) return pyJson(value) + "\n"; // the AWS CLI dumps a bare scalar with json
  const e = new Emitter();
  e.node(value, {});
  e.writeIndent();
  return e.out;
}

/** What the yaml format prints for a (queried) response: nothing for an empty object. */
export function render(value: unknown): string {
  if (isObject(value) && Object.keys(value).length === 0) return "";
  return dumpYaml(value);
}
