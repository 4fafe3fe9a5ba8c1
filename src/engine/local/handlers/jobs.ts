// Start/Describe/List of speaker enrollment and fraudster registration jobs (spec §4.5, §5). Start only
// records the job as SUBMITTED and returns; a worker process runs it (jobs/runner.ts).
import { resolve } from "node:path";
import type { Document } from "../../engine.js";
import type { HandlerTable, LocalContext } from "../context.js";
import { afterCursor, paginate } from "../paginate.js";
import { notFound, quotaExceeded } from "../service-errors.js";
import { requireDomain } from "../store/domains.js";
import { withIdempotency } from "../store/idempotency.js";
import { requireWatchlist } from "../store/watchlists.js";
import { configuredWatchlist } from "../jobs/config.js";
import { activeJobId, getJob, insertJob, jobToApi, jobToSummary, KIND_INFO, type JobRow } from "../jobs/records.js";
import type { JobKind } from "../jobs/transitions.js";

const OPS = {
  SPEAKER_ENROLLMENT: { start: "StartSpeakerEnrollmentJob", list: "ListSpeakerEnrollmentJobs", quota: "speaker enrollment" },
  FRAUDSTER_REGISTRATION: { start: "StartFraudsterRegistrationJob", list: "ListFraudsterRegistrationJobs", quota: "fraudster registration" },
} as const;

function startJob(kind: JobKind) {
  return (ctx: LocalContext, p: Document): Document => {
    const domainId = p.DomainId as string;
    const sentConfig = p[KIND_INFO[kind].configMember] as Record<string, unknown> | undefined;
    let jobId: string | undefined;
    const result = withIdempotency(ctx, OPS[kind].start, domainId, p.ClientToken as string | undefined, p, () => {
      requireDomain(ctx, domainId, { forWrite: true });
      const watchlistId = configuredWatchlist(kind, sentConfig);
      if (watchlistId !== undefined) requireWatchlist(ctx, domainId, watchlistId);
      const active = activeJobId(ctx.db, domainId, kind);
      if (active !== undefined) {
        // named, so the operator can wait for it (voice-id wait …-job-completed --job-id) and start again
        throw quotaExceeded(`The domain '${domainId}' already has an active ${OPS[kind].quota} job, '${active}'; at most 1 may be SUBMITTED or IN_PROGRESS at a time.`);
      }
      jobId = ctx.newId();
      const output = p.OutputDataConfig as { S3Uri: string; KmsKeyId?: string };
      insertJob(ctx.db, {
        job_id: jobId,
        domain_id: domainId,
        kind,
        job_name: (p.JobName as string | undefined) ?? null,
        data_access_role_arn: p.DataAccessRoleArn as string,
        input_s3_uri: (p.InputDataConfig as { S3Uri: string }).S3Uri,
        output_s3_uri: output.S3Uri,
        output_kms_key_id: output.KmsKeyId ?? null,
        config: JSON.stringify(sentConfig ?? null), // echoed as sent (§9 #31); defaults apply when the job runs
        created_at: ctx.now().getTime(),
        s3_root: resolve(ctx.settings.s3Root), // a resume from another process or folder reads the same objects
      });
      return { Job: jobToApi(getJob(ctx.db, jobId)!) };
    });
    if (jobId !== undefined) ctx.onJobSubmitted?.(jobId); // a replayed token started nothing new
    return result;
  };
}

function requireJob(ctx: LocalContext, kind: JobKind, domainId: string, jobId: string): JobRow {
  const row = getJob(ctx.db, jobId);
  if (!row || row.domain_id !== domainId || row.kind !== kind) {
    throw notFound("BATCH_JOB", `The ${KIND_INFO[kind].label} '${jobId}' does not exist in domain '${domainId}'.`);
  }
  return row;
}

function describeJob(kind: JobKind) {
  return (ctx: LocalContext, p: Document): Document => {
    requireDomain(ctx, p.DomainId as string);
    return { Job: jobToApi(requireJob(ctx, kind, p.DomainId as string, p.JobId as string)) };
  };
}

/** Newest first (§9 #34), optionally only one JobStatus. */
function listJobs(kind: JobKind) {
  return (ctx: LocalContext, p: Document): Document => {
    const domainId = requireDomain(ctx, p.DomainId as string).domain_id;
    const status = p.JobStatus as string | undefined;
    const page = paginate(
      ctx,
      OPS[kind].list,
      p,
      (after, limit) => {
        const [where, args] = afterCursor(after, "created_at", "job_id", true);
        return ctx.db
          .prepare(
            `SELECT * FROM jobs WHERE domain_id = ? AND kind = ? AND (? IS NULL OR status = ?) AND ${where}
             ORDER BY created_at DESC, job_id DESC LIMIT ?`,
          )
          .all(domainId, kind, status ?? null, status ?? null, ...args, limit) as JobRow[];
      },
      (r) => [r.created_at, r.job_id],
    );
    const out: Document = { JobSummaries: page.items.map(jobToSummary) };
    if (page.nextToken) out.NextToken = page.nextToken;
    return out;
  };
}

export const jobHandlers: HandlerTable = {
  StartSpeakerEnrollmentJob: startJob("SPEAKER_ENROLLMENT"),
  DescribeSpeakerEnrollmentJob: describeJob("SPEAKER_ENROLLMENT"),
  ListSpeakerEnrollmentJobs: listJobs("SPEAKER_ENROLLMENT"),
  StartFraudsterRegistrationJob: startJob("FRAUDSTER_REGISTRATION"),
  DescribeFraudsterRegistrationJob: describeJob("FRAUDSTER_REGISTRATION"),
  ListFraudsterRegistrationJobs: listJobs("FRAUDSTER_REGISTRATION"),
};
