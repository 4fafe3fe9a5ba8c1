// CreateDomain, DescribeDomain, ListDomains, UpdateDomain, DeleteDomain (spec §4.1).
// Local choices (spec §9): BIPA consent is always given, so no COMPLIANCE_CONSENT errors (#28); names are not
// unique (#21); AccessDenied and throttling are never raised (#29); KMS key ids are not checked (#27).
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { listPage } from "../paginate.js";
import { QUOTAS } from "../quotas.js";
import { conflict, quotaExceeded } from "../service-errors.js";
import {
  countDomains,
  domainDoc,
  domainNotFound,
  getDomain,
  insertDomain,
  purgeDueDomains,
  purgeExpiredDomains,
  requireDomain,
  settleEncryptionUpdate,
  type DomainRow,
} from "../store/domains.js";
import type { Tag } from "../store/tags.js";
import { inTransaction } from "../store/tx.js";

/** Name of the watchlist every domain is created with (undocumented in the service; spec §9 #20). */
export const DEFAULT_WATCHLIST_NAME = "default";

/** What only creation needs, loaded on the first CreateDomain: describe-domain is the start-up path that counts. */
async function creationHelpers() {
  const [ids, idempotency, tags, watchlists, rules] = await Promise.all([
    import("../ids.js"),
    import("../store/idempotency.js"),
    import("../store/tags.js"),
    import("../store/watchlists.js"),
    import("./tag-rules.js"),
  ]);
  return { ...ids, ...idempotency, ...tags, ...watchlists, ...rules };
}

async function createDomain(ctx: LocalContext, p: Document): Promise<Document> {
  const { checkTags, checkTagCount, withIdempotency, domainArn, insertWatchlist, putTags } = await creationHelpers();
  const tags = (p.Tags as Tag[] | undefined) ?? [];
  checkTags(tags);
  checkTagCount(tags.length);
  return withIdempotency(ctx, "CreateDomain", undefined, p.ClientToken as string | undefined, p, () => {
    purgeExpiredDomains(ctx);
    // SUSPENDED domains count until purged; the quota is per local region (spec §4.1, §9 #26).
    if (countDomains(ctx) >= QUOTAS.domainsPerRegion)
      throw quotaExceeded(`You can have at most ${QUOTAS.domainsPerRegion} domains (deleted domains count until they are purged).`);
    const now = ctx.now().getTime();
    const domainId = ctx.newId();
    const row: DomainRow = {
      domain_id: domainId,
      region: ctx.settings.region,
      account: ctx.settings.account,
      arn: domainArn(ctx.settings, domainId),
      name: p.Name as string,
      description: (p.Description as string | undefined) ?? null,
      status: "ACTIVE", // created ACTIVE, never PENDING (spec §4.1)
      kms_key_id: (p.ServerSideEncryptionConfiguration as { KmsKeyId: string }).KmsKeyId,
      sse_update_status: null,
      sse_old_kms_key_id: null,
      sse_message: null,
      default_watchlist_id: ctx.newId(),
      created_at: now,
      updated_at: now,
      deleted_at: null,
    };
    insertDomain(ctx, row);
    // The default watchlist comes with the domain: Name "default", no Description (spec §9 #20).
    insertWatchlist(ctx, {
      watchlist_id: row.default_watchlist_id,
      domain_id: domainId,
      name: DEFAULT_WATCHLIST_NAME,
      description: null,
      is_default: 1,
      created_at: now,
      updated_at: now,
    });
    putTags(ctx, domainId, tags);
    return { Domain: domainDoc(row) };
  });
}

/** SUSPENDED domains stay visible here (spec §4.1, §9 #26). */
function describeDomain(ctx: LocalContext, p: Document): Document {
  const row = getDomain(ctx, p.DomainId as string);
  if (!row) throw domainNotFound(p.DomainId as string);
  return { Domain: domainDoc(settleEncryptionUpdate(ctx, row)) };
}

/** All domains of this account and region, SUSPENDED ones included, in creation order. */
function listDomains(ctx: LocalContext, p: Document): Document {
  purgeDueDomains(ctx);
  const q = { sql: "SELECT * FROM domains WHERE account = ? AND region = ?", args: [ctx.settings.account, ctx.settings.region], order: ["created_at", "domain_id"] as [string, string] };
  return listPage(ctx, "ListDomains", p, "DomainSummaries", q, (r: DomainRow) => domainDoc(settleEncryptionUpdate(ctx, r)));
}

/**
 * How long a key change stays IN_PROGRESS for an UpdateDomain that changes the key again when nothing reads the
 * domain meanwhile. The service re-encrypted in the background and finished on its own, so a script that retries
 * only UpdateDomain must get through; a change right after another is still refused, as the service refused it.
 */
export const ENCRYPTION_UPDATE_MS = 1000;

/**
 * Clobber semantics (spec §4.1): Name and the KMS key are required and an omitted Description is removed.
 * A new key reports IN_PROGRESS here and COMPLETED from the next read (an UpdateDomain that keeps the key is one),
 * or once ENCRYPTION_UPDATE_MS have passed; another key change while it is IN_PROGRESS is a ConflictException
 * DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES (spec §9 #27).
 */
function updateDomain(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    let row = requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const kms = (p.ServerSideEncryptionConfiguration as { KmsKeyId: string }).KmsKeyId;
    // Keeping the key reads the domain, as DescribeDomain does, so the pending change completes first. The one-second
    // wait is timed from updated_at, which every UpdateDomain moves: were renames not to settle the change, renaming
    // more often than once a second would hold it IN_PROGRESS for ever.
    if (kms === row.kms_key_id || ctx.now().getTime() - row.updated_at >= ENCRYPTION_UPDATE_MS) row = settleEncryptionUpdate(ctx, row);
    const next: DomainRow = {
      ...row,
      name: p.Name as string,
      description: (p.Description as string | undefined) ?? null,
      updated_at: ctx.now().getTime(),
    };
    if (kms !== row.kms_key_id) {
      if (row.sse_update_status === "IN_PROGRESS")
        throw conflict(
          "DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES",
          `The domain '${row.domain_id}' is still re-encrypting with its previous key change; try again once it completes.`,
        );
      Object.assign(next, { kms_key_id: kms, sse_update_status: "IN_PROGRESS", sse_old_kms_key_id: row.kms_key_id, sse_message: null });
    }
    ctx.db
      .prepare(
        `UPDATE domains SET name = @name, description = @description, kms_key_id = @kms_key_id,
           sse_update_status = @sse_update_status, sse_old_kms_key_id = @sse_old_kms_key_id, sse_message = @sse_message,
           updated_at = @updated_at WHERE domain_id = @domain_id`,
      )
      .run(next);
    return { Domain: domainDoc(next) };
  });
}

/** Soft delete: SUSPENDED, kept 30 days, then purged (spec §4.1). Deleting it again → DOMAIN_NOT_ACTIVE. */
function deleteDomain(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    const row = requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const now = ctx.now().getTime();
    ctx.db.prepare("UPDATE domains SET status = 'SUSPENDED', deleted_at = ?, updated_at = ? WHERE domain_id = ?").run(now, now, row.domain_id);
    return {};
  });
}

export const domainHandlers: HandlerTable = {
  CreateDomain: createDomain,
  DescribeDomain: describeDomain,
  ListDomains: listDomains,
  UpdateDomain: updateDomain,
  DeleteDomain: deleteDomain,
};
