// The JMESPath built-in functions as jmespath.py 1.0.1 (the AWS CLI's) defines them: its signatures, its argument
// checks and error messages, its results. jmespath.js's own table differs in ways a script sees: avg([]) is NaN
// (invalid JSON) instead of null, max_by over strings finds nothing, sort orders numbers as text, and its errors
// name internal type numbers ("expected one of 0,2, received 4").
import { pyJson, pyRepr, pyStr, isObject } from "./python.js";

/** An `&expr` argument: what the interpreter hands a function instead of a value. */
export class Expref {
  constructor(readonly node: unknown) {}
}

/** A failure while evaluating, worded as jmespath.py (or Python itself) words it. */
export class JmesPathRuntimeError extends Error {}

type JmesType = "number" | "string" | "boolean" | "array" | "object" | "null" | "expref";

/** The JMESPath type of a value (jmespath.py's TYPES_MAP). */
export function jmesType(v: unknown): JmesType {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return "array";
  if (v instanceof Expref) return "expref";
  return "object";
}

/** Python's type(v).__name__, which jmespath.py prints for a wrong array element. JSON numbers lose int/float here. */
export function pyTypeName(v: unknown): string {
  const t = jmesType(v);
  if (t === "number") return Number.isInteger(v) ? "int" : "float";
  return { string: "str", boolean: "bool", array: "list", object: "dict", null: "NoneType", expref: "_Expression" }[t];
}

/** str(value) inside a jmespath.py message: Python's spelling of scalars, lists and dicts. */
function shown(v: unknown): string {
  if (v instanceof Expref) return "<jmespath.visitor._Expression object>";
  return pyStr(v);
}

function typeError(fn: string, value: unknown, received: string, expected: readonly string[]): JmesPathRuntimeError {
  return new JmesPathRuntimeError(
    `In function ${fn}(), invalid type for value: ${shown(value)}, expected one of: ${pyRepr([...expected])}, received: "${received}"`,
  );
}

interface Arg {
  types: readonly string[];
  variadic?: boolean;
}

/** jmespath.py's _type_check_single: the top-level type, then (for array-X) the element types. */
function checkType(fn: string, value: unknown, types: readonly string[]): void {
  const actual = jmesType(value);
  if (!types.some((t) => t.split("-")[0] === actual)) throw typeError(fn, value, actual, types);
  const subtypes = types.filter((t) => t.includes("-")).map((t) => t.split("-")[1]!);
  if (subtypes.length === 0) return;
  const items = value as unknown[];
  let allowed = subtypes[0]!;
  if (subtypes.length > 1) {
    if (items.length === 0) return;
    // the first element picks which array-X the rest must follow
    const first = subtypes.find((s) => s === jmesType(items[0]));
    if (!first) throw typeError(fn, items[0], pyTypeName(items[0]), types);
    allowed = first;
  }
  for (const item of items) if (jmesType(item) !== allowed) throw typeError(fn, item, pyTypeName(item), types);
}

function checkArgs(fn: string, args: unknown[], signature: readonly Arg[]): void {
  const n = signature.length;
  const plural = n === 1 ? "argument" : "arguments";
  if (signature[n - 1]!.variadic) {
    if (args.length < n) throw new JmesPathRuntimeError(`Expected at least ${n} ${plural} for function ${fn}(), received ${args.length}`);
  } else if (args.length !== n) {
    throw new JmesPathRuntimeError(`Expected ${n} ${plural} for function ${fn}(), received ${args.length}`);
  }
  // like jmespath.py, a variadic function's extra arguments are not type-checked
  for (let i = 0; i < n; i++) if (signature[i]!.types.length > 0) checkType(fn, args[i], signature[i]!.types);
}

/** Python's ordering of two numbers or two strings (strings by code point, as str does). */
function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const x = a as string;
  const y = b as string;
  if (x === y) return 0;
  // UTF-16 order differs from code point order only for astral characters against U+E000..U+FFFF
  const cx = [...x];
  const cy = [...y];
  for (let i = 0; i < Math.min(cx.length, cy.length); i++) {
    if (cx[i] !== cy[i]) return cx[i]!.codePointAt(0)! - cy[i]!.codePointAt(0)!;
  }
  return cx.length - cy.length;
}

