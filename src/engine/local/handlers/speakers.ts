// DescribeSpeaker, ListSpeakers, DeleteSpeaker, OptOutSpeaker (spec §4.4). SpeakerId takes either id form.
// Speakers are enrolled by jobs (jobs/) and sessions (sessions/), never here.
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { newGeneratedId } from "../ids.js";
import { listPage } from "../paginate.js";
import { QUOTAS } from "../quotas.js";
import { quotaExceeded } from "../service-errors.js";
import { requireDomain } from "../store/domains.js";
import {
  countSpeakers,
  findSpeaker,
  insertSpeaker,
  isGeneratedSpeakerId,
  requireSpeaker,
  speakerDoc,
  speakerNotFound,
  type SpeakerRow,
} from "../store/speakers.js";
import { inTransaction } from "../store/tx.js";

function describeSpeaker(ctx: LocalContext, p: Document): Document {
  requireDomain(ctx, p.DomainId as string);
  return { Speaker: speakerDoc(ctx, requireSpeaker(ctx, p.DomainId as string, p.SpeakerId as string)) };
}

/** Speakers of every status, with both ids, in creation order (spec §4.4). */
function listSpeakers(ctx: LocalContext, p: Document): Document {
  const domainId = requireDomain(ctx, p.DomainId as string).domain_id;
  const q = { sql: "SELECT * FROM speakers WHERE domain_id = ?", args: [domainId], order: ["created_at", "speaker_id"] as [string, string] };
  return listPage(ctx, "ListSpeakers", p, "SpeakerSummaries", q, (r: SpeakerRow) => speakerDoc(ctx, r));
}

/** Removes every record of the speaker, voiceprint included; enrollment becomes possible again. */
function deleteSpeaker(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, p.DomainId as string, { forWrite: true });
    const row = requireSpeaker(ctx, p.DomainId as string, p.SpeakerId as string);
    ctx.db.prepare("DELETE FROM speakers WHERE speaker_id = ?").run(row.speaker_id);
    return {};
  });
}

/**
 * OPTED_OUT drops the voiceprint. An unknown CustomerSpeakerId creates a speaker already OPTED_OUT (100,000
 * quota applies); an unknown GeneratedSpeakerId → ResourceNotFoundException SPEAKER; already opted out →
 * success, unchanged (spec §9 #23).
 */
function optOutSpeaker(ctx: LocalContext, p: Document): Document {
  return inTransaction(ctx, () => {
    const domainId = requireDomain(ctx, p.DomainId as string, { forWrite: true }).domain_id;
    const speakerId = p.SpeakerId as string;
    const now = ctx.now().getTime();
    const row = findSpeaker(ctx, domainId, speakerId);
    if (row) {
      if (row.status === "OPTED_OUT") return { Speaker: speakerDoc(ctx, row) };
      const next: SpeakerRow = { ...row, status: "OPTED_OUT", voiceprint: null, updated_at: now };
      ctx.db.prepare("UPDATE speakers SET status = 'OPTED_OUT', voiceprint = NULL, updated_at = ? WHERE speaker_id = ?").run(now, row.speaker_id);
      return { Speaker: speakerDoc(ctx, next) };
    }
    if (isGeneratedSpeakerId(speakerId)) throw speakerNotFound(domainId);
    if (countSpeakers(ctx, domainId) >= QUOTAS.speakersPerDomain)
      throw quotaExceeded(`A domain can hold at most ${QUOTAS.speakersPerDomain} speakers (opted-out speakers count).`);
    const created: SpeakerRow = {
      speaker_id: newGeneratedId(ctx),
      domain_id: domainId,
      customer_speaker_id: speakerId,
      status: "OPTED_OUT",
      created_at: now,
      updated_at: now,
      last_accessed_at: null, // never accessed: LastAccessedAt stays absent (§9 #25)
      voiceprint: null,
    };
    insertSpeaker(ctx, created);
    return { Speaker: speakerDoc(ctx, created) };
  });
}

export const speakerHandlers: HandlerTable = {
  DescribeSpeaker: describeSpeaker,
  ListSpeakers: listSpeakers,
  DeleteSpeaker: deleteSpeaker,
  OptOutSpeaker: optOutSpeaker,
};
