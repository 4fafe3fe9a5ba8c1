// AWS CLI v2's 2026 additions for scripts: --output off (nothing on stdout, the exit code says it all) and
// --cli-error-format (a service error as enhanced text, or as its Code, Message and details in an output format),
// from the flag, AWS_CLI_ERROR_FORMAT or the profile's cli_error_format; legacy stays the default.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";

const MISSING = "AAAAAAAAAAAAAAAAAAAAAA";
const LINE = `An error occurred (ResourceNotFoundException) when calling the DescribeDomain operation: The domain '${MISSING}' does not exist.`;

async function cli(argv: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), "voice-id-errfmt-"));
  const t = testIO({ env: { VOICE_ID_HOME: join(home, "store"), AWS_DEFAULT_REGION: "us-east-1", ...env }, homedir: home });
  const code = await main(argv, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe("--output off", () => {
  it("prints nothing on stdout and keeps the exit code, for successes and failures alike", async () => {
    expect(await cli(["create-domain", "--name", "d", "--server-side-encryption-configuration", "KmsKeyId=k", "--output", "off"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await cli(["list-domains"], { AWS_DEFAULT_OUTPUT: "off" })).toEqual({ code: 0, stdout: "", stderr: "" });
    const failed = await cli(["describe-domain", "--domain-id", MISSING, "--output", "off"]);
    expect(failed).toEqual({ code: 254, stdout: "", stderr: `\n${LINE}\n` });
  });
});

describe("--cli-error-format", () => {
  const describeMissing = (extra: string[], env?: Record<string, string>) => cli(["describe-domain", "--domain-id", MISSING, ...extra], env);

  it("is legacy unless asked: the line AWS CLI v2 printed before 2026", async () => {
    expect(await describeMissing([])).toEqual({ code: 254, stdout: "", stderr: `\n${LINE}\n` });
    expect((await describeMissing(["--cli-error-format", "legacy"])).stderr).toBe(`\n${LINE}\n`);
  });

  it("enhanced: an [ERROR] prefix and the error's modelled details", async () => {
    expect((await describeMissing(["--cli-error-format", "enhanced"])).stderr).toBe(`\nvoice-id: [ERROR]: ${LINE}\n\nAdditional error details:\nResourceType: DOMAIN\n`);
  });

  it("json, yaml, text and table: Code, Message and the details through the output formatters, exit code unchanged", async () => {
    const json = await describeMissing(["--cli-error-format", "json"]);
    expect(json.code).toBe(254);
    expect(JSON.parse(json.stderr)).toEqual({ Code: "ResourceNotFoundException", Message: `The domain '${MISSING}' does not exist.`, ResourceType: "DOMAIN" });
    expect((await describeMissing(["--cli-error-format", "yaml"])).stderr).toBe(`Code: ResourceNotFoundException\nMessage: The domain '${MISSING}' does not exist.\nResourceType: DOMAIN\n`);
    expect((await describeMissing(["--cli-error-format", "text"])).stderr).toBe(`ResourceNotFoundException\tThe domain '${MISSING}' does not exist.\tDOMAIN\n`);
    expect((await describeMissing(["--cli-error-format", "table"])).stderr).toMatch(/^-+\n\|\s+Error\s+\|\n/);
  });

  it("comes from AWS_CLI_ERROR_FORMAT or the profile's cli_error_format when the flag is absent; the flag wins", async () => {
    expect(JSON.parse((await describeMissing([], { AWS_CLI_ERROR_FORMAT: "json" })).stderr).Code).toBe("ResourceNotFoundException");
    const dir = mkdtempSync(join(tmpdir(), "voice-id-errfmt-cfg-"));
    writeFileSync(join(dir, "config"), "[default]\ncli_error_format = yaml\n");
    expect((await describeMissing([], { AWS_CONFIG_FILE: join(dir, "config") })).stderr).toMatch(/^Code: ResourceNotFoundException\n/);
    expect((await describeMissing(["--cli-error-format", "legacy"], { AWS_CLI_ERROR_FORMAT: "json" })).stderr).toBe(`\n${LINE}\n`);
    // a value in the environment that is no format gives way to the profile's, then to legacy
    expect((await describeMissing([], { AWS_CLI_ERROR_FORMAT: "xml", AWS_CONFIG_FILE: join(dir, "config") })).stderr).toMatch(/^Code: ResourceNotFoundException\n/);
    expect((await describeMissing([], { AWS_CLI_ERROR_FORMAT: "xml" })).stderr).toBe(`\n${LINE}\n`);
  });

  it("shapes the local session commands' service errors too", async () => {
    const r = await cli(["--cli-error-format", "json", "local", "describe-session", "--domain-id", MISSING, "--session-name-or-id", "s"]);
    expect(r.code).toBe(254);
    expect(JSON.parse(r.stderr)).toMatchObject({ Code: "ResourceNotFoundException" });
    const legacy = await cli(["local", "describe-session", "--domain-id", MISSING, "--session-name-or-id", "s"]);
    expect(legacy.stderr).toMatch(/^\nAn error occurred \(ResourceNotFoundException\) when calling the DescribeSession operation: /);
  });

  it("refuses a value it does not know, as any choice flag (252)", async () => {
    const r = await describeMissing(["--cli-error-format", "xml"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("argument --cli-error-format: Invalid choice, valid choices are:");
  });
});
