// The seam to src/output (issue 3): compileQuery / emitResult / emitDocument. Until that module
// lands, a small JSON printer with simple pagination stands in behind the same calls.
import type { IO } from "../io/index.js";
import { write } from "../io/index.js";
import type { Operation } from "../model/index.js";
import type { Document } from "../engine/engine.js";

export interface OutputOptions {
  format: string;
  query?: string;
  color: "on" | "off" | "auto";
}

export interface Pagination {
  enabled: boolean;
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
}

export interface OutputModule {
  compileQuery(expr: string): unknown;
  emitResult(args: {
    io: IO;
    operation: Operation;
    params: Document;
    call: (params: Document) => Promise<Document>;
    pagination: Pagination;
    output: OutputOptions;
  }): Promise<void>;
  emitDocument(args: { io: IO; operation: Operation; document: Document; output: OutputOptions }): Promise<void>;
}

let loaded: OutputModule | undefined;

export async function outputModule(): Promise<OutputModule> {
  if (loaded) return loaded;
  const path = "../output/index.js"; // by name: this builds before src/output/index.ts exists
  try {
    loaded = (await import(path)) as OutputModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw err;
    loaded = fallback;
  }
  return loaded;
}

const json = (doc: Document) =>
  JSON.stringify(doc, (_k, v) => (v instanceof Date ? v.toISOString().replace(/\.000Z$/, "+00:00").replace(/Z$/, "+00:00") : v), 4) + "\n";

const fallback: OutputModule = {
  compileQuery: () => undefined,
  async emitResult({ io, operation, params, call, pagination }) {
    const pag = operation.paginator;
    let doc: Document;
    if (pagination.enabled && pag) {
      doc = {};
      let token: string | undefined;
      for (;;) {
        const req: Document = { ...params };
        if (pagination.pageSize !== undefined) req[pag.limit_key] = pagination.pageSize;
        if (token) req[pag.input_token] = token;
        const page = await call(req);
        for (const [k, v] of Object.entries(page)) {
          if (k === pag.output_token) continue;
          if (k === pag.result_key) doc[k] = [...((doc[k] as unknown[]) ?? []), ...(v as unknown[])];
          else if (!(k in doc)) doc[k] = v;
        }
        token = page[pag.output_token] as string | undefined;
        if (!token) break;
      }
    } else doc = await call(params);
    if (Object.keys(doc).length) await write(io.stdout, json(doc));
  },
  async emitDocument({ io, document }) {
    if (Object.keys(document).length) await write(io.stdout, json(document));
  },
};
