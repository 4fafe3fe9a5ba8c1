// Jobs end to end in-process: Start → the worker loop → output file, speakers/fraudsters, job record; every
// malformed input of the spec gives its documented per-request error or whole-job failure.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ServiceError, type Document } from "../../../../../src/engine/engine.js";
import { toWire } from "../../../../../src/engine/local/wire.js";
import { LocalEngine, localSettings } from "../../../../../src/engine/local/index.js";
import { validateDocument } from "../../../../../src/validate/index.js";
import { inProcessAudioPort, type AudioPort } from "../../../../../src/engine/local/jobs/audio-port.js";
import { runPendingJobs } from "../../../../../src/engine/local/jobs/work-loop.js";
import { neverBlockOnLocks } from "../../../../../src/engine/local/store/tx.js";
import Sqlite from "better-sqlite3";
import {
  call,
  encodeWav,
  enrollmentManifest,
  jobStore,
  outputOf,
  registrationManifest,
  startEnrollment,
  startRegistration,
  ROLE,
  type JobStore,
} from "../../../../helpers/jobs-fixtures.js";

/** A FIFO at the store's s3:// URI: opening it for reading the ordinary way blocks until someone writes. */
function namedPipe(s: JobStore, uri: string): void {
  const path = join(s.s3Root, uri.replace(/^s3:\/\//, ""));
  mkdirSync(dirname(path), { recursive: true });
  execFileSync("mkfifo", [path]);
}

async function describeJob(s: JobStore, op: "DescribeSpeakerEnrollmentJob" | "DescribeFraudsterRegistrationJob", domainId: string, jobId: string) {
  const out = await s.engine.call(op, { DomainId: domainId, JobId: jobId });
  expect(validateDocument("output", op, toWire(op, out))).toEqual([]);
  return out.Job as Document;
}

async function speakers(s: JobStore, domainId: string): Promise<Record<string, string>> {
  const out = await s.engine.call("ListSpeakers", { DomainId: domainId });
  return Object.fromEntries((out.SpeakerSummaries as Document[]).map((x) => [x.CustomerSpeakerId as string, x.Status as string]));
}

describe("speaker enrollment job", () => {
  it("enrolls every good request, reports each bad one, and never stops the others", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://call-audio/bruno.wav", call("bruno"));
    s.put("s3://call-audio/chen-1.wav", call("chen", 18, "1"));
    s.put("s3://call-audio/chen-2.wav", call("chen", 18, "2"));

    s.put("s3://call-audio/short.wav", call("dana", 8));
    s.put("s3://call-audio/not-a-wav.wav", Buffer.from("this is raw text, not audio".repeat(100)));
    const good = call("bruno", 12);
    s.put("s3://call-audio/truncated.wav", good.subarray(0, Math.floor(good.length * 0.6) + 1));
    const wide = Buffer.from(good);
    wide.writeUInt32LE(16000, 24);
    wide.writeUInt32LE(32000, 28);
    s.put("s3://call-audio/16k.wav", wide);
    const big = Buffer.alloc(20 * 1024 * 1024 + 100);
    good.copy(big, 0, 0, 44);
    big.writeUInt32LE(big.length - 44, 40);
    s.put("s3://call-audio/big.wav", big);
    const manifest = enrollmentManifest([
      { id: "r-alice", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] },
      { id: "r-missing", speaker: "m1", audio: [["s3://call-audio/nowhere.wav", 0]] },
      { id: "r-bruno", speaker: "bruno", audio: [["s3://call-audio/bruno.wav", 0]] },
      { id: "r-notwav", speaker: "m2", audio: [["s3://call-audio/not-a-wav.wav", 0]] },
      { id: "r-trunc", speaker: "m3", audio: [["s3://call-audio/truncated.wav", 0]] },
      { id: "r-16k", speaker: "m4", audio: [["s3://call-audio/16k.wav", 0]] },
      { id: "r-big", speaker: "m5", audio: [["s3://call-audio/big.wav", 0]] },
      { id: "r-chan1", speaker: "m6", audio: [["s3://call-audio/alice.wav", 1]] },
      { id: "r-short", speaker: "m7", audio: [["s3://call-audio/short.wav", 0]] },
      { id: "r-chen-pooled", speaker: "chen", audio: [["s3://call-audio/chen-1.wav", 0], ["s3://call-audio/chen-2.wav", 0]] },
      { id: "r-alice", speaker: "alice2", audio: [["s3://call-audio/alice.wav", 0]] },
      { id: "r-generated", speaker: "id#abcdefghijklmnopqrstuv", audio: [["s3://call-audio/alice.wav", 0]] },
    ]) as { SpeakerEnrollmentRequests: Document[] };
    manifest.SpeakerEnrollmentRequests.push({ RequestId: "r-channel", SpeakerId: "m8", AudioSpecifications: [{ S3Uri: "s3://call-audio/alice.wav", ChannelId: 2 }] });
    manifest.SpeakerEnrollmentRequests.push({ RequestId: "r-noaudio", SpeakerId: "m9", AudioSpecifications: [] });
    s.put("s3://in-bucket/enroll.json", manifest);
    const config = { FraudDetectionConfig: { RiskThreshold: 60 } };
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/enroll.json", config);

    const submitted = await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, jobId);
    expect(submitted).toMatchObject({ JobStatus: "SUBMITTED", JobProgress: { PercentComplete: 0 }, EnrollmentConfig: config });
    expect(submitted.EndedAt).toBeUndefined();

    expect(await s.runJobs()).toBe(1);
    const job = await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, jobId);
    expect(job).toMatchObject({ JobStatus: "COMPLETED_WITH_ERRORS", JobProgress: { PercentComplete: 100 }, EnrollmentConfig: config });
    expect(job.EndedAt).toBeInstanceOf(Date);
    expect(job.FailureDetails).toBeUndefined();

    const out = outputOf(s, jobId, "s3://in-bucket/enroll.json");
    expect(Object.keys(out)).toEqual(["Version", "Errors", "SuccessfulEnrollments"]);
    expect(out.Version).toBe("1.0");
    expect(out.SuccessfulEnrollments.map((e: Document) => [e.RequestId, e.CustomerSpeakerId, e.EnrollmentStatus])).toEqual([
      ["r-alice", "alice", "NEW_ENROLLMENT"],
      ["r-bruno", "bruno", "NEW_ENROLLMENT"],
      ["r-chen-pooled", "chen", "NEW_ENROLLMENT"],
    ]);
    for (const e of out.SuccessfulEnrollments) {
      expect(Object.keys(e)).toEqual(["RequestId", "GeneratedSpeakerId", "CustomerSpeakerId", "EnrollmentStatus"]);
      expect(e.GeneratedSpeakerId).toMatch(/^id#[a-zA-Z0-9]{22}$/);
    }
    const errors = Object.fromEntries(out.Errors.map((e: Document) => [`${e.RequestId}`, [e.ErrorCode, e.ErrorMessage]]));
    expect(out.Errors.map((e: Document) => e.RequestId)).toEqual([
      "r-missing", "r-notwav", "r-trunc", "r-16k", "r-big", "r-chan1", "r-short", "r-alice", "r-generated", "r-channel", "r-noaudio",
    ]);
    expect(errors["r-missing"]).toEqual([400, "Audio file s3://call-audio/nowhere.wav not found."]);
    expect(errors["r-notwav"]).toEqual([400, "Audio file s3://call-audio/not-a-wav.wav is not a PCM-16 WAV file."]);
    // said once: the WAV parser's detail follows without a second "the file is truncated"
    expect(errors["r-trunc"]![1]).toMatch(/^Audio file s3:\/\/call-audio\/truncated\.wav is a truncated WAV file: data chunk promises \d+ bytes but only \d+ remain\.$/);
    expect(errors["r-16k"]).toEqual([400, "Audio file s3://call-audio/16k.wav has sample rate 16000 Hz; 8000 Hz is required."]);
    expect(errors["r-big"]).toEqual([400, "Audio file s3://call-audio/big.wav exceeds 20 MB."]);
    expect(errors["r-chan1"]).toEqual([400, "Audio file s3://call-audio/alice.wav has 1 channel; ChannelId 1 does not exist."]);
    expect(errors["r-short"]![1]).toMatch(/^Not enough speech: \d+\.\d s of net speech found, 30 s required\.$/);
    expect(errors["r-alice"]).toEqual([400, "Duplicate RequestId 'r-alice'."]);
    expect(errors["r-generated"]).toEqual([400, "SpeakerId must be a CustomerSpeakerId; generated ids (id#...) are not supported."]);
    expect(errors["r-channel"]).toEqual([400, "ChannelId must be 0 or 1."]);
    expect(errors["r-noaudio"]).toEqual([400, "AudioSpecifications must contain 1 to 10 entries."]);
    expect(await speakers(s, DomainId)).toEqual({ alice: "ENROLLED", bruno: "ENROLLED", chen: "ENROLLED" });
    // Nothing else left behind next to the output file (the temp file was renamed).
    expect(readdirSync(join(s.s3Root, "out-bucket/results", jobId))).toEqual(["enroll.json.out"]);

    // A second run: SKIP by default (no audio read), OVERWRITE on request, opted-out speakers refused.
    await s.engine.call("OptOutSpeaker", { DomainId, SpeakerId: "bruno" });
    s.put("s3://in-bucket/again.json", enrollmentManifest([
      { id: "a1", speaker: "alice", audio: [["s3://call-audio/missing-but-skipped.wav", 0]] },
      { id: "a2", speaker: "bruno", audio: [["s3://call-audio/bruno.wav", 0]] },
    ]));
    const j2 = await startEnrollment(s, DomainId, "s3://in-bucket/again.json");
    await s.runJobs();
    expect(outputOf(s, j2, "s3://in-bucket/again.json")).toEqual({
      Version: "1.0",
      Errors: [{ RequestId: "a2", ErrorCode: 409, ErrorMessage: "Cannot enroll an opted-out speaker." }],
      SuccessfulEnrollments: [{ RequestId: "a1", GeneratedSpeakerId: out.SuccessfulEnrollments[0].GeneratedSpeakerId, CustomerSpeakerId: "alice", EnrollmentStatus: "DUPLICATE_SKIPPED" }],
    });
    s.put("s3://in-bucket/over.json", enrollmentManifest([{ id: "o1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }]));
    const j3 = await startEnrollment(s, DomainId, "s3://in-bucket/over.json", { ExistingEnrollmentAction: "OVERWRITE" });
    await s.runJobs();
    expect(outputOf(s, j3, "s3://in-bucket/over.json")).toMatchObject({ Errors: [], SuccessfulEnrollments: [{ RequestId: "o1", EnrollmentStatus: "ENROLLMENT_OVERWRITE" }] });
    expect((await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, j3)).JobStatus).toBe("COMPLETED");

    const list = await s.engine.call("ListSpeakerEnrollmentJobs", { DomainId });
    expect((list.JobSummaries as Document[]).map((j) => j.JobId)).toEqual([j3, j2, jobId]);
    const failedOnly = await s.engine.call("ListSpeakerEnrollmentJobs", { DomainId, JobStatus: "COMPLETED" });
    expect((failedOnly.JobSummaries as Document[]).map((j) => j.JobId)).toEqual([j3]);
  }, 120_000);

  const failures: [string, (s: JobStore) => void, RegExp][] = [
    ["a missing manifest", () => {}, /^Manifest s3:\/\/in-bucket\/m\.json not found\.$/],
    ["invalid JSON", (s) => s.put("s3://in-bucket/m.json", "{ not json"), /^Manifest s3:\/\/in-bucket\/m\.json is not valid JSON: /],
    // bytes that are not UTF-8 would come back in the output as U+FFFD, an id the caller never wrote
    ["invalid UTF-8 after a BOM (the offset counts the BOM's 3 bytes)", (s) => s.put("s3://in-bucket/m.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Version":"1.0","x":"'), Buffer.from([0xc3]), Buffer.from('"}')])), /^Manifest s3:\/\/in-bucket\/m\.json is not valid UTF-8 text: byte 25 \(0xc3\) begins no valid character\.$/],
    ["invalid UTF-8", (s) => s.put("s3://in-bucket/m.json", Buffer.concat([Buffer.from('{"Version":"1.0","SpeakerEnrollmentRequests":[{"RequestId":"caf\u00e9 \ufffd '), Buffer.from([0xff, 0xfe]), Buffer.from('"}]}')])), /^Manifest s3:\/\/in-bucket\/m\.json is not valid UTF-8 text: byte 70 \(0xff\) begins no valid character\.$/],
    ["JSON nested deeper than the stack goes", (s) => s.put("s3://in-bucket/m.json", `{"Version":"1.0","SpeakerEnrollmentRequests":${"[".repeat(200_000)}${"]".repeat(200_000)}}`), /^Manifest s3:\/\/in-bucket\/m\.json is not valid JSON: it nests too deeply\.$/],
    ["a WAV file (binary) instead of JSON", (s) => s.put("s3://in-bucket/m.json", Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00", "latin1")), /^Manifest s3:\/\/in-bucket\/m\.json is not valid JSON: [\x20-\x7e]+$/],
    ["a folder", (s) => mkdirSync(join(s.s3Root, "in-bucket/m.json"), { recursive: true }), /^Manifest s3:\/\/in-bucket\/m\.json cannot be read \(a folder, not a file\)\.$/],
    ["a named pipe (which nobody writes) instead of a file", (s) => namedPipe(s, "s3://in-bucket/m.json"), /^Manifest s3:\/\/in-bucket\/m\.json cannot be read \(not a regular file\)\.$/],
    ["a wrong Version", (s) => s.put("s3://in-bucket/m.json", { Version: "2.0", SpeakerEnrollmentRequests: [] }), /Version must be "1\.0"/],
    ["an empty request list", (s) => s.put("s3://in-bucket/m.json", { Version: "1.0", SpeakerEnrollmentRequests: [] }), /SpeakerEnrollmentRequests is empty/],
    ["a top-level array", (s) => s.put("s3://in-bucket/m.json", []), /must be a JSON object/],
    [
      "a manifest over the limits",
      (s) =>
        s.put("s3://in-bucket/m.json", enrollmentManifest(Array.from({ length: 10_001 }, (_, i) => ({ id: `r${i}`, speaker: `s${i}`, audio: [["s3://call-audio/x.wav", 0]] as [string, number][] })))),
      /SpeakerEnrollmentRequests holds 10001 requests; at most 10000 are allowed per job/,
    ],
  ];
  it.each(failures)("fails the whole job on %s, with FailureDetails and no output file", async (_name, setup, message) => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    setup(s);
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    const job = await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, jobId);
    expect(job.JobStatus).toBe("FAILED");
    expect((job.FailureDetails as Document).StatusCode).toBe(400);
    expect((job.FailureDetails as Document).Message).toMatch(message);
    expect(existsSync(join(s.s3Root, "out-bucket/results", jobId))).toBe(false);
  });
});

describe("keys ending in '/'", () => {
  it("are not the object without the slash (in S3 they are different keys): the manifest or the audio is not found", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav/", 0]] }]));
    const slashManifest = await startEnrollment(s, DomainId, "s3://in-bucket/m.json/");
    await s.runJobs();
    expect((await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, slashManifest)).FailureDetails).toEqual({ StatusCode: 400, Message: "Manifest s3://in-bucket/m.json/ not found." });
    const slashAudio = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    expect(outputOf(s, slashAudio, "s3://in-bucket/m.json").Errors).toEqual([{ RequestId: "r1", ErrorCode: 400, ErrorMessage: "Audio file s3://call-audio/alice.wav/ not found." }]);
    expect((await s.engine.call("ListSpeakers", { DomainId })).SpeakerSummaries).toEqual([]);
  });
});

describe("unknown manifest members", () => {
  it("are ignored at every level, as the API ignores them (a misspelt required member is still missing)", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", {
      Version: "1.0",
      Comment: "batch 7",
      SpeakerEnrollmentRequests: [
        { RequestId: "r1", SpeakerId: "alice", Note: "VIP", AudioSpecifications: [{ S3Uri: "s3://call-audio/alice.wav", ChannelId: 0, Label: "call 1" }] },
        { RequestId: "r2", SpeakerId: "bob", AudioSpecifications: [{ S3Uri: "s3://call-audio/alice.wav", ChanelId: 0 }] },
      ],
    });
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    const out = outputOf(s, jobId, "s3://in-bucket/m.json");
    expect(out.SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(["r1"]);
    expect(out.Errors).toEqual([{ RequestId: "r2", ErrorCode: 400, ErrorMessage: expect.stringContaining("ChannelId") }]);
  });
});

