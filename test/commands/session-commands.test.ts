// The `voice-id local …-session` commands in-process: JSON on stdout, AWS-CLI-style errors and exit codes.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import type { Document } from "../../src/engine/engine.js";
import { captureDeps } from "./local-helpers.js";
import { toneWav } from "../server/helpers.js";
import { encodeWav } from "../helpers/wav-synth.js";

async function setup() {
  const home = mkdtempSync(join(tmpdir(), "voice-id-session-cli-"));
  writeFileSync(join(home, "call.wav"), toneWav(2));
  const env = { VOICE_ID_HOME: home };
  const engine = LocalEngine.open({ settings: localSettings(env), jobWorkers: "none" });
  const domainId = ((await engine.call("CreateDomain", { Name: "cli", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document).DomainId as string;
  engine.close();
  const cmd = async (name: string, ...argv: string[]) => {
    const c = captureDeps(env, home);
    const code = await main(["local", name, ...argv], c.deps); // through main(), which prints the service's errors
    return { code, stdout: c.stdout(), stderr: c.stderr() };
  };
  return { home, domainId, cmd };
}

describe("local session commands", () => {
  it("start-session reads a relative path, prints the session; describe/list/update/delete follow", async () => {
    const { domainId, cmd } = await setup();
    const started = await cmd("start-session", "--domain-id", domainId, "--audio", "call.wav", "--session-name", "call-1", "--speaker-id", "cust-1", "--acceptance-threshold", "80", "--no-fraud-detection");
    expect(started.code).toBe(0);
    const session = JSON.parse(started.stdout).Session;
    expect(session).toMatchObject({ SessionName: "call-1", StreamingStatus: "ENDED", CustomerSpeakerId: "cust-1", AuthenticationConfiguration: { AcceptanceThreshold: 80 } });
    expect(session.FraudDetectionConfiguration).toBeUndefined();
    expect(started.stdout).toMatch(/^\{\n {4}"Session"/);
    expect(JSON.parse((await cmd("describe-session", "--domain-id", domainId, "--session-name-or-id", session.SessionId)).stdout).Session.SessionName).toBe("call-1");
    expect(JSON.parse((await cmd("list-sessions", "--domain-id", domainId)).stdout).Sessions).toHaveLength(1);
    expect(JSON.parse((await cmd("update-session", "--domain-id", domainId, "--session-name-or-id", "call-1", "--risk-threshold", "60")).stdout).Session.FraudDetectionConfiguration).toBeUndefined();
    const enrolled = await cmd("enroll-session", "--domain-id", domainId, "--session-name-or-id", "call-1");
    expect(JSON.parse(enrolled.stdout)).toMatchObject({ EnrollmentStatus: "NOT_ENOUGH_SPEECH" });
    const deleted = await cmd("delete-session", "--domain-id", domainId, "--session-name-or-id", "call-1");
    expect(deleted).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("takes --output, --query and --region as every command does, after the command or before `local`", async () => {
    const { home, domainId } = await setup();
    const viaMainEnv = async (env: Record<string, string>, ...argv: string[]) => {
      const c = captureDeps({ VOICE_ID_HOME: home, ...env }, home);
      const code = await main(argv, c.deps);
      return { code, stdout: c.stdout(), stderr: c.stderr() };
    };
    const viaMain = (...argv: string[]) => viaMainEnv({}, ...argv);
    const after = await viaMain("local", "start-session", "--domain-id", domainId, "--audio", "call.wav", "--session-name", "s-after", "--query", "Session.SessionName", "--output", "text");
    expect(after).toEqual({ code: 0, stdout: "s-after\n", stderr: "" });
    const before = await viaMain("--output", "text", "--query", "Session.[SessionName,StreamingStatus]", "local", "describe-session", "--domain-id", domainId, "--session-name-or-id", "s-after");
    expect(before).toEqual({ code: 0, stdout: "s-after\tENDED\n", stderr: "" });
    const yaml = await viaMain("local", "list-sessions", "--domain-id", domainId, "--output", "yaml", "--query", "Sessions[].SessionName");
    expect(yaml.stdout).toBe("- s-after\n");
    // a bad --query or --output is refused before anything is created
    const badQuery = await viaMain("local", "start-session", "--domain-id", domainId, "--audio", "call.wav", "--session-name", "never", "--query", "Session.[");
    expect(badQuery.code).toBe(252);
    const badOutput = await viaMain("local", "start-session", "--domain-id", domainId, "--audio", "call.wav", "--session-name", "never", "--output", "xml");
    expect(badOutput).toMatchObject({ code: 252, stderr: expect.stringContaining("Unknown output type: xml") });
    expect((await viaMain("--output", "xml", "local", "list-sessions", "--domain-id", domainId)).code).toBe(252); // refused by the global parser
    const fromEnv = await viaMainEnv({ AWS_DEFAULT_OUTPUT: "xml" }, "local", "list-sessions", "--domain-id", domainId);
    expect(fromEnv).toMatchObject({ code: 255, stdout: "", stderr: expect.stringContaining("Unknown output type: xml") }); // botocore's formatter lookup
    expect(await viaMainEnv({ AWS_DEFAULT_OUTPUT: "xml" }, "list-domains")).toMatchObject({ code: 255, stdout: "", stderr: "\nUnknown output type: xml\n" }); // an API command too
    expect((await viaMain("local", "list-sessions", "--domain-id", domainId, "--query", "length(Sessions)")).stdout).toBe("1\n");
    // another region is another set of domains, as for every other command
    const elsewhere = await viaMain("--region", "eu-west-1", "local", "list-sessions", "--domain-id", domainId);
    expect(elsewhere.code).toBe(254);
    expect(elsewhere.stderr).toMatch(/ResourceNotFoundException/);
    // --profile after the command, as --region: here a profile whose timestamps print as the wire sends them
    writeFileSync(join(home, "config"), "[profile wire]\ncli_timestamp_format = wire\n");
    const c = captureDeps({ VOICE_ID_HOME: home, AWS_CONFIG_FILE: join(home, "config") }, home);
    const code = await main(["local", "describe-session", "--domain-id", domainId, "--session-name-or-id", "s-after", "--profile", "wire", "--query", "Session.CreatedAt"], c.deps);
    expect(code, c.stderr()).toBe(0);
    expect(c.stdout()).toMatch(/^\d{10}(\.\d+)?\n$/);
  });

  it("local commands find the region where every command finds it: the profile's region in the config file too", async () => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-session-region-"));
    mkdirSync(join(home, ".aws"));
    writeFileSync(join(home, ".aws", "config"), "[default]\nregion = eu-west-1\n");
    writeFileSync(join(home, "call.wav"), toneWav(2));
    const viaMain = async (...argv: string[]) => {
      const c = captureDeps({ VOICE_ID_HOME: home }, home); // home directory = cwd = home
      const code = await main(argv, c.deps);
      return { code, stdout: c.stdout(), stderr: c.stderr() };
    };
    const domain = JSON.parse((await viaMain("create-domain", "--name", "r", "--server-side-encryption-configuration", "KmsKeyId=k")).stdout).Domain;
    expect(domain.Arn).toMatch(/^arn:aws:voiceid:eu-west-1:/);
    const started = await viaMain("local", "start-session", "--domain-id", domain.DomainId, "--audio", "call.wav", "--query", "Session.SessionName", "--output", "text");
    expect(started.code).toBe(0);
    expect((await viaMain("local", "info")).stdout).toMatch(/region:\s+eu-west-1\n/);
  });

  it("exits 252 for usage errors and 254 for service errors, without stack traces", async () => {
    const { home, domainId, cmd } = await setup();
    const missing = await cmd("start-session", "--domain-id", domainId);
    expect(missing.code).toBe(252);
    expect(missing.stderr).toMatch(/the following arguments are required: --audio/);
    const notInt = await cmd("start-session", "--domain-id", domainId, "--audio", "call.wav", "--risk-threshold", "high");
    expect(notInt.code).toBe(252);
    expect(notInt.stderr).toMatch(/--risk-threshold must be an integer/);
    // out of range: a usage error naming the option and its range, as for a value that is no integer
    for (const [args, message] of [
      [["--acceptance-threshold", "101"], "--acceptance-threshold must be an integer from 0 to 100, got '101'."],
      [["--risk-threshold", "-1"], "--risk-threshold must be an integer from 0 to 100, got '-1'."],
      [["--authentication-min-speech", "4"], "--authentication-min-speech must be an integer from 5 to 10, got '4'."],
      [["--channel-id", "2"], "--channel-id must be 0 or 1, got '2'."],
    ] as const) {
      expect(await cmd("start-session", "--domain-id", domainId, "--audio", "call.wav", ...args)).toMatchObject({ code: 252, stderr: `voice-id local start-session: ${message}\n` });
    }
    const update = await cmd("update-session", "--domain-id", domainId, "--session-name-or-id", "nope", "--acceptance-threshold", "101");
    expect([update.code, update.stderr]).toEqual([252, "voice-id local update-session: --acceptance-threshold must be an integer from 0 to 100, got '101'.\n"]);
    const gone = await cmd("describe-session", "--domain-id", domainId, "--session-name-or-id", "nope");
    expect(gone.code).toBe(254);
    expect(gone.stderr).toBe(`\nAn error occurred (ResourceNotFoundException) when calling the DescribeSession operation: The session 'nope' does not exist in domain '${domainId}'.\n`);
    const badAudio = await cmd("start-session", "--domain-id", domainId, "--audio", "missing.wav");
    expect(badAudio.code).toBe(254);
    expect(badAudio.stderr).toMatch(/ValidationException.*missing\.wav not found/);
    expect(badAudio.stderr).not.toMatch(/\n\s+at /);
    // a sample rate refusal ends with the README's conversion
    writeFileSync(join(home, "wide.wav"), encodeWav([new Float32Array(16000)], { sampleRate: 16000 }));
    const wide = await cmd("start-session", "--domain-id", domainId, "--audio", "wide.wav");
    expect([wide.code, wide.stderr]).toEqual([
      254,
      `\nAn error occurred (ValidationException) when calling the StartSession operation: Audio file ${join(home, "wide.wav")} has sample rate 16000 Hz; 8000 Hz is required. Convert it first, e.g. sox IN.wav -r 8000 -c 1 -b 16 OUT.wav\n`,
    ]);
    const folder = await cmd("start-session", "--domain-id", domainId, "--audio", tmpdir());
    expect(folder.code).toBe(254);
    expect(folder.stderr).toContain(`Audio file ${tmpdir()} cannot be read (a folder, not a file).`);
  });
});
