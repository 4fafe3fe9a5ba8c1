// Jobs under `local serve` (the server runs them in-process) watched by `voice-id wait … --endpoint-url`,
// i.e. the waiter on the AWS engine (the real SDK) against the local endpoint.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../src/engine/engine.js";
import { run as waitEnrollment } from "../../src/cli/wait/speaker-enrollment-job-completed.js";
import { startTestServer } from "../server/helpers.js";
import { call, captureIO, enrollmentManifest, ROLE } from "../helpers/jobs-fixtures.js";

describe("jobs under local serve", () => {
  it("runs a job in the server process; the waiter polls it through the endpoint and exits 0", async () => {
    const t = await startTestServer();
    try {
      const put = (uri: string, body: Buffer | string) => {
        const p = join(t.home, "s3", uri.replace("s3://", ""));
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, body);
      };
      put("s3://call-audio/alice.wav", call("alice"));
      put("s3://in-bucket/m.json", JSON.stringify(enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }])));
      const engine = t.server.engine;
      const domain = (await engine.call("CreateDomain", { Name: "d", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
      const DomainId = domain.DomainId as string;
      const job = (await engine.call("StartSpeakerEnrollmentJob", { DomainId, DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: "s3://in-bucket/m.json" }, OutputDataConfig: { S3Uri: "s3://out-bucket/o" } })).Job as Document;
      const io = captureIO({ AWS_REGION: "us-east-1", HOME: t.home });
      const code = await waitEnrollment(["--domain-id", DomainId, "--job-id", job.JobId as string, "--endpoint-url", t.url, "--no-sign-request"], io.deps as never);
      expect([code, io.stdout(), io.stderr()]).toEqual([0, "", ""]);
      const out = JSON.parse(readFileSync(join(t.home, "s3/out-bucket/o", job.JobId as string, "m.json.out"), "utf8"));
      expect(out.SuccessfulEnrollments[0]).toMatchObject({ RequestId: "r1", CustomerSpeakerId: "alice", EnrollmentStatus: "NEW_ENROLLMENT" });
    } finally {
      await t.close();
    }
  });
});
