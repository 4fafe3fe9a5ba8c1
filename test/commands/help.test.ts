// `voice-id help`, `voice-id <operation> help`, `--help`, `local help`, `wait help` and
// `completion` through main(): the pages of src/help, printed plainly when stdout is a pipe.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { completionScript } from "../../src/cli/completion.js";
import { renderHelp } from "../../src/help/index.js";
import { main } from "../../src/main.js";
import { operationByCliName, operations } from "../../src/model/index.js";
import { captureDeps } from "./local-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "voice-id-help-"));
// A pager that would fail loudly: in a pipe it must never run.
const env = { VOICE_ID_HOME: join(dir, "home"), PAGER: "false", AWS_PAGER: "false" };

async function run(...argv: string[]) {
  const c = captureDeps(env, dir);
  const code = await main(argv, c.deps);
  return { code, out: c.stdout(), err: c.stderr() };
}

describe("help through main()", () => {
  it.each([[["help"]], [["--help"]], [["--region", "eu-west-1", "help"]]])("%j prints the top page", async (argv) => {
    const r = await run(...(argv as string[]));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe(renderHelp({ kind: "top" }));
  });

  it("'help' is help as the positional word after the options, never as an option's value (as AWS CLI v2)", async () => {
    const page = renderHelp({ kind: "operation", op: operationByCliName("list-domains")! });
    expect(await run("list-domains", "--max-results", "5", "help")).toEqual({ code: 0, out: page, err: "" });
    // the value of --name: the call is made (and answered: no such domain)
    const named = await run("create-watchlist", "--domain-id", "abcdefghij0123456789AB", "--name", "help");
    expect(named.code).toBe(254);
    expect(named.err).toMatch(/ResourceNotFoundException/);
    const listed = await run("untag-resource", "--resource-arn", "arn:aws:voiceid:us-east-1:000000000000:domain/abcdefghij0123456789AB", "--tag-keys", "env", "help");
    expect(listed.code).toBe(254);
    // positional help with a required option missing: argparse's error comes first
    const missing = await run("create-watchlist", "--domain-id", "abcdefghij0123456789AB", "help");
    expect(missing.code).toBe(252);
    expect(missing.err).toMatch(/the following arguments are required: --name/);
  });

  it.each(operations().map((o) => [o.cliName]))("%s help and --help print its page, required flags or not", async (name) => {
    const page = renderHelp({ kind: "operation", op: operationByCliName(name)! });
    for (const argv of [[name, "help"], [name, "--help"]]) {
      const r = await run(...argv);
      expect(r.err, argv.join(" ")).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toBe(page);
    }
  });

  it.each([["local"], ["wait"]] as const)("%s help", async (kind) => {
    for (const argv of [[kind, "help"], [kind]]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toBe(renderHelp({ kind }));
    }
  });

  it("completion bash", async () => {
    const r = await run("completion", "bash");
    expect(r.code).toBe(0);
    expect(r.out).toBe(await completionScript("bash"));
  });

  it("completion with an unknown shell is a usage error", async () => {
    const r = await run("completion", "tcsh");
    expect(r.code).toBe(252);
    expect(r.out).toBe("");
    expect(r.err).toContain("unknown shell");
  });
});
