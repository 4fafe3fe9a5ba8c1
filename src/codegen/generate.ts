// Dev-time generator: the botocore API model in ../shared/reference/voice-id → schemas/ (committed).
// Run with `npm run generate`; a test regenerates into a temp folder and compares.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { errorDescriptions, memberDescriptions, operationSummaries } from "./descriptions.js";
import { buildManifestSchemas } from "./manifests.js";
import { cliName } from "../model/index.js"; // pure; reads no schema

import { createRequire } from "node:module";

type ModelShape = {
  type: "structure" | "string" | "list" | "integer" | "boolean" | "timestamp";
  members?: Record<string, { shape: string; idempotencyToken?: boolean }>;
  required?: string[];
  member?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
};
type Model = {
  metadata: Record<string, string>;
  operations: Record<
    string,
    { name: string; input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[]; idempotent?: boolean }
  >;
  shapes: Record<string, ModelShape>;
};
type Paginators = { pagination: Record<string, { input_token: string; output_token: string; limit_key: string; result_key: string }> };

/** HTTP status of each error: the botocore model omits them; the Smithy model's httpError codes (spec §6.1). */
const errorHttpStatus: Record<string, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ThrottlingException: 429,
  InternalServerException: 500,
};


function describeMember(shapeName: string, member: string): string | undefined {
  return memberDescriptions[`${shapeName}.${member}`] ?? memberDescriptions[member];
}

/** JSON Schema (2020-12) for one shape; structures reference their members through $defs. */
function shapeSchema(model: Model, name: string): Record<string, unknown> {
  const s = model.shapes[name];
  switch (s.type) {
    case "structure": {
      const properties: Record<string, unknown> = {};
      for (const [m, ref] of Object.entries(s.members ?? {})) {
        const description = describeMember(name, m);
        properties[m] = description ? { $ref: `#/$defs/${ref.shape}`, description } : { $ref: `#/$defs/${ref.shape}` };
      }
      return {
        type: "object",
        properties,
        ...(s.required?.length ? { required: s.required } : {}),
        additionalProperties: false,
      };
    }
    case "list":
      return {
        type: "array",
        items: { $ref: `#/$defs/${s.member!.shape}` },
        ...(s.min !== undefined ? { minItems: s.min } : {}),
        ...(s.max !== undefined ? { maxItems: s.max } : {}),
      };
    case "string":
      return {
        type: "string",
        ...(s.enum ? { enum: s.enum } : {}),
        ...(s.min !== undefined ? { minLength: s.min } : {}),
        ...(s.max !== undefined ? { maxLength: s.max } : {}),
        ...(s.pattern ? { pattern: s.pattern } : {}),
      };
    case "integer":
      return {
        type: "integer",
        ...(s.min !== undefined ? { minimum: s.min } : {}),
        ...(s.max !== undefined ? { maximum: s.max } : {}),
      };
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      // On the wire (AWS JSON 1.0) a timestamp is a number of seconds since the epoch.
      return { type: "number", description: "Seconds since 1970-01-01T00:00:00Z." };
  }
}

function reachable(model: Model, root: string, seen = new Set<string>()): Set<string> {
  if (seen.has(root)) return seen;
  seen.add(root);
  const s = model.shapes[root];
  for (const ref of Object.values(s.members ?? {})) reachable(model, ref.shape, seen);
  if (s.member) reachable(model, s.member.shape, seen);
  return seen;
}

function documentSchema(model: Model, op: string, root: string | undefined, kind: "input" | "output") {
  const $defs: Record<string, unknown> = {};
  if (root) for (const n of [...reachable(model, root)].sort()) $defs[n] = shapeSchema(model, n);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `voice-id/${kind}/${op}.json`,
    title: `${op} ${kind}`,
    description: kind === "input" ? operationSummaries[op] : `What ${op} returns.`,
    ...(root ? { $ref: `#/$defs/${root}`, $defs } : { type: "object", additionalProperties: false }),
  };
}

