// checkRequests: the per-request wording of spec §1.7 for a request the schema refuses.
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
