// Jobs through the real detached worker process (dist/): Start spawns it, `voice-id wait` watches it; a worker
// killed with SIGKILL mid-job is resumed by the next command that opens the store, with exactly-once results.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { workerScript } from "../../src/engine/local/jobs/supervisor.js";
import { run as waitEnrollment } from "../../src/cli/wait/speaker-enrollment-job-completed.js";
import { run as waitRegistration } from "../../src/cli/wait/fraudster-registration-job-completed.js";
import { captureIO, call, enrollmentManifest, jobStore, outputOf, ROLE, startEnrollment } from "../helpers/jobs-fixtures.js";

const SHARED_AUDIO = join(import.meta.dirname, "../../../shared/audio");
const worker = workerScript();

async function wait(kind: "enroll" | "register", env: Record<string, string>, domainId: string, jobId: string, tty = false, extra: string[] = []) {
  const io = captureIO(env, tty);
  const code = await (kind === "enroll" ? waitEnrollment : waitRegistration)(["--domain-id", domainId, "--job-id", jobId, ...extra], io.deps as never);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe.skipIf(!worker)("jobs in the detached worker process", () => {
  it.each([false, true])("a Start spawns the worker; the waiter exits 0, silent in a pipe, a spinner on stderr on a terminal (tty: %s)", async (tty) => {
    const s = jobStore({ jobWorkers: "spawn" });
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://call-audio/bruno.wav", call("bruno"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([
      { id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] },
      { id: "r2", speaker: "bruno", audio: [["s3://call-audio/bruno.wav", 0]] },
    ]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    const r = await wait("enroll", s.env, DomainId, jobId, tty);
    expect([r.code, r.stdout]).toEqual([0, ""]);
    if (tty) expect(r.stderr).toContain(`Waiting for speaker enrollment job ${jobId}`);
    else expect(r.stderr).toBe("");
    const out = outputOf(s, jobId, "s3://in-bucket/m.json");
    expect(out.SuccessfulEnrollments.map((e: Document) => e.EnrollmentStatus)).toEqual(["NEW_ENROLLMENT", "NEW_ENROLLMENT"]);
  });

  it.each(["folder", "fifo"])("a jobs.log that cannot be opened (a %s here; root-owned after a sudo in life) does not stop the worker", async (kind) => {
    const s = jobStore({ jobWorkers: "spawn" });
    if (kind === "folder") mkdirSync(join(s.home, "jobs.log"));
    else execFileSync("mkfifo", [join(s.home, "jobs.log")]); // nobody reads it: a blocking open would wait for ever
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    expect((await wait("enroll", s.env, DomainId, jobId)).code).toBe(0);
    expect(outputOf(s, jobId, "s3://in-bucket/m.json").SuccessfulEnrollments).toHaveLength(1);
  });

  it("the waiter exits 255 with the AWS CLI's waiter message and the job's FailureDetails when the job FAILED", async () => {
    const s = jobStore({ jobWorkers: "spawn" });
    const { DomainId } = await s.domain();
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/missing.json");
    const r = await wait("enroll", s.env, DomainId, jobId);
    const { FailureDetails } = (await s.engine.call("DescribeSpeakerEnrollmentJob", { DomainId, JobId: jobId })).Job as { FailureDetails: { Message: string; StatusCode: number } };
    expect(FailureDetails.Message).toContain("s3://in-bucket/missing.json");
    // the AWS CLI's line unchanged (scripts match it), then why the job failed
    expect(r).toEqual({
      code: 255,
      stdout: "",
      stderr:
        `\nWaiter SpeakerEnrollmentJobCompleted failed: Waiter encountered a terminal failure state: For expression "Job.JobStatus" we matched expected path: "FAILED"\n` +
        `Job ${jobId} failed: ${FailureDetails.Message} (${FailureDetails.StatusCode})\n`,
    });
    const debug = await wait("enroll", s.env, DomainId, jobId, false, ["--debug"]);
    expect(debug.code).toBe(255);
    expect(debug.stderr).toMatch(/^voice-id debug: waiter SpeakerEnrollmentJobCompleted: DescribeSpeakerEnrollmentJob every \d+ ms on the local engine, for at most an hour\n/);
    expect(debug.stderr).toContain(`voice-id debug: DescribeSpeakerEnrollmentJob ${jobId}: FAILED 100%\n`);
    const unknown = await wait("register", s.env, DomainId, "J".repeat(22));
    expect(unknown.code).toBe(255);
    expect(unknown.stderr).toMatch(/^\nWaiter FraudsterRegistrationJobCompleted failed: An error occurred \(ResourceNotFoundException\): /);
  });

  it("workers killed with SIGKILL at any point lose nothing and duplicate nothing, whatever the resuming process sees", async () => {
    const s = jobStore(); // no automatic worker: this test starts and kills its own
    const { DomainId } = await s.domain();
    const voices = ["alice", "bruno", "chen", "dana"];
    voices.forEach((v, i) => s.put(`s3://call-audio/${v}.wav`, call(v, 38, String(i))));
    s.put("s3://call-audio/short.wav", call("dana", 8));
    const n = 48;
    // Even requests enroll a new speaker; odd ones fail (too little speech) — both kinds must appear exactly once.
    const uriOf = (i: number) => (i % 2 ? "s3://call-audio/short.wav" : `s3://call-audio/${voices[(i / 2) % 4]}.wav`);
    const requests = Array.from({ length: n }, (_, i) => ({ id: `req-${i}`, speaker: `cust-${i}`, audio: [[uriOf(i), 0]] as [string, number][] }));
    s.put("s3://in-bucket/big.json", enrollmentManifest(requests));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/big.json");
    const settings = localSettings(s.env);
    const db = s.engine.ctx.db;
    const row = () => db.prepare("SELECT status, done_requests, lease_owner FROM jobs WHERE job_id = ?").get(jobId) as { status: string; done_requests: number; lease_owner: string | null };
    // Kill a worker right after it claimed the job, then twice more mid-way; each time a new one picks up.
    let last = -1;
    for (const atLeast of [0, 10, 26]) {
      const child = spawn(process.execPath, [worker!, JSON.stringify(settings)], { stdio: "ignore", env: { ...process.env, VOICE_ID_JOB_LEASE_MS: "600000" } });
      const exited = new Promise((r) => child.on("exit", r));
      for (let i = 0; i < 6000; i++) {
        const r = row();
        if (r.lease_owner?.includes(`:${child.pid}:`) && r.done_requests >= atLeast) break;
        await new Promise((res) => setTimeout(res, 10));
      }
      child.kill("SIGKILL");
      await exited;
      const r = row();
      expect(["SUBMITTED", "IN_PROGRESS"]).toContain(r.status); // SUBMITTED: killed between its claim and its start
      expect(r.done_requests).toBeGreaterThanOrEqual(Math.max(atLeast, last));
      expect(r.done_requests).toBeLessThan(n);
      last = r.done_requests;
    }
    const mid = await s.engine.call("DescribeSpeakerEnrollmentJob", { DomainId, JobId: jobId });
    expect(((mid.Job as Document).JobProgress as Document).PercentComplete).toBe(Math.floor((last * 100) / n));

    // The job runs on as it began, not as the resuming process would start it: the manifest file is rewritten
    // (same requests, reversed: results are kept by position) and that process has another VOICE_ID_S3_ROOT.
    s.put("s3://in-bucket/big.json", enrollmentManifest([...requests].reverse()));
    const elsewhere = { ...settings, s3Root: join(s.home, "another-root") };
    // Any later command that opens the store notices the dead worker (its pid is gone, the lease still runs 10 minutes) and respawns one.
    const killedOwner = row().lease_owner;
    LocalEngine.open({ settings: elsewhere }).close();
    // Let that worker claim the job before `wait` opens the store (which would otherwise spawn one of its own).
    for (let i = 0; i < 1000 && row().lease_owner === killedOwner; i++) await new Promise((res) => setTimeout(res, 10));
    expect(row().lease_owner).not.toBe(killedOwner);
    expect((await wait("enroll", s.env, DomainId, jobId)).code).toBe(0);

    const out = outputOf(s, jobId, "s3://in-bucket/big.json");
    const ids = (list: Document[]) => list.map((e) => e.RequestId);
    expect(ids(out.SuccessfulEnrollments)).toEqual(Array.from({ length: n / 2 }, (_, i) => `req-${2 * i}`));
    expect(ids(out.Errors)).toEqual(Array.from({ length: n / 2 }, (_, i) => `req-${2 * i + 1}`));
    expect(new Set(out.SuccessfulEnrollments.map((e: Document) => e.GeneratedSpeakerId)).size).toBe(n / 2);
    expect(out.SuccessfulEnrollments.every((e: Document) => e.EnrollmentStatus === "NEW_ENROLLMENT")).toBe(true);
    expect(db.prepare("SELECT count(*) AS c FROM speakers WHERE domain_id = ?").get(DomainId)).toEqual({ c: n / 2 });
    expect(db.prepare("SELECT count(*) AS c FROM job_results WHERE job_id = ?").get(jobId)).toEqual({ c: n });
    const job = (await s.engine.call("DescribeSpeakerEnrollmentJob", { DomainId, JobId: jobId })).Job as Document;
    expect(job).toMatchObject({ JobStatus: "COMPLETED_WITH_ERRORS", JobProgress: { PercentComplete: 100 } });
  }, 180_000);
});

