// The AWS engine when the endpoint misbehaves, through main() over real loopback sockets: timeouts end the
// call with botocore's words and exit 255 instead of hanging.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";
import { silentEndpoint, unreachableEndpoint, type StalledEndpoint } from "../helpers/stalled-endpoints.js";

const home = mkdtempSync(join(tmpdir(), "voice-id-aws-network-"));
const env = { VOICE_ID_HOME: home, AWS_DEFAULT_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" };

async function run(argv: string[], extraEnv: Record<string, string> = {}) {
  const t = testIO({ env: { ...env, ...extraEnv }, cwd: home });
  const started = Date.now();
  const code = await main(argv, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr(), seconds: (Date.now() - started) / 1000 };
}

let endpoint: StalledEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe("timeouts", () => {
  it("--cli-read-timeout ends a call the endpoint never answers, after each attempt times out (255)", async () => {
    endpoint = await silentEndpoint();
    const r = await run(["list-domains", "--endpoint-url", endpoint.url, "--cli-read-timeout", "1"], { AWS_MAX_ATTEMPTS: "2" });
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nRead timeout on endpoint URL: "${endpoint.url}/"\n`);
    expect(r.stdout).toBe("");
    expect(endpoint.connections()).toBe(2);
    expect(r.seconds).toBeGreaterThanOrEqual(2);
    expect(r.seconds).toBeLessThan(6);
  });

  it("--cli-connect-timeout ends a connection that never completes (255)", async () => {
    endpoint = await unreachableEndpoint();
    const r = await run(["list-domains", "--endpoint-url", endpoint.url, "--cli-connect-timeout", "1"], { AWS_MAX_ATTEMPTS: "1" });
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nConnect timeout on endpoint URL: "${endpoint.url}/"\n`);
    expect(r.seconds).toBeLessThan(4);
  });
});
