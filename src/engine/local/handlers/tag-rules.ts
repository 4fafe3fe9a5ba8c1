// Tag rules shared by CreateDomain and the tagging operations (spec §4.6, §9 #35).
import { QUOTAS } from "../quotas.js";
import { invalid } from "../service-errors.js";
import type { Tag } from "../store/tags.js";

/** Rejects `aws:` keys (reserved by AWS) and keys repeated in one request. */
export function checkTagKeys(keys: string[], member: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (k.toLowerCase().startsWith("aws:")) throw invalid(`Tag keys starting with 'aws:' are reserved (in '${member}').`);
    if (seen.has(k)) throw invalid(`A tag key appears more than once in '${member}'.`); // TagKey is sensitive in the model: never echoed (spec §6.6)
    seen.add(k);
  }
}

export function checkTags(tags: Tag[], member = "tags"): void {
  checkTagKeys(
    tags.map((t) => t.Key),
    member,
  );
}

export function checkTagCount(count: number): void {
  if (count > QUOTAS.tagsPerResource) throw invalid(`A domain can hold at most ${QUOTAS.tagsPerResource} tags; this request would leave ${count}.`);
}
