// The local-only session commands (spec §8.3): start, update, enroll, describe, list, delete. Sessions cannot be
// created through the 29 operations, so these stand in for Amazon Connect's "Set Voice ID" block and CCP calls.
import { randomUUID } from "node:crypto";
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { GENERATED_ID, newGeneratedId, truncateToHour } from "../ids.js";
import { QUOTAS } from "../quotas.js";
import { conflict, invalid, notFound, quotaExceeded } from "../service-errors.js";
import { requireDomain } from "../store/domains.js";
import { countSpeakers, findSpeaker, insertSpeaker, speakerStatus, type SpeakerRow } from "../store/speakers.js";
import { requireWatchlist } from "../store/watchlists.js";
import { inTransaction } from "../store/tx.js";
import { MIN_SPEECH_ENROLL_S } from "../../../audio/speech.js";
import { analyseSessionAudio, streamedAudio } from "./audio.js";
import { requireSession, sessionDoc, streamingStatus, type SessionRow } from "./store.js";

/** Defaults of the "Set Voice ID" flow block (spec §3.3). */
export const SESSION_DEFAULTS = { acceptanceThreshold: 90, riskThreshold: 50, minSpeechS: 10 } as const;
/** Concurrent ONGOING sessions per domain (spec §6.4, the smallest documented figure). */
export const MAX_ACTIVE_SESSIONS = 50;

const SESSION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
const CUSTOMER_SPEAKER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export interface SessionSettings {
  SpeakerId?: string;
  AcceptanceThreshold?: number;
  RiskThreshold?: number;
  WatchlistId?: string;
  AuthenticationMinimumSpeechInSeconds?: number;
}

