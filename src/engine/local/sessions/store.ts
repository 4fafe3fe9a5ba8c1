// Session rows (spec §8.3): lookup by name or id, streaming status, and the local Session document.
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { GENERATED_ID } from "../ids.js";
import { notFound } from "../service-errors.js";

export interface SessionRow {
  session_id: string;
  domain_id: string;
  session_name: string;
  customer_speaker_id: string | null;
  auth_enabled: number;
  acceptance_threshold: number;
  min_speech_s: number;
  fraud_enabled: number;
  risk_threshold: number;
  watchlist_id: string | null;
  audio_uri: string;
  channel_id: number;
  audio_s: number;
  net_speech_s: number;
  speech_start_s: number | null;
  speech_end_s: number | null;
  voiceprint: Buffer | null;
  realtime: number;
  auth_result: string | null;
  fraud_result: string | null;
  enrollment_status: string | null;
  created_at: number;
  updated_at: number;
}

export type StreamingStatus = "PENDING_CONFIGURATION" | "ONGOING" | "ENDED";

/** SessionNameOrId: `id#` + 22 alphanumerics is a SessionId, anything else a SessionName (spec §8.2). */
export function findSession(ctx: LocalContext, domainId: string, nameOrId: string): SessionRow | undefined {
  const column = GENERATED_ID.test(nameOrId) ? "session_id" : "session_name";
  return ctx.db.prepare(`SELECT * FROM sessions WHERE domain_id = ? AND ${column} = ?`).get(domainId, nameOrId) as SessionRow | undefined;
}

export function requireSession(ctx: LocalContext, domainId: string, nameOrId: string): SessionRow {
  const row = findSession(ctx, domainId, nameOrId);
  if (!row) throw notFound("SESSION", `The session '${nameOrId}' does not exist in domain '${domainId}'.`);
  return row;
}

/** Seconds of the file streamed so far: all of it by default, wall-clock time since the start in real-time mode. */
export function receivedSeconds(ctx: LocalContext, row: SessionRow): number {
  if (!row.realtime) return row.audio_s;
  return Math.min(row.audio_s, Math.max(0, (ctx.now().getTime() - row.created_at) / 1000));
}

export function streamingStatus(ctx: LocalContext, row: SessionRow): StreamingStatus {
  return receivedSeconds(ctx, row) >= row.audio_s ? "ENDED" : "ONGOING";
}

/** The local-only Session document (field names follow the service's style and the [EVT] session attributes). */
export function sessionDoc(ctx: LocalContext, row: SessionRow): Document {
  const doc: Document = {
    DomainId: row.domain_id,
    SessionId: row.session_id,
    SessionName: row.session_name,
    StreamingStatus: streamingStatus(ctx, row),
    StreamingConfiguration: { AuthenticationMinimumSpeechInSeconds: row.min_speech_s, RealTime: row.realtime === 1 },
    Audio: {
      Uri: row.audio_uri,
      ChannelId: row.channel_id,
      DurationInSeconds: Math.round(row.audio_s * 1000) / 1000,
      NetSpeechInSeconds: Math.round(row.net_speech_s * 100) / 100,
    },
    CreatedAt: new Date(row.created_at),
    UpdatedAt: new Date(row.updated_at),
  };
  if (row.customer_speaker_id != null) doc.CustomerSpeakerId = row.customer_speaker_id;
  if (row.auth_enabled) doc.AuthenticationConfiguration = { AcceptanceThreshold: row.acceptance_threshold };
  if (row.fraud_enabled) {
    const fraud: Document = { RiskThreshold: row.risk_threshold };
    if (row.watchlist_id != null) fraud.WatchlistId = row.watchlist_id;
    doc.FraudDetectionConfiguration = fraud;
  }
  if (row.enrollment_status != null) doc.EnrollmentStatus = row.enrollment_status;
  return doc;
}
