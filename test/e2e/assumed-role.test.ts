// A profile that assumes a role loads its credentials through STS before the Voice ID call. Its failures must
// read like the AWS CLI's: the STS URL named (not the Voice ID endpoint), and no notice of the SDK's own about
// Node versions on standard error. Runs the real bin/voice-id.js (warnings go to the process's stderr).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));

describe("a profile with role_arn and source_profile", () => {
  it("names STS when it cannot be reached and prints nothing of the SDK's own", () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-role-"));
    writeFileSync(
      join(home, "config"),
      "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\nregion = us-east-1\n" +
        "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\nregion = us-east-1\n",
    );
    const env = { PATH: process.env.PATH, HOME: home, AWS_CONFIG_FILE: join(home, "config"), AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_PAGER: "" };
    const r = spawnSync(process.execPath, [BIN, "--profile", "chained", "--endpoint-url", "http://127.0.0.1:9", "list-domains"], { env, encoding: "utf8", timeout: 60_000 });
    expect([254, 255]).toContain(r.status);
    expect(r.stderr).not.toMatch(/Warning|NodeVersionSupport|\n\s+at /);
    expect(r.stderr).not.toContain("base-secret");
    // Offline (as in CI) STS cannot be resolved; with a network it refuses the made-up keys. Either way, the
    // unreachable or refusing party is STS, never the Voice ID endpoint that was never called.
    expect(r.stderr).not.toContain("127.0.0.1:9");
    expect(r.stderr).toMatch(/sts\.us-east-1\.amazonaws\.com|AssumeRole|InvalidClientTokenId/);
    if (/Could not connect/.test(r.stderr)) expect([r.status, r.stderr]).toEqual([255, '\nCould not connect to the endpoint URL: "https://sts.us-east-1.amazonaws.com/"\n']);
  }, 70_000);
});
