// Checks documents against schemas/ with ajv: every violation at once, each with its member path.
import type { ErrorObject, ValidateFunction } from "ajv";
import { createRequire } from "node:module";
import { documentSchema, schemasDir, type JsonSchema } from "../model/index.js";

export interface Violation {
  /** Member path from the document root: ["Tags", 0, "Value"]. */
  path: (string | number)[];
  /** The JSON Schema keyword that failed: required, additionalProperties, type, minLength, maxLength, pattern, enum, minimum, maximum, minItems, maxItems, const. */
  rule: string;
  /** The rule's parameter: the limit, pattern, allowed values, missing or unknown member name, expected type. */
  limit?: unknown;
  /** The offending value (undefined for a missing member). */
  value?: unknown;
}

type AjvClass = typeof import("ajv/dist/2020.js").default;
let ajv: InstanceType<AjvClass> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The validator generated into schemas/validators/ (npm run generate), when there is one. */
function precompiled(key: string): ValidateFunction | undefined {
  try {
    return createRequire(import.meta.url)(`${schemasDir}validators/${key}.cjs`) as ValidateFunction;
  } catch {
    return undefined; // manifests are not precompiled: compile below
  }
}

function validator(key: string, schema: () => JsonSchema): ValidateFunction {
  let fn = compiled.get(key) ?? precompiled(key);
  if (fn) compiled.set(key, fn);
  else {
    if (!ajv) {
      // ajv is CommonJS; createRequire keeps it out of start-up for commands that never validate.
      const Ajv = createRequire(import.meta.url)("ajv/dist/2020").default as AjvClass;
      ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
    }
    fn = ajv.compile(schema());
    compiled.set(key, fn);
  }
  return fn;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function valueAt(doc: unknown, path: (string | number)[]): unknown {
  let v: unknown = doc;
  for (const p of path) v = v == null ? undefined : (v as Record<string | number, unknown>)[p];
  return v;
}

function toViolation(doc: unknown, e: ErrorObject): Violation {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { path: [...path, p.missingProperty as string], rule: "required" };
    case "additionalProperties":
      return { path: [...path, p.additionalProperty as string], rule: "additionalProperties", limit: p.additionalProperty };
    default: {
      const limit = p.limit ?? p.pattern ?? p.allowedValues ?? p.type ?? p.allowedValue;
      return { path, rule: e.keyword, limit, value: valueAt(doc, path) };
    }
  }
}

/** Validates a document against a schema under schemas/ ("input"/"output" of an operation, or a manifest). */
export function validateDocument(kind: "input" | "output" | "manifests", name: string, doc: unknown): Violation[] {
  const fn = validator(`${kind}/${name}`, () => documentSchema(kind, name));
  if (fn(doc)) return [];
  // $ref wrappers make ajv report some failures twice; keep one of each.
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const e of fn.errors ?? []) {
    const v = toViolation(doc, e);
    const key = `${v.path.join("/")}|${v.rule}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}