/** The service index: everything the CLI, engines and docs need to know, minus AWS's prose. */
function serviceIndex(model: Model, paginators: Paginators) {
  const shapes: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(model.shapes)) {
    const entry: Record<string, unknown> = { type: s.type };
    if (s.members) {
      entry.members = Object.fromEntries(
        Object.entries(s.members).map(([m, ref]) => {
          const description = describeMember(name, m);
          return [
            m,
            {
              shape: ref.shape,
              ...((s.required ?? []).includes(m) ? { required: true } : {}),
              ...(ref.idempotencyToken ? { idempotencyToken: true } : {}),
              ...(description ? { description } : {}),
            },
          ];
        }),
      );
    }
    if (s.required?.length) entry.required = s.required;
    if (s.member) entry.member = s.member.shape;
    for (const k of ["min", "max", "pattern", "enum", "sensitive"] as const) if (s[k] !== undefined) entry[k] = s[k];
    if (s.exception) entry.exception = true;
    shapes[name] = entry;
  }
  const operations: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(model.operations)) {
    const input = op.input?.shape;
    const tokens = input
      ? Object.entries(model.shapes[input].members ?? {})
          .filter(([, ref]) => ref.idempotencyToken)
          .map(([m]) => m)
      : [];
    const summary = operationSummaries[name];
    if (!summary) throw new Error(`no summary written for operation ${name} (src/codegen/descriptions.ts)`);
    operations[name] = {
      cliName: cliName(name),
      summary,
      ...(input ? { input } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      ...(op.idempotent ? { idempotent: true } : {}),
      idempotencyTokens: tokens,
      errors: (op.errors ?? []).map((e) => e.shape),
      ...(paginators.pagination[name] ? { paginator: paginators.pagination[name] } : {}),
    };
  }
  const errors: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(model.shapes)) {
    if (!s.exception) continue;
    const httpStatus = errorHttpStatus[name];
    if (!httpStatus) throw new Error(`no HTTP status known for error ${name}`);
    errors[name] = {
      httpStatus,
      fault: s.fault ? "server" : "client",
      members: Object.keys(s.members ?? {}),
      description: errorDescriptions[name],
    };
  }
  const md = model.metadata;
  return {
    service: {
      apiVersion: md.apiVersion,
      serviceId: md.serviceId,
      serviceFullName: md.serviceFullName,
      endpointPrefix: md.endpointPrefix,
      signingName: md.signingName,
      targetPrefix: md.targetPrefix,
      protocol: md.protocol,
      jsonVersion: md.jsonVersion,
      errorNamespace: "com.amazonaws.voiceid",
    },
    operations,
    shapes,
    errors,
  };
}

/**
 * ajv's standalone code for one schema: compiling at run time cost ~100-170 ms of every command, so the
 * validators ship precompiled (same generated code as ajv.compile, so the same errors).
 */
function standaloneValidator(schema: unknown): string {
  const require = createRequire(import.meta.url);
  const Ajv = require("ajv/dist/2020").default;
  const standalone = require("ajv/dist/standalone").default;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true, code: { source: true } });
  return standalone(ajv, ajv.compile(schema)) + "\n";
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";

/** Writes every generated file below outDir (schemas/), replacing what was there. */
export function generate(referenceDir: string, outDir: string): string[] {
  const model: Model = JSON.parse(readFileSync(join(referenceDir, "service-2.json"), "utf8"));
  const paginators: Paginators = JSON.parse(readFileSync(join(referenceDir, "paginators-1.json"), "utf8"));
  const files: Record<string, string> = { "service.json": json(serviceIndex(model, paginators)) };
  for (const [name, op] of Object.entries(model.operations)) {
    files[`input/${name}.json`] = json(documentSchema(model, name, op.input?.shape, "input"));
    files[`output/${name}.json`] = json(documentSchema(model, name, op.output?.shape, "output"));
  }
  for (const [file, schema] of Object.entries(buildManifestSchemas())) files[`manifests/${file}`] = json(schema);
  for (const kind of ["input", "output"] as const)
    for (const name of Object.keys(model.operations))
      files[`validators/${kind}/${name}.cjs`] = standaloneValidator(JSON.parse(files[`${kind}/${name}.json`]));
  for (const sub of ["input", "output", "manifests", "validators"]) rmSync(join(outDir, sub), { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(outDir, file, ".."), { recursive: true });
    writeFileSync(join(outDir, file), text);
  }
  return Object.keys(files).sort();
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(fileURLToPath(import.meta.url), "../../..");
  const ref = process.argv[2] ?? resolve(root, "../shared/reference/voice-id");
  const out = process.argv[3] ?? resolve(root, "schemas");
  if (!existsSync(join(ref, "service-2.json"))) {
    console.error(`generate: no API model at ${ref} (expected service-2.json there)`);
    process.exit(2);
  }
  const written = generate(ref, out);
  console.log(`generate: wrote ${written.length} files under ${out}`);
  if (!process.argv[3]) (await import("./man.js")).main(); // docs (issue 8): man/ from the schemas/ just written
}
