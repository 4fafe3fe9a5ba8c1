// A config or credentials file that is a FIFO: botocore skips it (not a regular file); the SDK would block on it for
// ever, so the AWS engine points the SDK at /dev/null instead. Run as the real command: the SDK reads the process's
// own environment.
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRecorder, type Recorder } from "../helpers/recorder.js";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));
let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder({ ListDomains: { DomainSummaries: [] } });
});
afterAll(() => rec.close());

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe("config files that are not regular files (AWS engine)", () => {
  it("are read as empty instead of blocking the SDK, as botocore skips them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-fifo-"));
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const env = { HOME: dir, AWS_CONFIG_FILE: fifo, AWS_SHARED_CREDENTIALS_FILE: fifo, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "s", AWS_REGION: "us-east-1" };
    const r = await run(["list-domains", "--endpoint-url", rec.url], env);
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(r.stdout)).toEqual({ DomainSummaries: [] });
  }, 30_000);
});
