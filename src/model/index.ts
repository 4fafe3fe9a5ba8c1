// The only reader of schemas/: operations, shapes, CLI names and paginators of the Voice ID API.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export type ShapeType = "structure" | "string" | "list" | "integer" | "boolean" | "timestamp";

export interface MemberRef {
  shape: string;
  required?: boolean;
  idempotencyToken?: boolean;
  description?: string;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
}

export interface Paginator {
  input_token: string;
  output_token: string;
  limit_key: string;
  result_key: string;
}

export interface Operation {
  name: string;
  cliName: string;
  summary: string;
  input?: string;
  output?: string;
  idempotent?: boolean;
  idempotencyTokens: string[];
  errors: string[];
  paginator?: Paginator;
}

export interface ErrorInfo {
  httpStatus: number;
  fault: "client" | "server";
  members: string[];
  description?: string;
}

export interface ServiceIndex {
  service: {
    apiVersion: string;
    serviceId: string;
    serviceFullName: string;
    endpointPrefix: string;
    signingName: string;
    targetPrefix: string;
    protocol: string;
    jsonVersion: string;
    errorNamespace: string;
  };
  operations: Record<string, Omit<Operation, "name">>;
  shapes: Record<string, Shape>;
  errors: Record<string, ErrorInfo>;
}

/** schemas/ sits at the package root; this file is at src/model, dist/model or (bundled) dist/bundle: all two levels below. */
export const schemasDir = fileURLToPath(new URL("../../schemas/", import.meta.url));

let index: ServiceIndex | undefined;
const readJson = (rel: string): unknown => JSON.parse(readFileSync(schemasDir + rel, "utf8"));

export function service(): ServiceIndex {
  return (index ??= readJson("service.json") as ServiceIndex);
}

export function operations(): Operation[] {
  return Object.entries(service().operations).map(([name, op]) => ({ name, ...op }));
}

export function operation(name: string): Operation | undefined {
  const op = service().operations[name];
  return op ? { name, ...op } : undefined;
}

export function operationByCliName(cliName: string): Operation | undefined {
  return operations().find((op) => op.cliName === cliName);
}

export function shape(name: string): Shape {
  const s = service().shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  return s;
}

export function errorInfo(code: string): ErrorInfo | undefined {
  return service().errors[code];
}

/** "ServerSideEncryptionConfiguration" → "server-side-encryption-configuration" (AWS CLI's xform_name). */
export function cliName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** Input members of an operation in model order. */
export function inputMembers(op: Operation): [string, MemberRef][] {
  return op.input ? Object.entries(shape(op.input).members ?? {}) : [];
}

export type JsonSchema = Record<string, unknown>;
const schemaCache = new Map<string, JsonSchema>();

/** JSON Schema of an operation's input or output document (wire form: timestamps are epoch seconds). */
export function documentSchema(kind: "input" | "output" | "manifests", opName: string): JsonSchema {
  const key = `${kind}/${opName}.json`;
  let s = schemaCache.get(key);
  if (!s) schemaCache.set(key, (s = readJson(key) as JsonSchema));
  return s;
}

/** Manifest schemas: "speaker-enrollment", "speaker-enrollment-request", "fraudster-registration", … */
export function manifestSchema(name: string): JsonSchema {
  return documentSchema("manifests", name);
}

/** Is this member's value secret-ish (sensitive in the model)? Used to keep values out of logs and messages. */
export function isSensitive(shapeName: string): boolean {
  return shape(shapeName).sensitive === true;
}
