// What one request does to the store (spec §1.4, §1.6, §9 #9–#11): synchronous functions run inside the
// request's own transaction, so the result row and the speaker/fraudster it creates commit together.
import type { LocalContext } from "../context.js";
import { newGeneratedId, truncateToHour } from "../ids.js";
import { QUOTAS } from "../quotas.js";
import { countSpeakers, findSpeaker, insertSpeaker, speakerStatus } from "../store/speakers.js";
import { countFraudstersInWatchlist, getWatchlist } from "../store/watchlists.js";
import { addToWatchlist } from "../store/fraudsters.js";
import { voiceprintFromBuffer, voiceprintToBuffer } from "../../../audio/voiceprint.js";
import { speechSecondsText } from "../../../audio/speech.js";
import { similarity, type AnalysisResult } from "./audio-port.js";
import type { EnrollmentSettings, RegistrationSettings } from "./config.js";
import type { ManifestRequest } from "./manifest.js";

/** One entry of the output file: an Errors item (ok false) or a Successful* item. */
export interface RequestOutcome {
  ok: boolean;
  entry: Record<string, unknown>;
}

export const MIN_SPEECH_S = 30;

export const errorOutcome = (requestId: string, code: number, message: string): RequestOutcome => ({
  ok: false,
  entry: { RequestId: requestId, ErrorCode: code, ErrorMessage: message },
});

/** The job's watchlist is gone: at its start the whole job fails with this, later only the requests that need it. */
export function missingWatchlist(domainId: string, watchlistId: string): string {
  return `The watchlist '${watchlistId}' does not exist in domain '${domainId}'.`;
}

/** Not enough speech: 12.4 s of net speech found, 30 s required. */
export function notEnoughSpeech(netSpeechS: number): string {
  return `Not enough speech: ${speechSecondsText(netSpeechS)} s of net speech found, ${MIN_SPEECH_S} s required.`;
}

/** Voiceprints of fraudsters, cached per job and refreshed when another connection commits (PRAGMA data_version). */
export class FraudsterPrints {
  private version = -1;
  private rows: { id: string; print: Float32Array }[] = [];
  constructor(
    private readonly ctx: LocalContext,
    private readonly query: string,
    private readonly arg: string,
  ) {}

  static ofWatchlist(ctx: LocalContext, watchlistId: string): FraudsterPrints {
    return new FraudsterPrints(
      ctx,
      `SELECT f.fraudster_id AS id, f.voiceprint FROM fraudsters f JOIN fraudster_watchlists w ON w.fraudster_id = f.fraudster_id
       WHERE w.watchlist_id = ? AND f.voiceprint IS NOT NULL ORDER BY f.created_at, f.fraudster_id`,
      watchlistId,
    );
  }

  static ofDomain(ctx: LocalContext, domainId: string): FraudsterPrints {
    return new FraudsterPrints(
      ctx,
      "SELECT fraudster_id AS id, voiceprint FROM fraudsters WHERE domain_id = ? AND voiceprint IS NOT NULL ORDER BY created_at, fraudster_id",
      domainId,
    );
  }

  /** The closest fraudster and its 0–100 similarity; undefined when there are none. */
  best(print: Float32Array): { id: string; score: number } | undefined {
    const v = this.ctx.db.pragma("data_version", { simple: true }) as number;
    if (v !== this.version) {
      this.version = v;
      const rows = this.ctx.db.prepare(this.query).all(this.arg) as { id: string; voiceprint: Buffer }[];
      this.rows = [];
      for (const r of rows) {
        try {
          this.rows.push({ id: r.id, print: voiceprintFromBuffer(r.voiceprint) });
        } catch {
          // A print from another format version cannot be compared; it simply never matches.
        }
      }
    }
    let best: { id: string; score: number } | undefined;
    for (const r of this.rows) {
      const s = similarity(print, r.print);
      if (!best || s > best.score) best = { id: r.id, score: s };
    }
    return best;
  }

  /** Records a fraudster this connection just created (data_version does not move for our own commits). */
  add(id: string, print: Float32Array): void {
    this.rows.push({ id, print });
  }
}

/** Whether an enrollment request needs its audio analyzed (spec §9 #10: DUPLICATE_SKIPPED reads no audio). */
export function enrollmentNeedsAudio(ctx: LocalContext, domainId: string, settings: EnrollmentSettings, req: ManifestRequest): boolean {
  const speaker = findSpeaker(ctx, domainId, req.speakerId!);
  if (!speaker) return true;
  const status = speakerStatus(ctx, speaker);
  if (status === "OPTED_OUT") return false;
  if (status === "ENROLLED" && settings.existingEnrollmentAction === "SKIP") return false;
  return true;
}

/**
 * One enrollment request, in the spec's order: speaker state → audio → speech → fraud screening → quota.
 * Returns "needs-audio" when the speaker's state changed since the runner decided to skip the audio.
 */