/** `a op b` in Python, which refuses to order a number against a string. */
export function pyOrder(op: "<" | "<=" | ">" | ">=", a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) {
    throw new JmesPathRuntimeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
  }
  const c = compare(a, b);
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

/** Python's == between JSON values: True == 1 and False == 0, as `in` sees them. */
function pyEquals(a: unknown, b: unknown): boolean {
  const numeric = (v: unknown) => typeof v === "number" || typeof v === "boolean";
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => pyEquals(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && pyEquals(a[k], b[k]));
  }
  return a === b || (a == null && b == null);
}

const INT = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*|\d+(?:_\d+)*\.)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** to_number on a string: int(s), else float(s), else None — Python's syntax, not JavaScript's Number(). */
function pyParseNumber(s: string): number | null {
  const t = s.trim();
  if (INT.test(t) || FLOAT.test(t)) return Number(t.replaceAll("_", ""));
  const special = SPECIAL.exec(t);
  if (!special) return null;
  if (special[2]!.toLowerCase() === "nan") return NaN;
  return special[1] === "-" ? -Infinity : Infinity;
}

/** math.ceil / math.floor: an int, which infinity and NaN cannot become. */
function toInt(fn: (x: number) => number, x: number): number {
  if (Number.isNaN(x)) throw new JmesPathRuntimeError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new JmesPathRuntimeError("cannot convert float infinity to integer");
  return fn(x);
}

/** Evaluates an expression reference on one element; the interpreter supplies it. */
export type Visit = (ref: Expref, value: unknown) => unknown;

/** jmespath.py's _create_key_func: the key of each element must be one of `allowed`. */
function keyOf(visit: Visit, ref: Expref, fn: string, allowed: readonly string[]) {
  return (x: unknown) => {
    const key = visit(ref, x);
    if (!allowed.includes(jmesType(key))) throw typeError(fn, key, jmesType(key), allowed);
    return key;
  };
}

/** max(array, key=...) / min(...): keys compared as Python compares them (a number against a string fails). */
function extremeBy(array: unknown[], key: (x: unknown) => unknown, op: ">" | "<"): unknown {
  if (array.length === 0) return null;
  let best = array[0];
  let bestKey = key(best);
  for (let i = 1; i < array.length; i++) {
    const k = key(array[i]);
    if (pyOrder(op, k, bestKey)) [best, bestKey] = [array[i], k];
  }
  return best;
}

function sortBy(array: unknown[], key: (x: unknown) => unknown): unknown[] {
  const keyed = array.map((item) => ({ item, key: key(item) }));
  // Array.prototype.sort is stable, as Python's sorted is
  return keyed.sort((a, b) => compare(a.key, b.key)).map((k) => k.item);
}

interface FunctionDef {
  signature: readonly Arg[];
  call(args: unknown[], visit: Visit): unknown;
}

const one = (...types: string[]): Arg[] => [{ types }];
const str = (v: unknown) => v as string;
const arr = (v: unknown) => v as unknown[];
const nums = (v: unknown) => v as number[];

