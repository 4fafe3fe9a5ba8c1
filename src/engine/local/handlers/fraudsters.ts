// DescribeFraudster, ListFraudsters, DeleteFraudster, AssociateFraudster, DisassociateFraudster (spec §4.3).
// Fraudsters are created only by registration jobs (jobs/), never here.
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { listPage } from "../paginate.js";
import { QUOTAS } from "../quotas.js";
import { conflict, invalid, quotaExceeded } from "../service-errors.js";
import { requireDomain } from "../store/domains.js";
import { addToWatchlist, fraudsterDoc, removeFromWatchlist, requireFraudster, watchlistIdsOf, type FraudsterRow } from "../store/fraudsters.js";
import { inTransaction } from "../store/tx.js";
import { countFraudstersInWatchlist, requireWatchlist } from "../store/watchlists.js";

function describeFraudster(ctx: LocalContext, p: Document): Document {
  requireDomain(ctx, p.DomainId as string);
  return { Fraudster: fraudsterDoc(ctx, requireFraudster(ctx, p.DomainId as string, p.FraudsterId as string)) };
}

/** A watchlist's fraudsters when WatchlistId is given, else every fraudster of the domain; creation order. */
function listFraudsters(ctx: LocalContext, p: Document): Document {
  const domainId = requireDomain(ctx, p.DomainId as string).domain_id;
  const watchlistId = p.WatchlistId as string | undefined;
  if (watchlistId !== undefined) requireWatchlist(ctx, domainId, watchlistId);
  const inWatchlist = "AND EXISTS (SELECT 1 FROM fraudster_watchlists m WHERE m.fraudster_id = f.fraudster_id AND m.watchlist_id = ?)";
  const q = {
    sql: `SELECT f.* FROM fraudsters f WHERE f.domain_id = ? ${watchlistId === undefined ? "" : inWatchlist}`,
    args: watchlistId === undefined ? [domainId] : [domainId, watchlistId],
    order: ["f.created_at", "f.fraudster_id"] as [string, string],
  };
  return listPage(ctx, "ListFraudsters", p, "FraudsterSummaries", q, (r: FraudsterRow) => fraudsterDoc(ctx, r));
}

/** Removes the fraudster from every watchlist along with its voiceprint. */
function deleteFraudster(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const row = requireFraudster(ctx, p.DomainId as string, p.FraudsterId as string);
    ctx.db.prepare("DELETE FROM fraudsters WHERE fraudster_id = ?").run(row.fraudster_id);
    return {};
  });
}

/** Already associated → success, unchanged (§9 #22); a full watchlist (500) → ServiceQuotaExceededException. */
function associateFraudster(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    const domainId = requireDomain(ctx, p.DomainId as string, { forWrite: true }).domain_id;
    const fraudster = requireFraudster(ctx, domainId, p.FraudsterId as string);
    const watchlist = requireWatchlist(ctx, domainId, p.WatchlistId as string);
    if (!watchlistIdsOf(ctx, fraudster.fraudster_id).includes(watchlist.watchlist_id)) {
      if (countFraudstersInWatchlist(ctx, watchlist.watchlist_id) >= QUOTAS.fraudstersPerWatchlist)
        throw quotaExceeded(`A watchlist can hold at most ${QUOTAS.fraudstersPerWatchlist} fraudsters.`);
      addToWatchlist(ctx, fraudster.fraudster_id, watchlist.watchlist_id);
    }
    return { Fraudster: fraudsterDoc(ctx, fraudster) };
  });
}

/**
 * Not a member → ValidationException; removing the last watchlist → ConflictException
 * FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST (the op doc says ValidationException, the enum exists
 * only for this case; spec §9 #17).
 */
function disassociateFraudster(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    const domainId = requireDomain(ctx, p.DomainId as string, { forWrite: true }).domain_id;
    const fraudster = requireFraudster(ctx, domainId, p.FraudsterId as string);
    const watchlist = requireWatchlist(ctx, domainId, p.WatchlistId as string);
    const memberships = watchlistIdsOf(ctx, fraudster.fraudster_id);
    if (!memberships.includes(watchlist.watchlist_id))
      throw invalid(`The fraudster is not in the watchlist '${watchlist.watchlist_id}'.`);
    if (memberships.length === 1)
      throw conflict(
        "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST",
        `The watchlist '${watchlist.watchlist_id}' is the fraudster's only watchlist; a fraudster must belong to at least one.`,
      );
    removeFromWatchlist(ctx, fraudster.fraudster_id, watchlist.watchlist_id);
    return { Fraudster: fraudsterDoc(ctx, fraudster) };
  });
}

export const fraudsterHandlers: HandlerTable = {
  DescribeFraudster: describeFraudster,
  ListFraudsters: listFraudsters,
  DeleteFraudster: deleteFraudster,
  AssociateFraudster: associateFraudster,
  DisassociateFraudster: disassociateFraudster,
};
