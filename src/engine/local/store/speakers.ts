// Speaker rows (spec §4.4): lookup by either id form, lazily derived EXPIRED status, the API document.
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { GENERATED_ID, truncateToHour } from "../ids.js";
import { SPEAKER_EXPIRY_MS } from "../quotas.js";
import { notFound } from "../service-errors.js";

export interface SpeakerRow {
  speaker_id: string;
  domain_id: string;
  customer_speaker_id: string;
  status: "ENROLLED" | "OPTED_OUT" | "PENDING";
  created_at: number;
  updated_at: number;
  last_accessed_at: number | null;
  voiceprint: Buffer | null;
}

/** SpeakerId inputs take either form: `id#` + 22 alphanumerics is a GeneratedSpeakerId, anything else a CustomerSpeakerId. */
export function isGeneratedSpeakerId(speakerId: string): boolean {
  return GENERATED_ID.test(speakerId);
}

/** The speaker of that domain named by GeneratedSpeakerId or CustomerSpeakerId; undefined when unknown. */
export function findSpeaker(ctx: LocalContext, domainId: string, speakerIdOrCustomerId: string): SpeakerRow | undefined {
  const column = isGeneratedSpeakerId(speakerIdOrCustomerId) ? "speaker_id" : "customer_speaker_id";
  return ctx.db.prepare(`SELECT * FROM speakers WHERE domain_id = ? AND ${column} = ?`).get(domainId, speakerIdOrCustomerId) as
    | SpeakerRow
    | undefined;
}

/** Never echoes the id: speaker ids are sensitive in the model. */
export const speakerNotFound = (domainId: string) => notFound("SPEAKER", `The speaker does not exist in domain '${domainId}'.`);

export function requireSpeaker(ctx: LocalContext, domainId: string, speakerId: string): SpeakerRow {
  const row = findSpeaker(ctx, domainId, speakerId);
  if (!row) throw speakerNotFound(domainId);
  return row;
}

/**
 * The status the API shows: EXPIRED is derived on read for an ENROLLED speaker not accessed (enrollment,
 * re-enrollment, successful authentication) for 1095 days (spec §4.4, §9 #25), using ctx.now so tests can move time.
 */
export function speakerStatus(ctx: LocalContext, row: SpeakerRow): "ENROLLED" | "EXPIRED" | "OPTED_OUT" | "PENDING" {
  if (row.status !== "ENROLLED") return row.status;
  const accessed = row.last_accessed_at ?? row.updated_at;
  return ctx.now().getTime() - accessed > SPEAKER_EXPIRY_MS ? "EXPIRED" : "ENROLLED";
}

/** The Speaker / SpeakerSummary document; timestamps as Date, LastAccessedAt hour-truncated and absent until first access. */
export function speakerDoc(ctx: LocalContext, row: SpeakerRow): Document {
  const doc: Document = {
    CreatedAt: new Date(row.created_at),
    CustomerSpeakerId: row.customer_speaker_id,
    DomainId: row.domain_id,
    GeneratedSpeakerId: row.speaker_id,
    Status: speakerStatus(ctx, row),
    UpdatedAt: new Date(row.updated_at),
  };
  if (row.last_accessed_at != null) doc.LastAccessedAt = new Date(truncateToHour(row.last_accessed_at));
  return doc;
}

/** Every speaker row counts toward the 100,000 quota, OPTED_OUT and EXPIRED included (§9 #24); triggers keep the count (migration 5). */
export function countSpeakers(ctx: LocalContext, domainId: string): number {
  const row = ctx.db.prepare("SELECT n FROM domain_speaker_counts WHERE domain_id = ?").get(domainId) as { n: number } | undefined;
  return row?.n ?? 0;
}

export function insertSpeaker(ctx: LocalContext, row: SpeakerRow): void {
  ctx.db
    .prepare(
      `INSERT INTO speakers (speaker_id, domain_id, customer_speaker_id, status, created_at, updated_at, last_accessed_at, voiceprint)
       VALUES (@speaker_id, @domain_id, @customer_speaker_id, @status, @created_at, @updated_at, @last_accessed_at, @voiceprint)`,
    )
    .run(row);
}
