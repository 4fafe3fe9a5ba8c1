// A few local-engine commands through main(), with VOICE_ID_HOME in a temp dir (in-process, like the CLI).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { captureDeps } from "./local-helpers.js";

const mainIsPlaceholder = readFileSync(new URL("../../src/main.ts", import.meta.url), "utf8").includes("not implemented yet");

async function cli(home: string, ...argv: string[]) {
  const io = captureDeps({ VOICE_ID_HOME: home, PATH: process.env.PATH, AWS_REGION: "us-east-1" }, home);
  const code = await main(argv, io.deps);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe.skipIf(mainIsPlaceholder)("local engine through main()", () => {
  it("an unusable store, an account id that is not 12 digits or a retention that is not a number of days exits 253 (configuration) and names the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    writeFileSync(join(dir, "a-file"), "not a folder");
    const notAFolder = await cli(join(dir, "a-file", "home"), "list-domains");
    expect(notAFolder.code).toBe(253);
    expect(notAFolder.stderr).toMatch(/the local engine could not start: ENOTDIR: not a directory, mkdir '.*a-file\/home'/);
    writeFileSync(join(dir, "voice-id.db"), "garbage that is not SQLite ".repeat(200));
    const garbage = await cli(dir, "list-domains");
    expect([garbage.code, garbage.stderr.trim()]).toEqual([253, "the local engine could not start: file is not a database"]);
    const io = captureDeps({ VOICE_ID_HOME: mkdtempSync(join(tmpdir(), "voice-id-main-")), VOICE_ID_ACCOUNT_ID: "123", AWS_REGION: "us-east-1" }, dir);
    expect(await main(["list-domains"], io.deps)).toBe(253);
    expect(io.stderr().trim()).toBe("VOICE_ID_ACCOUNT_ID must be a 12-digit account id, not '123'.");
    for (const days of ["abc", "-5", "Infinity"]) {
      const bad = captureDeps({ VOICE_ID_HOME: mkdtempSync(join(tmpdir(), "voice-id-main-")), VOICE_ID_DOMAIN_RETENTION_DAYS: days, AWS_REGION: "us-east-1" }, dir);
      expect(await main(["list-domains"], bad.deps), days).toBe(253);
      expect(bad.stderr().trim()).toBe(`VOICE_ID_DOMAIN_RETENTION_DAYS must be a number of days, 0 or more, not '${days}'.`);
    }
  });

  it("local info and local demo refuse a region that is not one (255), as every command using a region does; demo creates nothing", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    for (const argv of [["local", "info"], ["local", "demo"], ["--region", "bad region", "local", "info"]]) {
      const io = captureDeps({ VOICE_ID_HOME: home, AWS_REGION: "bad region" }, home);
      expect(await main(argv, io.deps), argv.join(" ")).toBe(255);
      expect(io.stderr()).toBe("\nProvided region_name 'bad region' doesn't match a supported format.\n");
      expect(io.stdout()).toBe("");
    }
    expect(existsSync(join(home, "voice-id.db"))).toBe(false);
    // like the session commands, they take --region (and --profile) after their name too
    const after = captureDeps({ VOICE_ID_HOME: home, AWS_REGION: "us-east-1" }, home);
    expect(await main(["local", "info", "--region", "eu-west-2"], after.deps)).toBe(0);
    expect(after.stdout()).toMatch(/^region: +eu-west-2$/m);
    const badAfter = captureDeps({ VOICE_ID_HOME: home, AWS_REGION: "us-east-1" }, home);
    expect(await main(["local", "info", "--region", "bad region"], badAfter.deps)).toBe(255);
  });

  it("refuses a --cli-read-timeout / --cli-connect-timeout that is not an integer (255), as the AWS CLI does whatever answers", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    expect(await cli(home, "list-domains", "--cli-read-timeout", "abc")).toEqual({ code: 255, stdout: "", stderr: "\ninvalid literal for int() with base 10: 'abc'\n" });
    expect((await cli(home, "--cli-connect-timeout", "1.5", "list-domains")).stderr).toContain("invalid literal for int() with base 10: '1.5'");
    expect((await cli(home, "list-domains", "--cli-read-timeout", "30", "--cli-connect-timeout", "0")).code).toBe(0);
    // negative: urllib3's refusal as the request is made (which the AWS CLI always makes); 0 turns a timeout off
    expect(await cli(home, "list-domains", "--cli-read-timeout", "-1")).toEqual({ code: 255, stdout: "", stderr: "\nAttempted to set read timeout to -1, but the timeout cannot be set to a value less than or equal to 0.\n" });
    expect((await cli(home, "list-domains", "--cli-connect-timeout", "-5")).stderr).toBe("\nAttempted to set connect timeout to -5, but the timeout cannot be set to a value less than or equal to 0.\n");
  });

  it("`<command> help` shows a local or wait command's usage, as it does for the operations", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    for (const argv of [["local", "cp", "help"], ["local", "analyze", "help"], ["wait", "speaker-enrollment-job-completed", "help"]]) {
      const r = await cli(home, ...argv);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(r.stdout).toMatch(new RegExp(`^usage: voice-id ${argv[0]} ${argv[1]}`));
    }
    // anything more is the command's own business: a file may be called help
    expect((await cli(home, "local", "analyze", "help", "other.wav")).stderr).not.toMatch(/^usage/);
  });

  it("creates, describes, lists and deletes a domain; errors exit 254 naming the exception", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    const created = await cli(home, "create-domain", "--name", "bank", "--server-side-encryption-configuration", "KmsKeyId=alias/k", "--client-token", "t1");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const domain = JSON.parse(created.stdout).Domain;
    expect(domain.DomainStatus).toBe("ACTIVE");
    expect(typeof domain.CreatedAt).not.toBe("object");

    const again = await cli(home, "create-domain", "--name", "bank", "--server-side-encryption-configuration", "KmsKeyId=alias/k", "--client-token", "t1");
    expect(JSON.parse(again.stdout).Domain.DomainId).toBe(domain.DomainId);

    const described = await cli(home, "describe-domain", "--domain-id", domain.DomainId);
    expect(described.code).toBe(0);
    expect(JSON.parse(described.stdout).Domain.Arn).toBe(domain.Arn);

    const listed = await cli(home, "list-domains", "--query", "DomainSummaries[].Name", "--output", "text");
    expect(listed.stdout.trim()).toBe("bank");

    const missing = await cli(home, "describe-domain", "--domain-id", "A".repeat(22));
    expect(missing.code).toBe(254);
    expect(missing.stderr).toMatch(/ResourceNotFoundException/);

    const conflict = await cli(home, "create-domain", "--name", "other", "--server-side-encryption-configuration", "KmsKeyId=alias/k", "--client-token", "t1");
    expect(conflict.code).toBe(254);
    expect(conflict.stderr).toMatch(/ConflictException/);

    expect((await cli(home, "delete-domain", "--domain-id", domain.DomainId)).code).toBe(0);
    const deleted = await cli(home, "describe-domain", "--domain-id", domain.DomainId, "--query", "Domain.DomainStatus", "--output", "text");
    expect(deleted.stdout.trim()).toBe("SUSPENDED");
  });

  it("runs the local operator commands", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-main-"));
    const info = await cli(home, "local", "info");
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(home);
    const reset = await cli(home, "local", "reset");
    expect(reset.code).toBe(252);
    expect(reset.stderr).toMatch(/--yes/);
  });
});
