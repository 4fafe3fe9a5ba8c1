// waitForJob's outcomes against a scripted engine: the AWS CLI's reason, then a line of ours saying why.
import { describe, expect, it } from "vitest";
import type { Document, Engine } from "../../../src/engine/engine.js";
import { waitForJob, type WaiterSpec } from "../../../src/cli/wait/job-completed.js";

const spec: WaiterSpec = { command: "speaker-enrollment-job-completed", waiter: "SpeakerEnrollmentJobCompleted", operation: "DescribeSpeakerEnrollmentJob", label: "speaker enrollment job" };
const JOB = "J".repeat(22);

/** An AWS-kind engine that answers the given jobs in turn (the last one for ever). */
function scripted(...jobs: Document[]) {
  let i = 0;
  const engine = { call: async () => ({ Job: jobs[Math.min(i++, jobs.length - 1)] }) } as unknown as Engine;
  return { kind: "aws" as const, open: async () => engine };
}
const opts = { domainId: "D".repeat(22), jobId: JOB, delayMs: 1, maxAttempts: 3, sleep: async () => {} };

describe("waitForJob", () => {
  it("a FAILED job: the AWS CLI's reason, then the job's FailureDetails", async () => {
    const failed = { JobId: JOB, JobStatus: "FAILED", FailureDetails: { StatusCode: 400, Message: "The manifest s3://b/m.json does not exist." } };
    expect(await waitForJob(scripted({ JobStatus: "IN_PROGRESS" }, failed), spec, opts)).toEqual({
      ok: false,
      reason: `Waiter encountered a terminal failure state: For expression "Job.JobStatus" we matched expected path: "FAILED"`,
      detail: `Job ${JOB} failed: The manifest s3://b/m.json does not exist. (400)`,
    });
    // an answer without FailureDetails has nothing more to say
    expect((await waitForJob(scripted({ JobStatus: "FAILED" }), spec, opts)) as { detail?: string }).toMatchObject({ ok: false, detail: undefined });
  });

  it("giving up says the job is still running, after the AWS CLI's reason", async () => {
    const running = { JobId: JOB, JobStatus: "IN_PROGRESS", JobProgress: { PercentComplete: 40 } };
    expect(await waitForJob(scripted({ JobStatus: "SUBMITTED" }, running), spec, opts)).toEqual({
      ok: false,
      reason: "Max attempts exceeded",
      detail: `Gave up waiting: job ${JOB} is still running (IN_PROGRESS 40%); run the waiter again to wait on.`,
    });
  });
});
