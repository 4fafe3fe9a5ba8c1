// Sessions and EvaluateSession on a real store (spec §8, §3.1, §3.2, §9 #37/#39): decisions, caching of result
// ids, session enrollment rules, real-time streaming, and every output checked against schemas/.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { ServiceError, type Document } from "../../../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../../../src/engine/local/index.js";
import { toWire } from "../../../../src/engine/local/wire.js";
import { deleteSession, describeSession, enrollSession, listSessions, startSession, updateSession } from "../../../../src/engine/local/sessions/manage.js";
import { validateDocument } from "../../../../src/validate/index.js";
import { analyseSessionAudio, audioPath } from "../../../../src/engine/local/sessions/audio.js";
import { toneWav } from "../../../server/helpers.js";
import { call } from "../../../helpers/jobs-fixtures.js";

const SHARED_AUDIO = join(import.meta.dirname, "../../../../../shared/audio");
const hasAudio = existsSync(join(SHARED_AUDIO, "speakers/v01/enroll.wav"));
const T0 = Date.parse("2026-03-01T10:30:00.000Z");

interface Store {
  engine: LocalEngine;
  clock: { now: number };
  domainId: string;
  defaultWatchlistId: string;
  put(key: string, body: Buffer): string;
  copy(shared: string, key: string): string;
  evaluate(nameOrId: string): Promise<Document>;
}

async function store(): Promise<Store> {
  const home = mkdtempSync(join(tmpdir(), "voice-id-sessions-"));
  const clock = { now: T0 };
  const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), now: () => new Date(clock.now), jobWorkers: "none" });
  const d = (await engine.call("CreateDomain", { Name: "sessions", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
  const put = (key: string, body: Buffer) => {
    const p = join(home, "s3", "calls", key);
    mkdirSync(join(home, "s3", "calls"), { recursive: true });
    writeFileSync(p, body);
    return `s3://calls/${key}`;
  };
  return {
    engine,
    clock,
    domainId: d.DomainId as string,
    defaultWatchlistId: (d.WatchlistDetails as Document).DefaultWatchlistId as string,
    put,
    copy(shared, key) {
      mkdirSync(join(home, "s3", "calls"), { recursive: true });
      copyFileSync(join(SHARED_AUDIO, shared), join(home, "s3", "calls", key));
      return `s3://calls/${key}`;
    },
    async evaluate(nameOrId) {
      const out = await engine.call("EvaluateSession", { DomainId: d.DomainId, SessionNameOrId: nameOrId });
      expect(validateDocument("output", "EvaluateSession", toWire("EvaluateSession", out))).toEqual([]);
      return out;
    },
  };
}

function serviceError(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ServiceError);
    return err as ServiceError;
  }
  throw new Error("expected a ServiceError");
}

const auth = (out: Document) => out.AuthenticationResult as Document;
const fraud = (out: Document) => out.FraudDetectionResult as Document;

describe("sessions: start, describe, list, delete", () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });

  it("starts an ENDED session with the flow block's defaults and a UUID name", () => {
    const out = startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)) }).Session as Document;
    expect(out.SessionId).toMatch(/^id#[a-zA-Z0-9]{22}$/);
    expect(out.SessionName).toMatch(/^[0-9a-f-]{36}$/);
    expect(out).toMatchObject({ StreamingStatus: "ENDED", AuthenticationConfiguration: { AcceptanceThreshold: 90 }, FraudDetectionConfiguration: { RiskThreshold: 50 }, StreamingConfiguration: { AuthenticationMinimumSpeechInSeconds: 10 } });
    expect((out.Audio as Document).DurationInSeconds).toBe(3);
    expect(describeSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: out.SessionName as string }).Session).toEqual(out);
    expect((listSessions(s.engine.ctx, { DomainId: s.domainId }).Sessions as Document[]).map((x) => x.SessionId)).toEqual([out.SessionId]);
  });

  it("refuses bad input with ValidationException and unknown resources with ResourceNotFoundException", () => {
    const uri = s.put("tone.wav", toneWav(1));
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, AcceptanceThreshold: 101 })).message).toMatch(/AcceptanceThreshold must be an integer from 0 to 100/);
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, AuthenticationMinimumSpeechInSeconds: 4 })).code).toBe("ValidationException");
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, SessionName: "bad name" })).code).toBe("ValidationException");
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, ChannelId: 1 })).message).toMatch(/ChannelId 1 does not exist/);
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: "s3://calls/missing.wav" })).message).toMatch(/not found/);
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("junk.wav", Buffer.from("not a wav file at all")) })).message).toMatch(/not a PCM-16 WAV/);
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, WatchlistId: "W".repeat(22) })).fields).toEqual({ ResourceType: "WATCHLIST" });
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: "D".repeat(22), AudioUri: uri })).fields).toEqual({ ResourceType: "DOMAIN" });
    expect(listSessions(s.engine.ctx, { DomainId: s.domainId }).Sessions).toEqual([]);
  });

  it("keeps session names unique per domain and refuses a second live stream with ANOTHER_ACTIVE_STREAM", () => {
    const uri = s.put("tone.wav", toneWav(20));
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, SessionName: "live", RealTime: true });
    expect(serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, SessionName: "live" })).fields).toEqual({ ConflictType: "ANOTHER_ACTIVE_STREAM" });
    s.clock.now += 21_000;
    const ended = serviceError(() => startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, SessionName: "live" }));
    expect(ended.code).toBe("ConflictException");
    expect(ended.fields).toEqual({});
  });

  it("deletes sessions; EvaluateSession then answers ResourceNotFoundException SESSION", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(2)), SessionName: "gone" });
    expect(deleteSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "gone" })).toEqual({});
    const err = await s.engine.call("EvaluateSession", { DomainId: s.domainId, SessionNameOrId: "gone" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ResourceNotFoundException", fields: { ResourceType: "SESSION" } });
  });

  it("answers ConflictException DOMAIN_NOT_ACTIVE on a deleted domain", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(2)), SessionName: "c" });
    await s.engine.call("DeleteDomain", { DomainId: s.domainId });
    const err = await s.engine.call("EvaluateSession", { DomainId: s.domainId, SessionNameOrId: "c" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ConflictException", fields: { ConflictType: "DOMAIN_NOT_ACTIVE" } });
  });
});

