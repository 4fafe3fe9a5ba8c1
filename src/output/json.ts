// --output json: Python's json.dump(indent=4, ensure_ascii=False), as the AWS CLI v2 prints responses.
import { pyJsonNumber, isObject } from "./python.js";

function dump(value: unknown, indent: string): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pyJsonNumber(value);
  if (typeof value === "string") return JSON.stringify(value);
  const inner = indent + "    ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + dump(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${dump(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(String(value));
}

/** The JSON text of a value, without a trailing newline. */
export const toJson = (value: unknown): string => dump(value, "");

/** What the json format prints for a (queried) response: nothing for an empty object. */
export function render(value: unknown): string {
  if (isObject(value) && Object.keys(value).length === 0) return "";
  return toJson(value) + "\n";
}
