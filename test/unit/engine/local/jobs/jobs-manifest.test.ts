// checkRequests: the per-request wording of spec §1.7 for a request the schema refuses, and duplicate RequestIds.
import { describe, expect, it } from "vitest";
import { checkRequests } from "../../../../../src/engine/local/jobs/manifest.js";

const request = (S3Uri: unknown) => ({ RequestId: "r1", SpeakerId: "alice", AudioSpecifications: [{ S3Uri, ChannelId: 0 }] });
const messageFor = (S3Uri: unknown) => {
  const [checked] = checkRequests("SPEAKER_ENROLLMENT", [request(S3Uri)]);
  return checked!.ok ? undefined : checked!.message;
};

describe("checkRequests on S3Uri", () => {
  it("names the bucket when that is what is wrong", () => {
    expect(messageFor("s3://Calls_Bucket/a.wav")).toBe(
      "AudioSpecifications[0].S3Uri is not usable: 'Calls_Bucket' in 's3://Calls_Bucket/a.wav' is not a valid bucket name (3-63 of a-z 0-9 . -).",
    );
  });

  it("gives the general rule for a value that is not an s3:// URI at all, or too long", () => {
    expect(messageFor("https://example.com/a.wav")).toBe("AudioSpecifications[0].S3Uri is not usable: 'https://example.com/a.wav' is not an s3:// URI (expected s3://bucket/key).");
    expect(messageFor(`s3://calls/${"k".repeat(1100)}`)).toBe("AudioSpecifications[0].S3Uri must be an s3:// URI of at most 1024 characters.");
  });

  it("accepts a good one", () => {
    expect(checkRequests("SPEAKER_ENROLLMENT", [request("s3://calls/a.wav")])[0]!.ok).toBe(true);
  });
});

describe("checkRequests on duplicate RequestIds", () => {
  const audio = [{ S3Uri: "s3://calls/a.wav", ChannelId: 0 }];
  const outcome = (c: ReturnType<typeof checkRequests>[number]) => (c.ok ? ["ok", c.request.requestId] : [c.requestId, c.message]);

  it("fail a later occurrence even when the first one was invalid (the output must not list the id twice)", () => {
    const enrollment = checkRequests("SPEAKER_ENROLLMENT", [
      { RequestId: "x", SpeakerId: "-bad", AudioSpecifications: audio },
      { RequestId: "x", SpeakerId: "alice", AudioSpecifications: audio },
      { RequestId: "y", SpeakerId: "bob", AudioSpecifications: audio },
    ]);
    expect(enrollment.map(outcome)).toEqual([
      ["x", expect.stringMatching(/^SpeakerId is invalid/)],
      ["x", "Duplicate RequestId 'x'."],
      ["ok", "y"],
    ]);
    const registration = checkRequests("FRAUDSTER_REGISTRATION", [
      { RequestId: "f", AudioSpecifications: [] },
      { RequestId: "f", AudioSpecifications: audio },
    ]);
    expect(registration.map(outcome)).toEqual([
      ["f", "AudioSpecifications must contain 1 to 10 entries."],
      ["f", "Duplicate RequestId 'f'."],
    ]);
  });

  it("keep the schema's complaint for a later occurrence that is itself invalid", () => {
    const checked = checkRequests("FRAUDSTER_REGISTRATION", [
      { RequestId: "f", AudioSpecifications: audio },
      { RequestId: "f", AudioSpecifications: [{ S3Uri: "s3://calls/a.wav", ChannelId: 2 }] },
    ]);
    expect(checked.map(outcome)).toEqual([
      ["ok", "f"],
      ["f", "ChannelId must be 0 or 1."],
    ]);
  });
});
