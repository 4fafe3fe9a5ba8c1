// The local engine's ServiceErrors in one place, so handlers raise them with the model's typed members.
import { ServiceError } from "../engine.js";

export type ResourceType = "BATCH_JOB" | "COMPLIANCE_CONSENT" | "DOMAIN" | "FRAUDSTER" | "SESSION" | "SPEAKER" | "WATCHLIST";

export type ConflictType =
  | "ANOTHER_ACTIVE_STREAM"
  | "DOMAIN_NOT_ACTIVE"
  | "CANNOT_CHANGE_SPEAKER_AFTER_ENROLLMENT"
  | "ENROLLMENT_ALREADY_EXISTS"
  | "SPEAKER_NOT_SET"
  | "SPEAKER_OPTED_OUT"
  | "CONCURRENT_CHANGES"
  | "DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES"
  | "CANNOT_DELETE_NON_EMPTY_WATCHLIST"
  | "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST";

export const notFound = (resourceType: ResourceType, message: string) =>
  new ServiceError("ResourceNotFoundException", message, { ResourceType: resourceType });

/** ConflictException; the idempotency mismatch has no ConflictType (spec §5). */
export const conflict = (conflictType: ConflictType | undefined, message: string) =>
  new ServiceError("ConflictException", message, conflictType ? { ConflictType: conflictType } : {});

export const quotaExceeded = (message: string) => new ServiceError("ServiceQuotaExceededException", message);

export const invalid = (message: string) => new ServiceError("ValidationException", message);
