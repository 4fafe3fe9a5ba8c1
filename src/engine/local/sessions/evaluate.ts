// EvaluateSession (spec §8.2, §3.1, §3.2): authentication and fraud-detection results of a session, computed
// from its audio and cached so result ids only change when the audio, a threshold or the speaker does (§9 #39).
import type { Document } from "../../engine.js";
import type { LocalContext } from "../context.js";
import { truncateToHour } from "../ids.js";
import { requireDomain, type DomainRow } from "../store/domains.js";
import { findSpeaker, speakerStatus } from "../store/speakers.js";
import { getWatchlist } from "../store/watchlists.js";
import { inTransaction } from "../store/tx.js";
import { streamedAudio, voiceSimilarity, type SessionAudio } from "./audio.js";
import { requireSession, streamingStatus, type SessionRow } from "./store.js";

/** The local engine has no spoofing detector: synthetic-speech risk is always 0 (documented in docs/serve.md). */
const VOICE_SPOOFING_RISK = 0;

interface Cached {
  key: string;
  doc: Record<string, unknown>;
}

/**
 * AudioAggregationStartedAt/EndedAt = stream start + offsets of the first and last speech frame used (spec §8.3).
 * A real-time session's stream starts when the session does; a whole-file session stands for a call that has
 * already ended, so its stream started the file's duration before the session (no timestamps in the future).
 */
function aggregation(row: SessionRow, audio: SessionAudio): Record<string, number> {
  if (audio.speechStartS === undefined || audio.speechEndS === undefined) return {};
  const streamStart = row.realtime ? row.created_at : row.created_at - Math.round(row.audio_s * 1000);
  return {
    AudioAggregationStartedAt: streamStart + Math.round(audio.speechStartS * 1000),
    AudioAggregationEndedAt: streamStart + Math.round(audio.speechEndS * 1000),
  };
}

/** Cached result documents keep timestamps as epoch milliseconds; the engine answers with Dates. */
function withDates(doc: Record<string, unknown>): Document {
  const out: Document = { ...doc };
  for (const k of ["AudioAggregationStartedAt", "AudioAggregationEndedAt"]) if (typeof out[k] === "number") out[k] = new Date(out[k] as number);
  return out;
}

/**
 * The fraud result cached last, for a session whose watchlist is gone: only when it was computed with the session's
 * current watchlist and risk threshold and holds a decision. One for the watchlist the session used before an
 * update-session answers other settings, and a NOT_ENOUGH_SPEECH (from early in a stream) would tell the client to
 * wait for speech that can no longer be screened; undefined then, as when there is no cached result.
 */
function standingFraudResult(json: string | null, row: SessionRow, domain: DomainRow): { doc: Record<string, unknown>; json: string } | undefined {
  if (!json) return undefined;
  const doc = (JSON.parse(json) as Cached).doc;
  const config = doc.Configuration as { RiskThreshold?: number; WatchlistId?: string } | undefined;
  if (config?.WatchlistId !== (row.watchlist_id ?? domain.default_watchlist_id) || config.RiskThreshold !== row.risk_threshold) return undefined;
  return doc.Decision === "NOT_ENOUGH_SPEECH" ? undefined : { doc, json };
}

/** The cached result when its key still matches, else a freshly computed one under a new result id (`fresh`). */
function cachedOr(
  json: string | null,
  key: string,
  idField: string,
  compute: () => Record<string, unknown>,
  newId: () => string,
): { doc: Record<string, unknown>; json: string; fresh: boolean } {
  const cached = json ? (JSON.parse(json) as Cached) : undefined;
  if (cached && cached.key === key) return { doc: cached.doc, json: json!, fresh: false };
  const doc = { [idField]: newId(), ...compute() };
  return { doc, json: JSON.stringify({ key, doc }), fresh: true };
}

/** Decision order (spec §3.1): speaker id missing → speaker state → speech amount → score. */
function authentication(ctx: LocalContext, row: SessionRow, audio: SessionAudio): { key: string; compute: () => Record<string, unknown>; speakerId?: string } {
  const config = { AcceptanceThreshold: row.acceptance_threshold };
  const speaker = row.customer_speaker_id != null ? findSpeaker(ctx, row.domain_id, row.customer_speaker_id) : undefined;
  const state = speaker ? `${speakerStatus(ctx, speaker)}:${speaker.speaker_id}:${speaker.updated_at}` : "none";
  const key = JSON.stringify([audio.netSpeechS, row.acceptance_threshold, row.min_speech_s, row.customer_speaker_id, state]);
  const compute = (): Record<string, unknown> => {
    if (row.customer_speaker_id == null) return { Configuration: config, Decision: "SPEAKER_ID_NOT_PROVIDED" };
    const ids: Record<string, unknown> = { CustomerSpeakerId: row.customer_speaker_id };
    if (speaker) ids.GeneratedSpeakerId = speaker.speaker_id;
    const status = speaker ? speakerStatus(ctx, speaker) : undefined;
    if (status === "OPTED_OUT") return { Configuration: config, ...ids, Decision: "SPEAKER_OPTED_OUT" };
    if (status === "EXPIRED") return { Configuration: config, ...ids, Decision: "SPEAKER_EXPIRED" };
    if (!speaker?.voiceprint || status !== "ENROLLED") return { Configuration: config, ...ids, Decision: "SPEAKER_NOT_ENROLLED" };
    if (audio.netSpeechS < row.min_speech_s || !audio.voiceprint) return { Configuration: config, ...ids, ...aggregation(row, audio), Decision: "NOT_ENOUGH_SPEECH" };
    const score = voiceSimilarity(audio.voiceprint, speaker.voiceprint);
    return { Configuration: config, ...ids, ...aggregation(row, audio), Decision: score >= row.acceptance_threshold ? "ACCEPT" : "REJECT", Score: score };
  };
  return { key, compute, speakerId: speaker?.speaker_id };
}

