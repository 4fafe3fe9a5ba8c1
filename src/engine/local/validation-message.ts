// The service's wording for validation failures (spec §6.6): "N validation errors detected: …".
import type { Violation } from "../../validate/index.js";
import { operation, shape, type Shape } from "../../model/index.js";

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "enrollmentConfig.fraudDetectionConfig.watchlistIds[0]" */
export function servicePath(path: (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : (out ? "." : "") + lowerFirst(p);
  return out;
}

/** Whether a value of this shape would show something sensitive: the shape itself, or any part of a list or structure. */
function holdsSensitive(s: Shape | undefined, seen = new Set<Shape>()): boolean {
  if (!s || seen.has(s)) return false;
  if (s.sensitive === true) return true;
  seen.add(s);
  if (s.member && holdsSensitive(shape(s.member), seen)) return true;
  return Object.values(s.members ?? {}).some((ref) => holdsSensitive(shape(ref.shape), seen));
}

/** Whether the value at this path holds anything sensitive in the model (it is then never echoed, e.g. a list of tags). */
function isSensitiveAt(opName: string, path: (string | number)[]): boolean {
  const input = operation(opName)?.input;
  if (!input) return false;
  let s: Shape | undefined = shape(input);
  for (const p of path) {
    if (!s) return false;
    if (typeof p === "number") s = s.member ? shape(s.member) : undefined;
    else {
      const ref: { shape: string } | undefined = s.members?.[p];
      s = ref ? shape(ref.shape) : undefined;
    }
  }
  return holdsSensitive(s);
}

function constraint(v: Violation): string {
  switch (v.rule) {
    case "required":
      return "Member must not be null";
    case "minLength":
    case "minItems":
      return `Member must have length greater than or equal to ${v.limit}`;
    case "maxLength":
    case "maxItems":
      return `Member must have length less than or equal to ${v.limit}`;
    case "minimum":
      return `Member must have value greater than or equal to ${v.limit}`;
    case "maximum":
      return `Member must have value less than or equal to ${v.limit}`;
    case "pattern":
      return `Member must satisfy regular expression pattern: ${v.limit}`;
    case "enum":
      return `Member must satisfy enum value set: [${(v.limit as string[]).join(", ")}]`;
    case "type":
      return `Member must be of type ${v.limit}`;
    case "additionalProperties":
      return "Member is not a known member of the structure";
    default:
      return `Member must satisfy ${v.rule}`;
  }
}

function render(opName: string, v: Violation): string {
  const at = servicePath(v.path);
  if (v.rule === "required") return `Value null at '${at}' failed to satisfy constraint: ${constraint(v)}`;
  if (isSensitiveAt(opName, v.path)) return `Value at '${at}' failed to satisfy constraint: ${constraint(v)}`;
  // JSON has no Infinity: a number too large for a double (1e400) would otherwise show as 'null'
  const shown = typeof v.value === "string" || (typeof v.value === "number" && !Number.isFinite(v.value)) ? String(v.value) : JSON.stringify(v.value);
  return `Value '${shown}' at '${at}' failed to satisfy constraint: ${constraint(v)}`;
}

export function serviceValidationMessage(opName: string, violations: Violation[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? "" : "s"} detected: ${violations.map((v) => render(opName, v)).join("; ")}`;
}

const jsonType = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** "Expected a number at 'MaxResults' but found a boolean." — the one wording of a wrong JSON type, here and in local serve. */
export function wrongTypeMessage(expected: string, value: unknown, where: string): string {
  const found = expected === "integer" && typeof value === "number" ? String(value) : article(jsonType(value));
  return `Expected ${article(expected)} at '${where || "(the request body)"}' but found ${found}.`;
}

/**
 * A value of the wrong JSON type never reaches the service's validation: its JSON protocol refuses the body with
 * SerializationException first. The same words as `local serve` (src/server/input-shape.ts), with the wire path:
 * "RegistrationConfig.FraudsterSimilarityThreshold", "Tags[0].Key".
 */
export function serializationMessage(v: Violation): string {
  let where = "";
  for (const p of v.path) where += typeof p === "number" ? `[${p}]` : (where ? "." : "") + p;
  // A fraction where an integer belongs is named as such; any other value of the wrong type, as JSON types.
  const expected = v.limit === "integer" && typeof v.value !== "number" ? "number" : String(v.limit);
  return wrongTypeMessage(expected, v.value, where);
}
