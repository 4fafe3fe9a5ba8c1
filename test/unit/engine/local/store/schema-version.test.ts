// A store a newer voice-id migrated further than this one knows is refused, not read as the shape this one expects.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../../../src/engine/local/store/db.js";
import { migrations } from "../../../../../src/engine/local/store/migrations.js";
import { LocalEngine, localSettings } from "../../../../../src/engine/local/index.js";

describe("the store's schema version", () => {
  it("opens a store at this version, and refuses one a newer voice-id made, naming both versions and the file", () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-schema-"));
    const file = join(home, "voice-id.db");
    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(
      `the store ${file} has schema v${migrations.length + 1}, made by a newer voice-id; this one knows up to v${migrations.length}: upgrade voice-id, or set VOICE_ID_HOME to another store`,
    );
    // through the engine as every command opens it: the same message (main prints it as "could not start", 253)
    expect(() => LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" })).toThrow(/made by a newer voice-id/);
  });
});