describe("deleting a speaker", () => {
  it("leaves no trace of its voiceprint in the store's file (freed space is zeroed)", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }]));
    await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    const db = s.engine.ctx.db;
    const print = (db.prepare("SELECT voiceprint FROM speakers WHERE customer_speaker_id = 'alice'").get() as { voiceprint: Buffer }).voiceprint;
    const sample = Buffer.from(print.subarray(200, 232)); // 32 bytes of float32 voiceprint: found nowhere else by chance
    const file = join(s.home, "voice-id.db");
    const inFile = () => {
      db.pragma("wal_checkpoint(TRUNCATE)");
      return readFileSync(file).includes(sample);
    };
    expect(inFile()).toBe(true);
    await s.engine.call("DeleteSpeaker", { DomainId, SpeakerId: "alice" });
    expect(inFile()).toBe(false);
  });
});

describe("files that are not regular files", () => {
  it("refuses a named pipe (without waiting for a writer) or a folder as audio: a per-request error, the job goes on", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    namedPipe(s, "s3://call-audio/pipe.wav");
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([
      { id: "r-pipe", speaker: "piped", audio: [["s3://call-audio/pipe.wav", 0]] },
      { id: "r-folder", speaker: "folder", audio: [["s3://call-audio/a-folder", 0]] },
      { id: "r-alice", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] },
    ]));
    mkdirSync(join(s.s3Root, "call-audio", "a-folder"));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    const out = outputOf(s, jobId, "s3://in-bucket/m.json");
    expect(out.Errors).toEqual([
      { RequestId: "r-pipe", ErrorCode: 400, ErrorMessage: "Audio file s3://call-audio/pipe.wav cannot be read (not a regular file)." },
      { RequestId: "r-folder", ErrorCode: 400, ErrorMessage: "Audio file s3://call-audio/a-folder cannot be read (a folder, not a file)." },
    ]);
    expect(out.SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(["r-alice"]);
  });
});

