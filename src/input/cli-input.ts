// --cli-input-json / --cli-input-yaml: a whole parameter document from a string or file://, merged
// under the options given on the command line (options win; the file fills in the rest).
import { statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { MAX_NESTING, tooDeep } from "./nesting.js";
import { CliError, ExitCode } from "../errors/index.js";
import { readParamFile, ParamFileError, type PathContext } from "./paramfile.js";
import { parsePyJson, PyFloat } from "./pyjson.js";
import { decodeJsonBytes, decodeYamlBytes } from "./decode-bytes.js";
import { typeName } from "./python.js";
import type { Document } from "../engine/engine.js";

export type CliInputKind = "json" | "yaml";

const paramError = (name: string, message: string) =>
  new CliError(`Error parsing parameter '${name}': ${message}`, ExitCode.usage);

/** Copies plain data into null-prototype objects (user-supplied keys never reach Object.prototype). */
export function toNullProto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toNullProto);
  if (v && typeof v === "object" && !(v instanceof Uint8Array) && !(v instanceof Date) && !(v instanceof PyFloat)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v)) out[k] = toNullProto(x);
    return out;
  }
  return v;
}

/**
 * What AWS CLI v2 leaves out after "Invalid JSON received.": where the parser stopped, and, for a value that is a
 * file's name without `file://`, how to read the file instead.
 */
function where(err: unknown, raw: string, loaded: unknown, ctx: PathContext): string {
  // the first line: the yaml package's pretty errors go on with the lines around the place
  const reason = err instanceof Error ? err.message.split("\n")[0]!.replace("; please use YAML.parseAllDocuments()", "").replace(/[.:]$/, "") : "";
  return `${reason ? ` ${reason}.` : ""}${fileHint(raw, loaded, ctx)}`;
}

/** For a value that names a regular file but was given without `file://`: how to read the file instead. */
function fileHint(raw: string, loaded: unknown, ctx: PathContext): string {
  if (loaded !== undefined || !raw.trim() || /^\s*[[{]/.test(raw)) return "";
  try {
    return statSync(isAbsolute(raw) ? raw : join(ctx.cwd, raw)).isFile() ? `\nTo read the file ${raw}, write file://${raw}` : "";
  } catch {
    return "";
  }
}

/** Loads the document of --cli-input-json or --cli-input-yaml. */
export async function loadCliInput(kind: CliInputKind, raw: string, ctx: PathContext): Promise<Document> {
  const flag = `--cli-input-${kind}`;
  let loaded: string | Buffer | undefined;
  try {
    loaded = readParamFile(raw, ctx);
  } catch (err) {
    if (err instanceof ParamFileError) throw paramError(flag, err.message);
    throw err;
  }
  const source = loaded === undefined ? raw : typeof loaded === "string" ? loaded : undefined;
  if (tooDeep(source)) throw paramError(flag, `nested more than ${MAX_NESTING} levels deep`);
  let doc: unknown;
  if (kind === "json") {
    try {
      // fileb:// bytes are decoded as json.loads decodes bytes (UTF-8, UTF-16, UTF-32; invalid bytes fail)
      const text = loaded === undefined ? raw : typeof loaded === "string" ? loaded : decodeJsonBytes(loaded);
      doc = parsePyJson(text, { plainDicts: true, keepFloats: true });
    } catch (err) {
      throw paramError("cli-input-json", `Invalid JSON received.${where(err, raw, loaded, ctx)}`);
    }
  } else {
    const { parseDocument, visit, isCollection, isScalar } = await import("yaml");
    // a YAML float stays a Python float (5.0, 1e3), which an integer member refuses as botocore does
    const FLOAT = "tag:yaml.org,2002:float";
    type Tag = { tag: string; resolve?: (...args: never[]) => unknown };
    const keepFloats = (tag: Tag): Tag =>
      tag.tag === FLOAT && tag.resolve
        ? { ...tag, resolve: (...args: never[]) => { const r = tag.resolve!(...args); return new PyFloat(Number(isScalar(r) ? r.value : r)); } }
        : tag;
    try {
      const text = loaded === undefined ? raw : typeof loaded === "string" ? loaded : decodeYamlBytes(loaded);
      // As the AWS CLI's ruamel safe loader reads it: YAML 1.2 with timestamps (a date is not a string), floats and
      // merge keys (<<); duplicate keys, unknown tags and anything else it would warn about are errors.
      const parsed = parseDocument(text, {
        schema: "core",
        customTags: (tags) => [...(tags as Tag[]).map(keepFloats), "timestamp"] as typeof tags,
        merge: true,
        uniqueKeys: true,
        prettyErrors: true, // "… at line 2, column 1"
      });
      const problem = parsed.errors[0] ?? parsed.warnings[0];
      if (problem) throw problem;
      // a list or map as a key is unhashable in Python (ruamel refuses it); in JS it would become a string
      visit(parsed, { Pair: (_key, pair) => { if (isCollection(pair.key)) throw new Error("a list or a map cannot be a key"); } });
      doc = toNullProto(parsed.toJS());
    } catch (err) {
      throw paramError("cli-input-yaml", `Invalid YAML received.${where(err, raw, loaded, ctx)}`);
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    // a YAML file's name without file:// reads as a string: the same hint as for JSON
    throw paramError(flag, `Invalid type: expecting map, received <class '${typeName(doc)}'>${fileHint(raw, loaded, ctx)}`);
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
