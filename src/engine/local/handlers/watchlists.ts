// CreateWatchlist, DescribeWatchlist, ListWatchlists, UpdateWatchlist, DeleteWatchlist (spec §4.2).
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { listPage } from "../paginate.js";
import { QUOTAS } from "../quotas.js";
import { conflict, invalid, quotaExceeded } from "../service-errors.js";
import { requireDomain } from "../store/domains.js";
import { withIdempotency } from "../store/idempotency.js";
import { inTransaction } from "../store/tx.js";
import {
  countFraudstersInWatchlist,
  countWatchlists,
  insertWatchlist,
  requireWatchlist,
  watchlistDoc,
  type WatchlistRow,
} from "../store/watchlists.js";

/** Idempotent per (domain, ClientToken); at most 3 watchlists per domain, the default included. */
function createWatchlist(ctx: LocalContext, p: Document): Document {
  const domainId = p.DomainId as string;
  return withIdempotency(ctx, "CreateWatchlist", domainId, p.ClientToken as string | undefined, p, () => {
    requireDomain(ctx, domainId, { forWrite: true });
    if (countWatchlists(ctx, domainId) >= QUOTAS.watchlistsPerDomain)
      throw quotaExceeded(`A domain can have at most ${QUOTAS.watchlistsPerDomain} watchlists, including its default watchlist.`);
    const now = ctx.now().getTime();
    const row: WatchlistRow = {
      watchlist_id: ctx.newId(),
      domain_id: domainId,
      name: p.Name as string,
      description: (p.Description as string | undefined) ?? null,
      is_default: 0,
      created_at: now,
      updated_at: now,
    };
    insertWatchlist(ctx, row);
    return { Watchlist: watchlistDoc(row) };
  });
}

function describeWatchlist(ctx: LocalContext, p: Document): Document {
  requireDomain(ctx, p.DomainId as string);
  return { Watchlist: watchlistDoc(requireWatchlist(ctx, p.DomainId as string, p.WatchlistId as string)) };
}

function listWatchlists(ctx: LocalContext, p: Document): Document {
  const domainId = requireDomain(ctx, p.DomainId as string).domain_id;
  const q = { sql: "SELECT * FROM watchlists WHERE domain_id = ?", args: [domainId], order: ["created_at", "watchlist_id"] as [string, string] };
  return listPage(ctx, "ListWatchlists", p, "WatchlistSummaries", q, watchlistDoc);
}

/** Patch semantics: only the given members change (spec §9 #19); the default watchlist cannot change (§9 #18). */
function updateWatchlist(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const row = requireWatchlist(ctx, p.DomainId as string, p.WatchlistId as string);
    if (row.is_default) throw invalid("The default watchlist cannot be updated.");
    const next: WatchlistRow = {
      ...row,
      name: (p.Name as string | undefined) ?? row.name,
      description: p.Description !== undefined ? (p.Description as string) : row.description,
      updated_at: ctx.now().getTime(),
    };
    ctx.db
      .prepare("UPDATE watchlists SET name = @name, description = @description, updated_at = @updated_at WHERE watchlist_id = @watchlist_id")
      .run(next);
    return { Watchlist: watchlistDoc(next) };
  });
}

/** The default watchlist cannot be deleted (§9 #18); a watchlist with fraudsters neither (CANNOT_DELETE_NON_EMPTY_WATCHLIST). */
function deleteWatchlist(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const row = requireWatchlist(ctx, p.DomainId as string, p.WatchlistId as string);
    if (row.is_default) throw invalid("The default watchlist cannot be deleted.");
    if (countFraudstersInWatchlist(ctx, row.watchlist_id) > 0)
      throw conflict("CANNOT_DELETE_NON_EMPTY_WATCHLIST", `The watchlist '${row.watchlist_id}' still has fraudsters; disassociate or delete them first.`);
    ctx.db.prepare("DELETE FROM watchlists WHERE watchlist_id = ?").run(row.watchlist_id);
    return {};
  });
}

export const watchlistHandlers: HandlerTable = {
  CreateWatchlist: createWatchlist,
  DescribeWatchlist: describeWatchlist,
  ListWatchlists: listWatchlists,
  UpdateWatchlist: updateWatchlist,
  DeleteWatchlist: deleteWatchlist,
};
