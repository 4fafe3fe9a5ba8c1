// --output yaml: what the AWS CLI v2 prints through ruamel.yaml's safe dumper, i.e. libyaml's emitter (block
// style, width 80) with ruamel's YAML 1.2 resolver; written by hand because quoting and folding must match byte
// for byte.
import { pyNumber, isObject } from "./python.js";
import { toJson } from "./json.js";

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const BREAKS = "\r\n\x85\u2028\u2029";
/** IS_BLANKZ: space, tab, a break, or the end. */
const isBlankz = (ch: string | undefined) => ch === undefined || ch === " " || ch === "\t" || BREAKS.includes(ch);

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
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
}

/** libyaml's IS_PRINTABLE: \n, ASCII 0x20-0x7E, U+00A0-U+D7FF, U+E000-U+FFFD but not the BOM. No tab, no astral. */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

/** yaml_emitter_analyze_scalar, reduced to what block context needs. */
function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true };
  const text = chars.join("");
  let blockIndicators = text.startsWith("---") || text.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankz(chars[1]);
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
    if (!isPrintable(ch)) special = true;
    const isBreak = BREAKS.includes(ch);
    if (isBreak) lineBreaks = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = isBlankz(ch);
    followedByWhitespace = isBlankz(chars[i + 2]);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (breakSpace || spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = false;
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed };
}

const ESCAPES: Record<number, string> = {
  0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r",
  0x1b: "e", 0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P",
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
      this.out += " ".repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = this.indention = true;
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

  /** yaml_emitter_select_scalar_style + the matching writer, for a string. */
  private scalar(text: string, simpleKey: boolean) {
    const chars = Array.from(text);
    const a = analyze(chars);
    const split = !simpleKey;
    if (simpleKey && a.multiline) return this.doubleQuoted(chars, split);
    if (a.blockPlainAllowed && !(chars.length === 0 && simpleKey) && !resolvesToNonString(text)) return this.plain(chars, split);
    if (a.singleQuotedAllowed) return this.singleQuoted(chars, split);
    return this.doubleQuoted(chars, split);
  }

  private put(ch: string) {
    this.out += ch;
    this.column += 1;
  }

  private plain(chars: string[], split: boolean) {
    if (!this.whitespace && chars.length > 0) this.put(" ");
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === " ") {
        if (split && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== " ") this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = this.indention = false;
  }

  private singleQuoted(chars: string[], split: boolean) {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === " ") {
        if (split && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== " ") this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (BREAKS.includes(ch)) {
        // a lone line break folds into a space in single quotes, so the first \n is written twice
        if (!breaks && ch === "\n") this.lineBreak();
        this.lineBreak(ch === "\n" || ch === "\r" ? "\n" : ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.indicator("'", false);
    this.whitespace = this.indention = false;
  }

  private doubleQuoted(chars: string[], split: boolean) {
    this.indicator('"', true);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const code = ch.codePointAt(0)!;
      if (!isPrintable(ch) || code === 0xfeff || BREAKS.includes(ch) || ch === '"' || ch === "\\") {
        const esc = ESCAPES[code] ?? (code <= 0xff ? "x" + hex(code, 2) : code <= 0xffff ? "u" + hex(code, 4) : "U" + hex(code, 8));
        this.out += "\\" + esc;
        this.column += 1 + esc.length;
        spaces = false;
      } else if (ch === " ") {
        if (split && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === " ") this.put("\\");
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.indicator('"', false);
    this.whitespace = this.indention = false;
  }
}

/** One YAML document for `value`, ending with a newline. */
export function dumpYaml(value: unknown): string {
  if (!Array.isArray(value) && !isObject(value)) return toJson(value) + "\n"; // the AWS CLI dumps a bare scalar with json (non-ASCII kept)
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
