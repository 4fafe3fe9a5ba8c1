// The completion scripts: partial command lines fed to the real bash function give the right
// candidates; the zsh and fish scripts parse in their shells when those are installed.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { completionScript, run } from "../../../src/cli/completion.js";
import { captureDeps } from "../../commands/local-helpers.js";
import { localCommands } from "../../../src/cli/local/index.js";
import { waitFlags } from "../../../src/help/topics.js";
import { operations } from "../../../src/model/index.js";

const dir = mkdtempSync(join(tmpdir(), "voice-id-completion-"));
const bashFile = join(dir, "voice-id.bash");
writeFileSync(join(dir, "conf.json"), "{}");
mkdirSync(join(dir, "sub"));
writeFileSync(bashFile, await completionScript("bash"));
const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;

/** Candidates bash offers for a command line; the cursor is after the last word ("" = a new word). */
function complete(line: string[]): string[] {
  const script = `source '${bashFile}'; COMP_WORDS=(${line.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${line.length - 1}; _voice_id; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync("bash", ["--norc", "--noprofile", "-c", script], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").filter(Boolean);
}

describe.skipIf(!has("bash"))("bash completion", () => {
  it.each<[string[], (c: string[]) => void]>([
    [["voice-id", ""], (c) => expect(c).toEqual(expect.arrayContaining([...operations().map((o) => o.cliName), "local", "wait", "completion"]))],
    [["voice-id", "create-d"], (c) => expect(c).toEqual(["create-domain"])],
    [["voice-id", "describe-s"], (c) => expect(c).toEqual(["describe-speaker", "describe-speaker-enrollment-job"])],
    [["voice-id", "--"], (c) => expect(c).toEqual(expect.arrayContaining(["--output", "--query", "--engine", "--region"]))],
    [["voice-id", "--output", ""], (c) => expect(c).toEqual(["json", "text", "table", "yaml", "yaml-stream", "off"])],
    [["voice-id", "--engine", "l"], (c) => expect(c).toEqual(["local"])],
    [["voice-id", "--region", "eu-west-1", "list-spe"], (c) => expect(c).toEqual(["list-speaker-enrollment-jobs", "list-speakers"])],
    [["voice-id", "--debug", "list-spe"], (c) => expect(c).toEqual(["list-speaker-enrollment-jobs", "list-speakers"])],
    [["voice-id", "start-speaker-enrollment-job", "--e"], (c) => expect(c.sort()).toEqual(["--endpoint-url", "--engine", "--enrollment-config"])],
    [["voice-id", "start-speaker-enrollment-job", "--domain-id", "abc", "--in"], (c) => expect(c).toEqual(["--input-data-config"])],
    [["voice-id", "describe-domain", "--domain-id", ""], (c) => expect(c).toEqual([])],
    [["voice-id", "list-speaker-enrollment-jobs", "--job-status", "COMP"], (c) => expect(c).toEqual(["COMPLETED", "COMPLETED_WITH_ERRORS"])],
    [["voice-id", "list-speakers", "--generate-cli-skeleton", ""], (c) => expect(c).toEqual(["input", "yaml-input", "output"])],
    [["voice-id", "list-speakers", "--output", "ta"], (c) => expect(c).toEqual(["table"])],
    [["voice-id", "list-speakers", "--max-"], (c) => expect(c).toEqual(["--max-items"])], // --max-results stays out, as in the AWS CLI's help
    [["voice-id", "describe-domain", "--max-"], (c) => expect(c).toEqual([])],
    [["voice-id", "wait", ""], (c) => expect(c).toEqual(expect.arrayContaining(["speaker-enrollment-job-completed", "fraudster-registration-job-completed"]))],
    [["voice-id", "wait", "speaker-enrollment-job-completed", "--j"], (c) => expect(c).toEqual(["--job-id"])],
    [["voice-id", "wait", "speaker-enrollment-job-completed", "--"], (c) => expect(c).toEqual(waitFlags.map((f) => f.flag))],
    [["voice-id", "local", ""], (c) => expect(c).toEqual(expect.arrayContaining([...localCommands.map((l) => l.name), "help"]))],
    [["voice-id", "completion", ""], (c) => expect(c).toEqual(["bash", "zsh", "fish"])],
    [["voice-id", "local", "zzz-no-such"], (c) => expect(c).toEqual([])],
    // the local commands' own flags, read from the options each one parses
    [["voice-id", "local", "analyze", "--"], (c) => expect(c.sort()).toEqual(["--channel-id", "--help", "--output"])],
    [["voice-id", "local", "compare", "--p"], (c) => expect(c).toEqual(["--pairs"])],
    [["voice-id", "local", "cp", "--r"], (c) => expect(c).toEqual(["--recursive"])],
    [["voice-id", "local", "serve", "--require-auth", "--ac"], (c) => expect(c).toEqual(["--access-key-id"])],
    [["voice-id", "local", "start-session", "--no-"], (c) => expect(c.sort()).toEqual(["--no-authentication", "--no-fraud-detection"])],
    [["voice-id", "local", "reset", "--"], (c) => expect(c.sort()).toEqual(["--help", "--yes"])],
    [["voice-id", "local", "analyze", "--channel-id", ""], (c) => expect(c).toEqual([])],
    // a flag already on the line is not offered again; nothing after "<command> help"
    [["voice-id", "create-domain", "--name", "d", "--n"], (c) => expect(c).not.toContain("--name")],
    [["voice-id", "create-domain", "help", "--"], (c) => expect(c).toEqual([])],
    // paths: after file:// (whole, or split at ':' as bash splits it), and for local cp / analyze / compare
    [["voice-id", "create-domain", "--cli-input-json", `file://${dir}/con`], (c) => expect(c).toEqual([`file://${dir}/conf.json`])],
    [["voice-id", "create-domain", "--cli-input-json", "file", ":", `//${dir}/con`], (c) => expect(c).toEqual([`//${dir}/conf.json`])],
    [["voice-id", "create-domain", "--description", `fileb://${dir}/s`], (c) => expect(c).toEqual([`fileb://${dir}/sub/`])],
    [["voice-id", "local", "cp", `${dir}/con`], (c) => expect(c).toEqual([`${dir}/conf.json`])],
    [["voice-id", "local", "compare", "--pairs", `${dir}/con`], (c) => expect(c).toEqual([`${dir}/conf.json`])],
    [["voice-id", "describe-domain", "--domain-id", `${dir}/con`], (c) => expect(c).toEqual([])], // an id is not a path
  ])("%j", (line, check) => check(complete(line)));
});