describe("fraudster registration and fraud screening", () => {
  it("registers a fraudster; a later enrollment of the same voice fails screening with FAIL and succeeds with IGNORE", async () => {
    const s = jobStore();
    const { DomainId, DefaultWatchlistId } = await s.domain();
    s.put("s3://call-audio/mallory-1.wav", call("mallory", 38, "1"));
    s.put("s3://call-audio/mallory-2.wav", call("mallory", 38, "2"));
    s.put("s3://call-audio/mallory-3.wav", call("mallory", 38, "3"));
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://call-audio/short.wav", call("mallory", 6));
    s.put("s3://in-bucket/fraud.json", registrationManifest([
      { id: "f1", audio: [["s3://call-audio/mallory-1.wav", 0]] },
      { id: "f2-same-voice", audio: [["s3://call-audio/mallory-2.wav", 0]] },
      { id: "f3-short", audio: [["s3://call-audio/short.wav", 0]] },
    ]));
    const reg = await startRegistration(s, DomainId, "s3://in-bucket/fraud.json");
    await s.runJobs();
    const regJob = await describeJob(s, "DescribeFraudsterRegistrationJob", DomainId, reg);
    expect(regJob.JobStatus).toBe("COMPLETED_WITH_ERRORS");
    expect(regJob.RegistrationConfig).toBeUndefined(); // echoed as sent: absent stays absent
    const regOut = outputOf(s, reg, "s3://in-bucket/fraud.json");
    expect(Object.keys(regOut)).toEqual(["Version", "Errors", "SuccessfulRegistrations"]);
    const [first, dup] = regOut.SuccessfulRegistrations as Document[];
    expect(first).toEqual({ RequestId: "f1", GeneratedFraudsterId: expect.stringMatching(/^id#/), RegistrationStatus: "NEW_REGISTRATION" });
    expect(dup).toMatchObject({ RequestId: "f2-same-voice", GeneratedFraudsterId: first!.GeneratedFraudsterId, RegistrationStatus: "DUPLICATE_SKIPPED" });
    expect(dup!.FraudsterSimilarityScore as number).toBeGreaterThanOrEqual(90);
    expect(regOut.Errors).toEqual([{ RequestId: "f3-short", ErrorCode: 400, ErrorMessage: expect.stringMatching(/^Not enough speech/) }]);
    const fraudster = await s.engine.call("DescribeFraudster", { DomainId, FraudsterId: first!.GeneratedFraudsterId });
    expect((fraudster.Fraudster as Document).WatchlistIds).toEqual([DefaultWatchlistId]);

    // REGISTER_AS_NEW always creates.
    s.put("s3://in-bucket/fraud-new.json", registrationManifest([{ id: "n1", audio: [["s3://call-audio/mallory-2.wav", 0]] }]));
    const reg2 = await startRegistration(s, DomainId, "s3://in-bucket/fraud-new.json", { DuplicateRegistrationAction: "REGISTER_AS_NEW" });
    await s.runJobs();
    expect(outputOf(s, reg2, "s3://in-bucket/fraud-new.json").SuccessfulRegistrations[0].RegistrationStatus).toBe("NEW_REGISTRATION");

    s.put("s3://in-bucket/enroll.json", enrollmentManifest([
      { id: "e-mallory", speaker: "mallory", audio: [["s3://call-audio/mallory-3.wav", 0]] },
      { id: "e-alice", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] },
    ]));
    const e1 = await startEnrollment(s, DomainId, "s3://in-bucket/enroll.json");
    await s.runJobs();
    const out1 = outputOf(s, e1, "s3://in-bucket/enroll.json");
    expect(out1.Errors).toEqual([
      { RequestId: "e-mallory", ErrorCode: 400, ErrorMessage: expect.stringMatching(/^Speaker failed fraud screening: known-fraudster risk \d+ >= threshold 50\.$/) },
    ]);
    expect(out1.SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(["e-alice"]);

    const e2 = await startEnrollment(s, DomainId, "s3://in-bucket/enroll.json", { FraudDetectionConfig: { FraudDetectionAction: "IGNORE" } });
    await s.runJobs();
    const out2 = outputOf(s, e2, "s3://in-bucket/enroll.json");
    expect(out2.Errors).toEqual([]);
    expect(out2.SuccessfulEnrollments.map((e: Document) => [e.RequestId, e.EnrollmentStatus])).toEqual([
      ["e-mallory", "NEW_ENROLLMENT"],
      ["e-alice", "DUPLICATE_SKIPPED"],
    ]);
  }, 120_000);
});

describe("the target watchlist deleted while a registration job runs", () => {
  it("fails each request that would register into it with the 404 of a missing watchlist; the job completes, no 500", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    const { WatchlistId } = (await s.engine.call("CreateWatchlist", { DomainId, Name: "doomed" })).Watchlist as Document;
    for (const v of ["mallory", "bruno", "alice"]) s.put(`s3://call-audio/${v}.wav`, call(v));
    s.put("s3://in-bucket/fraud.json", registrationManifest([
      { id: "f1", audio: [["s3://call-audio/mallory.wav", 0]] },
      { id: "f2", audio: [["s3://call-audio/bruno.wav", 0]] },
      { id: "f3", audio: [["s3://call-audio/alice.wav", 0]] },
    ]));
    const jobId = await startRegistration(s, DomainId, "s3://in-bucket/fraud.json", { WatchlistIds: [WatchlistId] });
    // DeleteWatchlist lands once the job has started, before its first fraudster commits (the watchlist is still empty).
    const inner = inProcessAudioPort();
    let deleted = false;
    const audio: AudioPort = {
      analyze: async (request) => {
        if (!deleted) {
          deleted = true;
          await s.engine.call("DeleteWatchlist", { DomainId, WatchlistId });
        }
        return inner.analyze(request);
      },
      close: async () => {},
    };
    await runPendingJobs(s.engine.ctx, { audio, leaseMs: 5_000 });
    expect(deleted).toBe(true);
    const job = await describeJob(s, "DescribeFraudsterRegistrationJob", DomainId, jobId);
    expect(job.FailureDetails).toBeUndefined();
    expect(job.JobStatus).toBe("COMPLETED_WITH_ERRORS");
    const gone = `The watchlist '${WatchlistId}' does not exist in domain '${DomainId}'.`;
    expect(outputOf(s, jobId, "s3://in-bucket/fraud.json")).toEqual({
      Version: "1.0",
      Errors: ["f1", "f2", "f3"].map((RequestId) => ({ RequestId, ErrorCode: 404, ErrorMessage: gone })),
      SuccessfulRegistrations: [],
    });
    expect((await s.engine.call("ListFraudsters", { DomainId })).FraudsterSummaries).toEqual([]);
  }, 60_000);
});

describe("StartSpeakerEnrollmentJob checks", () => {
  it("refuses a second active job, an unknown watchlist or domain, and replays a ClientToken", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    const params = { DomainId, DataAccessRoleArn: "arn:aws:iam::000000000000:role/r1", InputDataConfig: { S3Uri: "s3://in-bucket/m.json" }, OutputDataConfig: { S3Uri: "s3://out-bucket/x" }, ClientToken: "tok-1" };
    const a = await s.engine.call("StartSpeakerEnrollmentJob", params);
    const again = await s.engine.call("StartSpeakerEnrollmentJob", params);
    expect((again.Job as Document).JobId).toBe((a.Job as Document).JobId);
    expect((again.Job as Document).CreatedAt).toEqual((a.Job as Document).CreatedAt);
    const err = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ServiceError);
    const busy = await err(s.engine.call("StartSpeakerEnrollmentJob", { ...params, ClientToken: "tok-2" }));
    expect(busy?.code).toBe("ServiceQuotaExceededException");
    // the active job is named, so the operator can wait for it
    expect(busy?.message).toBe(`The domain '${DomainId}' already has an active speaker enrollment job, '${(a.Job as Document).JobId}'; at most 1 may be SUBMITTED or IN_PROGRESS at a time.`);
    expect((await err(s.engine.call("StartSpeakerEnrollmentJob", { ...params, JobName: "x", ClientToken: "tok-1" })))?.code).toBe("ConflictException");
    // A registration job is another kind: allowed next to the enrollment job.
    await s.engine.call("StartFraudsterRegistrationJob", { ...params, ClientToken: undefined });
    const wl = await err(s.engine.call("StartFraudsterRegistrationJob", { ...params, ClientToken: undefined, RegistrationConfig: { WatchlistIds: ["W".repeat(22)] } }));
    expect([wl?.code, wl?.fields]).toEqual(["ResourceNotFoundException", { ResourceType: "WATCHLIST" }]);
    const nd = await err(s.engine.call("DescribeSpeakerEnrollmentJob", { DomainId, JobId: "J".repeat(22) }));
    expect([nd?.code, nd?.fields]).toEqual(["ResourceNotFoundException", { ResourceType: "BATCH_JOB" }]);
    const dm = await err(s.engine.call("StartSpeakerEnrollmentJob", { ...params, DomainId: "D".repeat(22), ClientToken: undefined }));
    expect([dm?.code, dm?.fields]).toEqual(["ResourceNotFoundException", { ResourceType: "DOMAIN" }]);
  });
});