export function enrollOne(
  ctx: LocalContext,
  domainId: string,
  settings: EnrollmentSettings,
  fraudsters: FraudsterPrints,
  req: ManifestRequest,
  analysis: AnalysisResult | undefined,
): RequestOutcome | "needs-audio" {
  const speaker = findSpeaker(ctx, domainId, req.speakerId!);
  const status = speaker ? speakerStatus(ctx, speaker) : undefined;
  if (status === "OPTED_OUT") return errorOutcome(req.requestId, 409, "Cannot enroll an opted-out speaker.");
  const success = (id: string, enrollmentStatus: string): RequestOutcome => ({
    ok: true,
    entry: { RequestId: req.requestId, GeneratedSpeakerId: id, CustomerSpeakerId: req.speakerId, EnrollmentStatus: enrollmentStatus },
  });
  if (speaker && status === "ENROLLED" && settings.existingEnrollmentAction === "SKIP") return success(speaker.speaker_id, "DUPLICATE_SKIPPED");
  if (!analysis) return "needs-audio";
  if (!analysis.ok) return errorOutcome(req.requestId, 400, analysis.message);
  if (!analysis.voiceprint || analysis.netSpeechS < MIN_SPEECH_S) return errorOutcome(req.requestId, 400, notEnoughSpeech(analysis.netSpeechS));
  if (settings.fraudDetectionAction === "FAIL") {
    const risk = fraudsters.best(analysis.voiceprint)?.score ?? 0;
    if (risk >= settings.riskThreshold) {
      return errorOutcome(req.requestId, 400, `Speaker failed fraud screening: known-fraudster risk ${risk} >= threshold ${settings.riskThreshold}.`);
    }
  }
  const now = ctx.now().getTime();
  const print = voiceprintToBuffer(analysis.voiceprint);
  if (speaker) {
    ctx.db
      .prepare("UPDATE speakers SET status = 'ENROLLED', voiceprint = ?, updated_at = ?, last_accessed_at = ? WHERE speaker_id = ?")
      .run(print, now, truncateToHour(now), speaker.speaker_id);
    return success(speaker.speaker_id, status === "ENROLLED" ? "ENROLLMENT_OVERWRITE" : "NEW_ENROLLMENT");
  }
  if (countSpeakers(ctx, domainId) >= QUOTAS.speakersPerDomain) return errorOutcome(req.requestId, 402, "Speaker limit exceeded.");
  const id = newGeneratedId(ctx);
  insertSpeaker(ctx, {
    speaker_id: id,
    domain_id: domainId,
    customer_speaker_id: req.speakerId!,
    status: "ENROLLED",
    created_at: now,
    updated_at: now,
    last_accessed_at: truncateToHour(now),
    voiceprint: print,
  });
  return success(id, "NEW_ENROLLMENT");
}

/** One registration request: audio → speech → duplicate check over the whole domain → watchlist still there and its capacity → create. */
export function registerOne(
  ctx: LocalContext,
  domainId: string,
  jobId: string,
  settings: RegistrationSettings,
  fraudsters: FraudsterPrints,
  req: ManifestRequest,
  analysis: AnalysisResult,
): RequestOutcome {
  if (!analysis.ok) return errorOutcome(req.requestId, 400, analysis.message);
  if (!analysis.voiceprint || analysis.netSpeechS < MIN_SPEECH_S) return errorOutcome(req.requestId, 400, notEnoughSpeech(analysis.netSpeechS));
  if (settings.duplicateRegistrationAction === "SKIP") {
    const best = fraudsters.best(analysis.voiceprint);
    if (best && best.score >= settings.fraudsterSimilarityThreshold) {
      return {
        ok: true,
        entry: { RequestId: req.requestId, GeneratedFraudsterId: best.id, RegistrationStatus: "DUPLICATE_SKIPPED", FraudsterSimilarityScore: best.score },
      };
    }
  }
  // DeleteWatchlist may run while the job does (an empty watchlist can be deleted): the requests that would
  // register into it then fail on their own, as the job would have failed had it started after the delete.
  if (!getWatchlist(ctx, domainId, settings.watchlistId)) return errorOutcome(req.requestId, 404, missingWatchlist(domainId, settings.watchlistId));
  if (countFraudstersInWatchlist(ctx, settings.watchlistId) >= QUOTAS.fraudstersPerWatchlist) {
    return errorOutcome(req.requestId, 402, `Fraudster limit exceeded for watchlist ${settings.watchlistId}.`);
  }
  const id = newGeneratedId(ctx);
  ctx.db
    .prepare("INSERT INTO fraudsters (fraudster_id, domain_id, created_at, voiceprint, source_job_id, source_request_id) VALUES (?, ?, ?, ?, ?, ?)")
    .run(id, domainId, ctx.now().getTime(), voiceprintToBuffer(analysis.voiceprint), jobId, req.requestId);
  addToWatchlist(ctx, id, settings.watchlistId);
  fraudsters.add(id, analysis.voiceprint);
  return { ok: true, entry: { RequestId: req.requestId, GeneratedFraudsterId: id, RegistrationStatus: "NEW_REGISTRATION" } };
}