describe.skipIf(!worker || !existsSync(join(SHARED_AUDIO, "enrollment-manifest.json")))("the shared development audio set", () => {
  it("enrolls its customers and registers its fraudster, with the documented errors for the edge cases", async () => {
    const s = jobStore({ jobWorkers: "spawn" });
    // s3://voice-id-samples/<path> is <path> in the shared folder (its README); the store refuses symlinks leaving its root, so copy.
    cpSync(SHARED_AUDIO, join(s.s3Root, "voice-id-samples"), { recursive: true });
    const { DomainId } = await s.domain();
    const params = (manifest: string) => ({
      DomainId,
      DataAccessRoleArn: ROLE,
      InputDataConfig: { S3Uri: `s3://voice-id-samples/${manifest}` },
      OutputDataConfig: { S3Uri: "s3://out-bucket/results" },
    });
    const reg = ((await s.engine.call("StartFraudsterRegistrationJob", params("fraudster-manifest.json"))).Job as Document).JobId as string;
    expect((await wait("register", s.env, DomainId, reg)).code).toBe(0);
    const regOut = outputOf(s, reg, "fraudster-manifest.json");
    expect(regOut.SuccessfulRegistrations.map((e: Document) => [e.RequestId, e.RegistrationStatus])).toEqual([["fraudster-v07", "NEW_REGISTRATION"]]);
    expect(regOut.Errors).toEqual([
      { RequestId: "fraudster-x03-not-wav", ErrorCode: 400, ErrorMessage: "Audio file s3://voice-id-samples/edge-cases/not-a-wav.wav is not a PCM-16 WAV file." },
    ]);

    const enr = ((await s.engine.call("StartSpeakerEnrollmentJob", params("enrollment-manifest.json"))).Job as Document).JobId as string;
    expect((await wait("enroll", s.env, DomainId, enr)).code).toBe(0);
    const job = (await s.engine.call("DescribeSpeakerEnrollmentJob", { DomainId, JobId: enr })).Job as Document;
    expect(job).toMatchObject({ JobStatus: "COMPLETED_WITH_ERRORS", JobProgress: { PercentComplete: 100 } });
    const out = outputOf(s, enr, "enrollment-manifest.json");
    expect(out.SuccessfulEnrollments.map((e: Document) => [e.CustomerSpeakerId, e.EnrollmentStatus])).toEqual(
      ["v01", "v02", "v03", "v04", "v05", "v06", "v08"].map((v) => [v, "NEW_ENROLLMENT"]),
    );
    expect(out.Errors.map((e: Document) => [e.RequestId, e.ErrorCode])).toEqual([
      ["enroll-x01-little-speech", 400],
      ["enroll-x02-wrong-rate", 400],
    ]);
    expect(out.Errors[0].ErrorMessage).toMatch(/^Not enough speech: 1\d\.\d s of net speech found, 30 s required\.$/);
    expect(out.Errors[1].ErrorMessage).toBe("Audio file s3://voice-id-samples/edge-cases/wrong-rate-16k.wav has sample rate 16000 Hz; 8000 Hz is required.");
    const list = await s.engine.call("ListSpeakers", { DomainId });
    expect((list.SpeakerSummaries as Document[]).map((x) => [x.CustomerSpeakerId, x.Status]).sort()).toEqual(
      ["v01", "v02", "v03", "v04", "v05", "v06", "v08"].map((v) => [v, "ENROLLED"]),
    );
  }, 180_000);
});
