// --cli-input-json / --cli-input-yaml: a whole parameter document from a string or file://, merged
// under the options given on the command line (options win; the file fills in the rest).
import { CliError, ExitCode } from "../errors/index.js";
import { readParamFile, ParamFileError, type PathContext } from "./paramfile.js";
import { parsePyJson } from "./pyjson.js";
import { typeName } from "./python.js";
import type { Document } from "../engine/engine.js";

export type CliInputKind = "json" | "yaml";

const paramError = (name: string, message: string) =>
  new CliError(`Error parsing parameter '${name}': ${message}`, ExitCode.usage);

/** Copies plain data into null-prototype objects (user-supplied keys never reach Object.prototype). */
export function toNullProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toNullProto);
  if (v && typeof v === "object" && !(v instanceof Uint8Array) && !(v instanceof Date)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v)) out[k] = toNullProto(x);
    return out;
  }
  return v;
}

/** Loads the document of --cli-input-json or --cli-input-yaml. */
export async function loadCliInput(kind: CliInputKind, raw: string, ctx: PathContext): Promise<Document> {
  const flag = `--cli-input-${kind}`;
  let text: string;
  try {
    const loaded = readParamFile(raw, ctx);
    text = loaded === undefined ? raw : typeof loaded === "string" ? loaded : loaded.toString("utf8");
  } catch (err) {
    if (err instanceof ParamFileError) throw paramError(flag, err.message);
    throw err;
  }
  let doc: unknown;
  if (kind === "json") {
    try {
      doc = parsePyJson(text, { plainDicts: true });
    } catch {
      throw paramError("cli-input-json", "Invalid JSON received.");
    }
  } else {
    const { parse } = await import("yaml");
    try {
      // YAML 1.2 with timestamps, as the AWS CLI's ruamel loader reads it (a date is not a string).
      doc = toNullProto(parse(text, { schema: "core", customTags: ["timestamp"], uniqueKeys: false }));
    } catch {
      throw paramError("cli-input-yaml", "Invalid YAML received.");
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw paramError(flag, `Invalid type: expecting map, received <class '${typeName(doc)}'>`);
  }
  return doc as Document;
}

/** Adds the file's top-level keys that the command line did not set. */
export function mergeCliInput(params: Document, loaded: Document): Document {
  for (const key of Object.keys(loaded)) {
    if (!(key in params)) params[key] = loaded[key];
  }
  return params;
}
