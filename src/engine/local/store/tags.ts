// Domain tags (spec §4.6): insertion-ordered key/value pairs, add-or-overwrite, untag ignores unknown keys.
import type { LocalContext } from "../context.js";

export interface Tag {
  Key: string;
  Value: string;
}

export function listTags(ctx: LocalContext, domainId: string): Tag[] {
  return ctx.db.prepare("SELECT key AS Key, value AS Value FROM tags WHERE domain_id = ? ORDER BY position").all(domainId) as Tag[];
}

/** Adds or overwrites by key; an overwritten tag keeps its place. Call inside a write transaction. */
export function putTags(ctx: LocalContext, domainId: string, tags: Tag[]): void {
  const next = ctx.db.prepare("SELECT coalesce(max(position), -1) + 1 AS p FROM tags WHERE domain_id = ?");
  const upsert = ctx.db.prepare(
    `INSERT INTO tags (domain_id, key, value, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (domain_id, key) DO UPDATE SET value = excluded.value`,
  );
  for (const t of tags) upsert.run(domainId, t.Key, t.Value, (next.get(domainId) as { p: number }).p);
}

export function removeTags(ctx: LocalContext, domainId: string, keys: string[]): void {
  const del = ctx.db.prepare("DELETE FROM tags WHERE domain_id = ? AND key = ?");
  for (const k of keys) del.run(domainId, k);
}

/** How many tags the domain would have after adding these keys (existing keys are overwritten, not added). */
export function tagCountAfter(ctx: LocalContext, domainId: string, keys: string[]): number {
  const existing = new Set(listTags(ctx, domainId).map((t) => t.Key));
  for (const k of keys) existing.add(k);
  return existing.size;
}
