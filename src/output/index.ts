// Printing results the way the AWS CLI v2 does: the render registry (one module per --output format), --query,
// pagination and colour. The CLI calls compileQuery while parsing, then emitResult or emitDocument.
import type { IO } from "../io/index.js";
import { write } from "../io/index.js";
import type { Operation } from "../model/index.js";
import type { Document } from "../engine/engine.js";
import { CliError, ExitCode } from "../errors/index.js";
import { compileQuery as compile, type Query } from "./query.js";
import { normalize } from "./normalize.js";
import { PageIterator, mergePages } from "./pages.js";
import { colorEnabled, tableStyle, type ColorMode } from "./color.js";
import type { TableStyle } from "./table.js";
import { isObject } from "./python.js";
import { formatTimestamp, type TimestampStyle } from "./timestamps.js";

export interface OutputOptions {
  format: string;
  query?: string;
  color: ColorMode;
  /** The profile's cli_timestamp_format (iso8601 or wire; checked by the caller). */
  timestampFormat?: string;
}

export interface PaginationOptions {
  enabled: boolean;
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
}

interface RenderContext {
  title: string;
  columns: number;
  style?: TableStyle;
}

interface FormatEntry {
  /** Rendered page by page (query applied to each) instead of once over the merged pages. */
  paged: boolean;
  load(): Promise<(value: unknown, ctx: RenderContext) => string>;
}

/** The render registry: --output name → its module, loaded on first use. */
const FORMATS: Record<string, FormatEntry> = {
  json: { paged: false, load: async () => (await import("./json.js")).render },
  yaml: { paged: false, load: async () => (await import("./yaml.js")).render },
  "yaml-stream": { paged: true, load: async () => (await import("./yaml-stream.js")).render },
  text: { paged: true, load: async () => (await import("./text.js")).render },
  // AWS CLI v2 (2026): nothing on stdout, for scripts that only test the exit code; errors still go to stderr
  off: { paged: false, load: async () => () => "" },
  table: {
    paged: false,
    load: async () => {
      const { render } = await import("./table.js");
      return (value, ctx) => render(value, ctx.title, ctx.columns, ctx.style);
    },
  },
};

export const outputFormats = (): string[] => Object.keys(FORMATS);

/** One value in an output format, uncoloured and without --query (e.g. a service error for --cli-error-format json). */
export async function renderValue(format: string, value: unknown, title: string, columns: number): Promise<string> {
  const entry = FORMATS[format];
  if (!entry) throw new CliError(`Unknown output type: ${format}`, ExitCode.other);
  return (await entry.load())(value, { title, columns });
}

/** Compile --query before any call; an invalid expression throws CliError (exit 252). */
export function compileQuery(expr: string): unknown {
  return compile(expr);
}

/** Model order and ISO timestamps; an operation without an output shape has nothing to print (SDK metadata aside). */
function prepare(doc: Document, operation: Operation, style: TimestampStyle): Document {
  return operation.output ? (normalize(doc, operation.output, style) as Document) : {};
}

interface Printer {
  /** `whole`: the one response of an unpaginated call, which yaml-stream skips when it is empty. */
  print(value: unknown, whole?: boolean): Promise<void>;
  entry: FormatEntry;
  timestamps: TimestampStyle;
}

async function printer(io: IO, title: string, output: OutputOptions): Promise<Printer> {
  const entry = FORMATS[output.format];
  if (!entry) throw new CliError(`Unknown output type: ${output.format}`, ExitCode.other); // 255: botocore fails looking up the formatter (a bad --output is refused earlier, by argparse, with 252)
  const query: Query | undefined = output.query === undefined ? undefined : compile(output.query);
  const render = await entry.load();
  const ctx: RenderContext = { title, columns: io.columns };
  if (colorEnabled(io, output.format, output.color)) ctx.style = await tableStyle();
  return {
    entry,
    timestamps: { timeZone: io.env.TZ, wire: output.timestampFormat === "wire" },
    print: async (value, whole = false) => {
      const result = query ? query.search(value) : value;
      if (whole && output.format === "yaml-stream" && isObject(result) && Object.keys(result).length === 0) return;
      try {
        await write(io.stdout, render(result, ctx));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EPIPE") throw err;
        // A reader that went away (`| head`): the AWS CLI's json, yaml and table formatters end quietly (exit 0); its
        // text formatter lets the BrokenPipeError reach the driver, which prints it and exits 255.
        if (output.format === "text") throw new CliError("[Errno 32] Broken pipe", ExitCode.other);
      }
    },
  };
}

/** Print one document (e.g. the --generate-cli-skeleton output sample) through the normal output path. */
export async function emitDocument(args: { io: IO; operation: Operation; document: Document; output: OutputOptions }): Promise<void> {
  const p = await printer(args.io, args.operation.name, args.output);
  await p.print(prepare(args.document, args.operation, p.timestamps), true);
}

/**
 * Print the answer of a command outside the model (the local session commands) through the same formats and
 * --query, looking like every other answer: Dates as the AWS CLI prints timestamps, members in name order (the
 * model's order for every shape of this API).
 */
export async function emitPlain(args: { io: IO; title: string; document: Document; output: OutputOptions }): Promise<void> {
  const p = await printer(args.io, args.title, args.output);
  const plain = (v: unknown): unknown => {
    if (v instanceof Date) return formatTimestamp(v, p.timestamps);
    if (Array.isArray(v)) return v.map(plain);
    if (!isObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = plain(v[k]);
    return out;
  };
  await p.print(plain(args.document), true);
}

/**
 * Make the call(s) and print the result: paginated operations (unless disabled) follow NextToken and merge the
 * result list (text and yaml-stream print page by page), then --query, then the format.
 */
export async function emitResult(args: {
  io: IO;
  operation: Operation;
  params: Document;
  call: (params: Document) => Promise<Document>;
  pagination: PaginationOptions;
  output: OutputOptions;
}): Promise<void> {
  const { io, operation, params, call, pagination, output } = args;
  const p = await printer(io, operation.name, output);
  const page = (doc: Document) => prepare(doc, operation, p.timestamps);
  const paginator = pagination.enabled ? operation.paginator : undefined;
  if (!paginator) return p.print(page(await call(params)), true);

  const pages = new PageIterator(paginator, params, call, pagination);
  const resultKey = paginator.result_key;
  if (!p.entry.paged) {
    const all: Document[] = [];
    for await (const answer of pages) all.push(page(answer));
    return p.print(mergePages(all, resultKey, pages.resumeToken));
  }
  const text = output.format === "text";
  for await (const answer of pages) {
    const prepared = page(answer);
    // text prints only the result list of each page; yaml-stream prints each page whole
    await p.print(text ? { [resultKey]: prepared[resultKey] ?? null } : prepared);
  }
  if (text && pages.resumeToken !== undefined) await p.print({ NextToken: { NextToken: pages.resumeToken } });
}
