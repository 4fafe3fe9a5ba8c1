// ClientToken replay (spec §5, §9 #30): the same token and request return the first response; the same
// token with a different request is a ConflictException; failures are not remembered; tokens live 24 h.
import { nodeCrypto } from "../crypto.js";
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { canonicalJson } from "../canonical-json.js";
import { TOKEN_LIFETIME_MS } from "../quotas.js";
import { conflict } from "../service-errors.js";
import { fromWire, toWire } from "../wire.js";
import { inTransaction } from "./tx.js";

/** sha256 of the request without its ClientToken. */
export function requestHash(params: Document): string {
  const { ClientToken: _t, ...rest } = params;
  return nodeCrypto().createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

/** Token scope: account/region, plus the DomainId for domain-scoped operations. */
export function idempotencyScope(ctx: LocalContext, domainId?: string): string {
  return `${ctx.settings.account}/${ctx.settings.region}${domainId ? `/${domainId}` : ""}`;
}

/**
 * Runs fn (synchronous) in an IMMEDIATE transaction, once per (operation, scope, ClientToken):
 * - no token → just runs fn in a transaction;
 * - token seen within 24 h with the same request → the stored first response (Dates rebuilt), fn not run;
 * - token seen with a different request → ConflictException without ConflictType;
 * - fn throws → nothing is remembered (the transaction rolls back).
 * `domainId` is the scope's domain for domain-scoped operations (CreateWatchlist, Start*Job), else undefined.
 * The record and the resource commit together, so racing processes create exactly one resource.
 */
export function withIdempotency(
  ctx: LocalContext,
  op: string,
  domainId: string | undefined,
  token: string | undefined,
  params: Document,
  fn: () => Document,
): Document {
  if (token === undefined) return inTransaction(ctx, fn);
  const scope = idempotencyScope(ctx, domainId);
  const hash = requestHash(params);
  return inTransaction(ctx, () => {
    const now = ctx.now().getTime();
    ctx.db
      .prepare("DELETE FROM idempotency WHERE operation = ? AND scope = ? AND token = ? AND created_at <= ?")
      .run(op, scope, token, now - TOKEN_LIFETIME_MS);
    const seen = ctx.db
      .prepare("SELECT request_hash, response FROM idempotency WHERE operation = ? AND scope = ? AND token = ?")
      .get(op, scope, token) as { request_hash: string; response: string } | undefined;
    if (seen) {
      if (seen.request_hash !== hash) throw conflict(undefined, `ClientToken '${token}' was already used with different parameters.`);
      return fromWire(op, JSON.parse(seen.response) as Document);
    }
    const result = fn();
    ctx.db
      .prepare("INSERT INTO idempotency (operation, scope, token, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(op, scope, token, hash, JSON.stringify(toWire(op, result)), now);
    return result;
  });
}