describe("ListSpeakerEnrollmentJobs", () => {
  it("pages newest first with opaque tokens bound to the filter", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    const db = s.engine.ctx.db;
    for (const [i, status] of ["COMPLETED", "FAILED", "COMPLETED", "COMPLETED_WITH_ERRORS"].entries()) {
      db.prepare(
        `INSERT INTO jobs (job_id, domain_id, kind, status, data_access_role_arn, input_s3_uri, output_s3_uri, config, created_at, ended_at)
         VALUES (?, ?, 'SPEAKER_ENROLLMENT', ?, ?, 's3://in-bucket/m.json', 's3://out-bucket/o', 'null', ?, ?)`,
      ).run(`J${i}`.padEnd(22, "x"), DomainId, status, ROLE, 1000 + i, 2000 + i);
    }
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await s.engine.call("ListSpeakerEnrollmentJobs", { DomainId, JobStatus: "COMPLETED", MaxResults: 1, ...(token ? { NextToken: token } : {}) });
      expect(validateDocument("output", "ListSpeakerEnrollmentJobs", toWire("ListSpeakerEnrollmentJobs", page))).toEqual([]);
      ids.push(...(page.JobSummaries as Document[]).map((j) => j.JobId as string));
      token = page.NextToken as string | undefined;
    } while (token);
    expect(ids).toEqual(["J2".padEnd(22, "x"), "J0".padEnd(22, "x")]);
    const first = await s.engine.call("ListSpeakerEnrollmentJobs", { DomainId, MaxResults: 1 });
    const replay = await s.engine.call("ListSpeakerEnrollmentJobs", { DomainId, MaxResults: 1, JobStatus: "FAILED", NextToken: first.NextToken }).then(
      () => undefined,
      (e: ServiceError) => e.code,
    );
    expect(replay).toBe("ValidationException");
    expect((await s.engine.call("ListFraudsterRegistrationJobs", { DomainId })).JobSummaries).toEqual([]);
  });
});

