// Every non-job, non-session operation of the local engine: success and each documented error, outputs
// checked against schemas/ (wire form) on every call.
import { afterAll, describe, expect, it } from "vitest";
import type { Document } from "../../src/engine/engine.js";
import { operations } from "../../src/model/index.js";
import { createDomain, expectServiceError, seedFraudster, seedSpeaker, tempEngine, validatedOutputs, T0 } from "./local-helpers.js";
import { ENCRYPTION_UPDATE_MS } from "../../src/engine/local/handlers/domains.js";

const KMS = { KmsKeyId: "alias/k1" };
const DAY = 24 * 3_600_000;

describe("domains", () => {
  it("creates an ACTIVE domain with its default watchlist, ARN and Date timestamps", async () => {
    const t = tempEngine();
    const d = await createDomain(t, "bank", { Description: "Main line", Tags: [{ Key: "team", Value: "fraud" }] });
    expect(d.DomainStatus).toBe("ACTIVE");
    expect(d.DomainId).toMatch(/^[a-zA-Z0-9]{22}$/);
    expect(d.Arn).toBe(`arn:aws:voiceid:us-east-1:000000000000:domain/${d.DomainId}`);
    expect(d.CreatedAt).toBeInstanceOf(Date);
    expect((d.CreatedAt as Date).getTime()).toBe(T0);
    expect(d.ServerSideEncryptionUpdateDetails).toBeUndefined();
    const wl = (await t.call("DescribeWatchlist", { DomainId: d.DomainId, WatchlistId: (d.WatchlistDetails as Document).DefaultWatchlistId }))
      .Watchlist as Document;
    expect(wl).toMatchObject({ Name: "default", DefaultWatchlist: true });
    expect(wl.Description).toBeUndefined();
    expect((await t.call("ListTagsForResource", { ResourceArn: d.Arn })).Tags).toEqual([{ Key: "team", Value: "fraud" }]);
  });

  it("uses the configured region and account in the ARN", async () => {
    const t = tempEngine({ AWS_REGION: "eu-west-2", VOICE_ID_ACCOUNT_ID: "123456789012" });
    const d = await createDomain(t);
    expect(d.Arn).toBe(`arn:aws:voiceid:eu-west-2:123456789012:domain/${d.DomainId}`);
  });

  it("refuses a 4th domain, counting SUSPENDED ones until they are purged after 30 days", async () => {
    const t = tempEngine();
    const a = await createDomain(t, "a");
    await createDomain(t, "b");
    await createDomain(t, "c");
    await expectServiceError(createDomain(t, "d"), "ServiceQuotaExceededException");
    await t.call("DeleteDomain", { DomainId: a.DomainId });
    await expectServiceError(createDomain(t, "d"), "ServiceQuotaExceededException");
    t.clock.now += 30 * DAY + 1;
    await createDomain(t, "d");
    await expectServiceError(t.call("DescribeDomain", { DomainId: a.DomainId }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
  });

  it("rejects reserved and duplicate tag keys at creation", async () => {
    const t = tempEngine();
    await expectServiceError(createDomain(t, "x", { Tags: [{ Key: "aws:x", Value: "1" }] }), "ValidationException");
    await expectServiceError(
      createDomain(t, "x", { Tags: [{ Key: "k", Value: "1" }, { Key: "k", Value: "2" }] }),
      "ValidationException",
    );
    expect((await t.call("ListDomains", {})).DomainSummaries).toEqual([]);
  });

  it("describes, and answers RNF DOMAIN for an unknown id", async () => {
    const t = tempEngine();
    const d = await createDomain(t);
    expect((await t.call("DescribeDomain", { DomainId: d.DomainId })).Domain).toEqual(d);
    await expectServiceError(t.call("DescribeDomain", { DomainId: "A".repeat(22) }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
  });

  it("validates input with the service's wording", async () => {
    const t = tempEngine();
    const e = await expectServiceError(t.call("DescribeDomain", { DomainId: "abc" }), "ValidationException");
    expect(e.message).toMatch(/^2 validation errors detected: Value 'abc' at 'domainId' failed to satisfy constraint: Member must have length/);
  });

  it("updates with clobber semantics and reports a key change IN_PROGRESS, then COMPLETED (from a read, an update keeping the key, or a second later)", async () => {
    const t = tempEngine();
    const d = await createDomain(t, "n1", { Description: "first" });
    t.clock.now += 1000;
    const u = (await t.call("UpdateDomain", { DomainId: d.DomainId, Name: "n2", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k2" } }))
      .Domain as Document;
    expect(u).toMatchObject({ Name: "n2", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k2" } });
    expect(u.Description).toBeUndefined();
    expect(u.ServerSideEncryptionUpdateDetails).toEqual({ OldKmsKeyId: "alias/k1", UpdateStatus: "IN_PROGRESS" });
    expect((u.UpdatedAt as Date).getTime()).toBe(T0 + 1000);
    await expectServiceError(
      t.call("UpdateDomain", { DomainId: d.DomainId, Name: "n2", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k3" } }),
      "ConflictException",
      { ConflictType: "DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES" },
    );
    const again = (await t.call("DescribeDomain", { DomainId: d.DomainId })).Domain as Document;
    expect(again.ServerSideEncryptionUpdateDetails).toEqual({ OldKmsKeyId: "alias/k1", UpdateStatus: "COMPLETED" });
    await t.call("UpdateDomain", { DomainId: d.DomainId, Name: "n3", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k3" } });
    // with nothing reading the domain, the change completes on its own a second later, as the service's did: a
    // script that retries only UpdateDomain gets through
    const k4 = { DomainId: d.DomainId, Name: "n3", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k4" } };
    await expectServiceError(t.call("UpdateDomain", k4), "ConflictException", { ConflictType: "DOMAIN_LOCKED_FROM_ENCRYPTION_UPDATES" });
    t.clock.now += ENCRYPTION_UPDATE_MS;
    const k4Done = (await t.call("UpdateDomain", k4)).Domain as Document;
    expect(k4Done.ServerSideEncryptionUpdateDetails).toEqual({ OldKmsKeyId: "alias/k3", UpdateStatus: "IN_PROGRESS" });
    // an update that keeps the key reads the domain: its response shows the change COMPLETED, so renaming more
    // often than once a second cannot hold it IN_PROGRESS, and the next key change gets through at once
    t.clock.now += ENCRYPTION_UPDATE_MS - 100;
    const renamed = (await t.call("UpdateDomain", { ...k4, Name: "n4" })).Domain as Document;
    expect(renamed).toMatchObject({ Name: "n4", ServerSideEncryptionUpdateDetails: { OldKmsKeyId: "alias/k3", UpdateStatus: "COMPLETED" } });
    const k5 = (await t.call("UpdateDomain", { ...k4, Name: "n4", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k5" } })).Domain as Document;
    expect(k5.ServerSideEncryptionUpdateDetails).toEqual({ OldKmsKeyId: "alias/k4", UpdateStatus: "IN_PROGRESS" });
    await expectServiceError(
      t.call("UpdateDomain", { DomainId: "B".repeat(22), Name: "n", ServerSideEncryptionConfiguration: KMS }),
      "ResourceNotFoundException",
      { ResourceType: "DOMAIN" },
    );
  });

  it("soft-deletes: SUSPENDED stays visible, mutations conflict, other reads are RNF", async () => {
    const t = tempEngine();
    const d = await createDomain(t);
    const DomainId = d.DomainId;
    const wl = (d.WatchlistDetails as Document).DefaultWatchlistId;
    expect(await t.call("DeleteDomain", { DomainId })).toEqual({});
    expect(((await t.call("DescribeDomain", { DomainId })).Domain as Document).DomainStatus).toBe("SUSPENDED");
    expect(((await t.call("ListDomains", {})).DomainSummaries as Document[]).map((x) => x.DomainStatus)).toEqual(["SUSPENDED"]);
    const notActive = { ConflictType: "DOMAIN_NOT_ACTIVE" };
    await expectServiceError(t.call("DeleteDomain", { DomainId }), "ConflictException", notActive);
    await expectServiceError(t.call("UpdateDomain", { DomainId, Name: "x", ServerSideEncryptionConfiguration: KMS }), "ConflictException", notActive);
    await expectServiceError(t.call("CreateWatchlist", { DomainId, Name: "w" }), "ConflictException", notActive);
    await expectServiceError(t.call("OptOutSpeaker", { DomainId, SpeakerId: "c1" }), "ConflictException", notActive);
    const rnf = { ResourceType: "DOMAIN" };
    await expectServiceError(t.call("DescribeWatchlist", { DomainId, WatchlistId: wl }), "ResourceNotFoundException", rnf);
    await expectServiceError(t.call("ListSpeakers", { DomainId }), "ResourceNotFoundException", rnf);
    await expectServiceError(t.call("ListTagsForResource", { ResourceArn: d.Arn }), "ResourceNotFoundException", rnf);
    await expectServiceError(t.call("DeleteDomain", { DomainId: "C".repeat(22) }), "ResourceNotFoundException", rnf);
  });

  it("paginates ListDomains (default and max 10) with tokens bound to the request", async () => {
    const t = tempEngine();
    for (const n of ["a", "b", "c"]) {
      await createDomain(t, n);
      t.clock.now += 1;
    }
    const p1 = await t.call("ListDomains", { MaxResults: 2 });
    expect((p1.DomainSummaries as Document[]).map((d) => d.Name)).toEqual(["a", "b"]);
    expect(typeof p1.NextToken).toBe("string");
    const p2 = await t.call("ListDomains", { MaxResults: 2, NextToken: p1.NextToken });
    expect((p2.DomainSummaries as Document[]).map((d) => d.Name)).toEqual(["c"]);
    expect(p2.NextToken).toBeUndefined();
    expect(((await t.call("ListDomains", { NextToken: "" })).DomainSummaries as Document[]).length).toBe(3);
    await expectServiceError(t.call("ListDomains", { MaxResults: 11 }), "ValidationException");
    await expectServiceError(t.call("ListDomains", { NextToken: "garbage" }), "ValidationException");
    const tampered = (p1.NextToken as string).replace(/^./, (c) => (c === "e" ? "f" : "e"));
    await expectServiceError(t.call("ListDomains", { NextToken: tampered }), "ValidationException");
  });
});

describe("watchlists", () => {
  it("creates up to 3 per domain, describes, lists with paging, patches and deletes", async () => {
    const t = tempEngine();
    const d = await createDomain(t);
    const DomainId = d.DomainId;
    t.clock.now += 1;
    const w1 = (await t.call("CreateWatchlist", { DomainId, Name: "vip", Description: "VIP callers" })).Watchlist as Document;
    expect(w1).toMatchObject({ Name: "vip", Description: "VIP callers", DefaultWatchlist: false, DomainId });
    t.clock.now += 1;
    const w2 = (await t.call("CreateWatchlist", { DomainId, Name: "w2" })).Watchlist as Document;
    await expectServiceError(t.call("CreateWatchlist", { DomainId, Name: "w3" }), "ServiceQuotaExceededException");
    await expectServiceError(t.call("CreateWatchlist", { DomainId: "D".repeat(22), Name: "w3" }), "ResourceNotFoundException", {
      ResourceType: "DOMAIN",
    });

    const page1 = await t.call("ListWatchlists", { DomainId, MaxResults: 2 });
    expect((page1.WatchlistSummaries as Document[]).map((w) => w.Name)).toEqual(["default", "vip"]);
    const page2 = await t.call("ListWatchlists", { DomainId, MaxResults: 2, NextToken: page1.NextToken });
    expect((page2.WatchlistSummaries as Document[]).map((w) => w.Name)).toEqual(["w2"]);

    t.clock.now += 5;
    const u = (await t.call("UpdateWatchlist", { DomainId, WatchlistId: w1.WatchlistId, Name: "vip2" })).Watchlist as Document;
    expect(u).toMatchObject({ Name: "vip2", Description: "VIP callers" });
    expect((u.UpdatedAt as Date).getTime()).toBe(t.clock.now);
    expect(((await t.call("UpdateWatchlist", { DomainId, WatchlistId: w1.WatchlistId, Description: "x" })).Watchlist as Document).Name).toBe("vip2");

    const def = (d.WatchlistDetails as Document).DefaultWatchlistId;
    await expectServiceError(t.call("UpdateWatchlist", { DomainId, WatchlistId: def, Name: "z" }), "ValidationException");
    await expectServiceError(t.call("DeleteWatchlist", { DomainId, WatchlistId: def }), "ValidationException");
    await expectServiceError(t.call("DescribeWatchlist", { DomainId, WatchlistId: "W".repeat(22) }), "ResourceNotFoundException", {
      ResourceType: "WATCHLIST",
    });
    await expectServiceError(t.call("UpdateWatchlist", { DomainId, WatchlistId: "W".repeat(22), Name: "z" }), "ResourceNotFoundException", {
      ResourceType: "WATCHLIST",
    });

    seedFraudster(t, DomainId as string, [w2.WatchlistId as string]);
    await expectServiceError(t.call("DeleteWatchlist", { DomainId, WatchlistId: w2.WatchlistId }), "ConflictException", {
      ConflictType: "CANNOT_DELETE_NON_EMPTY_WATCHLIST",
    });
    expect(await t.call("DeleteWatchlist", { DomainId, WatchlistId: w1.WatchlistId })).toEqual({});
    await expectServiceError(t.call("DeleteWatchlist", { DomainId, WatchlistId: w1.WatchlistId }), "ResourceNotFoundException", {
      ResourceType: "WATCHLIST",
    });
  });

  it("does not find a watchlist through another domain", async () => {
    const t = tempEngine();
    const a = await createDomain(t, "a");
    const b = await createDomain(t, "b");
    await expectServiceError(
      t.call("DescribeWatchlist", { DomainId: b.DomainId, WatchlistId: (a.WatchlistDetails as Document).DefaultWatchlistId }),
      "ResourceNotFoundException",
      { ResourceType: "WATCHLIST" },
    );
  });
});

describe("idempotency", () => {
  it("replays the first result for the same token and request, rejects a different request", async () => {
    const t = tempEngine();
    const req = { ClientToken: "tok-1", Name: "d", ServerSideEncryptionConfiguration: KMS };
    const first = (await t.call("CreateDomain", req)).Domain as Document;
    t.clock.now += 60_000;
    const again = (await t.call("CreateDomain", { ServerSideEncryptionConfiguration: KMS, Name: "d", ClientToken: "tok-1" })).Domain as Document;
    expect(again).toEqual(first);
    expect(again.CreatedAt).toBeInstanceOf(Date);
    const e = await expectServiceError(t.call("CreateDomain", { ...req, Name: "other" }), "ConflictException");
    expect(e.message).toBe("ClientToken 'tok-1' was already used with different parameters.");
    expect(((await t.call("ListDomains", {})).DomainSummaries as Document[]).length).toBe(1);
    // Replays survive deletion of the resource; tokens expire after 24 h.
    await t.call("DeleteDomain", { DomainId: first.DomainId });
    expect(((await t.call("CreateDomain", req)).Domain as Document).DomainStatus).toBe("ACTIVE");
    t.clock.now += 24 * 3_600_000;
    expect(((await t.call("CreateDomain", req)).Domain as Document).DomainId).not.toBe(first.DomainId);
  });

  it("scopes CreateWatchlist tokens by domain and does not remember failures", async () => {
    const t = tempEngine();
    const a = await createDomain(t, "a");
    const b = await createDomain(t, "b");
    const wa = (await t.call("CreateWatchlist", { DomainId: a.DomainId, Name: "w", ClientToken: "x" })).Watchlist as Document;
    const wb = (await t.call("CreateWatchlist", { DomainId: b.DomainId, Name: "w", ClientToken: "x" })).Watchlist as Document;
    expect(wa.WatchlistId).not.toBe(wb.WatchlistId);
    await t.call("CreateWatchlist", { DomainId: a.DomainId, Name: "w2" });
    await expectServiceError(t.call("CreateWatchlist", { DomainId: a.DomainId, Name: "w3", ClientToken: "y" }), "ServiceQuotaExceededException");
    await t.call("DeleteWatchlist", { DomainId: a.DomainId, WatchlistId: wa.WatchlistId });
    expect(((await t.call("CreateWatchlist", { DomainId: a.DomainId, Name: "w3", ClientToken: "y" })).Watchlist as Document).Name).toBe("w3");
  });
});

describe("fraudsters", () => {
  it("describes, lists (all or per watchlist), associates, disassociates and deletes", async () => {
    const t = tempEngine();
    const d = await createDomain(t);
    const DomainId = d.DomainId as string;
    const def = (d.WatchlistDetails as Document).DefaultWatchlistId as string;
    const w2 = ((await t.call("CreateWatchlist", { DomainId, Name: "w2" })).Watchlist as Document).WatchlistId as string;
    const f1 = seedFraudster(t, DomainId, [def], 1);
    const f2 = seedFraudster(t, DomainId, [w2], 2);

    const f = (await t.call("DescribeFraudster", { DomainId, FraudsterId: f1 })).Fraudster as Document;
    expect(f).toMatchObject({ GeneratedFraudsterId: f1, DomainId, WatchlistIds: [def] });
    const missing = await expectServiceError(t.call("DescribeFraudster", { DomainId, FraudsterId: `id#${"Z".repeat(22)}` }), "ResourceNotFoundException", {
      ResourceType: "FRAUDSTER",
    });
    expect(missing.message).toBe(`The fraudster does not exist in domain '${DomainId}'.`); // fraudster ids are sensitive: never echoed

    const all = await t.call("ListFraudsters", { DomainId });
    expect((all.FraudsterSummaries as Document[]).map((x) => x.GeneratedFraudsterId)).toEqual([f1, f2]);
    const inW2 = await t.call("ListFraudsters", { DomainId, WatchlistId: w2 });
    expect((inW2.FraudsterSummaries as Document[]).map((x) => x.GeneratedFraudsterId)).toEqual([f2]);
    const p1 = await t.call("ListFraudsters", { DomainId, MaxResults: 1 });
    await expectServiceError(t.call("ListFraudsters", { DomainId, WatchlistId: w2, NextToken: p1.NextToken }), "ValidationException");
    expect(((await t.call("ListFraudsters", { DomainId, MaxResults: 1, NextToken: p1.NextToken })).FraudsterSummaries as Document[])[0].GeneratedFraudsterId).toBe(f2);
    await expectServiceError(t.call("ListFraudsters", { DomainId, WatchlistId: "Q".repeat(22) }), "ResourceNotFoundException", {
      ResourceType: "WATCHLIST",
    });

    t.clock.now += 10;
    const assoc = (await t.call("AssociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: w2 })).Fraudster as Document;
    expect(assoc.WatchlistIds).toEqual([def, w2]);
    expect(((await t.call("AssociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: w2 })).Fraudster as Document).WatchlistIds).toEqual([def, w2]);
    await expectServiceError(t.call("AssociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: "Q".repeat(22) }), "ResourceNotFoundException", {
      ResourceType: "WATCHLIST",
    });

    const dis = (await t.call("DisassociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: def })).Fraudster as Document;
    expect(dis.WatchlistIds).toEqual([w2]);
    await expectServiceError(t.call("DisassociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: w2 }), "ConflictException", {
      ConflictType: "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST",
    });
    const notMember = await expectServiceError(t.call("DisassociateFraudster", { DomainId, FraudsterId: f1, WatchlistId: def }), "ValidationException");
    expect(notMember.message).not.toContain(f1);

    expect(await t.call("DeleteFraudster", { DomainId, FraudsterId: f1 })).toEqual({});
    await expectServiceError(t.call("DeleteFraudster", { DomainId, FraudsterId: f1 }), "ResourceNotFoundException", { ResourceType: "FRAUDSTER" });
    await t.call("DeleteDomain", { DomainId });
    await expectServiceError(t.call("DeleteFraudster", { DomainId, FraudsterId: f2 }), "ConflictException", { ConflictType: "DOMAIN_NOT_ACTIVE" });
  });

  it("refuses the 501st fraudster in a watchlist", async () => {
    const t = tempEngine();
    const d = await createDomain(t);
    const DomainId = d.DomainId as string;
    const def = (d.WatchlistDetails as Document).DefaultWatchlistId as string;
    const w2 = ((await t.call("CreateWatchlist", { DomainId, Name: "w2" })).Watchlist as Document).WatchlistId as string;
    for (let i = 1; i <= 500; i++) seedFraudster(t, DomainId, [w2], i);
    const extra = seedFraudster(t, DomainId, [def], 501);
    await expectServiceError(t.call("AssociateFraudster", { DomainId, FraudsterId: extra, WatchlistId: w2 }), "ServiceQuotaExceededException");
  });
});

describe("speakers", () => {
  it("describes and deletes by either id, lists, derives EXPIRED lazily, truncates LastAccessedAt", async () => {
    const t = tempEngine();
    const DomainId = (await createDomain(t)).DomainId as string;
    const s1 = seedSpeaker(t, DomainId, "cust-1", 1);
    seedSpeaker(t, DomainId, "cust-2", 2);
    const byGen = (await t.call("DescribeSpeaker", { DomainId, SpeakerId: s1 })).Speaker as Document;
    const byCust = (await t.call("DescribeSpeaker", { DomainId, SpeakerId: "cust-1" })).Speaker as Document;
    expect(byGen).toEqual(byCust);
    expect(byGen).toMatchObject({ GeneratedSpeakerId: s1, CustomerSpeakerId: "cust-1", Status: "ENROLLED" });
    expect((byGen.LastAccessedAt as Date).toISOString()).toBe("2026-01-01T10:00:00.000Z");
    await expectServiceError(t.call("DescribeSpeaker", { DomainId, SpeakerId: "nobody" }), "ResourceNotFoundException", { ResourceType: "SPEAKER" });

    const list = await t.call("ListSpeakers", { DomainId, MaxResults: 1 });
    expect((list.SpeakerSummaries as Document[]).map((s) => s.CustomerSpeakerId)).toEqual(["cust-1"]);
    const rest = await t.call("ListSpeakers", { DomainId, MaxResults: 1, NextToken: list.NextToken });
    expect((rest.SpeakerSummaries as Document[]).map((s) => s.CustomerSpeakerId)).toEqual(["cust-2"]);
    // Tokens expire after 24 hours.
    t.clock.now += 24 * 3_600_000 + 1;
    await expectServiceError(t.call("ListSpeakers", { DomainId, MaxResults: 1, NextToken: list.NextToken }), "ValidationException");

    t.clock.now = T0 + 1096 * 24 * 3_600_000;
    expect(((await t.call("DescribeSpeaker", { DomainId, SpeakerId: "cust-1" })).Speaker as Document).Status).toBe("EXPIRED");

    expect(await t.call("DeleteSpeaker", { DomainId, SpeakerId: "cust-1" })).toEqual({});
    await expectServiceError(t.call("DeleteSpeaker", { DomainId, SpeakerId: s1 }), "ResourceNotFoundException", { ResourceType: "SPEAKER" });
  });

  it("opts out existing and unknown speakers", async () => {
    const t = tempEngine();
    const DomainId = (await createDomain(t)).DomainId as string;
    const s1 = seedSpeaker(t, DomainId, "cust-1", 1);
    t.clock.now += 1000;
    const o = (await t.call("OptOutSpeaker", { DomainId, SpeakerId: s1 })).Speaker as Document;
    expect(o).toMatchObject({ Status: "OPTED_OUT", GeneratedSpeakerId: s1 });
    expect((o.UpdatedAt as Date).getTime()).toBe(t.clock.now);
    const again = (await t.call("OptOutSpeaker", { DomainId, SpeakerId: "cust-1" })).Speaker as Document;
    expect(again).toEqual(o);
    const fresh = (await t.call("OptOutSpeaker", { DomainId, SpeakerId: "new-caller" })).Speaker as Document;
    expect(fresh).toMatchObject({ Status: "OPTED_OUT", CustomerSpeakerId: "new-caller" });
    expect(fresh.GeneratedSpeakerId).toMatch(/^id#[a-zA-Z0-9]{22}$/);
    expect(fresh.LastAccessedAt).toBeUndefined();
    await expectServiceError(t.call("OptOutSpeaker", { DomainId, SpeakerId: `id#${"N".repeat(22)}` }), "ResourceNotFoundException", {
      ResourceType: "SPEAKER",
    });
    const v = await expectServiceError(t.call("OptOutSpeaker", { DomainId, SpeakerId: "bad id!" }), "ValidationException");
    expect(v.message).not.toContain("bad id!"); // sensitive member: never echoed
  });
});

describe("tags", () => {
  it("tags (add/overwrite, keeps order), untags (ignores unknown keys), lists", async () => {
    const t = tempEngine();
    const d = await createDomain(t, "d", { Tags: [{ Key: "a", Value: "1" }] });
    const ResourceArn = d.Arn;
    expect(await t.call("TagResource", { ResourceArn, Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "9" }] })).toEqual({});
    expect((await t.call("ListTagsForResource", { ResourceArn })).Tags).toEqual([
      { Key: "a", Value: "9" },
      { Key: "b", Value: "2" },
    ]);
    expect(await t.call("UntagResource", { ResourceArn, TagKeys: ["a", "zzz"] })).toEqual({});
    expect((await t.call("ListTagsForResource", { ResourceArn })).Tags).toEqual([{ Key: "b", Value: "2" }]);
    await expectServiceError(t.call("TagResource", { ResourceArn, Tags: [{ Key: "aws:x", Value: "1" }] }), "ValidationException");
    const repeated = await expectServiceError(t.call("UntagResource", { ResourceArn, TagKeys: ["secret-key", "secret-key"] }), "ValidationException");
    expect(repeated.message).toBe("A tag key appears more than once in 'tagKeys'."); // TagKey is sensitive: never echoed
    const repeatedInTag = await expectServiceError(t.call("TagResource", { ResourceArn, Tags: [{ Key: "secret-key", Value: "1" }, { Key: "secret-key", Value: "2" }] }), "ValidationException");
    expect(repeatedInTag.message).not.toContain("secret-key");
    const many = Array.from({ length: 200 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectServiceError(t.call("TagResource", { ResourceArn, Tags: many }), "ValidationException");
    const other = `arn:aws:voiceid:us-east-1:000000000000:domain/${"X".repeat(22)}`;
    await expectServiceError(t.call("ListTagsForResource", { ResourceArn: other }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
    await expectServiceError(t.call("TagResource", { ResourceArn: other, Tags: [] }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
    await expectServiceError(t.call("UntagResource", { ResourceArn: other, TagKeys: [] }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
    const wrongRegion = (ResourceArn as string).replace("us-east-1", "us-west-2");
    await expectServiceError(t.call("ListTagsForResource", { ResourceArn: wrongRegion }), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
    await expectServiceError(t.call("ListTagsForResource", { ResourceArn: "arn:nope" }), "ValidationException");
  });

  it("refuses a value of the wrong JSON type as the service's protocol does (SerializationException), as local serve does", async () => {
    const t = tempEngine();
    const DomainId = (await createDomain(t)).DomainId;
    const e = await expectServiceError(t.call("ListSpeakers", { DomainId, MaxResults: true }), "SerializationException");
    expect(e.message).toBe("Expected a number at 'MaxResults' but found a boolean.");
    const nested = await expectServiceError(
      t.call("StartFraudsterRegistrationJob", { DomainId, DataAccessRoleArn: "arn:aws:iam::000000000000:role/r", InputDataConfig: { S3Uri: "s3://bkt/m.json" }, OutputDataConfig: { S3Uri: "s3://bkt/out" }, RegistrationConfig: { FraudsterSimilarityThreshold: "high" } }),
      "SerializationException",
    );
    expect(nested.message).toBe("Expected a number at 'RegistrationConfig.FraudsterSimilarityThreshold' but found a string.");
  });

  it("never echoes tag keys or values (sensitive), not even inside a list that breaks a limit", async () => {
    const t = tempEngine();
    const ResourceArn = (await createDomain(t)).Arn;
    const Tags = Array.from({ length: 201 }, (_, i) => ({ Key: `secret-key-${i}`, Value: "secret-value" }));
    const tooMany = await expectServiceError(t.call("TagResource", { ResourceArn, Tags }), "ValidationException");
    expect(tooMany.message).toBe("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
    const keys = await expectServiceError(t.call("UntagResource", { ResourceArn, TagKeys: Tags.map((tag) => tag.Key) }), "ValidationException");
    expect(keys.message).not.toContain("secret-key");
    // a member that is not sensitive is still shown, as the service did
    const big = await expectServiceError(t.call("ListDomains", { MaxResults: Infinity }), "ValidationException");
    expect(big.message).toBe("1 validation error detected: Value 'Infinity' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
  });
});

describe("domain checks, every operation", () => {
  const W = "W".repeat(22);
  const F = `id#${"F".repeat(22)}`;
  const arnOf = (id: string) => `arn:aws:voiceid:us-east-1:000000000000:domain/${id}`;
  // Every domain-scoped operation with otherwise valid input; `write` ones can return ConflictException.
  const ops: [op: string, params: (domainId: string) => Document, write: boolean][] = [
    ["DescribeDomain", (d) => ({ DomainId: d }), false],
    ["UpdateDomain", (d) => ({ DomainId: d, Name: "n", ServerSideEncryptionConfiguration: KMS }), true],
    ["DeleteDomain", (d) => ({ DomainId: d }), true],
    ["CreateWatchlist", (d) => ({ DomainId: d, Name: "w" }), true],
    ["DescribeWatchlist", (d) => ({ DomainId: d, WatchlistId: W }), false],
    ["ListWatchlists", (d) => ({ DomainId: d }), false],
    ["UpdateWatchlist", (d) => ({ DomainId: d, WatchlistId: W, Name: "x" }), true],
    ["DeleteWatchlist", (d) => ({ DomainId: d, WatchlistId: W }), true],
    ["DescribeFraudster", (d) => ({ DomainId: d, FraudsterId: F }), false],
    ["ListFraudsters", (d) => ({ DomainId: d }), false],
    ["DeleteFraudster", (d) => ({ DomainId: d, FraudsterId: F }), true],
    ["AssociateFraudster", (d) => ({ DomainId: d, FraudsterId: F, WatchlistId: W }), true],
    ["DisassociateFraudster", (d) => ({ DomainId: d, FraudsterId: F, WatchlistId: W }), true],
    ["DescribeSpeaker", (d) => ({ DomainId: d, SpeakerId: "c" }), false],
    ["ListSpeakers", (d) => ({ DomainId: d }), false],
    ["DeleteSpeaker", (d) => ({ DomainId: d, SpeakerId: "c" }), true],
    ["OptOutSpeaker", (d) => ({ DomainId: d, SpeakerId: "c" }), true],
    ["TagResource", (d) => ({ ResourceArn: arnOf(d), Tags: [{ Key: "k", Value: "v" }] }), false],
    ["UntagResource", (d) => ({ ResourceArn: arnOf(d), TagKeys: ["k"] }), false],
    ["ListTagsForResource", (d) => ({ ResourceArn: arnOf(d) }), false],
  ];

  it.each(ops)("%s: unknown domain → ResourceNotFoundException DOMAIN", async (op, params) => {
    const t = tempEngine();
    await expectServiceError(t.call(op, params("U".repeat(22))), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
  });

  it.each(ops.filter(([op]) => op !== "DescribeDomain"))("%s: deleted domain → DOMAIN_NOT_ACTIVE for writes, RNF DOMAIN for reads and tags", async (op, params, write) => {
    const t = tempEngine();
    const d = (await createDomain(t)).DomainId as string;
    await t.call("DeleteDomain", { DomainId: d });
    if (write) await expectServiceError(t.call(op, params(d)), "ConflictException", { ConflictType: "DOMAIN_NOT_ACTIVE" });
    else await expectServiceError(t.call(op, params(d)), "ResourceNotFoundException", { ResourceType: "DOMAIN" });
  });

  it("refuses a new opted-out speaker beyond 100,000 speakers in the domain", async () => {
    const t = tempEngine();
    const DomainId = (await createDomain(t)).DomainId as string;
    const db = t.engine.ctx.db;
    const insert = db.prepare("INSERT INTO speakers (speaker_id, domain_id, customer_speaker_id, status, created_at, updated_at) VALUES (?, ?, ?, 'OPTED_OUT', 0, 0)");
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) insert.run(`id#${String(i).padStart(22, "0")}`, DomainId, `c${i}`);
    })();
    await expectServiceError(t.call("OptOutSpeaker", { DomainId, SpeakerId: "one-more" }), "ServiceQuotaExceededException");
    expect(((await t.call("OptOutSpeaker", { DomainId, SpeakerId: "c7" })).Speaker as Document).Status).toBe("OPTED_OUT");
  });
});

describe("output schemas", () => {
  // Runs last in this file: every operation the resource handlers implement was called above, and
  // tempEngine().call validated each output (Dates → epoch seconds) against schemas/output/<Op>.json.
  afterAll(() => {
    const mine = operations()
      .map((o) => o.name)
      .filter((n) => !/Job|Jobs|EvaluateSession/.test(n));
    expect(mine.length).toBe(22);
    expect(mine.filter((n) => !validatedOutputs.has(n))).toEqual([]);
  });
  it("is checked on every call", () => expect(validatedOutputs.size).toBeGreaterThan(0));
});