export interface StartSessionInput extends SessionSettings {
  DomainId: string;
  SessionName?: string;
  /** s3://bucket/key in the local object store, or an absolute path. */
  AudioUri: string;
  ChannelId?: number;
  /** Default true; false = the flow block did not enable it (its result is then absent). */
  Authentication?: boolean;
  FraudDetection?: boolean;
  /** ONGOING until the file's duration has elapsed, results from the audio received so far. Default false (ENDED at once). */
  RealTime?: boolean;
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be an integer from ${min} to ${max}, got ${value}.`);
}

function checkSettings(ctx: LocalContext, domainId: string, s: SessionSettings): void {
  checkInteger("AcceptanceThreshold", s.AcceptanceThreshold, 0, 100);
  checkInteger("RiskThreshold", s.RiskThreshold, 0, 100);
  checkInteger("AuthenticationMinimumSpeechInSeconds", s.AuthenticationMinimumSpeechInSeconds, 5, 10);
  if (s.SpeakerId !== undefined && !(GENERATED_ID.test(s.SpeakerId) || (CUSTOMER_SPEAKER_ID.test(s.SpeakerId) && s.SpeakerId.length <= 256)))
    throw invalid("SpeakerId must be a customer speaker id (letters, digits, '_' and '-', up to 256) or a generated speaker id (id# + 22 letters and digits).");
  if (s.WatchlistId !== undefined) requireWatchlist(ctx, domainId, s.WatchlistId);
}

/**
 * The customer id a session's speaker id stands for. An unknown customer id creates a PENDING speaker, as
 * setting a speaker id on a Connect session does (spec §8.1); an unknown generated id cannot be created.
 */
function resolveSpeaker(ctx: LocalContext, domainId: string, speakerId: string): string {
  const row = findSpeaker(ctx, domainId, speakerId);
  if (row) return row.customer_speaker_id;
  if (GENERATED_ID.test(speakerId)) throw notFound("SPEAKER", `The speaker does not exist in domain '${domainId}'.`);
  if (countSpeakers(ctx, domainId) >= QUOTAS.speakersPerDomain) throw quotaExceeded(`The domain '${domainId}' already has ${QUOTAS.speakersPerDomain} speakers.`);
  const now = ctx.now().getTime();
  insertSpeaker(ctx, { speaker_id: newGeneratedId(ctx), domain_id: domainId, customer_speaker_id: speakerId, status: "PENDING", created_at: now, updated_at: now, last_accessed_at: null, voiceprint: null });
  return speakerId;
}

export function startSession(ctx: LocalContext, input: StartSessionInput): Document {
  const name = input.SessionName ?? randomUUID();
  if (name.length < 1 || name.length > 36 || !SESSION_NAME.test(name)) throw invalid("SessionName must be 1-36 letters, digits, '_' or '-', starting with a letter or digit.");
  if (input.ChannelId !== undefined && input.ChannelId !== 0 && input.ChannelId !== 1) throw invalid(`ChannelId must be 0 or 1, got ${input.ChannelId}.`);
  requireDomain(ctx, input.DomainId, { forWrite: true });
  checkSettings(ctx, input.DomainId, input);
  // Audio is read before the write transaction: it can take a moment and needs no lock.
  const channel = input.ChannelId ?? 0;
  const audio = analyseSessionAudio(ctx.settings, input.AudioUri, channel);
  return inTransaction(ctx, () => {
    requireDomain(ctx, input.DomainId, { forWrite: true });
    const existing = ctx.db.prepare("SELECT * FROM sessions WHERE domain_id = ? AND session_name = ?").get(input.DomainId, name) as SessionRow | undefined;
    if (existing) {
      if (streamingStatus(ctx, existing) === "ONGOING") throw conflict("ANOTHER_ACTIVE_STREAM", `The session '${name}' is still streaming in domain '${input.DomainId}'.`);
      throw conflict(undefined, `A session named '${name}' already exists in domain '${input.DomainId}'; delete it first or choose another name.`);
    }
    if (input.RealTime) {
      const active = (ctx.db.prepare("SELECT * FROM sessions WHERE domain_id = ? AND realtime = 1").all(input.DomainId) as SessionRow[]).filter((s) => streamingStatus(ctx, s) === "ONGOING").length;
      if (active >= MAX_ACTIVE_SESSIONS) throw quotaExceeded(`The domain '${input.DomainId}' already has ${MAX_ACTIVE_SESSIONS} sessions streaming.`);
    }
    const customer = input.SpeakerId !== undefined ? resolveSpeaker(ctx, input.DomainId, input.SpeakerId) : null;
    const now = ctx.now().getTime();
    const row: SessionRow = {
      session_id: newGeneratedId(ctx),
      domain_id: input.DomainId,
      session_name: name,
      customer_speaker_id: customer,
      auth_enabled: input.Authentication === false ? 0 : 1,
      acceptance_threshold: input.AcceptanceThreshold ?? SESSION_DEFAULTS.acceptanceThreshold,
      min_speech_s: input.AuthenticationMinimumSpeechInSeconds ?? SESSION_DEFAULTS.minSpeechS,
      fraud_enabled: input.FraudDetection === false ? 0 : 1,
      risk_threshold: input.RiskThreshold ?? SESSION_DEFAULTS.riskThreshold,
      watchlist_id: input.WatchlistId ?? null,
      audio_uri: input.AudioUri,
      channel_id: channel,
      audio_s: audio.durationS,
      net_speech_s: audio.netSpeechS,
      speech_start_s: audio.speechStartS ?? null,
      speech_end_s: audio.speechEndS ?? null,
      voiceprint: audio.voiceprint ?? null,
      realtime: input.RealTime ? 1 : 0,
      auth_result: null,
      fraud_result: null,
      enrollment_status: null,
      created_at: now,
      updated_at: now,
    };
    ctx.db
      .prepare(
        `INSERT INTO sessions (${Object.keys(row).join(", ")}) VALUES (${Object.keys(row)
          .map((k) => "@" + k)
          .join(", ")})`,
      )
      .run(row);
    return { Session: sessionDoc(ctx, row) };
  });
}

export interface UpdateSessionInput extends SessionSettings {
  DomainId: string;
  SessionNameOrId: string;
}

/** Changes the speaker or the configuration; the next EvaluateSession then gives new result ids (§9 #39). */
export function updateSession(ctx: LocalContext, input: UpdateSessionInput): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, input.DomainId, { forWrite: true });
    const row = requireSession(ctx, input.DomainId, input.SessionNameOrId);
    checkSettings(ctx, input.DomainId, input);
    const next = { ...row };
    if (input.SpeakerId !== undefined) {
      const current = row.customer_speaker_id != null ? findSpeaker(ctx, row.domain_id, row.customer_speaker_id)?.speaker_id : undefined;
      const target = findSpeaker(ctx, row.domain_id, input.SpeakerId);
      const same = input.SpeakerId === row.customer_speaker_id || (target !== undefined && target.speaker_id === current);
      // Only an enrollment that took place holds the speaker: a NOT_ENOUGH_SPEECH attempt enrolled nobody, and its
      // status belonged to the previous speaker.
      if (!same && row.enrollment_status === "COMPLETED")
        throw conflict("CANNOT_CHANGE_SPEAKER_AFTER_ENROLLMENT", `The speaker of session '${row.session_name}' cannot change: it was enrolled from this session.`);
      if (!same) next.enrollment_status = null;
      next.customer_speaker_id = same ? row.customer_speaker_id : resolveSpeaker(ctx, row.domain_id, input.SpeakerId);
    }
    if (input.AcceptanceThreshold !== undefined) next.acceptance_threshold = input.AcceptanceThreshold;
    if (input.RiskThreshold !== undefined) next.risk_threshold = input.RiskThreshold;
    if (input.WatchlistId !== undefined) next.watchlist_id = input.WatchlistId;
    if (input.AuthenticationMinimumSpeechInSeconds !== undefined) next.min_speech_s = input.AuthenticationMinimumSpeechInSeconds;
    next.updated_at = ctx.now().getTime();
    ctx.db
      .prepare(
        `UPDATE sessions SET customer_speaker_id = @customer_speaker_id, acceptance_threshold = @acceptance_threshold, risk_threshold = @risk_threshold,
         watchlist_id = @watchlist_id, min_speech_s = @min_speech_s, enrollment_status = @enrollment_status, updated_at = @updated_at
         WHERE session_id = @session_id`,
      )
      .run(next);
    return { Session: sessionDoc(ctx, next) };
  });
}

/**
 * The refusals that need no audio, checked before it is read and again under the write lock; else the session's
 * customer id and its speaker (none when the customer id has no speaker row).
 */
function enrollable(ctx: LocalContext, row: SessionRow): { customerId: string; speaker: SpeakerRow | undefined } {
  if (row.customer_speaker_id == null) throw conflict("SPEAKER_NOT_SET", `Session '${row.session_name}' has no speaker id; set one with update-session first.`);
  if (row.enrollment_status === "COMPLETED") throw conflict("ENROLLMENT_ALREADY_EXISTS", `The speaker was already enrolled from session '${row.session_name}'.`);
  const speaker = findSpeaker(ctx, row.domain_id, row.customer_speaker_id);
  if (speaker && speaker.status === "OPTED_OUT") throw conflict("SPEAKER_OPTED_OUT", "The session's speaker has opted out of Voice ID; only DeleteSpeaker makes enrollment possible again.");
  return { customerId: row.customer_speaker_id, speaker };
}

/**
 * Enrolls the session's speaker from the session's audio, like Connect's enroll-by-session (spec §8.3):
 * no speaker → SPEAKER_NOT_SET; opted out → SPEAKER_OPTED_OUT; once per session → ENROLLMENT_ALREADY_EXISTS;
 * under 30 s of net speech → status NOT_ENOUGH_SPEECH; otherwise the speaker is ENROLLED (re-enrolled if it was).
 * A live (real-time) session enrolls from the audio streamed so far, as Connect enrolled during the call.
 */
export function enrollSession(ctx: LocalContext, input: { DomainId: string; SessionNameOrId: string }): Document {
  // Audio still streaming is analysed before taking the write lock (it can take a moment), as in EvaluateSession.
  // A session refused anyway is refused first: its audio may be unreadable, and reading it would only cost time.
  requireDomain(ctx, input.DomainId, { forWrite: true });
  const read = requireSession(ctx, input.DomainId, input.SessionNameOrId);
  enrollable(ctx, read);
  const analysed = streamedAudio(ctx, read);
  return inTransaction(ctx, () => {
    requireDomain(ctx, input.DomainId, { forWrite: true });
    const row = requireSession(ctx, input.DomainId, input.SessionNameOrId);
    const { customerId, speaker: found } = enrollable(ctx, row);
    // Another process may have deleted the session and started a new one under its name meanwhile: that one's
    // speaker must not be enrolled from the old call, so its own audio is analysed, now under the lock (rare).
    const audio = row.session_id === read.session_id ? analysed : streamedAudio(ctx, row);
    let speaker = found;
    const now = ctx.now().getTime();
    const out: Document = { DomainId: row.domain_id, SessionId: row.session_id, SessionName: row.session_name, CustomerSpeakerId: customerId };
    const enough = audio.netSpeechS >= MIN_SPEECH_ENROLL_S && audio.voiceprint !== undefined;
    if (!enough) {
      ctx.db.prepare("UPDATE sessions SET enrollment_status = 'NOT_ENOUGH_SPEECH', updated_at = ? WHERE session_id = ?").run(now, row.session_id);
      if (speaker) out.GeneratedSpeakerId = speaker.speaker_id;
      return { ...out, EnrollmentStatus: "NOT_ENOUGH_SPEECH" };
    }
    if (!speaker) {
      resolveSpeaker(ctx, row.domain_id, customerId);
      speaker = findSpeaker(ctx, row.domain_id, customerId) as SpeakerRow;
    }
    ctx.db
      .prepare("UPDATE speakers SET status = 'ENROLLED', voiceprint = ?, updated_at = ?, last_accessed_at = ? WHERE speaker_id = ?")
      .run(audio.voiceprint, now, truncateToHour(now), speaker.speaker_id);
    ctx.db.prepare("UPDATE sessions SET enrollment_status = 'COMPLETED', updated_at = ? WHERE session_id = ?").run(now, row.session_id);
    const before = speakerStatus(ctx, speaker);
    return { ...out, GeneratedSpeakerId: speaker.speaker_id, EnrollmentStatus: "COMPLETED", EnrollmentType: before === "ENROLLED" || before === "EXPIRED" ? "RE_ENROLLMENT" : "NEW_ENROLLMENT" };
  });
}

export function describeSession(ctx: LocalContext, input: { DomainId: string; SessionNameOrId: string }): Document {
  requireDomain(ctx, input.DomainId);
  return { Session: sessionDoc(ctx, requireSession(ctx, input.DomainId, input.SessionNameOrId)) };
}

export function listSessions(ctx: LocalContext, input: { DomainId: string }): Document {
  requireDomain(ctx, input.DomainId);
  const rows = ctx.db.prepare("SELECT * FROM sessions WHERE domain_id = ? ORDER BY created_at, session_id").all(input.DomainId) as SessionRow[];
  return { Sessions: rows.map((r) => sessionDoc(ctx, r)) };
}

/** Sessions are kept until deleted here or until their domain is purged (spec §8.3). */
export function deleteSession(ctx: LocalContext, input: { DomainId: string; SessionNameOrId: string }): Document {
  return inTransaction(ctx, () => {
    requireDomain(ctx, input.DomainId, { forWrite: true });
    const row = requireSession(ctx, input.DomainId, input.SessionNameOrId);
    ctx.db.prepare("DELETE FROM sessions WHERE session_id = ?").run(row.session_id);
    return {};
  });
}
