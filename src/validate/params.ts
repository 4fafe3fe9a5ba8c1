// Parameter validation as the AWS CLI reports it ("Parameter validation failed:" + one line per
// problem, full parameter path), checked against the model before anything is sent. The AWS CLI's own
// checks (required, unknown, type, minimum length/value) keep its exact wording; the model's other
// constraints that the AWS CLI leaves to the service (maxima, enums) come from the ajv schemas and
// are reported in the same style. Patterns stay the service's job: the AWS CLI sends values such as
// tag keys with commas, and the recorded cases expect them to be sent.
import { shape as modelShape, type Shape } from "../model/index.js";
import { validateDocument, type Violation } from "./index.js";
import { str, typeName } from "../input/python.js";

const VALID_TYPES: Record<string, string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  boolean: "<class 'bool'>",
  structure: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  timestamp: "<class 'datetime.datetime'>, timestamp string",
};

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function typeOk(s: Shape, v: unknown): boolean {
  switch (s.type) {
    case "string":
      return typeof v === "string";
    case "integer": // Python's bool is an int, so the AWS CLI lets true/false through here
      return (typeof v === "number" && Number.isInteger(v)) || typeof v === "boolean";
    case "boolean":
      return typeof v === "boolean";
    case "structure":
      return isDict(v);
    case "list":
      return Array.isArray(v);
    case "timestamp":
      return v instanceof Date || typeof v === "string" || typeof v === "number";
  }
}

const displayName = (name: string) => (name ? name.replace(/^\./, "") : "input");

/** botocore's ParamValidator over the model: the checks the AWS CLI makes, in its order and words. */
export function awsCliErrors(shapeName: string, params: unknown): string[] {
  const errors: string[] = [];
  const walk = (s: Shape, v: unknown, name: string) => {
    if (!typeOk(s, v)) {
      errors.push(
        `Invalid type for parameter ${displayName(name)}, value: ${str(v)}, type: <class '${typeName(v)}'>, valid types: ${VALID_TYPES[s.type]}`,
      );
      return;
    }
    switch (s.type) {
      case "structure": {
        const obj = v as Record<string, unknown>;
        const members = s.members ?? {};
        for (const req of s.required ?? []) {
          if (!Object.prototype.hasOwnProperty.call(obj, req)) errors.push(`Missing required parameter in ${displayName(name)}: "${req}"`);
        }
        const known: string[] = [];
        for (const key of Object.keys(obj)) {
          if (!Object.prototype.hasOwnProperty.call(members, key)) {
            errors.push(`Unknown parameter in ${displayName(name)}: "${key}", must be one of: ${Object.keys(members).join(", ")}`);
          } else known.push(key);
        }
        for (const key of known) walk(modelShape(members[key].shape), obj[key], `${name}.${key}`);
        return;
      }
      case "list": {
        const arr = v as unknown[];
        if (s.min !== undefined && arr.length < s.min) {
          errors.push(`Invalid length for parameter ${displayName(name)}, value: ${arr.length}, valid min length: ${s.min}`);
        }
        arr.forEach((item, i) => walk(modelShape(s.member!), item, `${name}[${i}]`));
        return;
      }
      case "string": {
        const len = [...(v as string)].length;
        if (s.min !== undefined && len < s.min) {
          errors.push(`Invalid length for parameter ${displayName(name)}, value: ${len}, valid min length: ${s.min}`);
        }
        return;
      }
      case "integer":
        if (s.min !== undefined && Number(v) < s.min) {
          errors.push(`Invalid value for parameter ${displayName(name)}, value: ${str(v)}, valid min value: ${s.min}`);
        }
        return;
    }
  };
  walk(modelShape(shapeName), params, "");
  return errors;
}

/** "Tags[0].Key" from ["Tags", 0, "Key"]. */
export function pathName(path: (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out || "input";
}

const STRICTER_RULES = new Set(["maxLength", "maxItems", "maximum", "enum"]);

/** The model's constraints beyond the AWS CLI's own checks, in the same style. */
function stricterMessage(v: Violation): string | undefined {
  const name = pathName(v.path);
  switch (v.rule) {
    case "maxLength":
      return `Invalid length for parameter ${name}, value: ${[...String(v.value)].length}, valid max length: ${v.limit}`;
    case "maxItems":
      return `Invalid length for parameter ${name}, value: ${(v.value as unknown[]).length}, valid max length: ${v.limit}`;
    case "maximum":
      return `Invalid value for parameter ${name}, value: ${str(v.value)}, valid max value: ${v.limit}`;
    case "enum":
      return `Invalid value for parameter ${name}, value: ${str(v.value)}, valid values: ${(v.limit as string[]).join(", ")}`;
  }
  return undefined;
}

/** Every problem with an operation's input, as message lines; empty when the input is valid. */
export function inputProblems(operation: string, inputShape: string, params: unknown): string[] {
  const errors = awsCliErrors(inputShape, params);
  for (const v of validateDocument("input", operation, params)) {
    if (!STRICTER_RULES.has(v.rule)) continue;
    if (typeof v.value === "boolean") continue; // true for an integer: the AWS CLI sends it as is
    if (v.rule === "enum" && typeof v.value !== "string") continue; // already a type error
    const msg = stricterMessage(v);
    if (msg) errors.push(msg);
  }
  return errors;
}

/** The AWS CLI's whole message for a list of problems. */
export function validationMessage(problems: string[]): string {
  return `Parameter validation failed:\n${problems.join("\n")}`;
}