/**
 * Known-fraudster risk against the one configured watchlist (default watchlist when unset, spec §3.2, §9 #6/#8);
 * undefined when that watchlist has been deleted since the session was configured.
 */
function fraudDetection(ctx: LocalContext, row: SessionRow, domain: DomainRow, audio: SessionAudio): { key: string; compute: () => Record<string, unknown> } | undefined {
  const watchlistId = getWatchlist(ctx, row.domain_id, row.watchlist_id ?? domain.default_watchlist_id)?.watchlist_id;
  if (watchlistId === undefined) return undefined;
  const config = { RiskThreshold: row.risk_threshold, WatchlistId: watchlistId };
  const members = ctx.db
    .prepare("SELECT count(*) AS n, max(fw.added_at) AS latest FROM fraudster_watchlists fw WHERE fw.watchlist_id = ?")
    .get(watchlistId) as { n: number; latest: number | null };
  const key = JSON.stringify([audio.netSpeechS, row.risk_threshold, row.min_speech_s, watchlistId, members.n, members.latest]);
  const compute = (): Record<string, unknown> => {
    if (audio.netSpeechS < row.min_speech_s || !audio.voiceprint) return { Configuration: config, ...aggregation(row, audio), Decision: "NOT_ENOUGH_SPEECH" };
    const fraudsters = ctx.db
      .prepare(
        `SELECT f.fraudster_id, f.voiceprint FROM fraudsters f JOIN fraudster_watchlists fw ON fw.fraudster_id = f.fraudster_id
         WHERE fw.watchlist_id = ? AND f.voiceprint IS NOT NULL ORDER BY f.created_at, f.fraudster_id`,
      )
      .all(watchlistId) as { fraudster_id: string; voiceprint: Buffer }[];
    let best = 0;
    let bestId: string | undefined;
    for (const f of fraudsters) {
      const s = voiceSimilarity(audio.voiceprint, f.voiceprint);
      if (s > best) [best, bestId] = [s, f.fraudster_id];
    }
    const known: Record<string, unknown> = { RiskScore: best };
    if (bestId) known.GeneratedFraudsterId = bestId;
    const reasons: string[] = [];
    if (best >= row.risk_threshold) reasons.push("KNOWN_FRAUDSTER");
    if (VOICE_SPOOFING_RISK >= row.risk_threshold) reasons.push("VOICE_SPOOFING");
    const doc: Record<string, unknown> = {
      Configuration: config,
      ...aggregation(row, audio),
      Decision: reasons.length ? "HIGH_RISK" : "LOW_RISK",
      RiskDetails: { KnownFraudsterRisk: known, VoiceSpoofingRisk: { RiskScore: VOICE_SPOOFING_RISK } },
    };
    if (reasons.length) doc.Reasons = reasons;
    return doc;
  };
  return { key, compute };
}

export function evaluateSession(ctx: LocalContext, params: Document): Document {
  const domainId = params.DomainId as string;
  const nameOrId = params.SessionNameOrId as string;
  // Audio still streaming is analysed before taking the write lock (it can take a moment).
  requireDomain(ctx, domainId, { forWrite: true });
  const read = requireSession(ctx, domainId, nameOrId);
  const analysed = streamedAudio(ctx, read);
  return inTransaction(ctx, () => {
    const domain = requireDomain(ctx, domainId, { forWrite: true });
    const row = requireSession(ctx, domainId, nameOrId);
    // Another process may have deleted the session and started a new one under its name meanwhile: the results
    // are that one's, from its own audio, analysed now under the lock (rare).
    const audio = row.session_id === read.session_id ? analysed : streamedAudio(ctx, row);
    const out: Document = { DomainId: domainId, SessionId: row.session_id, SessionName: row.session_name, StreamingStatus: streamingStatus(ctx, row) };
    let authJson = row.auth_result;
    let fraudJson = row.fraud_result;
    if (row.auth_enabled) {
      const auth = authentication(ctx, row, audio);
      const r = cachedOr(row.auth_result, auth.key, "AuthenticationResultId", auth.compute, ctx.newId);
      authJson = r.json;
      out.AuthenticationResult = withDates(r.doc);
      // A successful authentication refreshes the speaker's LastAccessedAt (accurate to the hour, spec §3.1); the
      // cached result returned again is no new authentication, or polling an old session would keep a speaker from expiring.
      if (r.fresh && r.doc.Decision === "ACCEPT" && auth.speakerId)
        ctx.db.prepare("UPDATE speakers SET last_accessed_at = ? WHERE speaker_id = ?").run(truncateToHour(ctx.now().getTime()), auth.speakerId);
    }
    if (row.fraud_enabled) {
      const fraud = fraudDetection(ctx, row, domain, audio);
      // The session's watchlist was deleted: EvaluateSession has no error for that (spec §8.2), and authentication
      // does not need it. The last fraud result computed against it stands; without one, fraud detection is not
      // possible and its result is absent, as for a session without fraud detection (the model's only way).
      const r = fraud ? cachedOr(row.fraud_result, fraud.key, "FraudDetectionResultId", fraud.compute, ctx.newId) : standingFraudResult(row.fraud_result, row, domain);
      if (r) {
        fraudJson = r.json;
        out.FraudDetectionResult = withDates(r.doc);
      }
    }
    if (authJson !== row.auth_result || fraudJson !== row.fraud_result)
      ctx.db.prepare("UPDATE sessions SET auth_result = ?, fraud_result = ? WHERE session_id = ?").run(authJson, fraudJson, row.session_id);
    return out;
  });
}