describe("other shells", () => {
  it.skipIf(!has("zsh"))("zsh parses the zsh script", async () => {
    const file = join(dir, "_voice-id.zsh");
    writeFileSync(file, await completionScript("zsh"));
    const r = spawnSync("zsh", ["-f", "-c", `source '${file}' && (( $+functions[_voice_id] ))`], { encoding: "utf8", env: { ...process.env, HOME: dir } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.skipIf(!has("fish"))("fish loads the fish script and completes commands", async () => {
    const file = join(dir, "voice-id.fish");
    writeFileSync(file, await completionScript("fish"));
    const r = spawnSync("fish", ["--no-config", "-c", `source '${file}'; complete -C 'voice-id create-d'; complete -C 'voice-id --output '`], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^create-domain\t/m);
    expect(r.stdout).toMatch(/^yaml-stream/m);
  });

  it.skipIf(!has("fish"))("fish finds the command after a global option's value, offers nothing after a finished one, paths after file://", async () => {
    const file = join(dir, "voice-id.fish");
    writeFileSync(file, await completionScript("fish"));
    const completions = (line: string) => {
      const r = spawnSync("fish", ["--no-config", "-c", `source '${file}'; complete -C '${line}'`], {
        encoding: "utf8",
        cwd: dir,
        env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir },
      });
      expect(r.stderr).toBe("");
      return r.stdout.split("\n").filter(Boolean).map((l) => l.split("\t")[0]!);
    };
    expect(completions("voice-id --region us-east-1 describe-s")).toEqual(["describe-speaker", "describe-speaker-enrollment-job"]);
    expect(completions("voice-id completion bash ")).toEqual([]);
    expect(completions("voice-id local demo ")).toEqual([]);
    expect(completions("voice-id local cp --")).not.toContain("--color"); // local commands parse their own flags
    expect(completions("voice-id create-domain --cli-input-json file://con")).toEqual(["file://conf.json"]);
    expect(completions("voice-id create-domain --cli-input-json con")).toEqual([]); // a bare name would be read as JSON
    expect(completions("voice-id local compare --pairs con")).toEqual(["conf.json"]);
  });
});

describe("voice-id completion <shell>", () => {
  it("prints the script", async () => {
    const c = captureDeps({}, dir);
    expect(await run(["bash"], c.deps)).toBe(0);
    expect(c.stdout()).toBe(await completionScript("bash"));
  });

  it.each([[[]], [["tcsh"]], [["bash", "zsh"]], [["--x"]]])("refuses %j with a usage error", async (argv) => {
    const c = captureDeps({}, dir);
    expect(await run(argv as string[], c.deps)).toBe(252);
    expect(c.stdout()).toBe("");
    expect(c.stderr()).toMatch(/usage: voice-id completion bash\|zsh\|fish/);
  });
});
