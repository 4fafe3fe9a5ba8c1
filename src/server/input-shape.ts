// Wire body → engine input: keeps only the members the model knows (unknown ones are ignored, spec §9 #36),
// drops JSON nulls, and refuses values of the wrong JSON type as SerializationException like the service.
import { documentSchema, type JsonSchema } from "../model/index.js";

/** A body the protocol layer cannot turn into the operation's input (wrong JSON type). */
export class SerializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SerializationError";
  }
}

type Defs = Record<string, JsonSchema>;

function resolve(schema: JsonSchema, defs: Defs): JsonSchema {
  let s = schema;
  for (let i = 0; i < 16 && typeof s.$ref === "string"; i++) {
    const name = (s.$ref as string).replace(/^#\/\$defs\//, "");
    s = { ...defs[name], ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$ref")) };
  }
  return s;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return "number";
  return typeof v;
}

function expected(type: unknown): string | undefined {
  if (type === "integer" || type === "number") return "number";
  return typeof type === "string" ? type : undefined;
}

function shapeValue(value: unknown, schema: JsonSchema, defs: Defs, where: string): unknown {
  const s = resolve(schema, defs);
  const want = expected(s.type);
  const got = jsonType(value);
  if (want && got !== want) throw new SerializationError(`Expected ${want === "object" ? "an object" : `a ${want}`} at '${where || "(the request body)"}' but found ${got === "object" ? "an object" : `a ${got}`}.`);
  if (want === "object") {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === null || !Object.hasOwn(props, k)) continue;
      out[k] = shapeValue(v, props[k], defs, where ? `${where}.${k}` : k);
    }
    return out;
  }
  if (want === "array" && s.items) {
    return (value as unknown[]).map((item, i) => shapeValue(item, s.items as JsonSchema, defs, `${where}[${i}]`));
  }
  return value;
}

/** The operation's input from a parsed JSON body: unknown members removed, nulls removed, wrong JSON types refused. */
export function shapeInput(operation: string, body: unknown): Record<string, unknown> {
  const schema = documentSchema("input", operation);
  return shapeValue(body, schema, (schema.$defs ?? {}) as Defs, "") as Record<string, unknown>;
}
