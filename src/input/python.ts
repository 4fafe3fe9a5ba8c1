// Small Python look-alikes (repr, type names, int()) so messages read exactly like the AWS CLI's.
import { CliError, ExitCode } from "../errors/index.js";
import { PyFloat, orderedDicts } from "./pyjson.js";

/** Python's repr() of a str. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return quote + out + quote;
}

/** Python's repr() of bytes. */
export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "";
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return "b" + quote + out + quote;
}

function reprFloat(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** Python's repr() of a parsed document value (dicts and lists as Python prints them). */
export function repr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return reprString(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : reprFloat(v);
  if (v instanceof PyFloat) return reprFloat(v.value);
  if (v instanceof Uint8Array) return reprBytes(v);
  if (Array.isArray(v)) return "[" + v.map(repr).join(", ") + "]";
  if (v instanceof Date) return pyDate(v);
  if (typeof v === "object" && orderedDicts.has(v)) {
    const items = Object.entries(v).map(([k, x]) => `(${reprString(k)}, ${repr(x)})`);
    return items.length ? `OrderedDict([${items.join(", ")}])` : "OrderedDict()";
  }
  if (typeof v === "object") {
    return "{" + Object.entries(v as object).map(([k, x]) => `${reprString(k)}: ${repr(x)}`).join(", ") + "}";
  }
  return String(v);
}

/** A YAML date (midnight UTC) as Python's date, anything else as a datetime. */
const isDateOnly = (d: Date) => d.getUTCHours() + d.getUTCMinutes() + d.getUTCSeconds() + d.getUTCMilliseconds() === 0;
function pyDate(d: Date): string {
  const iso = d.toISOString();
  return isDateOnly(d) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Python's str(): like repr() except that a top-level str is printed bare. */
export function str(v: unknown): string {
  return typeof v === "string" ? v : repr(v);
}

/** Python's type name of a value: str, int, float, bool, dict, list, bytes, NoneType. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (v instanceof PyFloat) return "float";
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "list";
  if (v instanceof Date) return isDateOnly(v) ? "datetime.date" : "datetime.datetime";
  return orderedDicts.has(v as object) ? "collections.OrderedDict" : "dict";
}

const INT_LITERAL = /^[+-]?\d+(?:_\d+)*$/;

/** Python's int(x) for a str/bytes/number; a failure is the AWS CLI's uncaught ValueError/TypeError (exit 255). */
export function pyInt(v: unknown): number {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return Math.trunc(v.value);
  if (typeof v === "string" || v instanceof Uint8Array) {
    const text = typeof v === "string" ? v : Buffer.from(v).toString("latin1");
    const t = text.trim();
    if (INT_LITERAL.test(t)) return Number(t.replace(/_/g, ""));
    const shown = typeof v === "string" ? reprString(v) : reprBytes(v);
    throw new CliError(`invalid literal for int() with base 10: ${shown}`, ExitCode.other);
  }
  throw new CliError(
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`,
    ExitCode.other,
  );
}

/** Python's float(x). */
export function pyFloat(v: unknown): number {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "string") {
    const t = v.trim().replace(/_/g, "");
    if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)$/i.test(t)) {
      const low = t.toLowerCase().replace(/^[+]/, "");
      if (low.endsWith("inf") || low.endsWith("infinity")) return low.startsWith("-") ? -Infinity : Infinity;
      if (low.endsWith("nan")) return NaN;
      return Number(t);
    }
    throw new CliError(`could not convert string to float: ${reprString(v)}`, ExitCode.other);
  }
  throw new CliError(`float() argument must be a string or a real number, not '${typeName(v)}'`, ExitCode.other);
}
