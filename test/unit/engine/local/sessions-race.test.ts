// enroll-session and EvaluateSession analyse a live session's audio before taking the write lock: another process
// (here a second engine on the same store) may delete the session and start a new one under its name meanwhile.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Document } from "../../../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../../../src/engine/local/index.js";
import { deleteSession, enrollSession, startSession } from "../../../../src/engine/local/sessions/manage.js";
import { toneWav } from "../../../server/helpers.js";
import { call } from "../../../helpers/jobs-fixtures.js";

/** Runs once, right after the next analysis of a session's audio as streamed so far. */
const afterAnalysis: { hook?: () => void } = {};

vi.mock("../../../../src/engine/local/sessions/audio.js", async (importOriginal) => {
  const audio = await importOriginal<typeof import("../../../../src/engine/local/sessions/audio.js")>();
  return {
    ...audio,
    streamedAudio: (...args: Parameters<typeof audio.streamedAudio>) => {
      const out = audio.streamedAudio(...args);
      const hook = afterAnalysis.hook;
      afterAnalysis.hook = undefined;
      hook?.();
      return out;
    },
  };
});

const T0 = Date.parse("2026-03-01T10:30:00.000Z");

describe("a session replaced under its name while its audio is analysed", () => {
  let home: string;
  let domainId: string;
  let engine: LocalEngine;
  let other: LocalEngine;
  const clock = { now: T0 };
  const put = (key: string, body: Buffer) => {
    mkdirSync(join(home, "s3", "calls"), { recursive: true });
    writeFileSync(join(home, "s3", "calls", key), body);
    return `s3://calls/${key}`;
  };

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "voice-id-sessions-race-"));
    clock.now = T0;
    const open = () => LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), now: () => new Date(clock.now), jobWorkers: "none" });
    engine = open();
    other = open();
    domainId = ((await engine.call("CreateDomain", { Name: "race", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document).DomainId as string;
    // a live call with 32 s of net speech streamed so far (87.7 s long, 56.9 s of speech)
    startSession(engine.ctx, { DomainId: domainId, AudioUri: put("alice.wav", call("alice", 60, "1")), SessionName: "call", SpeakerId: "alice", RealTime: true });
    clock.now += 55_000;
    // the other process's new "call" is a short, speechless recording for bob
    afterAnalysis.hook = () => {
      deleteSession(other.ctx, { DomainId: domainId, SessionNameOrId: "call" });
      startSession(other.ctx, { DomainId: domainId, AudioUri: put("tone.wav", toneWav(3)), SessionName: "call", SpeakerId: "bob" });
    };
  });

  afterEach(() => {
    afterAnalysis.hook = undefined;
    engine.close();
    other.close();
  });

  it("enroll-session enrolls the new session's speaker from the new session's audio, not the old one's", async () => {
    expect(enrollSession(engine.ctx, { DomainId: domainId, SessionNameOrId: "call" })).toMatchObject({ CustomerSpeakerId: "bob", EnrollmentStatus: "NOT_ENOUGH_SPEECH" });
    expect(((await engine.call("DescribeSpeaker", { DomainId: domainId, SpeakerId: "bob" })).Speaker as Document).Status).toBe("PENDING");
  }, 60_000);

  it("EvaluateSession answers from the new session's audio, not the old one's", async () => {
    const out = await engine.call("EvaluateSession", { DomainId: domainId, SessionNameOrId: "call" });
    expect(out).toMatchObject({ SessionName: "call", StreamingStatus: "ENDED" });
    expect((out.FraudDetectionResult as Document).Decision).toBe("NOT_ENOUGH_SPEECH");
    expect((out.AuthenticationResult as Document).Decision).toBe("SPEAKER_NOT_ENROLLED");
  }, 60_000);
});
