// Wire body → engine input: keeps only the members the model knows (unknown ones are ignored, spec §9 #36),
// drops JSON nulls, and refuses values of the wrong JSON type as SerializationException like the service.
import { documentSchema, type JsonSchema } from "../model/index.js";
import { wrongTypeMessage } from "../engine/local/validation-message.js";

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

/** The JSON type of a parsed value (null only as a list item: null members are dropped, a null body refused, before shaping). */
const jsonType = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** A schema node reduced to what shaping needs; built once per operation (requests only walk it). */
interface Node {
  type?: string; // JSON type: object | array | string | number | boolean
  props?: Map<string, () => Node>;
  items?: () => Node;
}

function compile(schema: JsonSchema, defs: Defs, cache: Map<JsonSchema, Node>): Node {
  const s = resolve(schema, defs);
  const hit = cache.get(schema);
  if (hit) return hit;
  const t = s.type === "integer" ? "number" : typeof s.type === "string" ? s.type : undefined;
  const node: Node = { type: t };
  cache.set(schema, node);
  const lazy = (sub: JsonSchema) => {
    let n: Node | undefined;
    return () => (n ??= compile(sub, defs, cache));
  };
  if (t === "object") node.props = new Map(Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([k, sub]) => [k, lazy(sub)]));
  if (t === "array" && s.items) node.items = lazy(s.items as JsonSchema);
  return node;
}

function shapeValue(value: unknown, node: Node, where: string): unknown {
  const got = jsonType(value);
  if (node.type && got !== node.type) throw new SerializationError(wrongTypeMessage(node.type, value, where));
  // a literal too large for any number type (1e400 parses as Infinity): not a value the member could hold
  if (got === "number" && !Number.isFinite(value)) throw new SerializationError(`The number at '${where}' is too large to represent.`);
  if (node.props) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sub = node.props.get(k);
      if (v === null || !sub) continue;
      out[k] = shapeValue(v, sub(), where ? `${where}.${k}` : k);
    }
    return out;
  }
  if (node.items) {
    const item = node.items();
    return (value as unknown[]).map((v, i) => shapeValue(v, item, `${where}[${i}]`));
  }
  return value;
}

const compiled = new Map<string, Node>();

/** The operation's input from a parsed JSON body: unknown members removed, nulls removed, wrong JSON types refused. */
export function shapeInput(operation: string, body: unknown): Record<string, unknown> {
  let root = compiled.get(operation);
  if (!root) {
    const schema = documentSchema("input", operation);
    compiled.set(operation, (root = compile(schema, (schema.$defs ?? {}) as Defs, new Map())));
  }
  return shapeValue(body, root, "") as Record<string, unknown>;
}
