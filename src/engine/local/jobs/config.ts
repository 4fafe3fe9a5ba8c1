// The batch configs with the service's defaults applied (spec §3.3); the job record keeps what the caller sent.
import type { DomainRow } from "../store/domains.js";

export interface EnrollmentSettings {
  existingEnrollmentAction: "SKIP" | "OVERWRITE";
  fraudDetectionAction: "FAIL" | "IGNORE";
  /** Undocumented default: 50, the flow block's (§9 #3). */
  riskThreshold: number;
  watchlistId: string;
}

export interface RegistrationSettings {
  duplicateRegistrationAction: "SKIP" | "REGISTER_AS_NEW";
  /** Undocumented default: 90 (§9 #4). */
  fraudsterSimilarityThreshold: number;
  watchlistId: string;
}

type Json = Record<string, any>;

export function enrollmentSettings(sent: Json | null | undefined, domain: DomainRow): EnrollmentSettings {
  const fraud = (sent?.FraudDetectionConfig ?? {}) as Json;
  return {
    existingEnrollmentAction: sent?.ExistingEnrollmentAction ?? "SKIP",
    fraudDetectionAction: fraud.FraudDetectionAction ?? "FAIL",
    riskThreshold: fraud.RiskThreshold ?? 50,
    watchlistId: fraud.WatchlistIds?.[0] ?? domain.default_watchlist_id,
  };
}

export function registrationSettings(sent: Json | null | undefined, domain: DomainRow): RegistrationSettings {
  return {
    duplicateRegistrationAction: sent?.DuplicateRegistrationAction ?? "SKIP",
    fraudsterSimilarityThreshold: sent?.FraudsterSimilarityThreshold ?? 90,
    watchlistId: sent?.WatchlistIds?.[0] ?? domain.default_watchlist_id,
  };
}

/** The watchlist a Start*Job names in its config, if any (checked to exist at start, §4.5). */
export function configuredWatchlist(kind: "SPEAKER_ENROLLMENT" | "FRAUDSTER_REGISTRATION", sent: Json | undefined): string | undefined {
  if (!sent) return undefined;
  return kind === "SPEAKER_ENROLLMENT" ? sent.FraudDetectionConfig?.WatchlistIds?.[0] : sent.WatchlistIds?.[0];
}