describe("regions", () => {
  it("a worker started from one region runs a job of a domain in another", async () => {
    const s = jobStore();
    const eu = LocalEngine.open({ settings: localSettings({ ...s.env, AWS_REGION: "eu-west-1" }), jobWorkers: "none" });
    try {
      const domain = (await eu.call("CreateDomain", { Name: "eu", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
      s.put("s3://call-audio/alice.wav", call("alice"));
      s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }]));
      const params = { DomainId: domain.DomainId, DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: "s3://in-bucket/m.json" }, OutputDataConfig: { S3Uri: "s3://out-bucket/results" } };
      const jobId = ((await eu.call("StartSpeakerEnrollmentJob", params)).Job as Document).JobId as string;
      expect(await s.runJobs()).toBe(1); // s.engine is in us-east-1
      const job = (await eu.call("DescribeSpeakerEnrollmentJob", { DomainId: domain.DomainId, JobId: jobId })).Job as Document;
      expect(job.JobStatus).toBe("COMPLETED");
    } finally {
      eu.close();
    }
  });
});

describe("whole-job and internal failures", () => {
  it("fails the job with 409 when its domain was deleted before it ran", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "a", audio: [["s3://call-audio/a.wav", 0]] }]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.engine.call("DeleteDomain", { DomainId });
    await s.runJobs();
    const row = s.engine.ctx.db.prepare("SELECT status, failure_status_code, failure_message FROM jobs WHERE job_id = ?").get(jobId);
    expect(row).toEqual({ status: "FAILED", failure_status_code: 409, failure_message: `The domain '${DomainId}' is not active.` });
  });

  it("a store deleted and made anew mid-job (rm -rf $VOICE_ID_HOME) ends the worker's claim: nothing lands in the new store", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/a.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest(Array.from({ length: 6 }, (_, i) => ({ id: `r${i}`, speaker: `c${i}`, audio: [["s3://call-audio/a.wav", 0]] as [string, number][] }))));
    await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    let fresh: LocalEngine | undefined;
    const inner = inProcessAudioPort();
    let calls = 0;
    const replacingStore: AudioPort = {
      async analyze(request) {
        if (++calls === 2) {
          rmSync(s.home, { recursive: true, force: true });
          fresh = LocalEngine.open({ settings: localSettings(s.env), jobWorkers: "none" }); // the next command makes a new store
        }
        return inner.analyze(request);
      },
      close: async () => {},
    };
    const ran = await runPendingJobs(s.engine.ctx, { audio: replacingStore, leaseMs: 5_000 });
    expect(ran).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(s.s3Root, "out-bucket"))).toBe(false); // no output file (nor folder) in the new store's objects
    expect((await fresh!.call("ListDomains", {})).DomainSummaries).toEqual([]);
    // and the worker's loop stops instead of picking up more work from the deleted store
    expect(await runPendingJobs(s.engine.ctx, { audio: inner, leaseMs: 5_000 })).toBe(0);
  });

  it("a store that fills up mid-job fails it with a message that names the store and SQLite's code", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/a.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest(Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, speaker: `c${i}`, audio: [["s3://call-audio/a.wav", 0]] as [string, number][] }))));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    const db = s.engine.ctx.db;
    // A disk that fills up, as SQLite sees it: the file may grow by a few pages only, room for the manifest's
    // snapshot and some of the 40 results but not all of them.
    db.pragma(`max_page_count = ${(db.pragma("page_count", { simple: true }) as number) + 6}`);
    await s.runJobs();
    const row = db.prepare("SELECT status, failure_status_code, failure_message FROM jobs WHERE job_id = ?").get(jobId);
    expect(row).toEqual({ status: "FAILED", failure_status_code: 500, failure_message: "Internal error: the local store failed: database or disk is full (SQLITE_FULL)" });
    const committed = (db.prepare("SELECT count(*) AS n FROM job_results WHERE job_id = ?").get(jobId) as { n: number }).n;
    expect(committed).toBeGreaterThan(0); // it failed mid-job, not at its start
    expect(committed).toBeLessThan(40);
  });

  it("fails the job with 400 before any request commits when the output folder cannot be written or leaves the store", async () => {
    const s = jobStore();
    const { DomainId, DefaultWatchlistId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] }]));
    s.put("s3://in-bucket/f.json", registrationManifest([{ id: "f1", audio: [["s3://call-audio/alice.wav", 0]] }]));
    s.put("s3://out-bucket/results", "a file where the output folder should be");
    const start = async (op: string, manifest: string, output: string) =>
      ((await s.engine.call(op, { DomainId, DataAccessRoleArn: ROLE, InputDataConfig: { S3Uri: manifest }, OutputDataConfig: { S3Uri: output } })).Job as Document)
        .JobId as string;
    const cases = [
      { op: "StartSpeakerEnrollmentJob", manifest: "s3://in-bucket/m.json", output: "s3://out-bucket/results", message: /^Cannot write the output file s3:\/\/out-bucket\/results\/\w+\/m\.json\.out: a part of its path is a file, not a folder \(ENOTDIR\)\.$/ },
      { op: "StartSpeakerEnrollmentJob", manifest: "s3://in-bucket/m.json", output: "s3://out-bucket/../escape", message: /^Cannot write the output file s3:\/\/out-bucket\/\.\.\/escape\// },
      { op: "StartFraudsterRegistrationJob", manifest: "s3://in-bucket/f.json", output: "s3://out-bucket/results/", message: /: a part of its path is a file, not a folder \(ENOTDIR\)\.$/ },
    ];
    for (const c of cases) {
      const jobId = await start(c.op, c.manifest, c.output);
      await s.runJobs();
      const row = s.engine.ctx.db.prepare("SELECT status, failure_status_code AS code, failure_message AS message FROM jobs WHERE job_id = ?").get(jobId) as Document;
      expect([row.status, row.code]).toEqual(["FAILED", 400]);
      expect(row.message).toMatch(c.message);
      expect(s.engine.ctx.db.prepare("SELECT COUNT(*) AS n FROM job_results WHERE job_id = ?").get(jobId)).toEqual({ n: 0 });
    }
    // nobody was enrolled or registered by the failed jobs
    expect((await s.engine.call("ListSpeakers", { DomainId })).SpeakerSummaries).toEqual([]);
    expect((await s.engine.call("ListFraudsters", { DomainId, WatchlistId: DefaultWatchlistId })).FraudsterSummaries).toEqual([]);
    expect(readdirSync(s.s3Root).sort()).toEqual(["call-audio", "in-bucket", "out-bucket"]);
  });

  it("the output check leaves no probe file and no folder behind", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "a", audio: [["s3://call-audio/none.wav", 0]] }]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    await s.runJobs();
    expect(readdirSync(join(s.s3Root, "out-bucket/results", jobId))).toEqual(["m.json.out"]);
    // a job that fails after the check (its screening watchlist deleted before it ran) leaves no empty folders
    const s2 = jobStore();
    const d2 = await s2.domain();
    const WatchlistId = ((await s2.engine.call("CreateWatchlist", { DomainId: d2.DomainId, Name: "gone" })).Watchlist as Document).WatchlistId;
    s2.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "a", audio: [["s3://call-audio/none.wav", 0]] }]));
    const failing = await startEnrollment(s2, d2.DomainId, "s3://in-bucket/m.json", { FraudDetectionConfig: { WatchlistIds: [WatchlistId] } });
    await s2.engine.call("DeleteWatchlist", { DomainId: d2.DomainId, WatchlistId });
    await s2.runJobs();
    expect((await describeJob(s2, "DescribeSpeakerEnrollmentJob", d2.DomainId, failing)).FailureDetails).toMatchObject({ StatusCode: 404 });
    expect(existsSync(join(s2.s3Root, "out-bucket"))).toBe(false);
  });

  it("the worker that writes a job's output removes the temp files of one killed while writing it, not a live one's", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "a", audio: [["s3://call-audio/none.wav", 0]] }]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    const folder = join(s.s3Root, "out-bucket/results", jobId);
    mkdirSync(folder, { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid; // a pid whose process has ended
    const live = process.ppid;
    for (const name of [`m.json.out.tmp-${dead}`, `m.json.out.probe-${dead}`, `m.json.out.tmp-${live}`]) writeFileSync(join(folder, name), "half a file");
    await s.runJobs();
    expect(readdirSync(folder).sort()).toEqual(["m.json.out", `m.json.out.tmp-${live}`]);
  });

  it("on a connection that never blocks (local serve's), another process's write lock pauses the job mid-way; it then carries on", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    const requests = 40;
    s.put("s3://in-bucket/m.json", enrollmentManifest(Array.from({ length: requests }, (_, i) => ({ id: `r${i}`, speaker: `c${i}`, audio: [["s3://call-audio/alice.wav", 0]] as [string, number][] }))));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    const db = s.engine.ctx.db;
    neverBlockOnLocks(db);
    const committed = () => (db.prepare("SELECT count(*) AS n FROM job_results WHERE job_id = ?").get(jobId) as { n: number }).n;
    // Another process takes the write lock once a few requests have committed, and keeps it for 400 ms.
    const other = new Sqlite(join(s.home, "voice-id.db"));
    let lockedAt: number | undefined;
    let released = false;
    const inner = inProcessAudioPort();
    const audio: AudioPort = {
      analyze: async (request) => {
        if (lockedAt === undefined && committed() >= 2) {
          lockedAt = committed();
          other.exec("BEGIN IMMEDIATE; CREATE TABLE held_by_test (x);");
          setTimeout(() => {
            other.exec("ROLLBACK");
            released = true;
          }, 400);
        }
        return inner.analyze(request);
      },
      close: async () => {},
    };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20); // the thread stays free while the job waits
    try {
      await runPendingJobs(s.engine.ctx, { audio, leaseMs: 5_000 });
    } finally {
      clearInterval(ticker);
      other.close();
    }
    expect(lockedAt).toBeGreaterThanOrEqual(2);
    expect(lockedAt).toBeLessThan(requests);
    expect(released).toBe(true);
    expect(ticks).toBeGreaterThan(10);
    expect((await describeJob(s, "DescribeSpeakerEnrollmentJob", DomainId, jobId)).JobStatus).toBe("COMPLETED");
    expect(committed()).toBe(requests);
    expect(outputOf(s, jobId, "s3://in-bucket/m.json").SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(Array.from({ length: requests }, (_, i) => `r${i}`));
  });

  it("an analysis that crashes fails only its request, with ErrorCode 500", async () => {
    const s = jobStore();
    const { DomainId } = await s.domain();
    s.put("s3://call-audio/alice.wav", call("alice"));
    s.put("s3://call-audio/boom.wav", call("bruno"));
    s.put("s3://in-bucket/m.json", enrollmentManifest([
      { id: "r1", speaker: "boom", audio: [["s3://call-audio/boom.wav", 0]] },
      { id: "r2", speaker: "alice", audio: [["s3://call-audio/alice.wav", 0]] },
    ]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    const real = inProcessAudioPort();
    const crashing: AudioPort = {
      analyze: (r) => (r.sources[0]!.uri.endsWith("boom.wav") ? Promise.reject(new Error("thread died")) : real.analyze(r)),
      close: async () => {},
    };
    await runPendingJobs(s.engine.ctx, { audio: crashing, leaseMs: 5_000 });
    const out = outputOf(s, jobId, "s3://in-bucket/m.json");
    expect(out.Errors).toEqual([{ RequestId: "r1", ErrorCode: 500, ErrorMessage: "Internal error while analyzing the audio: thread died" }]);
    expect(out.SuccessfulEnrollments.map((e: Document) => e.RequestId)).toEqual(["r2"]);
  });
});
