// Fraudster rows and their watchlist memberships (spec §4.3): lookup, the API document, membership changes.
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { notFound } from "../service-errors.js";

export interface FraudsterRow {
  fraudster_id: string;
  domain_id: string;
  created_at: number;
  voiceprint: Buffer | null;
  source_job_id: string | null;
  source_request_id: string | null;
}

export function getFraudster(ctx: LocalContext, domainId: string, fraudsterId: string): FraudsterRow | undefined {
  return ctx.db.prepare("SELECT * FROM fraudsters WHERE domain_id = ? AND fraudster_id = ?").get(domainId, fraudsterId) as
    | FraudsterRow
    | undefined;
}

/** The fraudster of that domain, or ResourceNotFoundException FRAUDSTER (without the id: fraudster ids are sensitive in the model). */
export function requireFraudster(ctx: LocalContext, domainId: string, fraudsterId: string): FraudsterRow {
  const row = getFraudster(ctx, domainId, fraudsterId);
  if (!row) throw notFound("FRAUDSTER", `The fraudster does not exist in domain '${domainId}'.`);
  return row;
}

/** Watchlists the fraudster belongs to, in the order it joined them. */
export function watchlistIdsOf(ctx: LocalContext, fraudsterId: string): string[] {
  return (
    ctx.db
      .prepare("SELECT watchlist_id FROM fraudster_watchlists WHERE fraudster_id = ? ORDER BY added_at, watchlist_id")
      .all(fraudsterId) as { watchlist_id: string }[]
  ).map((r) => r.watchlist_id);
}

/** The Fraudster / FraudsterSummary document; timestamps as Date. */
export function fraudsterDoc(ctx: LocalContext, row: FraudsterRow): Document {
  return {
    CreatedAt: new Date(row.created_at),
    DomainId: row.domain_id,
    GeneratedFraudsterId: row.fraudster_id,
    WatchlistIds: watchlistIdsOf(ctx, row.fraudster_id),
  };
}

/** Adds the fraudster to a watchlist; true when it was not a member yet. */
export function addToWatchlist(ctx: LocalContext, fraudsterId: string, watchlistId: string): boolean {
  return (
    ctx.db
      .prepare("INSERT OR IGNORE INTO fraudster_watchlists (fraudster_id, watchlist_id, added_at) VALUES (?, ?, ?)")
      .run(fraudsterId, watchlistId, ctx.now().getTime()).changes > 0
  );
}

export function removeFromWatchlist(ctx: LocalContext, fraudsterId: string, watchlistId: string): boolean {
  return (
    ctx.db.prepare("DELETE FROM fraudster_watchlists WHERE fraudster_id = ? AND watchlist_id = ?").run(fraudsterId, watchlistId).changes > 0
  );
}
