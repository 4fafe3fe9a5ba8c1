// Engine documents ↔ wire documents: Dates ↔ epoch seconds (with a millisecond fraction, spec §4.7).
// The server answers with toWire(); stored idempotent responses are rebuilt with fromWire().
import type { Document } from "../engine.js";
import { operation, shape } from "../../model/index.js";

/** Epoch seconds with millisecond fraction, as AWS JSON 1.0 sends timestamps. */
export const epochSeconds = (d: Date): number => d.getTime() / 1000;

function dateToWire(v: unknown): unknown {
  if (v instanceof Date) return epochSeconds(v);
  if (Array.isArray(v)) return v.map(dateToWire);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dateToWire(x);
    return out;
  }
  return v;
}

/** The wire form of an operation's output: every Date becomes epoch seconds; undefined members are dropped. */
export function toWire(_opName: string, doc: Document): Document {
  return dateToWire(doc) as Document;
}

function fromWireShape(shapeName: string, v: unknown): unknown {
  const s = shape(shapeName);
  if (v == null) return v;
  if (s.type === "timestamp" && typeof v === "number") return new Date(Math.round(v * 1000));
  if (s.type === "list" && Array.isArray(v) && s.member) return v.map((x) => fromWireShape(s.member!, x));
  if (s.type === "structure" && typeof v === "object" && s.members) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = s.members[k] ? fromWireShape(s.members[k].shape, x) : x;
    return out;
  }
  return v;
}

/** The engine form of a wire output document: timestamp members (per the model) become Date objects. */
export function fromWire(opName: string, doc: Document): Document {
  const out = operation(opName)?.output;
  return out ? (fromWireShape(out, doc) as Document) : { ...doc };
}
