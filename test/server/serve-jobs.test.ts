// Jobs under `local serve`: they run in the server process, and a job left SUBMITTED by an earlier run (or a
// killed server) resumes when the server starts again.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DescribeSpeakerEnrollmentJobCommand } from "@aws-sdk/client-voice-id";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { DEMO_VOICES, demoCall } from "../../src/cli/local/demo-voices.js";
import type { Document } from "../../src/engine/engine.js";
import { startTestServer } from "./helpers.js";

describe("local serve runs batch jobs in-process", () => {
  it("resumes a job submitted before the server started", async () => {
    const first = await startTestServer();
    const home = first.home;
    await first.close();

    // Submit a job with nobody to run it (as if the previous server was killed right after accepting it).
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    const domain = (await engine.call("CreateDomain", { Name: "resume", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
    const folder = join(home, "s3", "jobs");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "caller.wav"), demoCall(DEMO_VOICES[0]!, 34));
    writeFileSync(
      join(folder, "manifest.json"),
      JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: [{ RequestId: "r1", SpeakerId: "resumed-caller", AudioSpecifications: [{ S3Uri: "s3://jobs/caller.wav", ChannelId: 0 }] }] }),
    );
    const job = (
      await engine.call("StartSpeakerEnrollmentJob", {
        DomainId: domain.DomainId,
        DataAccessRoleArn: "arn:aws:iam::000000000000:role/voice-id",
        InputDataConfig: { S3Uri: "s3://jobs/manifest.json" },
        OutputDataConfig: { S3Uri: "s3://jobs/out" },
      })
    ).Job as Document;
    expect(job.JobStatus).toBe("SUBMITTED");
    engine.close();

    const t = await startTestServer({ env: { VOICE_ID_HOME: home } });
    try {
      const client = t.client();
      let status: string | undefined;
      for (let i = 0; i < 300 && status !== "COMPLETED" && status !== "FAILED" && status !== "COMPLETED_WITH_ERRORS"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await client.send(new DescribeSpeakerEnrollmentJobCommand({ DomainId: domain.DomainId as string, JobId: job.JobId as string }))).Job!.JobStatus;
      }
      expect(status).toBe("COMPLETED");
    } finally {
      await t.close();
    }
  });
});
