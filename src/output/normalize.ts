// Puts a document in the shape botocore hands the AWS CLI's formatters: members in the model's order (unknown
// ones dropped, as its parser drops them) and timestamps already turned into ISO 8601 strings (or wire numbers).
import { shape as modelShape, type Shape } from "../model/index.js";
import { formatTimestamp, type TimestampStyle } from "./timestamps.js";
import { isObject } from "./python.js";

function lookup(name: string | undefined): Shape | undefined {
  if (!name) return undefined;
  try {
    return modelShape(name);
  } catch {
    return undefined;
  }
}

/** Without a model shape: keep the data as it is, but still print Dates the AWS CLI's way. */
function plain(value: unknown, style: TimestampStyle): unknown {
  if (value instanceof Date) return formatTimestamp(value, style);
  if (Array.isArray(value)) return value.map((v) => plain(v, style));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v, style);
    return out;
  }
  return value;
}

/** Normalize `value` against the model shape `shapeName` (an operation's output shape for a whole response). */
export function normalize(value: unknown, shapeName: string | undefined, style: TimestampStyle = {}): unknown {
  const s = lookup(shapeName);
  if (!s) return plain(value, style);
  switch (s.type) {
    case "structure": {
      if (!isObject(value)) return plain(value, style);
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(s.members ?? {})) {
        const v = value[name];
        if (v !== undefined) out[name] = normalize(v, ref.shape, style);
      }
      return out;
    }
    case "list":
      return Array.isArray(value) ? value.map((v) => normalize(v, s.member, style)) : plain(value, style);
    case "timestamp":
      return formatTimestamp(value, style);
    default:
      return plain(value, style);
  }
}
