// TagResource, UntagResource, ListTagsForResource (spec §4.6). Only domains are taggable.
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { domainIdOfArn } from "../ids.js";
import { notFound } from "../service-errors.js";
import { getDomain, type DomainRow } from "../store/domains.js";
import { listTags, putTags, removeTags, tagCountAfter, type Tag } from "../store/tags.js";
import { inTransaction } from "../store/tx.js";
import { checkTagCount, checkTagKeys, checkTags } from "./tag-rules.js";

/** The ACTIVE domain an ARN names; an unknown or SUSPENDED domain → ResourceNotFoundException DOMAIN (spec §4.6). */
function domainOfArn(ctx: LocalContext, arn: string): DomainRow {
  const id = domainIdOfArn(arn);
  const row = id ? getDomain(ctx, id) : undefined;
  if (!row || row.arn !== arn || row.status !== "ACTIVE") throw notFound("DOMAIN", `No domain has the ARN '${arn}'.`);
  return row;
}

/** Adds or overwrites by key; at most 200 tags per domain. */
function tagResource(ctx: LocalContext, p: Document): Document {
  const tags = p.Tags as Tag[];
  checkTags(tags);
  return inTransaction(ctx, () => {
    const domain = domainOfArn(ctx, p.ResourceArn as string);
    checkTagCount(tagCountAfter(ctx, domain.domain_id, tags.map((t) => t.Key)));
    putTags(ctx, domain.domain_id, tags);
    return {};
  });
}

/** Unknown keys are ignored. */
function untagResource(ctx: LocalContext, p: Document): Document {
  const keys = p.TagKeys as string[];
  checkTagKeys(keys, "tagKeys");
  return inTransaction(ctx, () => {
    removeTags(ctx, domainOfArn(ctx, p.ResourceArn as string).domain_id, keys);
    return {};
  });
}

function listTagsForResource(ctx: LocalContext, p: Document): Document {
  return { Tags: listTags(ctx, domainOfArn(ctx, p.ResourceArn as string).domain_id) };
}

export const tagHandlers: HandlerTable = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