describe("EvaluateSession decisions without enough speech", () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });

  it("analyses a file again when its bytes changed at the same URI, and reuses the analysis while they did not", () => {
    const uri = s.put("replaced.wav", toneWav(3));
    const first = analyseSessionAudio(s.engine.ctx.settings, uri, 0);
    expect(first.durationS).toBe(3);
    expect(analyseSessionAudio(s.engine.ctx.settings, uri, 0)).toEqual(first);
    s.put("replaced.wav", toneWav(5)); // same path, other bytes
    expect(analyseSessionAudio(s.engine.ctx.settings, uri, 0).durationS).toBe(5);
    expect(analyseSessionAudio(s.engine.ctx.settings, uri, 0, 2).durationS).toBe(5); // a stream's first 2 s: another analysis
  });

  it("SPEAKER_ID_NOT_PROVIDED without a speaker; NOT_ENOUGH_SPEECH fraud result without Reasons or RiskDetails", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "anon" });
    const out = await s.evaluate("anon");
    expect(out).toMatchObject({ DomainId: s.domainId, SessionName: "anon", StreamingStatus: "ENDED" });
    expect(auth(out)).toEqual({ AuthenticationResultId: expect.stringMatching(/^[a-zA-Z0-9]{22}$/), Configuration: { AcceptanceThreshold: 90 }, Decision: "SPEAKER_ID_NOT_PROVIDED" });
    expect(fraud(out)).toMatchObject({ Decision: "NOT_ENOUGH_SPEECH", Configuration: { RiskThreshold: 50, WatchlistId: s.defaultWatchlistId } });
    expect(fraud(out).Reasons).toBeUndefined();
    expect(fraud(out).RiskDetails).toBeUndefined();
    expect(fraud(out).AudioAggregationStartedAt).toBeUndefined(); // a steady tone holds no speech frames
  });

  it("SPEAKER_NOT_ENROLLED for a new (PENDING) speaker, SPEAKER_OPTED_OUT after OptOutSpeaker; results absent when disabled", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "claim", SpeakerId: "cust-1", FraudDetection: false });
    const speaker = ((await s.engine.call("DescribeSpeaker", { DomainId: s.domainId, SpeakerId: "cust-1" })).Speaker as Document);
    expect(speaker.Status).toBe("PENDING");
    const out = await s.evaluate("claim");
    expect(auth(out)).toMatchObject({ Decision: "SPEAKER_NOT_ENROLLED", CustomerSpeakerId: "cust-1", GeneratedSpeakerId: speaker.GeneratedSpeakerId });
    expect(out.FraudDetectionResult).toBeUndefined();
    await s.engine.call("OptOutSpeaker", { DomainId: s.domainId, SpeakerId: "cust-1" });
    expect(auth(await s.evaluate("claim")).Decision).toBe("SPEAKER_OPTED_OUT");
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "none", Authentication: false, FraudDetection: false });
    expect(Object.keys(await s.evaluate("none")).sort()).toEqual(["DomainId", "SessionId", "SessionName", "StreamingStatus"]);
  });

  it("caches result ids until a threshold or the speaker changes (§9 #39)", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "cache" });
    const a = await s.evaluate("cache");
    const b = await s.evaluate("cache");
    expect(auth(b).AuthenticationResultId).toBe(auth(a).AuthenticationResultId);
    expect(fraud(b).FraudDetectionResultId).toBe(fraud(a).FraudDetectionResultId);
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "cache", AcceptanceThreshold: 80 });
    const c = await s.evaluate("cache");
    expect(auth(c).AuthenticationResultId).not.toBe(auth(a).AuthenticationResultId);
    expect(auth(c).Configuration).toEqual({ AcceptanceThreshold: 80 });
    expect(fraud(c).FraudDetectionResultId).toBe(fraud(a).FraudDetectionResultId);
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "cache", RiskThreshold: 70 });
    const d = await s.evaluate("cache");
    expect(fraud(d).FraudDetectionResultId).not.toBe(fraud(a).FraudDetectionResultId);
    expect(auth(d).AuthenticationResultId).toBe(auth(c).AuthenticationResultId);
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "cache", SpeakerId: "someone" });
    expect(auth(await s.evaluate("cache")).AuthenticationResultId).not.toBe(auth(c).AuthenticationResultId);
  });

  it("a deleted watchlist does not fail EvaluateSession: without a cached decision the fraud result is absent", async () => {
    const WatchlistId = ((await s.engine.call("CreateWatchlist", { DomainId: s.domainId, Name: "vip" })).Watchlist as Document).WatchlistId as string;
    const audio = s.put("tone.wav", toneWav(3));
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: audio, SessionName: "seen", WatchlistId });
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: audio, SessionName: "unseen", WatchlistId });
    const before = await s.evaluate("seen");
    expect(fraud(before)).toMatchObject({ Configuration: { RiskThreshold: 50, WatchlistId }, Decision: "NOT_ENOUGH_SPEECH" });
    await s.engine.call("DeleteWatchlist", { DomainId: s.domainId, WatchlistId });
    const after = await s.evaluate("seen");
    expect(auth(after)).toEqual(auth(before));
    expect(after.FraudDetectionResult).toBeUndefined(); // NOT_ENOUGH_SPEECH would say to wait for speech no watchlist will screen
    const unseen = await s.evaluate("unseen");
    expect(auth(unseen).Decision).toBe("SPEAKER_ID_NOT_PROVIDED");
    expect(unseen.FraudDetectionResult).toBeUndefined(); // no fraud detection possible: as when it is not enabled
  });

  it("enroll-session: SPEAKER_NOT_SET without a speaker, NOT_ENOUGH_SPEECH on a short call, which enrolled nobody and locks no speaker", () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "enr" });
    expect(serviceError(() => enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr" })).fields).toEqual({ ConflictType: "SPEAKER_NOT_SET" });
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr", SpeakerId: "cust-2" });
    expect(enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr" })).toMatchObject({ EnrollmentStatus: "NOT_ENOUGH_SPEECH", CustomerSpeakerId: "cust-2" });
    expect(describeSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr" }).Session).toMatchObject({ EnrollmentStatus: "NOT_ENOUGH_SPEECH" });
    expect(updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr", SpeakerId: "cust-2" }).Session).toMatchObject({ CustomerSpeakerId: "cust-2", EnrollmentStatus: "NOT_ENOUGH_SPEECH" });
    // the declined attempt was for cust-2: another speaker starts with no enrollment status
    const changed = updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enr", SpeakerId: "cust-3" }).Session as Document;
    expect(changed.CustomerSpeakerId).toBe("cust-3");
    expect(changed.EnrollmentStatus).toBeUndefined();
  });

  it("enroll-session refuses a session that cannot enroll before reading its audio: a live call without a speaker whose file is gone", () => {
    const uri = s.put("gone.wav", toneWav(20));
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: uri, SessionName: "live", RealTime: true });
    unlinkSync(audioPath(s.engine.ctx.settings, uri));
    s.clock.now += 5_000; // still ONGOING: the part streamed so far would be read from the file
    expect(serviceError(() => enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live" })).fields).toEqual({ ConflictType: "SPEAKER_NOT_SET" });
  });

  it("enroll-session refuses an opted-out speaker with SPEAKER_OPTED_OUT", async () => {
    await s.engine.call("OptOutSpeaker", { DomainId: s.domainId, SpeakerId: "gone" });
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("tone.wav", toneWav(3)), SessionName: "o", SpeakerId: "gone" });
    expect(serviceError(() => enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "o" })).fields).toEqual({ ConflictType: "SPEAKER_OPTED_OUT" });
  });
});

