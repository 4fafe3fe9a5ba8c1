// `voice-id local serve` as a command: argument errors in-process, and the real binary printing its URL first,
// answering, and exiting 0 on SIGTERM / SIGINT.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/local/serve.js";
import { captureDeps } from "../commands/local-helpers.js";
import { canBindIpv6Loopback } from "./helpers.js";

function deps(env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), "voice-id-serve-cli-"));
  const c = captureDeps({ VOICE_ID_HOME: home, ...env }, home);
  return { deps: c.deps, out: c.stdout, err: c.stderr };
}

describe("local serve arguments", () => {
  it("prints usage with --help", async () => {
    const d = deps();
    expect(await run(["--help"], d.deps)).toBe(0);
    expect(d.out()).toMatch(/^usage: voice-id local serve/);
  });

  it("refuses a bad port or an unknown flag with 252", async () => {
    const d = deps();
    expect(await run(["--port", "http"], d.deps)).toBe(252);
    expect(d.err()).toMatch(/--port must be an integer from 0 to 65535/);
    expect(await run(["--bogus"], deps().deps)).toBe(252);
  });

  it("an account id that is not 12 digits, or a store that cannot open, is a configuration error (253)", async () => {
    const bad = deps({ VOICE_ID_ACCOUNT_ID: "123" });
    expect(await run(["--port", "0"], bad.deps)).toBe(253);
    expect(bad.err()).toBe("voice-id local serve: VOICE_ID_ACCOUNT_ID must be a 12-digit account id, not '123'.\n");
    const file = join(mkdtempSync(join(tmpdir(), "voice-id-serve-cli-")), "a-file");
    writeFileSync(file, "not a folder");
    const unusable = deps({ VOICE_ID_HOME: join(file, "home") });
    expect(await run(["--port", "0"], unusable.deps)).toBe(253);
    expect(unusable.err()).toMatch(/^voice-id local serve: the local engine could not start: ENOTDIR/);
  });

  it("needs credentials for --require-auth (253) and never prints the secret", async () => {
    const d = deps();
    expect(await run(["--require-auth"], d.deps)).toBe(253);
    expect(d.err()).toMatch(/AWS_ACCESS_KEY_ID/);
  });

  it("reports a port already in use without a stack trace", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    const d = deps();
    try {
      expect(await run(["--port", String(port)], d.deps)).toBe(255);
      expect(d.err()).toMatch(/cannot listen on 127\.0\.0\.1:\d+: the address is already in use/);
      expect(d.err()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});

const bin = join(import.meta.dirname, "../../bin/voice-id.js");
const ipv6 = await canBindIpv6Loopback();
const built = existsSync(join(import.meta.dirname, "../../dist/cli/local/serve.js"));

/** The real binary serving a fresh store: its first stdout line (the URL), its stderr so far, and its exit. */
async function serveBinary(...args: string[]) {
  const home = mkdtempSync(join(tmpdir(), "voice-id-serve-bin-"));
  const child = spawn(process.execPath, [bin, "local", "serve", "--port", "0", ...args], { env: { ...process.env, VOICE_ID_HOME: home }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      if (buf.includes("\n")) resolve(buf.split("\n")[0]!);
    });
    child.on("exit", () => reject(new Error(`serve exited before printing its URL: ${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

describe.skipIf(!built)("voice-id local serve (the binary)", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`prints the URL first, answers, and exits 0 on ${signal}`, async () => {
      const { child, url, exited } = await serveBinary();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(url, { method: "POST", headers: { "x-amz-target": "VoiceID.ListDomains" } });
      expect(await res.json()).toEqual({ DomainSummaries: [] });
      child.kill(signal);
      expect(await exited).toBe(0);
    });
  }

  it.skipIf(!ipv6)("binds --host [::1] as written in URLs, and knows it for loopback (no warning)", async () => {
    const { child, url, exited, stderr } = await serveBinary("--host", "[::1]");
    expect(url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const res = await fetch(url, { method: "POST", headers: { "x-amz-target": "VoiceID.ListDomains" } });
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr()).not.toContain("not a loopback address");
  });
});
