// The AWS CLI's shorthand syntax (`Key=a,Value=b`, `A={B=[c,d]}`), syntax only: it returns plain
// objects, lists and strings and never looks at the model (coerce.ts applies types afterwards).
// Modelled on aws-cli's ShorthandParser; each method carries its grammar rule.

export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

/** A syntax error; `message` is the AWS CLI's text, with the input echoed and a caret under the offending character. */
export class ShorthandSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShorthandSyntaxError";
  }
}

const EOF = Symbol("EOF");
// Character classes from aws-cli's shorthand.py (start of a value, then what may follow it).
const START_WORD = "!#-&(-+\\--<>-Z\\\\-z|-\\uffff";
const FIRST_FOLLOW = "\\s!#-&(-+\\--\\\\^-|~-\\uffff";
const SECOND_FOLLOW = "\\s!#-&(-+\\--<>-\\uffff";
const ESCAPED_COMMA = "(\\\\,)";
const FIRST_VALUE = new RegExp(`(${ESCAPED_COMMA}|[${START_WORD}])(${ESCAPED_COMMA}|[${FIRST_FOLLOW}])*`, "uy");
const SECOND_VALUE = new RegExp(`(${ESCAPED_COMMA}|[${START_WORD}])(${ESCAPED_COMMA}|[${SECOND_FOLLOW}])*`, "uy");
const SINGLE_QUOTED = /'(?:\\\\|\\'|[^'])*'/uy;
const DOUBLE_QUOTED = /"(?:\\\\|\\"|[^"])*"/uy;
const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\x0b", "\x0c"]);

/** What `key@=value` does with a value: the AWS CLI's paramfile loading (file://, fileb://), or the value as is. */
export type ParamFileResolver = (value: string) => unknown;

export class ShorthandParser {
  private input = "";
  private index = 0;
  /** Set by `@=` for the values of that key (aws-cli's _should_resolve_paramfiles). */
  private resolveFiles = false;
  private resolver: ParamFileResolver = (v) => v;

  parse(value: string, resolver?: ParamFileResolver): Record<string, ShorthandValue> {
    this.input = value;
    this.index = 0;
    this.resolveFiles = false;
    if (resolver) this.resolver = resolver;
    return this.parameter() as Record<string, ShorthandValue>;
  }

  /** A scalar value, loaded from its file when its key was written with `@=`. */
  private resolved(value: string): string {
    return (this.resolveFiles ? this.resolver(value) : value) as string;
  }

  // key "=" or key "@=": the second loads file:// and fileb:// values (AWS CLI v2's shorthand paramfiles)
  private assignment(): void {
    this.resolveFiles = false;
    this.consumeWhitespace();
    if (this.current() === "@") {
      this.index++;
      this.resolveFiles = true;
    }
    this.expect("=", true);
  }

  // parameter = keyval *("," keyval)
  private parameter(): Record<string, unknown> {
    const params: Record<string, unknown> = Object.create(null);
    let [key, val] = this.keyval();
    params[key] = val;
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(",", true);
      [key, val] = this.keyval();
      if (key in params) throw this.duplicateKey(key, lastIndex + 1);
      params[key] = val;
      lastIndex = this.index;
    }
    return params;
  }

  // keyval = key "=" [values] / key "@=" [file-optional-values]
  private keyval(): [string, unknown] {
    const key = this.key();
    this.assignment();
    return [key, this.values()];
  }

  // key = 1*(ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":")
  private key(): string {
    const start = this.index;
    while (!this.atEof() && KEY_CHARS.test(this.input[this.index])) this.index++;
    return this.input.slice(start, this.index);
  }

  // values = csv-list / explicit-list / hash-literal
  private values(): unknown {
    if (this.atEof()) return "";
    if (this.current() === "[") return this.explicitList();
    if (this.current() === "{") return this.hashLiteral();
    return this.csvValue();
  }

  // csv-list = first-value *("," second-value)     (one value alone stays a scalar)
  private csvValue(): unknown {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.input[this.index] !== ",") return first;
    this.expect(",", true);
    const list: unknown[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          list.push(current);
          break;
        }
        this.expect(",", true);
        list.push(current);
      } catch (err) {
        // `a=b,c=d`: "c" was the next key, not a value; step back to the comma before it.
        if (!(err instanceof ShorthandSyntaxError) || this.atEof()) throw err;
        this.backtrackTo(",");
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  // value = first-value-start *first-value-follow   (an unquoted value; "\," is a comma)
  private value(): string {
    const m = this.match(FIRST_VALUE);
    return m === undefined ? "" : this.resolved(m.replace(/\\,/g, ",").trimEnd());
  }

  // explicit-list = "[" [explicit-value *("," explicit-value)] "]"
  private explicitList(): unknown[] {
    this.expect("[", true);
    const values: unknown[] = [];
    while (this.current() !== "]") {
      values.push(this.explicitValues());
      this.consumeWhitespace();
      if (this.current() !== "]") {
        this.expect(",");
        this.consumeWhitespace();
      }
    }
    this.expect("]");
    return values;
  }

  // explicit-value = explicit-list / hash-literal / first-value
  private explicitValues(): unknown {
    if (this.current() === "[") return this.explicitList();
    if (this.current() === "{") return this.hashLiteral();
    return this.firstValue();
  }

  // hash-literal = "{" [key "=" explicit-value *("," key "=" explicit-value)] "}"
  private hashLiteral(): Record<string, unknown> {
    this.expect("{", true);
    const keyvals: Record<string, unknown> = Object.create(null);
    while (this.current() !== "}") {
      const key = this.key();
      this.assignment();
      const v = this.explicitValues();
      this.consumeWhitespace();
      if (this.current() !== "}") {
        this.expect(",");
        this.consumeWhitespace();
      }
      keyvals[key] = v;
    }
    this.expect("}");
    return keyvals;
  }

  // first-value = single-quoted-value / double-quoted-value / value
  private firstValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "singled quoted", "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, "double quoted", '"');
    return this.value();
  }

  // second-value = single-quoted-value / double-quoted-value / second-value-start *second-value-follow  (no "=")
  private secondValue(): string {
    if (this.current() === "'") return this.quoted(SINGLE_QUOTED, "singled quoted", "'");
    if (this.current() === '"') return this.quoted(DOUBLE_QUOTED, "double quoted", '"');
    return this.resolved(this.mustMatch(SECOND_VALUE, "second").replace(/\\,/g, ",").trimEnd());
  }

  // single-quoted-value = "'" *(any but "'" / "\'" / "\\") "'"    (and the same with '"')
  private quoted(regex: RegExp, name: string, quote: string): string {
    const raw = this.mustMatch(regex, name).slice(1, -1);
    return this.resolved(raw.split(`\\${quote}`).join(quote).split("\\\\").join("\\"));
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.index >= this.input.length) throw this.syntaxError(char, "EOF");
    const actual = this.input[this.index];
    if (actual !== char) throw this.syntaxError(char, actual);
    this.index++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private match(regex: RegExp): string | undefined {
    regex.lastIndex = this.index;
    const m = regex.exec(this.input);
    if (!m) return undefined;
    this.index = regex.lastIndex;
    return m[0];
  }

  private mustMatch(regex: RegExp, name: string): string {
    const m = this.match(regex);
    if (m === undefined) throw this.syntaxError(`<${name}>`, "<none>");
    return m;
  }

  private current(): string | typeof EOF {
    return this.index < this.input.length ? this.input[this.index] : EOF;
  }

  private atEof(): boolean {
    return this.index >= this.input.length;
  }

  private backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index--;
  }

  private consumeWhitespace(): void {
    while (!this.atEof() && WHITESPACE.has(this.input[this.index])) this.index++;
  }

  private syntaxError(expected: string, actual: string): ShorthandSyntaxError {
    return new ShorthandSyntaxError(
      `Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(this.input, this.index)}`,
    );
  }

  // "singled quoted" is the AWS CLI's own spelling, kept so messages match it.
  private duplicateKey(key: string, index: number): ShorthandSyntaxError {
    return new ShorthandSyntaxError(
      `Second instance of key "${key}" encountered for input:\n${errorLocation(this.input, index)}\n` +
        `This is often because there is a preceding "," instead of a space.`,
    );
  }
}

/** The input, then a caret under the character at `index` (counting from the last newline before it). */
export function errorLocation(value: string, index: number): string {
  let consumed = value;
  let remaining = "";
  const before = value.slice(0, index);
  let spaces = [...before].length;
  const lastNewline = before.lastIndexOf("\n");
  if (lastNewline >= 0) spaces = [...value.slice(lastNewline + 1, index)].length;
  const nextNewline = value.indexOf("\n", index);
  if (nextNewline >= 0) {
    consumed = value.slice(0, nextNewline);
    remaining = value.slice(nextNewline);
  }
  return `${consumed}\n${" ".repeat(spaces)}^${remaining}`;
}

/** Parses one shorthand value; throws ShorthandSyntaxError. */
export function parseShorthand(value: string): Record<string, ShorthandValue> {
  return new ShorthandParser().parse(value);
}
