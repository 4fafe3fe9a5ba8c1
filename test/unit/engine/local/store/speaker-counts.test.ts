// The per-domain speaker count the 100,000 quota reads (migration 5): kept by triggers through every way a
// speaker row comes and goes, and filled in for the speakers of a store made before it existed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Document } from "../../../../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../../../../src/engine/local/index.js";
import { migrations } from "../../../../../src/engine/local/store/migrations.js";
import { countSpeakers } from "../../../../../src/engine/local/store/speakers.js";

const rowsIn = (engine: LocalEngine, domainId: string) =>
  (engine.ctx.db.prepare("SELECT count(*) AS n FROM speakers WHERE domain_id = ?").get(domainId) as { n: number }).n;

describe("the speaker count behind the 100,000 quota", () => {
  it("follows creates, deletes and a purged domain", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-counts-"));
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home, VOICE_ID_DOMAIN_RETENTION_DAYS: "0" }), jobWorkers: "none" });
    const domain = async (name: string) =>
      ((await engine.call("CreateDomain", { Name: name, ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document).DomainId as string;
    const a = await domain("a");
    const b = await domain("b");
    for (let i = 0; i < 7; i++) await engine.call("OptOutSpeaker", { DomainId: a, SpeakerId: `s${i}` });
    await engine.call("OptOutSpeaker", { DomainId: a, SpeakerId: "s3" }); // already there: no new row
    await engine.call("OptOutSpeaker", { DomainId: b, SpeakerId: "other" });
    await engine.call("DeleteSpeaker", { DomainId: a, SpeakerId: "s0" });
    expect([countSpeakers(engine.ctx, a), countSpeakers(engine.ctx, b)]).toEqual([rowsIn(engine, a), rowsIn(engine, b)]);
    expect(countSpeakers(engine.ctx, a)).toBe(6);
    await engine.call("DeleteDomain", { DomainId: a });
    await engine.call("ListDomains", {}); // retention 0: purged at the next look, its speakers with it
    expect(countSpeakers(engine.ctx, a)).toBe(0);
    expect(engine.ctx.db.prepare("SELECT count(*) AS n FROM domain_speaker_counts WHERE domain_id = ?").get(a)).toEqual({ n: 0 });
    expect(countSpeakers(engine.ctx, b)).toBe(1);
    engine.close();
  });

  it("is filled in for the speakers a store held before the count existed", () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-counts-"));
    const old = new Sqlite(join(home, "voice-id.db"));
    for (const step of migrations.slice(0, 4)) old.exec(step);
    old.pragma("user_version = 4");
    old.prepare("INSERT INTO domains (domain_id, arn, name, status, kms_key_id, default_watchlist_id, region, account, created_at, updated_at) VALUES ('D', 'arn', 'n', 'ACTIVE', 'k', 'W', 'us-east-1', '000000000000', 0, 0)").run();
    const insert = old.prepare("INSERT INTO speakers (speaker_id, domain_id, customer_speaker_id, status, created_at, updated_at) VALUES (?, 'D', ?, 'OPTED_OUT', 0, 0)");
    for (let i = 0; i < 5; i++) insert.run(`id#${String(i).padStart(22, "0")}`, `c${i}`);
    old.close();
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    expect(engine.ctx.db.pragma("user_version", { simple: true })).toBe(migrations.length);
    expect(countSpeakers(engine.ctx, "D")).toBe(5);
    engine.close();
  });
});
