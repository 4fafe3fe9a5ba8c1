// `voice-id … | head`: the reader closes the pipe before the CLI writes. As with the AWS CLI, json, yaml and
// table output end quietly with 0; text output ends with botocore's "[Errno 32] Broken pipe" and 255. Never a
// Node stack trace. Runs the real bin/voice-id.js with its standard output a pipe whose read end is closed.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "voice-id-pipe-"));

/** Runs the CLI with its stdout read end closed at once; resolves with the exit code and standard error. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, VOICE_ID_HOME: home, AWS_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null", AWS_PAGER: "" };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a closed standard output", () => {
  it.each(["json", "yaml", "yaml-stream", "table"])("--output %s ends quietly with 0", async (format) => {
    const r = await runWithClosedStdout(["list-domains", "--query", "{Name: 'x'}", "--output", format]);
    expect(r).toEqual({ code: 0, stderr: "" });
  });

  it("--output text ends with botocore's broken-pipe message and 255", async () => {
    const r = await runWithClosedStdout(["list-domains", "--query", "'x'", "--output", "text"]);
    expect(r).toEqual({ code: 255, stderr: "\n[Errno 32] Broken pipe\n" });
  });

  it("a skeleton and help end quietly too", async () => {
    expect(await runWithClosedStdout(["start-speaker-enrollment-job", "--generate-cli-skeleton"])).toEqual({ code: 0, stderr: "" });
    expect(await runWithClosedStdout(["help"])).toEqual({ code: 0, stderr: "" });
  });
});
