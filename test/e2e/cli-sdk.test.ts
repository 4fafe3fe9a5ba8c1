// The real binary, the real SDK, a recorder on 127.0.0.1: what goes over the wire and what comes back.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { startRecorder, type Recorder } from "../helpers/recorder.js";

const bin = join(import.meta.dirname, "../../bin/voice-id.js");
const cwd = mkdtempSync(join(tmpdir(), "voice-id-e2e-"));
const env = {
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_PAGER: "",
  TZ: "UTC",
};
let rec: Recorder | undefined;
afterEach(async () => {
  await rec?.close();
  rec = undefined;
});

const voiceId = (args: string[]) =>
  execa("node", [bin, ...args, "--endpoint-url", rec!.url], { cwd, env, extendEnv: false, reject: false, stdin: "ignore", stripFinalNewline: false });

describe("bin/voice-id.js over the wire", () => {
  it("sends the JSON 1.0 request the AWS CLI sends, signed, and prints the answer", async () => {
    rec = await startRecorder({ DescribeWatchlist: { Watchlist: { Name: "w", CreatedAt: 1700000000, DefaultWatchlist: false } } });
    const r = await voiceId(["describe-watchlist", "--domain-id", "abcdefghijklmnopqrstuv", "--watchlist-id", "ABCDEFGHIJKLMNOPQRSTUV"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(rec.requests).toHaveLength(1);
    const req = rec.requests[0];
    expect(req.target).toBe("VoiceID.DescribeWatchlist");
    expect(req.contentType).toBe("application/x-amz-json-1.0");
    expect(req.body).toEqual({ DomainId: "abcdefghijklmnopqrstuv", WatchlistId: "ABCDEFGHIJKLMNOPQRSTUV" });
    expect(String(req.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/voiceid\/aws4_request/);
    expect(JSON.parse(r.stdout)).toEqual({ Watchlist: { CreatedAt: "2023-11-14T22:13:20+00:00", DefaultWatchlist: false, Name: "w" } });
  });

  it("fills ClientToken with a UUID and sends shorthand and file:// values as typed JSON", async () => {
    rec = await startRecorder({});
    writeFileSync(join(cwd, "reg.json"), '{"FraudsterSimilarityThreshold": 95}');
    const r = await voiceId([
      "start-fraudster-registration-job",
      "--domain-id", "abcdefghijklmnopqrstuv",
      "--data-access-role-arn", "arn:aws:iam::123456789012:role/r",
      "--input-data-config", "S3Uri=s3://b/in.json",
      "--output-data-config", "S3Uri=s3://b/out/,KmsKeyId=alias/k",
      "--registration-config", "file://reg.json",
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const body = rec.requests[0].body as Record<string, unknown>;
    expect(body.ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body).toMatchObject({
      InputDataConfig: { S3Uri: "s3://b/in.json" },
      OutputDataConfig: { S3Uri: "s3://b/out/", KmsKeyId: "alias/k" },
      RegistrationConfig: { FraudsterSimilarityThreshold: 95 },
    });
  });

  it("retries a 5xx answer and says so when it gives up (exit 254)", async () => {
    rec = await startRecorder({ ListSpeakers: { __error: { __type: "InternalServerException", message: "boom", __status: 500 } } });
    const r = await voiceId(["list-speakers", "--domain-id", "abcdefghijklmnopqrstuv"]);
    expect(r.exitCode).toBe(254);
    expect(rec.requests).toHaveLength(3);
    expect(r.stderr).toBe("\nAn error occurred (InternalServerException) when calling the ListSpeakers operation (reached max retries: 2): boom\n");
    expect(r.stdout).toBe("");
  });

  it("maps a service error with its code and exit 254, nothing on stdout", async () => {
    rec = await startRecorder({ DeleteSpeaker: { __error: { __type: "AccessDeniedException", message: "no", __status: 403 } } });
    const r = await voiceId(["delete-speaker", "--domain-id", "abcdefghijklmnopqrstuv", "--speaker-id", "s1"]);
    expect(r.exitCode).toBe(254);
    expect(r.stderr).toBe("\nAn error occurred (AccessDeniedException) when calling the DeleteSpeaker operation: no\n");
    expect(r.stdout).toBe("");
  });

  it("sends nothing for a usage error (252) or a skeleton (0)", async () => {
    rec = await startRecorder({});
    const bad = await voiceId(["create-domain", "--name", "n"]);
    expect(bad.exitCode).toBe(252);
    const skel = await voiceId(["create-domain", "--generate-cli-skeleton"]);
    expect(skel.exitCode).toBe(0);
    expect(JSON.parse(skel.stdout)).toHaveProperty("ServerSideEncryptionConfiguration.KmsKeyId", "");
    expect(rec.requests).toHaveLength(0);
  });
});
