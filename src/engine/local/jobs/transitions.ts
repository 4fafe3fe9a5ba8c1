// A batch job's status moves only through these declared transitions (spec §4.5), like moto's ManagedState;
// every move goes through transition(), with the clock injected, so tests and the runner agree on the graph.
import type { Database } from "../store/db.js";

export type JobStatus = "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED";
export type JobKind = "SPEAKER_ENROLLMENT" | "FRAUDSTER_REGISTRATION";

/** The graph of spec §4.5: SUBMITTED → IN_PROGRESS → {COMPLETED, COMPLETED_WITH_ERRORS, FAILED}; SUBMITTED → FAILED. */
export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  SUBMITTED: ["IN_PROGRESS", "FAILED"],
  IN_PROGRESS: ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"],
  COMPLETED: [],
  COMPLETED_WITH_ERRORS: [],
  FAILED: [],
};

/** Statuses that count toward "one active job of each kind per domain" and that a worker may (re)claim. */
export const ACTIVE_STATUSES: readonly JobStatus[] = ["SUBMITTED", "IN_PROGRESS"];

export function isTerminal(status: JobStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly jobId: string,
    readonly from: string,
    readonly to: JobStatus,
  ) {
    super(`Job ${jobId} cannot move from ${from} to ${to}.`);
    this.name = "IllegalTransitionError";
  }
}

export interface TransitionExtras {
  failure?: { statusCode: number; message: string };
}

/**
 * Moves a job from its current status to `to`, stamping started_at / ended_at from the injected clock.
 * Terminal moves also set PercentComplete to 100 (done = total) and release the lease. Must run inside the
 * caller's transaction when combined with other writes; throws IllegalTransitionError for undeclared moves.
 */
export function transition(db: Database, jobId: string, to: JobStatus, now: () => Date, extras: TransitionExtras = {}): JobStatus {
  const row = db.prepare("SELECT status FROM jobs WHERE job_id = ?").get(jobId) as { status: JobStatus } | undefined;
  if (!row) throw new Error(`Job ${jobId} does not exist.`);
  if (!canTransition(row.status, to)) throw new IllegalTransitionError(jobId, row.status, to);
  const t = now().getTime();
  if (to === "IN_PROGRESS") {
    db.prepare("UPDATE jobs SET status = ?, started_at = ? WHERE job_id = ?").run(to, t, jobId);
  } else {
    db.prepare(
      `UPDATE jobs SET status = ?, ended_at = ?, failure_status_code = ?, failure_message = ?,
         done_requests = COALESCE(total_requests, done_requests), lease_owner = NULL, lease_expires_at = NULL
       WHERE job_id = ?`,
    ).run(to, t, extras.failure?.statusCode ?? null, extras.failure?.message ?? null, jobId);
    db.prepare("DELETE FROM job_manifests WHERE job_id = ?").run(jobId); // only a running job can resume
  }
  return row.status;
}
