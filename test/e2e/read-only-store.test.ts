// A store owned by another user: SQLite cannot read a WAL-mode database without writing its -shm file next to
// it, so every command that opens the store fails; it must say why and what to do, not "attempt to write a
// readonly database". Needs root (to create the store as one user and run as another) and util-linux's setpriv.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));
const canSwitchUser = process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).status === 0;

describe.skipIf(!canSwitchUser)("a store this user may not write", () => {
  it("is refused with the store's path and what to change, exit 253 (255 for local info)", () => {
    const top = mkdtempSync(join(tmpdir(), "voice-id-ro-"));
    chmodSync(top, 0o755);
    const home = join(top, "store");
    const env = { PATH: process.env.PATH, HOME: top, VOICE_ID_HOME: home, AWS_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null", AWS_PAGER: "" };
    const run = (args: string[], asNobody: boolean) =>
      spawnSync(asNobody ? "setpriv" : process.execPath, asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args] : [BIN, ...args], { env, encoding: "utf8" });
    expect(run(["create-domain", "--name", "d", "--server-side-encryption-configuration", "KmsKeyId=k"], false).status).toBe(0);

    const list = run(["list-domains"], true);
    expect(list.status).toBe(253);
    expect(list.stdout).toBe("");
    expect(list.stderr).toContain(`the store ${join(home, "voice-id.db")} is read-only for this user`);
    expect(list.stderr).toContain(`make ${home} and its files writable for this user, or set VOICE_ID_HOME`);
    expect(list.stderr).not.toMatch(/attempt to write|\n\s+at /);
    const info = run(["local", "info"], true);
    expect(info.status).toBe(255);
    expect(info.stderr).toContain("is read-only for this user");

    // a folder anyone may write (so SQLite can make its -shm file and reads work) around a file only its owner may
    // write: the first write fails, with the same advice and exit code instead of SQLite's bare message (255)
    chmodSync(home, 0o777);
    expect(run(["list-domains"], true).status).toBe(0);
    const create = run(["create-watchlist", "--domain-id", JSON.parse(run(["list-domains"], false).stdout).DomainSummaries[0].DomainId, "--name", "w"], true);
    expect(create.status).toBe(253);
    expect(create.stderr).toContain(`the store ${join(home, "voice-id.db")} is read-only for this user`);
    expect(create.stderr).not.toMatch(/attempt to write/);
  });
});