const FUNCTIONS: Record<string, FunctionDef> = {
  abs: { signature: one("number"), call: ([x]) => Math.abs(x as number) },
  avg: {
    signature: one("array-number"),
    call: ([xs]) => (nums(xs).length ? nums(xs).reduce((s, x) => s + x, 0) / nums(xs).length : null),
  },
  ceil: { signature: one("number"), call: ([x]) => toInt(Math.ceil, x as number) },
  contains: {
    signature: [{ types: ["array", "string"] }, { types: [] }],
    call: ([subject, search]) => {
      if (Array.isArray(subject)) return subject.some((v) => pyEquals(v, search));
      if (typeof search !== "string") {
        throw new JmesPathRuntimeError(`'in <string>' requires string as left operand, not ${pyTypeName(search)}`);
      }
      return str(subject).includes(search);
    },
  },
  ends_with: { signature: [{ types: ["string"] }, { types: ["string"] }], call: ([s, suffix]) => str(s).endsWith(str(suffix)) },
  floor: { signature: one("number"), call: ([x]) => toInt(Math.floor, x as number) },
  join: { signature: [{ types: ["string"] }, { types: ["array-string"] }], call: ([sep, xs]) => arr(xs).join(str(sep)) },
  keys: { signature: one("object"), call: ([o]) => Object.keys(o as object) },
  length: {
    signature: one("string", "array", "object"),
    // Python counts code points, not UTF-16 units
    call: ([x]) => (typeof x === "string" ? [...x].length : Array.isArray(x) ? x.length : Object.keys(x as object).length),
  },
  map: {
    signature: [{ types: ["expref"] }, { types: ["array"] }],
    call: ([ref, xs], visit) => arr(xs).map((x) => visit(ref as Expref, x)),
  },
  max: {
    signature: one("array-number", "array-string"),
    call: ([xs]) => (arr(xs).length ? arr(xs).reduce((m, x) => (compare(x, m) > 0 ? x : m)) : null),
  },
  max_by: {
    signature: [{ types: ["array"] }, { types: ["expref"] }],
    call: ([xs, ref], visit) => extremeBy(arr(xs), keyOf(visit, ref as Expref, "max_by", ["number", "string"]), ">"),
  },
  merge: {
    signature: [{ types: ["object"], variadic: true }],
    call: (objects) => {
      const merged: Record<string, unknown> = {};
      for (const o of objects) {
        if (!isObject(o)) throw new JmesPathRuntimeError(`'${pyTypeName(o)}' object is not iterable`);
        Object.assign(merged, o);
      }
      return merged;
    },
  },
  min: {
    signature: one("array-number", "array-string"),
    call: ([xs]) => (arr(xs).length ? arr(xs).reduce((m, x) => (compare(x, m) < 0 ? x : m)) : null),
  },
  min_by: {
    signature: [{ types: ["array"] }, { types: ["expref"] }],
    call: ([xs, ref], visit) => extremeBy(arr(xs), keyOf(visit, ref as Expref, "min_by", ["number", "string"]), "<"),
  },
  not_null: { signature: [{ types: [], variadic: true }], call: (args) => args.find((a) => a !== null && a !== undefined) ?? null },
  reverse: {
    signature: one("array", "string"),
    call: ([x]) => (typeof x === "string" ? [...x].reverse().join("") : [...arr(x)].reverse()),
  },
  sort: { signature: one("array-string", "array-number"), call: ([xs]) => [...arr(xs)].sort(compare) },
  sort_by: {
    signature: [{ types: ["array"] }, { types: ["expref"] }],
    call: ([xs, ref], visit) => {
      const array = arr(xs);
      if (array.length === 0) return array;
      // the first element's key decides whether every key must be a number or a string
      const required = jmesType(visit(ref as Expref, array[0]));
      if (required !== "number" && required !== "string") throw typeError("sort_by", array[0], required, ["string", "number"]);
      return sortBy(array, keyOf(visit, ref as Expref, "sort_by", [required]));
    },
  },
  starts_with: { signature: [{ types: ["string"] }, { types: ["string"] }], call: ([s, prefix]) => str(s).startsWith(str(prefix)) },
  sum: { signature: one("array-number"), call: ([xs]) => nums(xs).reduce((s, x) => s + x, 0) },
  to_array: { signature: [{ types: [] }], call: ([x]) => (Array.isArray(x) ? x : [x]) },
  to_number: {
    signature: [{ types: [] }],
    call: ([x]) => (typeof x === "number" ? x : typeof x === "string" ? pyParseNumber(x) : null),
  },
  to_string: {
    signature: [{ types: [] }],
    // json.dumps(x, separators=(',', ':')): ASCII only, Python's floats, NaN and Infinity kept
    call: ([x]) => (typeof x === "string" ? x : pyJson(x instanceof Expref ? shown(x) : x, { compact: true })),
  },
  type: {
    signature: [{ types: [] }],
    // jmespath.py's _func_type has no branch for an expression reference
    call: ([x]) => (x instanceof Expref ? null : jmesType(x)),
  },
  values: { signature: one("object"), call: ([o]) => Object.values(o as object) },
};

/** Call a built-in by name with evaluated arguments, checking them as jmespath.py does. */
export function callFunction(name: string, args: unknown[], visit: Visit): unknown {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) throw new JmesPathRuntimeError(`Unknown function: ${name}()`);
  checkArgs(name, args, fn.signature);
  return fn.call(args, visit);
}
