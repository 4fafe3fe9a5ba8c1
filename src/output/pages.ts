// Pagination as botocore's PageIterator drives it for the AWS CLI: follow the output token, stop and truncate at
// --max-items with a resumable token (base64 of {"NextToken": …, "boto_truncate_amount": k}), --starting-token
// taken back (anything that is not such a token is sent as is), --page-size on every request.
import type { Paginator } from "../model/index.js";
import type { Document } from "../engine/engine.js";
import { CliError, ExitCode } from "../errors/index.js";
import { pyJson } from "./python.js";

export interface PageOptions {
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
}

type Token = Record<string, unknown>;

/** TokenEncoder.encode. */
export function encodeToken(token: Token): string {
  return Buffer.from(pyJson(token), "utf8").toString("base64");
}

/** base64.b64decode without validation: other characters are dropped, padding must be right. */
function b64decode(text: string): Buffer | undefined {
  const data = text.replace(/[^A-Za-z0-9+/=]/g, "");
  const body = data.replace(/=.*$/s, "");
  const pads = data.length - body.length;
  const rem = body.length % 4;
  if (rem === 1 || (rem === 2 && pads < 2) || (rem === 3 && pads < 1)) return undefined;
  return Buffer.from(body, "base64");
}

/** TokenDecoder.decode, or undefined when the token is not one of ours. */
function decodeToken(text: string): Token | undefined {
  const bytes = b64decode(text);
  if (!bytes) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.assign(Object.create(null) as Token, parsed);
  } catch {
    return undefined;
  }
}

/** _parse_starting_token: the service token(s) to send and how many items of the first page to skip. */
export function parseStartingToken(text: string, inputTokens: string[]): { token: Token; skip: number } {
  const decoded = decodeToken(text);
  if (decoded) {
    let skip = 0;
    if ("boto_truncate_amount" in decoded) {
      skip = Number(decoded.boto_truncate_amount) || 0;
      delete decoded.boto_truncate_amount;
    }
    return { token: decoded, skip };
  }
  // the deprecated "token___index" form, else an opaque service token
  let parts = text.split("___");
  let skip = 0;
  if (parts.length === inputTokens.length + 1) {
    const last = parts[parts.length - 1]!.trim();
    if (/^[+-]?\d+$/.test(last)) {
      skip = Number(last);
      parts = parts.slice(0, -1);
    } else parts = [text];
  }
  if (parts.length > inputTokens.length) throw new CliError(`Bad starting token: ${text}`, ExitCode.other);
  const token: Token = Object.create(null) as Token;
  inputTokens.forEach((name, i) => (token[name] = parts[i] === undefined || parts[i] === "None" ? null : parts[i]));
  return { token, skip };
}

/** Pages of one paginated call, truncated as --max-items and --starting-token ask; resumeToken once done. */
export class PageIterator {
  resumeToken: string | undefined;
  private readonly inputTokens: string[];
  private readonly outputTokens: string[];

  constructor(
    private readonly paginator: Paginator,
    private readonly params: Document,
    private readonly call: (params: Document) => Promise<Document>,
    private readonly options: PageOptions,
  ) {
    this.inputTokens = paginator.input_token.split(/\s*,\s*/);
    this.outputTokens = paginator.output_token.split(/\s*,\s*/);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Document> {
    const resultKey = this.paginator.result_key;
    const kwargs: Document = { ...this.params };
    let nextToken: Token = Object.fromEntries(this.inputTokens.map((k) => [k, null]));
    let startingSkip = 0;
    if (this.options.startingToken !== undefined) {
      const parsed = parseStartingToken(this.options.startingToken, this.inputTokens);
      nextToken = { ...parsed.token };
      startingSkip = parsed.skip;
      inject(kwargs, parsed.token);
    }
    if (this.options.pageSize !== undefined) kwargs[this.paginator.limit_key] = this.options.pageSize;
    const maxItems = this.options.maxItems;
    let total = 0;
    let first = true;
    let previous: string | undefined;
    for (;;) {
      const page: Document = { ...(await this.call({ ...kwargs })) };
      let truncation = 0;
      if (first) {
        if (this.options.startingToken !== undefined) {
          truncation = startingSkip;
          const all = page[resultKey];
          page[resultKey] = Array.isArray(all) || typeof all === "string" ? all.slice(startingSkip) : null;
        }
        first = false;
      }
      const items = page[resultKey];
      const count = Array.isArray(items) ? items.length : 0;
      const excess = maxItems === undefined ? 0 : total + count - maxItems;
      if (excess > 0) {
        const keep = count - excess;
        page[resultKey] = Array.isArray(items) ? items.slice(0, keep) : [];
        this.resumeToken = encodeToken({ ...nextToken, boto_truncate_amount: keep + truncation });
        yield page;
        return;
      }
      yield page;
      total += count;
      nextToken = Object.fromEntries(this.inputTokens.map((k, i) => [k, truthyToken(page[this.outputTokens[i]!])]));
      if (Object.values(nextToken).every((t) => t === null)) return;
      if (maxItems !== undefined && total === maxItems) {
        this.resumeToken = encodeToken(nextToken);
        return;
      }
      const key = pyJson(nextToken);
      if (previous === key) throw new CliError(`Error during pagination: The same next token was received twice: ${key}`, ExitCode.other);
      inject(kwargs, nextToken);
      previous = key;
    }
  }
}

/** Empty strings are not tokens. */
const truthyToken = (v: unknown) => (v === undefined || v === null || v === "" ? null : v);

/** _inject_token_into_kwargs: set the tokens we have, drop the ones we do not. */
function inject(kwargs: Document, token: Token) {
  for (const [name, value] of Object.entries(token)) {
    if (value !== null && value !== undefined && value !== "None") kwargs[name] = value;
    else delete kwargs[name];
  }
}

/** build_full_result: the result lists of all pages joined, then the resume token. */
export function mergePages(pages: Document[], resultKey: string, resumeToken: string | undefined): Document {
  const merged: Document = {};
  for (const page of pages) {
    const value = page[resultKey];
    if (value === null || value === undefined) continue;
    const existing = merged[resultKey];
    if (existing === undefined) merged[resultKey] = Array.isArray(value) ? [...value] : value;
    else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
  }
  if (resumeToken !== undefined) merged.NextToken = resumeToken;
  return merged;
}
