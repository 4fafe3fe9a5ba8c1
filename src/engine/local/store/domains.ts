// Domain rows: lookup with the lifecycle rules (spec §4.1, §9 #26), the API document, quota counting.
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { DOMAIN_RETENTION_MS } from "../quotas.js";
import { conflict, notFound } from "../service-errors.js";
import { inTransaction } from "./tx.js";

export interface DomainRow {
  domain_id: string;
  region: string;
  account: string;
  arn: string;
  name: string;
  description: string | null;
  status: "ACTIVE" | "SUSPENDED";
  kms_key_id: string;
  sse_update_status: string | null;
  sse_old_kms_key_id: string | null;
  sse_message: string | null;
  default_watchlist_id: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/**
 * The domain row in this engine's account and region, whatever its status; undefined when unknown or when
 * it was deleted more than 30 days ago (then it is purged on the spot, spec §9 #26).
 */
export function getDomain(ctx: LocalContext, domainId: string): DomainRow | undefined {
  const row = ctx.db
    .prepare("SELECT * FROM domains WHERE domain_id = ? AND account = ? AND region = ?")
    .get(domainId, ctx.settings.account, ctx.settings.region) as DomainRow | undefined;
  if (row && isPurgeDue(ctx, row)) {
    inTransaction(ctx, () => purgeExpiredDomains(ctx));
    return undefined;
  }
  return row;
}

function isPurgeDue(ctx: LocalContext, row: DomainRow): boolean {
  return row.status === "SUSPENDED" && row.deleted_at != null && row.deleted_at <= purgeCutoff(ctx);
}

/** Domains deleted at or before this time are due for purging (30 days, or VOICE_ID_DOMAIN_RETENTION_DAYS). */
export function purgeCutoff(ctx: LocalContext): number {
  const days = ctx.settings.domainRetentionDays;
  return ctx.now().getTime() - (days === undefined ? DOMAIN_RETENTION_MS : days * 24 * 3_600_000);
}

export const domainNotFound = (domainId: string) => notFound("DOMAIN", `The domain '${domainId}' does not exist.`);

/**
 * The ACTIVE domain an operation works in. Unknown → ResourceNotFoundException DOMAIN. SUSPENDED (deleted) →
 * ConflictException DOMAIN_NOT_ACTIVE for mutating operations (forWrite), ResourceNotFoundException DOMAIN for
 * reads, which cannot return ConflictException in the model (spec §6.3, §9 #26).
 */
export function requireDomain(ctx: LocalContext, domainId: string, opts: { forWrite?: boolean } = {}): DomainRow {
  const row = getDomain(ctx, domainId);
  if (!row) throw domainNotFound(domainId);
  if (row.status !== "ACTIVE") {
    if (opts.forWrite) throw conflict("DOMAIN_NOT_ACTIVE", `The domain '${domainId}' is not active (status ${row.status}).`);
    throw domainNotFound(domainId);
  }
  return row;
}

/** The Domain / DomainSummary document (identical shapes); timestamps as Date. */
export function domainDoc(row: DomainRow): Document {
  const doc: Document = {
    Arn: row.arn,
    CreatedAt: new Date(row.created_at),
    DomainId: row.domain_id,
    DomainStatus: row.status,
    Name: row.name,
    ServerSideEncryptionConfiguration: { KmsKeyId: row.kms_key_id },
    UpdatedAt: new Date(row.updated_at),
    WatchlistDetails: { DefaultWatchlistId: row.default_watchlist_id },
  };
  if (row.description != null) doc.Description = row.description;
  if (row.sse_update_status) {
    const details: Document = { UpdateStatus: row.sse_update_status };
    if (row.sse_old_kms_key_id != null) details.OldKmsKeyId = row.sse_old_kms_key_id;
    if (row.sse_message != null) details.Message = row.sse_message;
    doc.ServerSideEncryptionUpdateDetails = details;
  }
  return doc;
}

export function insertDomain(ctx: LocalContext, row: DomainRow): void {
  ctx.db
    .prepare(
      `INSERT INTO domains (domain_id, region, account, arn, name, description, status, kms_key_id, sse_update_status,
         sse_old_kms_key_id, sse_message, default_watchlist_id, created_at, updated_at, deleted_at)
       VALUES (@domain_id, @region, @account, @arn, @name, @description, @status, @kms_key_id, @sse_update_status,
         @sse_old_kms_key_id, @sse_message, @default_watchlist_id, @created_at, @updated_at, @deleted_at)`,
    )
    .run(row);
}

/** Domains of this account and region, SUSPENDED ones included (they count toward the quota, §9 #26). */
export function countDomains(ctx: LocalContext): number {
  const r = ctx.db
    .prepare("SELECT count(*) AS n FROM domains WHERE account = ? AND region = ?")
    .get(ctx.settings.account, ctx.settings.region) as { n: number };
  return r.n;
}

/** Purges due domains only when there are some, so reads stay read-only in the common case. */
export function purgeDueDomains(ctx: LocalContext): void {
  const due = ctx.db
    .prepare("SELECT 1 FROM domains WHERE status = 'SUSPENDED' AND deleted_at IS NOT NULL AND deleted_at <= ? LIMIT 1")
    .get(purgeCutoff(ctx));
  if (due) inTransaction(ctx, () => purgeExpiredDomains(ctx));
}

/**
 * Erases SUSPENDED domains deleted at or before the cutoff (default: the retention period), with everything in
 * them (cascade). Call inside a write transaction. Returns how many domains went.
 */
export function purgeExpiredDomains(ctx: LocalContext, cutoff = purgeCutoff(ctx)): number {
  return ctx.db.prepare("DELETE FROM domains WHERE status = 'SUSPENDED' AND deleted_at IS NOT NULL AND deleted_at <= ?").run(cutoff)
    .changes;
}

/** A key change reports IN_PROGRESS in the UpdateDomain response and COMPLETED from the next read on (§9 #27). */
export function settleEncryptionUpdate(ctx: LocalContext, row: DomainRow): DomainRow {
  if (row.sse_update_status !== "IN_PROGRESS") return row;
  inTransaction(ctx, () =>
    ctx.db.prepare("UPDATE domains SET sse_update_status = 'COMPLETED' WHERE domain_id = ? AND sse_update_status = 'IN_PROGRESS'").run(row.domain_id),
  );
  return { ...row, sse_update_status: "COMPLETED" };
}