describe.skipIf(!hasAudio)("EvaluateSession with real voices", () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });

  it("enrolls by session, then ACCEPTs the same caller (LastAccessedAt refreshed), REJECTs another, EXPIRED after 3 years", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.copy("speakers/v03/enroll.wav", "v03.wav"), SessionName: "enroll-call", SpeakerId: "c-03" });
    const enrolled = enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enroll-call" });
    expect(enrolled).toMatchObject({ EnrollmentStatus: "COMPLETED", CustomerSpeakerId: "c-03" });
    expect(serviceError(() => enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enroll-call" })).fields).toEqual({ ConflictType: "ENROLLMENT_ALREADY_EXISTS" });

    s.clock.now += 2 * 3_600_000;
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.copy("speakers/v03/test-1.wav", "v03-t.wav"), SessionName: "genuine", SpeakerId: "c-03" });
    const ok = await s.evaluate("genuine");
    expect(auth(ok)).toMatchObject({ Decision: "ACCEPT", CustomerSpeakerId: "c-03", GeneratedSpeakerId: enrolled.GeneratedSpeakerId });
    expect(auth(ok).Score as number).toBeGreaterThanOrEqual(90);
    // a whole-file session is a call that has already ended: its speech lies before the session's start
    const started = (auth(ok).AudioAggregationStartedAt as Date).getTime();
    const ended = (auth(ok).AudioAggregationEndedAt as Date).getTime();
    expect(started).toBeGreaterThanOrEqual(s.clock.now - 60_000);
    expect(ended).toBeGreaterThan(started);
    expect(ended).toBeLessThanOrEqual(s.clock.now);
    expect(fraud(ok)).toMatchObject({ Decision: "LOW_RISK", RiskDetails: { VoiceSpoofingRisk: { RiskScore: 0 } } });
    const speaker = (await s.engine.call("DescribeSpeaker", { DomainId: s.domainId, SpeakerId: "c-03" })).Speaker as Document;
    expect((speaker.LastAccessedAt as Date).getTime()).toBe(Math.floor(s.clock.now / 3_600_000) * 3_600_000);

    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.copy("speakers/v04/test-1.wav", "v04-t.wav"), SessionName: "impostor", SpeakerId: "c-03" });
    const no = await s.evaluate("impostor");
    expect(auth(no).Decision).toBe("REJECT");
    expect(auth(no).Score as number).toBeLessThan(90);

    s.clock.now += 1096 * 24 * 3_600_000;
    expect(auth(await s.evaluate("genuine")).Decision).toBe("SPEAKER_EXPIRED");
  });

  it("streams in real time: ONGOING with NOT_ENOUGH_SPEECH early, a real decision once the call has ended", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.copy("speakers/v05/test-1.wav", "v05.wav"), SessionName: "rt", RealTime: true });
    s.clock.now += 3_000;
    const early = await s.evaluate("rt");
    expect(early.StreamingStatus).toBe("ONGOING");
    expect(fraud(early).Decision).toBe("NOT_ENOUGH_SPEECH");
    s.clock.now += 60_000;
    const late = await s.evaluate("rt");
    expect(late.StreamingStatus).toBe("ENDED");
    expect(fraud(late).Decision).toBe("LOW_RISK");
    expect(fraud(late).FraudDetectionResultId).not.toBe(fraud(early).FraudDetectionResultId);
  });
});

