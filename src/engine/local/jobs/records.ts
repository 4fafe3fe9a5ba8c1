// The jobs table as the API sees it: insert a submitted job, read one or a page, and map rows to the
// model's SpeakerEnrollmentJob / FraudsterRegistrationJob shapes (timestamps as Date, configs as sent).
import type { Database } from "../store/db.js";
import type { Document } from "../../engine.js";
import { isTerminal, type JobKind, type JobStatus } from "./transitions.js";

export interface JobRow {
  job_id: string;
  domain_id: string;
  kind: JobKind;
  job_name: string | null;
  status: JobStatus;
  data_access_role_arn: string;
  input_s3_uri: string;
  output_s3_uri: string;
  output_kms_key_id: string | null;
  /** The EnrollmentConfig / RegistrationConfig exactly as the caller sent it, JSON ("null" when absent: §9 #31). */
  config: string;
  failure_status_code: number | null;
  failure_message: string | null;
  total_requests: number | null;
  done_requests: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  /** Absolute S3 root of the process that started the job (NULL: started before the store recorded it). */
  s3_root: string | null;
}

/** Per kind: the config member's name and the API's not-found wording. */
export const KIND_INFO = {
  SPEAKER_ENROLLMENT: { configMember: "EnrollmentConfig", label: "speaker enrollment job" },
  FRAUDSTER_REGISTRATION: { configMember: "RegistrationConfig", label: "fraudster registration job" },
} as const;

export function insertJob(db: Database, row: Omit<JobRow, "failure_status_code" | "failure_message" | "total_requests" | "done_requests" | "started_at" | "ended_at" | "lease_owner" | "lease_expires_at" | "status">): void {
  db.prepare(
    `INSERT INTO jobs (job_id, domain_id, kind, job_name, status, data_access_role_arn, input_s3_uri, output_s3_uri,
       output_kms_key_id, config, created_at, s3_root)
     VALUES (@job_id, @domain_id, @kind, @job_name, 'SUBMITTED', @data_access_role_arn, @input_s3_uri, @output_s3_uri,
       @output_kms_key_id, @config, @created_at, @s3_root)`,
  ).run(row);
}

export function getJob(db: Database, jobId: string): JobRow | undefined {
  return db.prepare("SELECT * FROM jobs WHERE job_id = ?").get(jobId) as JobRow | undefined;
}

/** The domain's SUBMITTED or IN_PROGRESS job of this kind (at most one: the quota), named in the quota refusal. */
export function activeJobId(db: Database, domainId: string, kind: JobKind): string | undefined {
  const r = db
    .prepare("SELECT job_id FROM jobs WHERE domain_id = ? AND kind = ? AND status IN ('SUBMITTED', 'IN_PROGRESS') ORDER BY created_at LIMIT 1")
    .get(domainId, kind) as { job_id: string } | undefined;
  return r?.job_id;
}

/** PercentComplete: completed requests / total × 100, rounded down; 100 once terminal (spec §4.5, §9 #32). */
export function percentComplete(row: JobRow): number {
  if (isTerminal(row.status)) return 100;
  if (!row.total_requests) return 0;
  return Math.min(100, Math.floor((row.done_requests * 100) / row.total_requests));
}

function summaryFields(row: JobRow): Document {
  const out: Document = { CreatedAt: new Date(row.created_at), DomainId: row.domain_id };
  if (row.ended_at != null) out.EndedAt = new Date(row.ended_at);
  if (row.status === "FAILED" && row.failure_status_code != null) {
    out.FailureDetails = { StatusCode: row.failure_status_code, Message: row.failure_message ?? "" };
  }
  out.JobId = row.job_id;
  if (row.job_name != null) out.JobName = row.job_name;
  out.JobProgress = { PercentComplete: percentComplete(row) };
  out.JobStatus = row.status;
  return out;
}

/** The full job (Start/Describe responses). */
export function jobToApi(row: JobRow): Document {
  const summary = summaryFields(row);
  const out: Document = { CreatedAt: summary.CreatedAt, DataAccessRoleArn: row.data_access_role_arn, DomainId: row.domain_id };
  if (summary.EndedAt) out.EndedAt = summary.EndedAt;
  const config = JSON.parse(row.config) as unknown;
  if (config != null) out[KIND_INFO[row.kind].configMember] = config;
  if (summary.FailureDetails) out.FailureDetails = summary.FailureDetails;
  out.InputDataConfig = { S3Uri: row.input_s3_uri };
  out.JobId = row.job_id;
  if (row.job_name != null) out.JobName = row.job_name;
  out.JobProgress = summary.JobProgress;
  out.JobStatus = row.status;
  const output: Document = { S3Uri: row.output_s3_uri };
  if (row.output_kms_key_id != null) output.KmsKeyId = row.output_kms_key_id;
  out.OutputDataConfig = output;
  return out;
}

/** The list entry (JobSummaries). */
export function jobToSummary(row: JobRow): Document {
  return summaryFields(row);
}
