// Python's spellings of scalars (str(), repr(float), round()), which every AWS CLI output format inherits.

/** repr(float) / str(int): integers in full, other numbers in the shortest round-trip form, Python's exponent style. */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    // Python: 1e-05, 1.5e+16; JavaScript: 1e-5, 15000000000000000
    const [mantissa, exp] = n.toExponential().split("e");
    const sign = exp!.startsWith("-") ? "-" : "+";
    const digits = exp!.replace(/^[+-]/, "").padStart(2, "0");
    return `${mantissa}e${sign}${digits}`;
  }
  return String(n);
}

/** repr(str): single quotes unless the text has ' and no ", non-printable characters escaped. */
function pyReprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && /[\p{C}\p{Z}]/u.test(ch))
      out += code < 0x100 ? "\\x" + code.toString(16).padStart(2, "0") : code < 0x10000 ? "\\u" + code.toString(16).padStart(4, "0") : "\\U" + code.toString(16).padStart(8, "0");
    else out += ch;
  }
  return out + quote;
}

/** repr(value): how Python shows a list or dict that ends up in a text cell. */
export function pyRepr(value: unknown): string {
  if (typeof value === "string") return pyReprString(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([k, v]) => `${pyReprString(k)}: ${pyRepr(v)}`).join(", ")}}`;
  return pyStr(value);
}

/** str(value) as the text and table formats print a cell. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value) || isObject(value)) return pyRepr(value);
  return String(value);
}

/** round(x) on a float: halves go to the even neighbour. */
export function pyRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff === 0.5) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(x);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** A number as Python's json module writes it (NaN and Infinity included). */
export function pyJsonNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return pyNumber(n);
}

/**
 * Python's json.dumps with its defaults: ", " and ": " separators, non-ASCII escaped (ensure_ascii);
 * `compact` is separators=(",", ":").
 */
export function pyJson(value: unknown, opts: { compact?: boolean } = {}): string {
  const [comma, colon] = opts.compact ? [",", ":"] : [", ", ": "];
  const dump = (v: unknown): string => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return pyJsonNumber(v);
    if (typeof v === "string")
      return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    if (Array.isArray(v)) return `[${v.map(dump).join(comma)}]`;
    if (typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${dump(k)}${colon}${dump(x)}`).join(comma)}}`;
    return dump(String(v));
  };
  return dump(value);
}
