// Every Voice ID operation through `local serve`, driven by the real @aws-sdk/client-voice-id: outputs, typed
// errors, pagination, sessions and a whole enrollment job.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as V from "@aws-sdk/client-voice-id";
import { paginateListDomains, paginateListSpeakers, type VoiceIDClient } from "@aws-sdk/client-voice-id";
import { startSession } from "../../src/engine/local/sessions/manage.js";
import { operations } from "../../src/model/index.js";
import { rawCall, startTestServer, toneWav, type TestServer } from "./helpers.js";

const SHARED_AUDIO = join(import.meta.dirname, "../../../shared/audio");
const hasAudio = existsSync(join(SHARED_AUDIO, "speakers/v01/enroll.wav"));
const ROLE = "arn:aws:iam::000000000000:role/voice-id-jobs";
const SSE = { KmsKeyId: "alias/local-key" };

/** Operations this file sent (the last test checks all 29 were). */
const called = new Set<string>();
function send<O>(client: VoiceIDClient, command: { constructor: { name: string } } & object): Promise<O> {
  called.add(command.constructor.name.replace(/Command$/, ""));
  return client.send(command as never) as Promise<O>;
}

async function expectError<E extends Error>(p: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${type.name}`).toBeInstanceOf(type);
  return err as E;
}

describe("local serve with the JS SDK v3", () => {
  let t: TestServer;
  let client: VoiceIDClient;
  let domainId: string;
  let defaultWatchlistId: string;
  let arn: string;

  beforeAll(async () => {
    t = await startTestServer({}, {});
    client = t.client();
    const out = await send<V.CreateDomainCommandOutput>(client, new V.CreateDomainCommand({ Name: "sdk", Description: "SDK test domain", ServerSideEncryptionConfiguration: SSE, Tags: [{ Key: "team", Value: "voice" }] }));
    domainId = out.Domain!.DomainId!;
    defaultWatchlistId = out.Domain!.WatchlistDetails!.DefaultWatchlistId!;
    arn = out.Domain!.Arn!;
  });
  afterAll(async () => t?.close());

  it("creates, describes, updates and lists domains, with Dates parsed from epoch seconds", async () => {
    const d = await send<V.DescribeDomainCommandOutput>(client, new V.DescribeDomainCommand({ DomainId: domainId }));
    expect(d.Domain).toMatchObject({ DomainId: domainId, Name: "sdk", DomainStatus: "ACTIVE", ServerSideEncryptionConfiguration: SSE });
    expect(d.Domain!.CreatedAt).toBeInstanceOf(Date);
    expect(Math.abs(d.Domain!.CreatedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(d.$metadata.httpStatusCode).toBe(200);
    expect(d.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(arn).toBe(`arn:aws:voiceid:us-east-1:000000000000:domain/${domainId}`);
    const u = await send<V.UpdateDomainCommandOutput>(client, new V.UpdateDomainCommand({ DomainId: domainId, Name: "sdk-renamed", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/other" } }));
    expect(u.Domain!.ServerSideEncryptionUpdateDetails).toMatchObject({ UpdateStatus: "IN_PROGRESS", OldKmsKeyId: SSE.KmsKeyId });
    expect(u.Domain!.Description).toBeUndefined(); // UpdateDomain clobbers
    const l = await send<V.ListDomainsCommandOutput>(client, new V.ListDomainsCommand({}));
    expect(l.DomainSummaries!.map((s) => s.DomainId)).toContain(domainId);
  });

  it("paginates with the SDK paginator and refuses a token replayed with other arguments", async () => {
    await send(client, new V.CreateDomainCommand({ Name: "sdk-2", ServerSideEncryptionConfiguration: SSE }));
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListDomains({ client, pageSize: 1 }, {})) {
      pages++;
      ids.push(...page.DomainSummaries!.map((s) => s.DomainId!));
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(domainId);
    const first = await send<V.ListDomainsCommandOutput>(client, new V.ListDomainsCommand({ MaxResults: 1 }));
    expect(first.NextToken).toBeTruthy();
    await expectError(send(client, new V.ListSpeakersCommand({ DomainId: domainId, NextToken: first.NextToken })), V.ValidationException);
  });

  it("raises typed errors: ResourceNotFoundException with ResourceType, ValidationException, quota and conflict", async () => {
    const nf = await expectError(send(client, new V.DescribeDomainCommand({ DomainId: "A".repeat(22) })), V.ResourceNotFoundException);
    expect(nf.ResourceType).toBe("DOMAIN");
    expect(nf.message).toContain("A".repeat(22));
    expect(nf.$metadata.httpStatusCode).toBe(404);
    const wl = await expectError(send(client, new V.DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: "B".repeat(22) })), V.ResourceNotFoundException);
    expect(wl.ResourceType).toBe("WATCHLIST");
    const ve = await expectError(send(client, new V.DescribeDomainCommand({ DomainId: "short" })), V.ValidationException);
    expect(ve.message).toMatch(/validation errors? detected/);
    expect(ve.$metadata.httpStatusCode).toBe(400);
    await send(client, new V.CreateDomainCommand({ Name: "sdk-3", ServerSideEncryptionConfiguration: SSE }));
    const q = await expectError(send(client, new V.CreateDomainCommand({ Name: "sdk-4", ServerSideEncryptionConfiguration: SSE })), V.ServiceQuotaExceededException);
    expect(q.$metadata.httpStatusCode).toBe(402);
    await send(client, new V.UpdateDomainCommand({ DomainId: domainId, Name: "x", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/third" } }));
    const c = await expectError(send(client, new V.UpdateDomainCommand({ DomainId: domainId, Name: "x", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/fourth" } })), V.ConflictException);
    expect(c.ConflictType).toBe("DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES");
    expect(c.$metadata.httpStatusCode).toBe(409);
  });

  it("manages watchlists", async () => {
    const w = await send<V.CreateWatchlistCommandOutput>(client, new V.CreateWatchlistCommand({ DomainId: domainId, Name: "vip", Description: "VIP fraud" }));
    const id = w.Watchlist!.WatchlistId!;
    expect(w.Watchlist).toMatchObject({ DefaultWatchlist: false, Name: "vip" });
    expect((await send<V.DescribeWatchlistCommandOutput>(client, new V.DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: id }))).Watchlist!.Description).toBe("VIP fraud");
    expect((await send<V.UpdateWatchlistCommandOutput>(client, new V.UpdateWatchlistCommand({ DomainId: domainId, WatchlistId: id, Name: "vip-2" }))).Watchlist!.Name).toBe("vip-2");
    const l = await send<V.ListWatchlistsCommandOutput>(client, new V.ListWatchlistsCommand({ DomainId: domainId }));
    expect(l.WatchlistSummaries!.map((s) => s.WatchlistId)).toEqual(expect.arrayContaining([defaultWatchlistId, id]));
    await send(client, new V.DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: id }));
    await expectError(send(client, new V.DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: defaultWatchlistId })), V.ValidationException);
  });

  it("tags the domain", async () => {
    await send(client, new V.TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "env", Value: "test" }] }));
    await send(client, new V.UntagResourceCommand({ ResourceArn: arn, TagKeys: ["team"] }));
    const tags = await send<V.ListTagsForResourceCommandOutput>(client, new V.ListTagsForResourceCommand({ ResourceArn: arn }));
    expect(tags.Tags).toEqual([{ Key: "env", Value: "test" }]);
  });

  it("opts out, describes, lists (paginated) and deletes speakers", async () => {
    for (const c of ["cust-1", "cust-2", "cust-3"]) {
      const o = await send<V.OptOutSpeakerCommandOutput>(client, new V.OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: c }));
      expect(o.Speaker).toMatchObject({ CustomerSpeakerId: c, Status: "OPTED_OUT" });
    }
    const d = await send<V.DescribeSpeakerCommandOutput>(client, new V.DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-2" }));
    expect(d.Speaker!.GeneratedSpeakerId).toMatch(/^id#[a-zA-Z0-9]{22}$/);
    const seen: string[] = [];
    for await (const page of paginateListSpeakers({ client, pageSize: 2 }, { DomainId: domainId })) seen.push(...page.SpeakerSummaries!.map((s) => s.CustomerSpeakerId!));
    expect(seen).toEqual(expect.arrayContaining(["cust-1", "cust-2", "cust-3"]));
    called.add("ListSpeakers");
    await send(client, new V.DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: d.Speaker!.GeneratedSpeakerId }));
    const nf = await expectError(send(client, new V.DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-2" })), V.ResourceNotFoundException);
    expect(nf.ResourceType).toBe("SPEAKER");
  });

  it("evaluates a session: typed errors for unknown sessions, results absent when disabled", async () => {
    const nf = await expectError(send(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "no-such-session" })), V.ResourceNotFoundException);
    expect(nf.ResourceType).toBe("SESSION");
    const wav = join(t.home, "s3", "calls", "tone.wav");
    mkdirSync(dirname(wav), { recursive: true });
    writeFileSync(wav, toneWav(3));
    startSession(t.server.engine.ctx, { DomainId: domainId, SessionName: "short-call", AudioUri: "s3://calls/tone.wav", SpeakerId: "cust-9", FraudDetection: false });
    const e = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "short-call" }));
    expect(e).toMatchObject({ DomainId: domainId, SessionName: "short-call", StreamingStatus: "ENDED" });
    expect(e.SessionId).toMatch(/^id#/);
    expect(e.AuthenticationResult).toMatchObject({ Decision: "SPEAKER_NOT_ENROLLED", CustomerSpeakerId: "cust-9", Configuration: { AcceptanceThreshold: 90 } });
    expect(e.AuthenticationResult!.Score).toBeUndefined();
    expect(e.FraudDetectionResult).toBeUndefined();
    const again = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: e.SessionId }));
    expect(again.AuthenticationResult!.AuthenticationResultId).toBe(e.AuthenticationResult!.AuthenticationResultId);
  });

  it("starts, evaluates and deletes sessions through the VoiceIDLocal.* extension targets", async () => {
    const wav = join(t.home, "s3", "calls", "remote.wav");
    mkdirSync(dirname(wav), { recursive: true });
    writeFileSync(wav, toneWav(2));
    const started = await rawCall(t.url, "VoiceIDLocal.StartSession", JSON.stringify({ DomainId: domainId, AudioUri: "s3://calls/remote.wav", SessionName: "remote", SpeakerId: "cust-r", Unknown: 1 }));
    expect(started.status).toBe(200);
    expect(started.json!.Session).toMatchObject({ SessionName: "remote", StreamingStatus: "ENDED" });
    expect(typeof (started.json!.Session as { CreatedAt: unknown }).CreatedAt).toBe("number");
    const e = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "remote" }));
    expect(e.AuthenticationResult!.Decision).toBe("SPEAKER_NOT_ENROLLED");
    const missing = await rawCall(t.url, "VoiceIDLocal.StartSession", JSON.stringify({ DomainId: domainId }));
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ __type: "com.amazonaws.voiceid#ValidationException", Message: "1 validation error detected: Value null at 'audioUri' failed to satisfy constraint: Member must not be null" });
    // The server's files are not the client's to read: the same answer whether the path exists, is a WAV or not.
    for (const path of [wav, "/etc/passwd", "/no/such/file.wav"]) {
      const local = await rawCall(t.url, "VoiceIDLocal.StartSession", JSON.stringify({ DomainId: domainId, AudioUri: path, SessionName: "local-path" }));
      expect(local.status).toBe(400);
      expect(local.json).toMatchObject({ __type: "com.amazonaws.voiceid#ValidationException", Message: `AudioUri '${path}' must be an s3:// URI of the server's store; local paths are taken only by \`voice-id local start-session\` on the server's machine.` });
    }
    expect((await rawCall(t.url, "VoiceIDLocal.DescribeSession", JSON.stringify({ DomainId: domainId, SessionNameOrId: 5 }))).json!.__type).toMatch(/#SerializationException$/);
    expect((await rawCall(t.url, "VoiceIDLocal.Nothing", "{}")).json!.__type).toMatch(/#UnknownOperationException$/);
    const gone = await rawCall(t.url, "VoiceIDLocal.DeleteSession", JSON.stringify({ DomainId: domainId, SessionNameOrId: "remote" }));
    expect(gone.text).toBe("{}");
    expect((await rawCall(t.url, "VoiceIDLocal.DescribeSession", JSON.stringify({ DomainId: domainId, SessionNameOrId: "remote" }))).json).toMatchObject({ ResourceType: "SESSION" });
  });

  it.skipIf(!hasAudio)("runs a whole enrollment job, then authenticates the enrolled caller in a session", async () => {
    const s3 = join(t.home, "s3", "voice-data");
    mkdirSync(s3, { recursive: true });
    copyFileSync(join(SHARED_AUDIO, "speakers/v01/enroll.wav"), join(s3, "v01-enroll.wav"));
    copyFileSync(join(SHARED_AUDIO, "speakers/v01/test-1.wav"), join(s3, "v01-test.wav"));
    copyFileSync(join(SHARED_AUDIO, "speakers/v02/test-1.wav"), join(s3, "v02-test.wav"));
    const manifest = {
      Version: "1.0",
      SpeakerEnrollmentRequests: [{ RequestId: "r1", SpeakerId: "caller-01", AudioSpecifications: [{ S3Uri: "s3://voice-data/v01-enroll.wav", ChannelId: 0 }] }],
    };
    writeFileSync(join(s3, "enroll.json"), JSON.stringify(manifest));
    const started = await send<V.StartSpeakerEnrollmentJobCommandOutput>(
      client,
      new V.StartSpeakerEnrollmentJobCommand({ DomainId: domainId, JobName: "enroll-1", DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: "s3://voice-data/enroll.json" }, OutputDataConfig: { S3Uri: "s3://voice-data/out" } }),
    );
    const jobId = started.Job!.JobId!;
    expect(started.Job!.JobStatus).toBe("SUBMITTED");
    let job: V.SpeakerEnrollmentJob | undefined;
    for (let i = 0; i < 600; i++) {
      job = (await send<V.DescribeSpeakerEnrollmentJobCommandOutput>(client, new V.DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: jobId }))).Job;
      if (job && !["SUBMITTED", "IN_PROGRESS"].includes(job.JobStatus!)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ JobStatus: "COMPLETED", JobProgress: { PercentComplete: 100 } });
    expect(job!.EndedAt).toBeInstanceOf(Date);
    const list = await send<V.ListSpeakerEnrollmentJobsCommandOutput>(client, new V.ListSpeakerEnrollmentJobsCommand({ DomainId: domainId, JobStatus: "COMPLETED" }));
    expect(list.JobSummaries!.map((j) => j.JobId)).toContain(jobId);
    const out = JSON.parse(readFileSync(join(s3, "out", jobId, "enroll.json.out"), "utf8"));
    expect(out.SuccessfulEnrollments[0]).toMatchObject({ RequestId: "r1", CustomerSpeakerId: "caller-01", EnrollmentStatus: "NEW_ENROLLMENT" });
    const speaker = await send<V.DescribeSpeakerCommandOutput>(client, new V.DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "caller-01" }));
    expect(speaker.Speaker!.Status).toBe("ENROLLED");

    startSession(t.server.engine.ctx, { DomainId: domainId, SessionName: "genuine", AudioUri: "s3://voice-data/v01-test.wav", SpeakerId: "caller-01" });
    startSession(t.server.engine.ctx, { DomainId: domainId, SessionName: "impostor", AudioUri: "s3://voice-data/v02-test.wav", SpeakerId: "caller-01" });
    const genuine = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "genuine" }));
    expect(genuine.AuthenticationResult).toMatchObject({ Decision: "ACCEPT", CustomerSpeakerId: "caller-01", GeneratedSpeakerId: speaker.Speaker!.GeneratedSpeakerId });
    expect(genuine.AuthenticationResult!.Score).toBeGreaterThanOrEqual(90);
    expect(genuine.AuthenticationResult!.AudioAggregationStartedAt).toBeInstanceOf(Date);
    expect(genuine.FraudDetectionResult).toMatchObject({ Decision: "LOW_RISK", Configuration: { RiskThreshold: 50, WatchlistId: defaultWatchlistId } });
    const impostor = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "impostor" }));
    expect(impostor.AuthenticationResult!.Decision).toBe("REJECT");
  });

  it.skipIf(!hasAudio)("registers a fraudster through a job, then manages it and flags it in a session", async () => {
    const s3 = join(t.home, "s3", "voice-data");
    mkdirSync(s3, { recursive: true });
    copyFileSync(join(SHARED_AUDIO, "speakers/v07/enroll.wav"), join(s3, "v07-enroll.wav"));
    copyFileSync(join(SHARED_AUDIO, "speakers/v07/test-1.wav"), join(s3, "v07-test.wav"));
    writeFileSync(join(s3, "fraud.json"), JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: [{ RequestId: "f1", AudioSpecifications: [{ S3Uri: "s3://voice-data/v07-enroll.wav", ChannelId: 0 }] }] }));
    const started = await send<V.StartFraudsterRegistrationJobCommandOutput>(
      client,
      new V.StartFraudsterRegistrationJobCommand({ DomainId: domainId, DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: "s3://voice-data/fraud.json" }, OutputDataConfig: { S3Uri: "s3://voice-data/out" } }),
    );
    const jobId = started.Job!.JobId!;
    let job: V.FraudsterRegistrationJob | undefined;
    for (let i = 0; i < 600; i++) {
      job = (await send<V.DescribeFraudsterRegistrationJobCommandOutput>(client, new V.DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: jobId }))).Job;
      if (job && !["SUBMITTED", "IN_PROGRESS"].includes(job.JobStatus!)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job!.JobStatus).toBe("COMPLETED");
    expect((await send<V.ListFraudsterRegistrationJobsCommandOutput>(client, new V.ListFraudsterRegistrationJobsCommand({ DomainId: domainId }))).JobSummaries!.map((j) => j.JobId)).toContain(jobId);
    const fraudsters = await send<V.ListFraudstersCommandOutput>(client, new V.ListFraudstersCommand({ DomainId: domainId, WatchlistId: defaultWatchlistId }));
    const fraudsterId = fraudsters.FraudsterSummaries![0].GeneratedFraudsterId!;
    expect((await send<V.DescribeFraudsterCommandOutput>(client, new V.DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }))).Fraudster!.WatchlistIds).toEqual([defaultWatchlistId]);

    startSession(t.server.engine.ctx, { DomainId: domainId, SessionName: "fraud-call", AudioUri: "s3://voice-data/v07-test.wav" });
    const e = await send<V.EvaluateSessionCommandOutput>(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "fraud-call" }));
    expect(e.AuthenticationResult!.Decision).toBe("SPEAKER_ID_NOT_PROVIDED");
    expect(e.FraudDetectionResult).toMatchObject({ Decision: "HIGH_RISK", Reasons: ["KNOWN_FRAUDSTER"], RiskDetails: { KnownFraudsterRisk: { GeneratedFraudsterId: fraudsterId } } });

    const w = await send<V.CreateWatchlistCommandOutput>(client, new V.CreateWatchlistCommand({ DomainId: domainId, Name: "second" }));
    const second = w.Watchlist!.WatchlistId!;
    expect((await send<V.AssociateFraudsterCommandOutput>(client, new V.AssociateFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId, WatchlistId: second }))).Fraudster!.WatchlistIds).toEqual([defaultWatchlistId, second]);
    expect((await send<V.DisassociateFraudsterCommandOutput>(client, new V.DisassociateFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId, WatchlistId: defaultWatchlistId }))).Fraudster!.WatchlistIds).toEqual([second]);
    const last = await expectError(send(client, new V.DisassociateFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId, WatchlistId: second })), V.ConflictException);
    expect(last.ConflictType).toBe("FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST");
    await send(client, new V.DeleteFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }));
    expect((await expectError(send(client, new V.DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId })), V.ResourceNotFoundException)).ResourceType).toBe("FRAUDSTER");
  });

  it("answers in the SigV4 scope's region: ARNs carry the caller's region and domains are regional", async () => {
    const west = t.client({ region: "eu-west-2" });
    const d = await send<V.CreateDomainCommandOutput>(west, new V.CreateDomainCommand({ Name: "west", ServerSideEncryptionConfiguration: SSE }));
    expect(d.Domain!.Arn).toBe(`arn:aws:voiceid:eu-west-2:000000000000:domain/${d.Domain!.DomainId}`);
    await expectError(send(client, new V.DescribeDomainCommand({ DomainId: d.Domain!.DomainId })), V.ResourceNotFoundException);
  });

  it("deletes domains (SUSPENDED afterwards)", async () => {
    await send(client, new V.DeleteDomainCommand({ DomainId: domainId }));
    const d = await send<V.DescribeDomainCommandOutput>(client, new V.DescribeDomainCommand({ DomainId: domainId }));
    expect(d.Domain!.DomainStatus).toBe("SUSPENDED");
    const c = await expectError(send(client, new V.EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: "short-call" })), V.ConflictException);
    expect(c.ConflictType).toBe("DOMAIN_NOT_ACTIVE");
  });

  it.skipIf(!hasAudio)("sent all 29 operations", () => {
    expect([...called].sort()).toEqual(operations().map((o) => o.name).sort());
  });
});
