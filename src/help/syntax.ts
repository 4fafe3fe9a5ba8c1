// What a member accepts, spelled out from the model: its type, its limits, and the shorthand and
// JSON forms the AWS CLI documents for structure and list parameters.
import { shape, type Shape } from "../model/index.js";

/** "(string)", "(structure)", … as the AWS CLI labels types. */
export function typeName(shapeName: string): string {
  return shape(shapeName).type;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${plural(min, unit)}` : `${min} to ${plural(max, unit)}`;
  if (max !== undefined) return `at most ${plural(max, unit)}`;
  if (min !== undefined && min > 0) return `at least ${plural(min, unit)}`;
  return undefined;
}

/** The model's limits in words, e.g. "1 to 256 characters; pattern ^[a-zA-Z0-9][a-zA-Z0-9_-]*$". */
export function constraints(shapeName: string): string | undefined {
  const s: Shape = shape(shapeName);
  const parts: string[] = [];
  if (s.type === "string" && !s.enum) {
    const r = range(s.min, s.max, "character");
    if (r) parts.push(r);
    if (s.pattern) parts.push(`pattern: ${s.pattern}`);
  } else if (s.type === "integer") {
    if (s.min !== undefined && s.max !== undefined) parts.push(`${s.min} to ${s.max}`);
    else if (s.min !== undefined) parts.push(`at least ${s.min}`);
    else if (s.max !== undefined) parts.push(`at most ${s.max}`);
  } else if (s.type === "list") {
    const r = range(s.min, s.max, "item");
    if (r) parts.push(r);
  }
  return parts.length ? parts.join("; ") : undefined;
}

const isScalar = (s: Shape) => s.type !== "structure" && s.type !== "list";

/** Does the AWS CLI document (and accept) shorthand for this parameter? Lists of scalars take plain words instead. */
export function hasShorthand(shapeName: string): boolean {
  const s = shape(shapeName);
  if (s.type === "structure") return true;
  return s.type === "list" && !isScalar(shape(s.member!));
}

const MAX_DEPTH = 3;

/**
 * One line of shorthand for a structure or list parameter: "Key=string,Value=string ...".
 * Nested structures are braced, nested lists bracketed; deeper than the AWS CLI goes gives "".
 */
export function shorthandSyntax(shapeName: string): string {
  const s = shape(shapeName);
  try {
    return s.type === "list" ? `${shorthandOf(s.member!, [])} ...` : shorthandOf(shapeName, []);
  } catch {
    return "";
  }
}

function shorthandOf(shapeName: string, stack: string[]): string {
  if (stack.length > MAX_DEPTH) throw new Error("too deep for shorthand");
  const s = shape(shapeName);
  if (s.type === "structure") {
    const inner = Object.entries(s.members ?? {})
      .map(([name, ref]) => {
        if (stack.includes(ref.shape)) return `${name}=( ... recursive ... )`;
        return `${name}=${shorthandOf(ref.shape, [...stack, ref.shape])}`;
      })
      .join(",");
    return stack.length ? `{${inner}}` : inner;
  }
  if (s.type === "list") {
    const inner = [...stack, s.member!];
    const item = shorthandOf(s.member!, inner);
    // awscli's _list_docs: brackets for lists of structures, or lists two members deep (its stack, after it has
    // popped the list's own item, holds the members above: `stack` here)
    return !isScalar(shape(s.member!)) || stack.length > 1 ? `[${item},${item}]` : `${item},${item}`;
  }
  return s.type;
}

/** The JSON a parameter takes, as indented lines: enums as "A"|"B", lists with a trailing "...". */
export function jsonSyntax(shapeName: string): string[] {
  return jsonOf(shapeName, "", []).split("\n");
}

function jsonScalar(s: Shape): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join("|");
  if (s.type === "string") return '"string"';
  if (s.type === "boolean") return "true|false";
  return s.type; // integer, timestamp
}

function jsonOf(shapeName: string, indent: string, stack: string[]): string {
  const s = shape(shapeName);
  if (stack.includes(shapeName)) return "{ ... recursive ... }";
  if (s.type === "structure") {
    const inner = indent + "  ";
    const members = Object.entries(s.members ?? {}).map(
      ([name, ref]) => `${inner}${JSON.stringify(name)}: ${jsonOf(ref.shape, inner, [...stack, shapeName])}`,
    );
    return members.length ? `{\n${members.join(",\n")}\n${indent}}` : "{}";
  }
  if (s.type === "list") {
    const member = shape(s.member!);
    if (isScalar(member)) return `[${jsonScalar(member)}, ...]`;
    const inner = indent + "  ";
    return `[\n${inner}${jsonOf(s.member!, inner, [...stack, shapeName])}\n${inner}...\n${indent}]`;
  }
  return jsonScalar(s);
}