describe("sessions with synthesized voices", () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  const lastAccessed = async (speakerId: string) =>
    (((await s.engine.call("DescribeSpeaker", { DomainId: s.domainId, SpeakerId: speakerId })).Speaker as Document).LastAccessedAt as Date).getTime();
  const hourOf = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;

  it("enroll-session on a live (real-time) session enrolls from the audio streamed so far once it holds 30 s of net speech", async () => {
    // 87.7 s long, 56.9 s of net speech: about 13 s of it after 20 s of streaming, 32 s after 50 s
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("alice-live.wav", call("alice", 60, "1")), SessionName: "live", SpeakerId: "alice", RealTime: true });
    s.clock.now += 20_000;
    expect(enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live" })).toMatchObject({ EnrollmentStatus: "NOT_ENOUGH_SPEECH" });
    // that attempt enrolled nobody: the agent may still correct the speaker id
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live", SpeakerId: "alice-2" });
    s.clock.now += 35_000;
    expect(describeSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live" }).Session).toMatchObject({ StreamingStatus: "ONGOING" });
    expect(enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live" })).toMatchObject({ EnrollmentStatus: "COMPLETED", CustomerSpeakerId: "alice-2" });
    expect(((await s.engine.call("DescribeSpeaker", { DomainId: s.domainId, SpeakerId: "alice-2" })).Speaker as Document).Status).toBe("ENROLLED");
    const locked = serviceError(() => updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "live", SpeakerId: "alice" }));
    expect(locked.fields).toEqual({ ConflictType: "CANNOT_CHANGE_SPEAKER_AFTER_ENROLLMENT" });
    expect(locked.message).toBe("The speaker of session 'live' cannot change: it was enrolled from this session.");
    // the voiceprint from the first 55 s recognises the caller on another call
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("alice-2.wav", call("alice", 20, "2")), SessionName: "next", SpeakerId: "alice-2" });
    expect(auth(await s.evaluate("next")).Decision).toBe("ACCEPT");
  }, 60_000);

  it("a deleted watchlist: the fraud decision cached for the session's current settings stays; an early NOT_ENOUGH_SPEECH or one for other settings does not", async () => {
    const watchlist = async (Name: string) => ((await s.engine.call("CreateWatchlist", { DomainId: s.domainId, Name })).Watchlist as Document).WatchlistId as string;
    const deleteWatchlist = (WatchlistId: string) => s.engine.call("DeleteWatchlist", { DomainId: s.domainId, WatchlistId });
    const WatchlistId = await watchlist("vip");
    const audio = s.put("alice-2.wav", call("alice", 20, "2"));
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: audio, SessionName: "seen", WatchlistId });
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: audio, SessionName: "live", WatchlistId, RealTime: true });
    s.clock.now += 3_000;
    const seen = fraud(await s.evaluate("seen"));
    expect(seen).toMatchObject({ Configuration: { RiskThreshold: 50, WatchlistId }, Decision: "LOW_RISK" });
    expect(fraud(await s.evaluate("live")).Decision).toBe("NOT_ENOUGH_SPEECH");
    await deleteWatchlist(WatchlistId);
    s.clock.now += 120_000;
    expect(fraud(await s.evaluate("seen"))).toEqual(seen); // computed while the watchlist existed: same id, same decision
    // the call has ended: the early NOT_ENOUGH_SPEECH no longer describes it, and nothing can screen it now
    const ended = await s.evaluate("live");
    expect(ended.StreamingStatus).toBe("ENDED");
    expect(ended.FraudDetectionResult).toBeUndefined();
    // a result for the default watchlist and threshold 50 does not answer a session moved to another watchlist and 10
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: audio, SessionName: "moved" });
    expect(fraud(await s.evaluate("moved"))).toMatchObject({ Configuration: { RiskThreshold: 50, WatchlistId: s.defaultWatchlistId }, Decision: "LOW_RISK" });
    const other = await watchlist("other");
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "moved", WatchlistId: other, RiskThreshold: 10 });
    await deleteWatchlist(other);
    expect((await s.evaluate("moved")).FraudDetectionResult).toBeUndefined();
  }, 60_000);

  it("a cached ACCEPT returned again is no new access: polling an old session does not keep its speaker from expiring", async () => {
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("alice-1.wav", call("alice", 38, "1")), SessionName: "enroll", SpeakerId: "alice" });
    expect(enrollSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "enroll" })).toMatchObject({ EnrollmentStatus: "COMPLETED" });
    s.clock.now += 2 * 3_600_000;
    startSession(s.engine.ctx, { DomainId: s.domainId, AudioUri: s.put("alice-2.wav", call("alice", 20, "2")), SessionName: "call", SpeakerId: "alice" });
    const first = auth(await s.evaluate("call"));
    expect(first.Decision).toBe("ACCEPT");
    const accessed = hourOf(s.clock.now);
    expect(await lastAccessed("alice")).toBe(accessed);
    s.clock.now += 5 * 3_600_000;
    const again = auth(await s.evaluate("call"));
    expect(again.AuthenticationResultId).toBe(first.AuthenticationResultId); // the cached result
    expect(await lastAccessed("alice")).toBe(accessed);
    // a new authentication (here: a changed threshold) is an access
    updateSession(s.engine.ctx, { DomainId: s.domainId, SessionNameOrId: "call", AcceptanceThreshold: 85 });
    expect(auth(await s.evaluate("call"))).toMatchObject({ Decision: "ACCEPT", AuthenticationResultId: expect.not.stringMatching(first.AuthenticationResultId as string) });
    expect(await lastAccessed("alice")).toBe(hourOf(s.clock.now));
  }, 60_000);
});
