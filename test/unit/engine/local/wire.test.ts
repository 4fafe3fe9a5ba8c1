// Dates ↔ epoch seconds, driven by the model's timestamp members.
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../../../../src/engine/local/wire.js";

describe("wire", () => {
  it("turns Dates into epoch seconds with a millisecond fraction and back", () => {
    const doc = {
      Domain: {
        DomainId: "a".repeat(22),
        CreatedAt: new Date(1_700_000_000_123),
        UpdatedAt: new Date(1_700_000_001_000),
        WatchlistDetails: { DefaultWatchlistId: "b".repeat(22) },
        Description: undefined,
      },
    };
    const wire = toWire("CreateDomain", doc);
    expect(wire).toEqual({ Domain: { DomainId: "a".repeat(22), CreatedAt: 1_700_000_000.123, UpdatedAt: 1_700_000_001, WatchlistDetails: { DefaultWatchlistId: "b".repeat(22) } } });
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
    const { Description: _d, ...rest } = doc.Domain;
    expect(fromWire("CreateDomain", JSON.parse(JSON.stringify(wire)))).toEqual({ Domain: rest });
  });

  it("rebuilds timestamps inside lists", () => {
    const wire = { SpeakerSummaries: [{ CreatedAt: 1.5, LastAccessedAt: 3600, CustomerSpeakerId: "c" }] };
    const back = fromWire("ListSpeakers", wire);
    expect(back).toEqual({ SpeakerSummaries: [{ CreatedAt: new Date(1500), LastAccessedAt: new Date(3_600_000), CustomerSpeakerId: "c" }] });
  });
});
