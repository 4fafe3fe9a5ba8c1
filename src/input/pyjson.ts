// JSON parsing that behaves like Python's json.loads (the AWS CLI's parser): same error sentences with
// line/column/char positions, NaN/Infinity accepted, and objects built with a null prototype.

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly pos: number,
    text: string,
  ) {
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const col = pos - (before.lastIndexOf("\n") + 1) + 1;
    super(`${reason}: line ${line} column ${col} (char ${pos})`);
    this.name = "JsonSyntaxError";
  }
}

/** Objects parsed here: the AWS CLI loads JSON into OrderedDicts, which its messages spell differently. */
export const orderedDicts = new WeakSet<object>();

/** A JSON number written with a fraction or exponent (Python float), kept apart from integers. */
export class PyFloat {
  constructor(readonly value: number) {}
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * Parses like Python's json.loads. Floats come back as plain numbers unless keepFloats is set; objects
 * count as OrderedDicts (option values) unless plainDicts is set (--cli-input-json loads plain dicts).
 */
export function parsePyJson(text: string, opts: { keepFloats?: boolean; plainDicts?: boolean } = {}): unknown {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new JsonSyntaxError(reason, at, text);
  };
  const ws = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const str = (): string => {
    const start = i - 1; // at the opening quote
    let out = "";
    for (;;) {
      if (i >= text.length) fail("Unterminated string starting at", start);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === undefined) fail("Unterminated string starting at", start);
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Invalid \\uXXXX escape", i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else fail("Invalid \\escape", i);
        continue;
      }
      if (c < " ") fail("Invalid control character at", i);
      out += c;
      i++;
    }
  };
  const value = (): unknown => {
    const c = text[i];
    if (c === '"') {
      i++;
      return str();
    }
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = Object.create(null);
      if (!opts.plainDicts) orderedDicts.add(obj);
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
        i++;
        const key = str();
        ws();
        if (text[i] !== ":") fail("Expecting ':' delimiter");
        i++;
        ws();
        obj[key] = value();
        ws();
        if (text[i] === "}") {
          i++;
          return obj;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter");
        i++;
        ws();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        ws();
        arr.push(value());
        ws();
        if (text[i] === "]") {
          i++;
          return arr;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter");
        i++;
      }
    }
    for (const [word, v] of [["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i = NUMBER.lastIndex;
      const n = Number(m[0]);
      return (m[2] || m[3]) && opts.keepFloats ? new PyFloat(n) : n;
    }
    return fail("Expecting value");
  };
  ws();
  const result = value();
  ws();
  if (i !== text.length) fail("Extra data");
  return result;
}
