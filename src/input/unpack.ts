// One option's command-line value → the parameter value, as the AWS CLI unpacks it: file:// first,
// then shorthand (for structures and lists of structures) unless the value looks like JSON, then JSON
// or the scalar's own type.
import { MAX_NESTING, tooDeep } from "./nesting.js";
import { shape as modelShape, type Shape } from "../model/index.js";
import { CliError, ExitCode, isStackOverflow } from "../errors/index.js";
import { readParamFile, ParamFileError, type PathContext } from "./paramfile.js";
import { ShorthandParser, ShorthandSyntaxError } from "./shorthand/parse.js";
import { coerceShorthand } from "./shorthand/coerce.js";
import { parsePyJson, JsonSyntaxError } from "./pyjson.js";
import { pyInt, pyFloat, str } from "./python.js";

/** "Error parsing parameter '--x': …" — the AWS CLI's ParamError (exit 252). */
export function paramError(cliFlag: string, message: string): CliError {
  return new CliError(`Error parsing parameter '${cliFlag}': ${message}`, ExitCode.usage);
}

const isComplex = (s: Shape): boolean =>
  s.type === "structure" || (s.type === "list" && modelShape(s.member!).type === "structure");

/** Unpacks the raw value of `--<member>` (a string, or the list of strings of a list option). */
export function unpackArgument(cliFlag: string, shapeName: string, raw: string | string[], ctx: PathContext): unknown {
  let value: unknown = raw;
  try {
    const candidate = Array.isArray(value) && value.length === 1 ? value[0] : value;
    const loaded = readParamFile(candidate, ctx);
    if (loaded !== undefined) value = loaded;
  } catch (err) {
    if (err instanceof ParamFileError) throw paramError(cliFlag, err.message);
    throw err;
  }
  if ((Array.isArray(value) ? value : [value]).some(tooDeep)) throw paramError(cliFlag, `nested more than ${MAX_NESTING} levels deep`);
  const s = modelShape(shapeName);
  const check = Array.isArray(value) && value.length ? value[0] : value;
  const looksJson = typeof check === "string" && /^[[{]/.test(check.trim());
  if (!looksJson && isComplex(s)) return parseShorthandValue(cliFlag, shapeName, value, ctx);
  return unpackCliArg(cliFlag, s, value);
}

function parseShorthandValue(cliFlag: string, shapeName: string, value: unknown, ctx: PathContext): unknown {
  const parser = new ShorthandParser();
  const loadFile = (v: string) => readParamFile(v, ctx) ?? v; // `Key@=file://…`
  const parseOne = (v: unknown) => {
    // bytes (fileb://) reach the AWS CLI's parser, which fails comparing an int with its key characters
    if (typeof v !== "string") throw new CliError("'in <string>' requires string as left operand, not int", ExitCode.other);
    return parser.parse(v, loadFile);
  };
  try {
    const parsed = Array.isArray(value) ? value.map(parseOne) : parseOne(value);
    // The typing pass changes nested values in place; like the AWS CLI, a top-level value is never re-wrapped.
    coerceShorthand(parsed, shapeName);
    return parsed;
  } catch (err) {
    if (err instanceof ShorthandSyntaxError || err instanceof ParamFileError) throw paramError(cliFlag, err.message);
    if (isStackOverflow(err)) throw paramError(cliFlag, `nested more than ${MAX_NESTING} levels deep`); // a backstop
    throw err;
  }
}

function unpackJson(cliFlag: string, value: string): unknown {
  try {
    return parsePyJson(value, { keepFloats: true }); // 5.0 stays a float, which an integer member refuses (botocore)
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw paramError(cliFlag, `Invalid JSON: ${err.message}\nJSON received: ${value}`);
    if (isStackOverflow(err)) throw paramError(cliFlag, `nested more than ${MAX_NESTING} levels deep`); // a backstop
    throw err;
  }
}

const firstNonSpace = (v: unknown): string | undefined => {
  const text = typeof v === "string" ? v : v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : undefined;
  return text?.trimStart()[0];
};

function unpackCliArg(cliFlag: string, s: Shape, value: unknown): unknown {
  switch (s.type) {
    case "structure":
      if (firstNonSpace(value) === "{") return unpackJson(cliFlag, str(value instanceof Uint8Array ? Buffer.from(value).toString() : value));
      throw paramError(cliFlag, `Invalid JSON:\n${str(value)}`);
    case "list": {
      if (typeof value === "string" && firstNonSpace(value) === "[") return unpackJson(cliFlag, value);
      if (Array.isArray(value) && value.length === 1 && firstNonSpace(value[0]) === "[") return unpackJson(cliFlag, value[0] as string);
      // Each item by the member's type (a string from a file is iterated character by character, as in Python).
      const items = typeof value === "string" ? [...value] : Array.isArray(value) ? value : [...(value as Uint8Array)];
      const member = modelShape(s.member!);
      return items.map((v) => unpackCliArg(cliFlag, member, v));
    }
    case "integer":
      return pyInt(value);
    case "boolean":
      if (typeof value === "string" && value.toLowerCase() === "false") return false;
      return Boolean(value);
    default:
      if ((s.type as string) === "float" || (s.type as string) === "double") return pyFloat(value);
      return value;
  }
}
