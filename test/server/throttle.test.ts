// `local serve --throttle`: the service's documented rates (spec §6.5) as 429 ThrottlingException.
import { describe, expect, it } from "vitest";
import { ListDomainsCommand, ThrottlingException } from "@aws-sdk/client-voice-id";
import { throttle } from "../../src/server/throttle.js";
import { rawCall, startTestServer } from "./helpers.js";

describe("throttling", () => {
  it("gives each operation a bucket of its rate, refilled continuously; unlisted operations are free", () => {
    let now = 0;
    const t = throttle({ DescribeDomain: 2 }, () => now);
    t.take("DescribeDomain");
    t.take("DescribeDomain");
    expect(() => t.take("DescribeDomain")).toThrow(/Rate exceeded/);
    now += 500;
    t.take("DescribeDomain");
    expect(() => t.take("DescribeDomain")).toThrow();
    for (let i = 0; i < 100; i++) t.take("ListWatchlists");
    for (let i = 0; i < 100; i++) t.take("constructor");
  });

  it("defaults to every rate of the service's quota table (spec §6.5)", () => {
    const now = 0;
    const t = throttle(undefined, () => now);
    const burst = (op: string) => {
      let n = 0;
      try {
        for (; n < 100; n++) t.take(op);
      } catch {
        return n;
      }
      return n;
    };
    expect(
      ["EvaluateSession", "DescribeSpeaker", "OptOutSpeaker", "DeleteSpeaker", "DescribeFraudster", "DeleteFraudster", "ListSpeakers", "DescribeDomain", "StartSpeakerEnrollmentJob", "TagResource", "ListWatchlists"].map(
        (op) => [op, burst(op)],
      ),
    ).toEqual([
      ["EvaluateSession", 60],
      ["DescribeSpeaker", 10],
      ["OptOutSpeaker", 10],
      ["DeleteSpeaker", 10],
      ["DescribeFraudster", 10],
      ["DeleteFraudster", 10],
      ["ListSpeakers", 5],
      ["DescribeDomain", 2],
      ["StartSpeakerEnrollmentJob", 2],
      ["TagResource", 2],
      ["ListWatchlists", 100],
    ]);
  });

  it("answers 429 ThrottlingException over the rate; SDKs raise their typed exception", async () => {
    const t = await startTestServer({ throttle: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await rawCall(t.url, "VoiceID.ListDomains", "{}")).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses).toContain(429);
      const r = await rawCall(t.url, "VoiceID.ListDomains", "{}");
      expect(r.json).toMatchObject({ __type: "com.amazonaws.voiceid#ThrottlingException", Message: "Rate exceeded" });
      const err = await t.client().send(new ListDomainsCommand({})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ThrottlingException);
    } finally {
      await t.close();
    }
  });
});
