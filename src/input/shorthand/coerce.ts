// The typing pass after shorthand parsing (aws-cli's BackCompatVisitor): integers through Python's
// int(), "true"/"false" to booleans, a lone value where the model wants a list wrapped into a list.
import { shape as modelShape } from "../../model/index.js";
import { CliError, ExitCode } from "../../errors/index.js";
import { pyFloat, pyInt, typeName } from "../python.js";

type Container = Record<string | number, unknown>;

/** Applies the model's types to a parsed shorthand value in place; returns the (possibly replaced) value. */
export function coerceShorthand(value: unknown, shapeName: string): unknown {
  const holder: Container = { v: value };
  visit(holder, "v", shapeName, value);
  return holder.v;
}

function visit(parent: Container, name: string | number, shapeName: string, value: unknown): void {
  const s = modelShape(shapeName);
  switch (s.type) {
    case "structure":
      if (!isDict(value)) return;
      for (const [member, ref] of Object.entries(s.members ?? {})) {
        if (Object.prototype.hasOwnProperty.call(value, member)) visit(value as Container, member, ref.shape, (value as Container)[member]);
      }
      return;
    case "list":
      if (!Array.isArray(value)) {
        if (value !== null && value !== undefined) parent[name] = [value];
        return;
      }
      value.forEach((el, i) => visit(value as unknown as Container, i, s.member!, el));
      return;
    case "integer":
      if (value !== null && value !== undefined) parent[name] = pyInt(value);
      return;
    case "boolean": {
      if (value === null || value === undefined) return;
      if (typeof value !== "string") {
        throw new CliError(`'${typeName(value)}' object has no attribute 'lower'`, ExitCode.other);
      }
      if (value.toLowerCase() === "true") parent[name] = true;
      else if (value.toLowerCase() === "false") parent[name] = false;
      return;
    }
    default:
      if ((s.type as string) === "float" || (s.type as string) === "double") {
        if (value !== null && value !== undefined) parent[name] = pyFloat(value);
      }
  }
}

function isDict(v: unknown): v is Container {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
