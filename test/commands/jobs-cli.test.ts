// The jobs story through the real command line, main() in-process: `local cp` the calls, start a fraudster
// registration, `wait`, then enroll the same voice — refused by fraud screening with FAIL, enrolled with IGNORE.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { workerScript } from "../../src/engine/local/jobs/supervisor.js";
import { call, captureIO, enrollmentManifest, registrationManifest, ROLE } from "../helpers/jobs-fixtures.js";

describe.skipIf(!workerScript())("jobs through the CLI", () => {
  it("registers a fraudster, then screens a later enrollment of the same voice: FAIL refuses it, IGNORE enrolls it", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-jobs-cli-"));
    const env = { VOICE_ID_HOME: home, AWS_DEFAULT_REGION: "us-east-1" };
    const cli = async (...argv: string[]) => {
      const io = captureIO(env);
      const code = await main(argv, io.deps as never);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    };
    const ok = async (...argv: string[]) => {
      const r = await cli(...argv);
      expect(r.code, `${argv.join(" ")}\n${r.stderr}`).toBe(0);
      return r.stdout.trim();
    };
    const upload = async (name: string, body: Buffer | string, uri: string) => {
      const path = join(home, name);
      writeFileSync(path, body);
      await ok("local", "cp", path, uri);
    };
    await upload("fraud.wav", call("mallory", 38, "cli-1"), "s3://calls-bucket/fraud.wav");
    await upload("later.wav", call("mallory", 38, "cli-2"), "s3://calls-bucket/later.wav");
    await upload("fraud.json", JSON.stringify(registrationManifest([{ id: "f1", audio: [["s3://calls-bucket/fraud.wav", 0]] }])), "s3://calls-bucket/fraud.json");
    await upload("enroll.json", JSON.stringify(enrollmentManifest([{ id: "e1", speaker: "caller-7", audio: [["s3://calls-bucket/later.wav", 0]] }])), "s3://calls-bucket/enroll.json");

    const domainId = await ok("create-domain", "--name", "cli", "--server-side-encryption-configuration", "KmsKeyId=alias/k", "--query", "Domain.DomainId", "--output", "text");
    const common = ["--domain-id", domainId, "--data-access-role-arn", ROLE, "--output-data-config", "S3Uri=s3://calls-bucket/out", "--query", "Job.JobId", "--output", "text"];
    const reg = await ok("start-fraudster-registration-job", ...common, "--input-data-config", "S3Uri=s3://calls-bucket/fraud.json");
    expect(await cli("wait", "fraudster-registration-job-completed", "--domain-id", domainId, "--job-id", reg)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await ok("list-fraudsters", "--domain-id", domainId, "--query", "length(FraudsterSummaries)")).toBe("1");

    const failJob = await ok("start-speaker-enrollment-job", ...common, "--input-data-config", "S3Uri=s3://calls-bucket/enroll.json");
    expect((await cli("wait", "speaker-enrollment-job-completed", "--domain-id", domainId, "--job-id", failJob)).code).toBe(0);
    expect(await ok("describe-speaker-enrollment-job", "--domain-id", domainId, "--job-id", failJob, "--query", "Job.JobStatus", "--output", "text")).toBe("COMPLETED_WITH_ERRORS");
    const fetch = async (uri: string) => {
      const local = join(home, "fetched.json");
      await ok("local", "cp", uri, local);
      return JSON.parse(readFileSync(local, "utf8")) as Record<string, any>;
    };
    const failOut = await fetch(`s3://calls-bucket/out/${failJob}/enroll.json.out`);
    expect(failOut).toEqual({
      Version: "1.0",
      Errors: [{ RequestId: "e1", ErrorCode: 400, ErrorMessage: expect.stringMatching(/^Speaker failed fraud screening: known-fraudster risk \d+ >= threshold 50\.$/) }],
      SuccessfulEnrollments: [],
    });
    expect(await ok("list-speakers", "--domain-id", domainId, "--query", "length(SpeakerSummaries)")).toBe("0");

    const ignoreJob = await ok(
      "start-speaker-enrollment-job", ...common, "--input-data-config", "S3Uri=s3://calls-bucket/enroll.json",
      "--enrollment-config", '{"FraudDetectionConfig": {"FraudDetectionAction": "IGNORE"}}',
    );
    expect((await cli("wait", "speaker-enrollment-job-completed", "--domain-id", domainId, "--job-id", ignoreJob)).code).toBe(0);
    const ignoreOut = await fetch(`s3://calls-bucket/out/${ignoreJob}/enroll.json.out`);
    expect(ignoreOut.Errors).toEqual([]);
    expect(ignoreOut.SuccessfulEnrollments).toEqual([{ RequestId: "e1", GeneratedSpeakerId: expect.stringMatching(/^id#/), CustomerSpeakerId: "caller-7", EnrollmentStatus: "NEW_ENROLLMENT" }]);
    expect(await ok("describe-speaker", "--domain-id", domainId, "--speaker-id", "caller-7", "--query", "Speaker.Status", "--output", "text")).toBe("ENROLLED");
    expect(await ok("describe-speaker-enrollment-job", "--domain-id", domainId, "--job-id", ignoreJob, "--query", "Job.EnrollmentConfig", "--output", "json")).toBe(
      JSON.stringify({ FraudDetectionConfig: { FraudDetectionAction: "IGNORE" } }, null, 4),
    );
  }, 180_000);
});
