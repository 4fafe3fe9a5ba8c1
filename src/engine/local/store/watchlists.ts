// Watchlist rows: lookup, the API document, counts for the watchlist and fraudster quotas (spec §4.2).
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { notFound } from "../service-errors.js";

export interface WatchlistRow {
  watchlist_id: string;
  domain_id: string;
  name: string;
  description: string | null;
  is_default: number;
  created_at: number;
  updated_at: number;
}

export function getWatchlist(ctx: LocalContext, domainId: string, watchlistId: string): WatchlistRow | undefined {
  return ctx.db.prepare("SELECT * FROM watchlists WHERE domain_id = ? AND watchlist_id = ?").get(domainId, watchlistId) as
    | WatchlistRow
    | undefined;
}

/** The watchlist of that domain, or ResourceNotFoundException WATCHLIST (also for a watchlist of another domain). */
export function requireWatchlist(ctx: LocalContext, domainId: string, watchlistId: string): WatchlistRow {
  const row = getWatchlist(ctx, domainId, watchlistId);
  if (!row) throw notFound("WATCHLIST", `The watchlist '${watchlistId}' does not exist in domain '${domainId}'.`);
  return row;
}

/** The Watchlist / WatchlistSummary document; timestamps as Date. */
export function watchlistDoc(row: WatchlistRow): Document {
  const doc: Document = {
    CreatedAt: new Date(row.created_at),
    DefaultWatchlist: row.is_default === 1,
    DomainId: row.domain_id,
    Name: row.name,
    UpdatedAt: new Date(row.updated_at),
    WatchlistId: row.watchlist_id,
  };
  if (row.description != null) doc.Description = row.description;
  return doc;
}

export function insertWatchlist(ctx: LocalContext, row: WatchlistRow): void {
  ctx.db
    .prepare(
      `INSERT INTO watchlists (watchlist_id, domain_id, name, description, is_default, created_at, updated_at)
       VALUES (@watchlist_id, @domain_id, @name, @description, @is_default, @created_at, @updated_at)`,
    )
    .run(row);
}

export function countWatchlists(ctx: LocalContext, domainId: string): number {
  return (ctx.db.prepare("SELECT count(*) AS n FROM watchlists WHERE domain_id = ?").get(domainId) as { n: number }).n;
}

/** Fraudsters in a watchlist, for the 500-per-watchlist quota (spec §6.4). */
export function countFraudstersInWatchlist(ctx: LocalContext, watchlistId: string): number {
  return (ctx.db.prepare("SELECT count(*) AS n FROM fraudster_watchlists WHERE watchlist_id = ?").get(watchlistId) as { n: number }).n;
}
