// The README never rots: its walkthrough (```sh blocks after <!-- walkthrough -->) runs, in order,
// with the built CLI on PATH in a fresh VOICE_ID_HOME; its `local serve` examples (<!-- serve -->)
// run against a real server with the AWS CLI and boto3 when those are installed.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

export interface Snippet {
  lang: string;
  code: string;
}

/** The fenced blocks that directly follow a `<!-- marker -->` line. */
export function snippets(markdown: string, marker: string): Snippet[] {
  const re = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\\n\`\`\`\\n`, "g");
  return [...markdown.matchAll(re)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** A temp folder with a `voice-id` on PATH that runs this checkout's build, as `npm install -g` would. */
function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), "voice-id-readme-"));
  const bin = join(dir, "bin");
  spawnSync("mkdir", ["-p", bin, join(dir, "work")]);
  writeFileSync(join(bin, "voice-id"), `#!/bin/sh\nexec node '${join(root, "bin/voice-id.js")}' "$@"\n`);
  chmodSync(join(bin, "voice-id"), 0o755);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("AWS_") && !k.startsWith("VOICE_ID_")) env[k] = v;
  Object.assign(env, {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: dir,
    VOICE_ID_HOME: join(dir, "home"),
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_PAGER: "",
  });
  return { cwd: join(dir, "work"), env };
}

/** Runs blocks as one bash script; on failure names the step (1-based) and the command that failed. */
function runBash(blocks: string[], cwd: string, env: Record<string, string>, timeout: number) {
  const script = [
    "set -eEuo pipefail",
    `trap 'echo "README step $STEP failed (exit $?): $BASH_COMMAND" >&2' ERR`,
    ...blocks.flatMap((code, i) => [`STEP=${i + 1}`, code]),
  ].join("\n");
  return spawnSync("bash", ["--norc", "--noprofile", "-c", script], { cwd, env, encoding: "utf8", timeout });
}

const built = existsSync(join(root, "dist/main.js"));

describe("README", () => {
  it("has the two set-up commands first", () => {
    const first = readme.match(/```sh\n([\s\S]*?)\n```/)![1]!.split("\n");
    expect(first).toEqual(["npm install && npx voice-id local demo", "npm test"]);
  });

  it("links only to files that exist", () => {
    for (const [file, text] of [["README.md", readme], ["docs/migrating.md", readFileSync(join(root, "docs/migrating.md"), "utf8")]] as const) {
      const base = join(root, file, "..");
      const links = [...text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) expect(existsSync(join(base, l)), `${file} links to ${l}`).toBe(true);
    }
  });

  it("documents every exit code and every VOICE_ID_ variable the code reads", () => {
    const table = readme.slice(readme.indexOf("## Exit codes"));
    for (const code of new Set(Object.values(ExitCode))) expect(table).toMatch(new RegExp(`\\n\\| ${code} \\|`));
    const src = spawnSync("grep", ["-rhoE", "VOICE_ID_[A-Z0-9_]+", join(root, "src")], { encoding: "utf8" }).stdout;
    const internal = new Set(["VOICE_ID_JOB_LEASE_MS", "VOICE_ID_WAIT_DELAY_MS"]); // test knobs, not for users
    for (const v of new Set(src.split("\n").filter((v) => v && !internal.has(v))))
      expect(readme, `${v} is read by src/ but missing from README`).toContain(`\`${v}\``);
  });

  it("marks a walkthrough that covers the newcomer's path", () => {
    const all = snippets(readme, "walkthrough").map((s) => s.code).join("\n");
    for (const step of ["voice-id create-domain", "voice-id local cp", "voice-id start-speaker-enrollment-job", "voice-id wait speaker-enrollment-job-completed", ".out", "voice-id describe-speaker"])
      expect(all).toContain(step);
  });

  it.skipIf(!built)(
    "walkthrough runs as written",
    () => {
      const { cwd, env } = sandbox();
      const blocks = snippets(readme, "walkthrough");
      expect(blocks.every((b) => b.lang === "sh")).toBe(true);
      const r = runBash(blocks.map((b) => b.code), cwd, env, 240_000);
      expect(r.stderr + (r.error ? String(r.error) : ""), r.stdout).not.toMatch(/README step \d+ failed/);
      expect(r.status).toBe(0);
      // What the walkthrough promises: both speakers enrolled, the output file in the documented form.
      const result = JSON.parse(readFileSync(join(cwd, "result.json"), "utf8")) as {
        Version: string;
        SuccessfulEnrollments: { CustomerSpeakerId: string; EnrollmentStatus: string }[];
        Errors: unknown[];
      };
      expect(result.Version).toBe("1.0");
      expect(result.SuccessfulEnrollments.map((e) => [e.CustomerSpeakerId, e.EnrollmentStatus]).sort()).toEqual([
        ["alice", "NEW_ENROLLMENT"],
        ["bruno", "NEW_ENROLLMENT"],
      ]);
      expect(r.stdout).toMatch(/"Status": "ENROLLED"/);
      expect(r.stdout).toMatch(/^ACCEPT\t\d+$/m);
      expect(r.stdout).toMatch(/^REJECT\t\d+$/m);
    },
    300_000,
  );
});

const hasAws = spawnSync("aws", ["--version"]).status === 0;
const hasBoto3 = spawnSync("python3", ["-c", "import boto3"]).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

describe.skipIf(!built || (!hasAws && !hasBoto3))("README: local serve examples", () => {
  it("run against a real server", async () => {
    const { cwd, env } = sandbox();
    const port = String(await freePort());
    const blocks = snippets(readme, "serve");
    expect(blocks.map((b) => b.lang).sort()).toEqual(["python", "sh"]);
    const code: string[] = ["trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"];
    for (const b of blocks) {
      const text = b.code.replaceAll("8765", port);
      if (b.lang === "sh" && hasAws) code.push(text);
      else if (b.lang === "sh") code.push(text.split("\n").filter((l) => !l.startsWith("aws ")).join("\n"));
      if (b.lang === "python" && hasBoto3) {
        writeFileSync(join(cwd, "example.py"), text);
        code.push("python3 example.py");
      }
    }
    const r = runBash(code, cwd, env, 120_000);
    expect(r.stderr, r.stdout).not.toMatch(/README step \d+ failed/);
    expect(r.status).toBe(0);
    if (hasAws) expect(r.stdout).toContain('"Name": "from-aws-cli"');
    if (hasBoto3) expect(r.stdout).toMatch(/ACTIVE\ntyped error: ResourceNotFoundException/);
  }, 150_000);
});
