// --generate-cli-skeleton: the input document in JSON (exactly as the AWS CLI prints it) or in YAML
// with comments, and a sample output document (every member filled with its own name) that the
// normal output path then prints.
import { shape as modelShape, type Operation } from "../model/index.js";
import type { Document } from "../engine/engine.js";

/** The epoch as the AWS CLI's sample output shows a timestamp. */
export const SAMPLE_TIMESTAMP = "1970-01-01T00:00:00";

/** Chooses an enum member's placeholder from its values and the member's description. */
export type EnumPick = (values: string[], description?: string) => string;

/**
 * aws-cli's ArgumentGenerator: "" / 0 / true / one-item lists; member names when sampling output. Enums: aws-cli
 * picks a value at random, so a skeleton could come with OVERWRITE or IGNORE filled in where the service's default
 * is the safe SKIP or FAIL; here it is the value the member's description calls the default, else the first.
 */
export function generateSkeleton(shapeName: string, useMemberNames: boolean, pick: EnumPick = defaultPick, description?: string): unknown {
  const stack: string[] = [];
  const gen = (name: string, memberName: string, about?: string): unknown => {
    const s = modelShape(name);
    stack.push(name);
    try {
      switch (s.type) {
        case "structure": {
          const out: Record<string, unknown> = {};
          if (stack.filter((x) => x === name).length > 1) return out;
          for (const [m, ref] of Object.entries(s.members ?? {})) out[m] = gen(ref.shape, m, ref.description);
          return out;
        }
        case "list":
          return [gen(s.member!, useMemberNames ? s.member! : "")];
        case "string":
          if (useMemberNames) return memberName;
          return s.enum ? pick(s.enum, about) : "";
        case "integer":
          return 0;
        case "boolean":
          return true;
        case "timestamp":
          return SAMPLE_TIMESTAMP;
      }
    } finally {
      stack.pop();
    }
  };
  return gen(shapeName, "", description);
}

/** The value named just before "(the default)" in the description ("SKIP it (the default)"), else the first. */
export function defaultPick(values: string[], description = ""): string {
  const at = description.indexOf("(the default)");
  if (at < 0) return values[0]!;
  const before = description.slice(0, at);
  let best: string | undefined;
  let bestAt = -1;
  for (const v of values) {
    const i = before.lastIndexOf(v);
    if (i > bestAt) [best, bestAt] = [v, i];
  }
  return best ?? values[0]!;
}

/** The input skeleton as JSON with a 4-space indent, as `--generate-cli-skeleton [input]` prints it. */
export function inputSkeletonJson(op: Operation): string {
  const doc = op.input ? generateSkeleton(op.input, false) : {};
  return JSON.stringify(doc, null, 4) + "\n";
}

/** A sample response document: valid against the output schema once timestamps are read as dates. */
export function outputSample(op: Operation): Document {
  return (op.output ? generateSkeleton(op.output, true) : {}) as Document;
}

const yamlScalar = (v: unknown): string => (v === "" ? "''" : String(v));

function firstSentence(text: string | undefined): string {
  if (!text) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(flat);
  return (m ? m[0] : flat).replace(/\s#/g, " ");
}

function comment(required: boolean, description: string | undefined, enumValues: string[] | undefined): string {
  const parts: string[] = [];
  if (required) parts.push("[REQUIRED]");
  const sentence = firstSentence(description);
  if (sentence) parts.push(sentence);
  if (enumValues) parts.push(`Valid values are: ${enumValues.join(", ")}.`);
  return parts.length ? ` # ${parts.join(" ")}` : "";
}

/** The input skeleton as YAML in the AWS CLI v2 layout: one member per line, a comment saying what it is. */
export function inputSkeletonYaml(op: Operation, pick: EnumPick = defaultPick): string {
  if (!op.input) return "{}\n";
  const lines: string[] = [];
  const struct = (name: string, indent: string, firstPrefix: string, stack: string[]) => {
    const s = modelShape(name);
    let prefix = firstPrefix;
    for (const [m, ref] of Object.entries(s.members ?? {})) {
      const ms = modelShape(ref.shape);
      const note = comment(ref.required === true, ref.description, ms.enum);
      const head = `${indent}${prefix}${m}:`;
      prefix = firstPrefix ? " ".repeat(firstPrefix.length) : "";
      value(ref.shape, head, note, indent + (firstPrefix ? "  " : ""), stack, ref.description);
    }
  };
  const value = (name: string, head: string, note: string, indent: string, stack: string[], description?: string) => {
    const s = modelShape(name);
    if (s.type === "structure") {
      if (stack.includes(name) || !Object.keys(s.members ?? {}).length) return void lines.push(`${head} {}${note}`);
      lines.push(`${head}${note}`);
      struct(name, indent + "  ", "", [...stack, name]);
    } else if (s.type === "list") {
      lines.push(`${head}${note}`);
      const item = modelShape(s.member!);
      if (item.type === "structure") struct(s.member!, indent, "- ", [...stack, s.member!]);
      else if (item.type === "list") lines.push(`${indent}- []`);
      else lines.push(`${indent}- ${yamlScalar(generateSkeleton(s.member!, false, pick))}`);
    } else {
      lines.push(`${head} ${yamlScalar(generateSkeleton(name, false, pick, description))}${note}`);
    }
  };
  struct(op.input, "", "", [op.input]);
  return lines.join("\n") + "\n";
}
