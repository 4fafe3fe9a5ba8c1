// List pagination (spec §7.6, §9 #34): MaxResults defaults to the most the operation accepts; NextTokens are
// opaque, signed with a per-store key, bound to the operation and the request's other parameters, 24 h.
import { nodeCrypto } from "./crypto.js";
import type { Document } from "../engine.js";
import type { LocalContext } from "./context.js";
import { TOKEN_LIFETIME_MS } from "./quotas.js";
import { invalid } from "./service-errors.js";
import { canonicalJson } from "./canonical-json.js";
import { inTransaction } from "./store/tx.js";

/** Default page size = the maximum the model accepts (ListDomains 10, others 100), spec §7.6 CHOICE. */
export function maxResults(op: string, params: Document): number {
  const max = op === "ListDomains" ? 10 : 100;
  return typeof params.MaxResults === "number" ? Math.min(params.MaxResults, max) : max;
}

/** A position in a list: the sort key of the last item returned, e.g. [created_at, id]. */
export type Cursor = (string | number)[];

interface TokenPayload {
  o: string; // operation
  h: string; // hash of the other parameters
  a: Cursor; // resume after this sort key
  x: number; // expiry, epoch ms
}

const keys = new WeakMap<object, Buffer>();

/** The store's signing key, created on first use (one per store, so tokens survive across processes). */
function signingKey(ctx: LocalContext): Buffer {
  let key = keys.get(ctx.db);
  if (!key) {
    const get = () => ctx.db.prepare("SELECT value FROM meta WHERE key = 'next_token_key'").get() as { value: string } | undefined;
    let row = get();
    if (!row) {
      row = inTransaction(ctx, () => {
        ctx.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('next_token_key', ?)").run(nodeCrypto().randomBytes(32).toString("hex"));
        return get()!;
      });
    }
    key = Buffer.from(row.value, "hex");
    keys.set(ctx.db, key);
  }
  return key;
}

/** Hash of everything in the request except the paging members: a token only resumes the same query. */
function bindingHash(op: string, params: Document): string {
  const { NextToken: _n, MaxResults: _m, ...rest } = params;
  return nodeCrypto().createHash("sha256").update(`${op}\n${canonicalJson(rest)}`).digest("base64url").slice(0, 22);
}

const sign = (ctx: LocalContext, body: string) => nodeCrypto().createHmac("sha256", signingKey(ctx)).update(body).digest("base64url");

export function encodeToken(ctx: LocalContext, op: string, params: Document, after: Cursor): string {
  const payload: TokenPayload = { o: op, h: bindingHash(op, params), a: after, x: ctx.now().getTime() + TOKEN_LIFETIME_MS };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(ctx, body)}`;
}

/** The cursor a request's NextToken resumes after; undefined for the first page (absent or empty token). */
export function decodeToken(ctx: LocalContext, op: string, params: Document): Cursor | undefined {
  const token = params.NextToken;
  if (token === undefined || token === "") return undefined;
  const bad = () => invalid("Invalid NextToken: it was not issued by this operation for these parameters.");
  if (typeof token !== "string") throw bad();
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) throw bad();
  const expected = Buffer.from(sign(ctx, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !nodeCrypto().timingSafeEqual(expected, given)) throw bad();
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenPayload;
  } catch {
    throw bad();
  }
  if (payload.o !== op || payload.h !== bindingHash(op, params) || !Array.isArray(payload.a)) throw bad();
  if (ctx.now().getTime() > payload.x) throw invalid("Invalid NextToken: it has expired (tokens are valid for 24 hours).");
  return payload.a;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of a list in a stable order. fetch(after, limit) returns up to `limit` rows strictly after the
 * cursor (all rows from the start when undefined), in the list's order; cursorOf gives a row's sort key.
 */
export function paginate<T>(
  ctx: LocalContext,
  op: string,
  params: Document,
  fetch: (after: Cursor | undefined, limit: number) => T[],
  cursorOf: (row: T) => Cursor,
): Page<T> {
  const after = decodeToken(ctx, op, params);
  const size = maxResults(op, params);
  const rows = fetch(after, size + 1);
  if (rows.length <= size) return { items: rows };
  const items = rows.slice(0, size);
  return { items, nextToken: encodeToken(ctx, op, params, cursorOf(items[items.length - 1])) };
}

/**
 * SQL for "rows after this cursor" in a keyset over (a, b), ascending (or descending, e.g. jobs newest first):
 * returns a WHERE fragment ("1" on the first page) and its arguments.
 */
export function afterCursor(after: Cursor | undefined, a: string, b: string, descending = false): [string, (string | number)[]] {
  if (!after) return ["1", []];
  return [`(${a}, ${b}) ${descending ? "<" : ">"} (?, ?)`, [after[0], after[1]]];
}

/** A list query: `sql` selects the rows (ending in a WHERE clause), `order` names the two keyset columns. */
export interface ListQuery {
  sql: string;
  args: (string | number)[];
  order: [string, string];
  descending?: boolean;
}

/**
 * A whole list output: one page of the query's rows as `resultKey` (converted by toDoc) plus NextToken
 * when more remain. Order columns may carry a table alias ("f.created_at"); rows hold the bare names.
 */
export function listPage<R>(ctx: LocalContext, op: string, params: Document, resultKey: string, q: ListQuery, toDoc: (row: R) => Document): Document {
  const dir = q.descending ? " DESC" : "";
  const page = paginate(
    ctx,
    op,
    params,
    (after, limit) => {
      const [where, args] = afterCursor(after, q.order[0], q.order[1], q.descending);
      return ctx.db
        .prepare(`${q.sql} AND ${where} ORDER BY ${q.order[0]}${dir}, ${q.order[1]}${dir} LIMIT ?`)
        .all(...q.args, ...args, limit) as R[];
    },
    (row) => q.order.map((c) => (row as Record<string, string | number>)[c.replace(/^\w+\./, "")]),
  );
  const out: Document = { [resultKey]: page.items.map(toDoc) };
  if (page.nextToken) out.NextToken = page.nextToken;
  return out;
}
