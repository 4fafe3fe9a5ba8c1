// Jobs under `local serve`: they run in the server process, and a job left SUBMITTED by an earlier run (or a
// killed server) resumes when the server starts again.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DescribeSpeakerEnrollmentJobCommand } from "@aws-sdk/client-voice-id";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { runPendingJobs } from "../../src/engine/local/jobs/work-loop.js";
import { DEMO_VOICES, demoCall } from "../../src/cli/local/demo-voices.js";
import type { Document } from "../../src/engine/engine.js";
import { startTestServer } from "./helpers.js";

describe("local serve runs batch jobs in-process", () => {
  it("resumes a job submitted before the server started", async () => {
    const first = await startTestServer();
    const home = first.home;
    await first.close();

    // Submit a job with nobody to run it (as if the previous server was killed right after accepting it).
    const [{ domainId, jobId }] = await submitJobs(home, 1);

    const t = await startTestServer({ env: { VOICE_ID_HOME: home } });
    try {
      const client = t.client();
      let status: string | undefined;
      for (let i = 0; i < 300 && status !== "COMPLETED" && status !== "FAILED" && status !== "COMPLETED_WITH_ERRORS"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await client.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job!.JobStatus;
      }
      expect(status).toBe("COMPLETED");
    } finally {
      await t.close();
    }
  });

  it("picks up a job whose worker died in another process, while it runs (as a CLI command would on opening the store)", async () => {
    const t = await startTestServer();
    try {
      // A job claimed by a process that is gone, with a lease that would run for another 10 minutes.
      const [{ domainId, jobId }] = await submitJobs(t.home, 1);
      const gone = spawn(process.execPath, ["-e", "0"]);
      await new Promise((r) => gone.on("exit", r));
      const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: t.home }), jobWorkers: "none" });
      engine.ctx.db
        .prepare("UPDATE jobs SET status = 'IN_PROGRESS', started_at = created_at, lease_owner = ?, lease_expires_at = ? WHERE job_id = ?")
        .run(`${hostname()}:${gone.pid}:dead`, Date.now() + 600_000, jobId);
      engine.close();
      const client = t.client();
      let status: string | undefined;
      for (let i = 0; i < 150 && (status === undefined || status === "IN_PROGRESS"); i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await client.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job!.JobStatus;
      }
      expect(status).toBe("COMPLETED");
    } finally {
      await t.close();
    }
  });

  it("a shutdown claims no further job: jobs still queued stay SUBMITTED for the next start", async () => {
    const first = await startTestServer();
    const home = first.home;
    await first.close();
    const jobs = await submitJobs(home, 2);

    const t = await startTestServer({ env: { VOICE_ID_HOME: home } });
    await t.close(); // at once: the runner may have claimed one job at most

    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    try {
      const statuses = await Promise.all(
        jobs.map(async ({ domainId, jobId }) => ((await engine.call("DescribeSpeakerEnrollmentJob", { DomainId: domainId, JobId: jobId })).Job as Document).JobStatus),
      );
      expect(statuses.filter((s) => s === "SUBMITTED").length).toBeGreaterThanOrEqual(1);
      // one job may have been claimed: finished, or stopped before its one request (resumable)
      for (const s of statuses.filter((s) => s !== "SUBMITTED")) expect(["COMPLETED", "IN_PROGRESS"]).toContain(s);
    } finally {
      engine.close();
    }
  });

  it("a job stopped between two requests (a server shutting down) resumes at the next start from where it stopped", async () => {
    const first = await startTestServer();
    const home = first.home;
    await first.close();
    const requests = 40;
    const [{ domainId, jobId }] = await submitJobs(home, 1, requests);

    // What a closing server's runner does: asked before each request whether to stop, here after 5 of them.
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    const committed = () => (engine.ctx.db.prepare("SELECT count(*) AS n FROM job_results WHERE job_id = ?").get(jobId) as { n: number }).n;
    try {
      await runPendingJobs(engine.ctx, { stopRequested: () => committed() >= 5 });
      expect(engine.ctx.db.prepare("SELECT status, lease_owner FROM jobs WHERE job_id = ?").get(jobId)).toEqual({ status: "IN_PROGRESS", lease_owner: null });
      expect(committed()).toBe(5);
    } finally {
      engine.close();
    }

    // released, not left to expire: the next server takes it over at once and does the other 35
    const again = await startTestServer({ env: { VOICE_ID_HOME: home } });
    try {
      let status: string | undefined;
      for (let i = 0; i < 300 && status !== "COMPLETED"; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = (await again.client().send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job!.JobStatus;
      }
      expect(status).toBe("COMPLETED");
    } finally {
      await again.close();
    }
    const out = JSON.parse(readFileSync(join(home, "s3", "jobs", "out-0", jobId, "manifest.json.out"), "utf8"));
    expect(out.SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(Array.from({ length: requests }, (_, i) => `r${i + 1}`));
  }, 60_000);
});

/** Submits one enrollment job in each of `count` new domains with nobody to run them; returns their ids. */
async function submitJobs(home: string, count: number, requests = 1): Promise<{ domainId: string; jobId: string }[]> {
  const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
  try {
    const folder = join(home, "s3", "jobs");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "caller.wav"), demoCall(DEMO_VOICES[0]!, 34));
    writeFileSync(
      join(folder, "manifest.json"),
      JSON.stringify({
        Version: "1.0",
        SpeakerEnrollmentRequests: Array.from({ length: requests }, (_, i) => ({
          RequestId: `r${i + 1}`,
          SpeakerId: i === 0 ? "resumed-caller" : `caller-${i + 1}`,
          AudioSpecifications: [{ S3Uri: "s3://jobs/caller.wav", ChannelId: 0 }],
        })),
      }),
    );
    const jobs: { domainId: string; jobId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const domain = (await engine.call("CreateDomain", { Name: `resume-${i}`, ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
      const job = (
        await engine.call("StartSpeakerEnrollmentJob", {
        DomainId: domain.DomainId,
        DataAccessRoleArn: "arn:aws:iam::000000000000:role/voice-id",
        InputDataConfig: { S3Uri: "s3://jobs/manifest.json" },
        OutputDataConfig: { S3Uri: `s3://jobs/out-${i}` },
      })
      ).Job as Document;
      expect(job.JobStatus).toBe("SUBMITTED");
      jobs.push({ domainId: domain.DomainId as string, jobId: job.JobId as string });
    }
    return jobs;
  } finally {
    engine.close();
  }
}
