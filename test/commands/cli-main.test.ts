// main() in-process: dispatch (operations, help, local/wait/completion registries), engine choice,
// the local engine end to end, error reporting and exit codes, --debug redaction.
import { createServer, type AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";
import { startRecorder, type Recorder } from "../helpers/recorder.js";
import { chooseEngineKind } from "../../src/engine/select.js";

const home = mkdtempSync(join(tmpdir(), "voice-id-cli-main-"));
const env = { VOICE_ID_HOME: home, AWS_DEFAULT_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "very-secret-key" };

async function run(argv: string[], options: Parameters<typeof testIO>[0] = {}) {
  const t = testIO({ env, cwd: home, ...options });
  const code = await main(argv, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe("dispatch", () => {
  it.each([
    [["help"]],
    [["--help"]],
    [["describe-domain", "help"]],
    [["describe-domain", "--help"]],
  ])("%j prints help and exits 0", async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(100);
  });

  it("prints the version", async () => {
    const r = await run(["--version"]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^voice-id\/\d+\.\d+\.\d+ node\//);
  });

  it("refuses a missing command and an unknown one with argparse's words", async () => {
    let r = await run([]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("voice-id: error: the following arguments are required: command");
    r = await run(["describe-speakers"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toContain("argument operation: Invalid choice, valid choices are:");
    expect(r.stderr).toContain("Invalid choice: 'describe-speakers', maybe you meant:\n\n  * describe-speaker");
  });

  it("prints usage before Unknown options", async () => {
    const r = await run(["describe-domain", "--domain-id", "abcdefghijklmnopqrstuv", "x", "--verbose"]);
    expect(r.code).toBe(252);
    // Python 3.11 argparse: the stray value is claimed by the `help` positional, then listed last.
    expect(r.stderr).toMatch(/^\nusage: voice-id .*\n[\s\S]*\n\nUnknown options: --verbose, x\n\n$/);
  });

  it("dispatches `completion` through the extra-commands registry", async () => {
    const r = await run(["completion", "bash"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("voice-id");
  });

  it("dispatches `local <name>` to its registry entry with the arguments after it", async () => {
    const r = await run(["--debug", "local", "info"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(home);
  });

  it("shows the local and wait topics without a sub-command", async () => {
    for (const group of ["local", "wait"]) {
      const r = await run([group]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`voice-id ${group}`);
    }
  });

  it("refuses an unknown local or wait command", async () => {
    for (const group of ["local", "wait"]) {
      const r = await run([group, "no-such-thing"]);
      expect(r.code).toBe(252);
      expect(r.stderr).toContain(`argument ${group}: Invalid choice`);
    }
  });
});

describe("engine choice", () => {
  it.each([
    [{}, {}, "local"],
    [{ engine: "aws" as const }, {}, "aws"],
    [{ endpointUrl: "http://x" }, {}, "aws"],
    [{}, { AWS_ENDPOINT_URL: "http://x" }, "aws"],
    [{}, { AWS_ENDPOINT_URL_VOICE_ID: "http://x" }, "aws"],
    [{}, { VOICE_ID_ENGINE: "aws" }, "aws"],
    [{ engine: "local" as const, endpointUrl: "http://x" }, {}, "local"],
  ])("%j %j → %s", (flags, environment, kind) => {
    expect(chooseEngineKind(flags, environment)).toBe(kind);
  });

  it("a profile's ignore_configured_endpoint_urls keeps AWS_ENDPOINT_URL away from the AWS engine too", async () => {
    const config = join(home, "ignoring-config");
    writeFileSync(config, "[default]\nignore_configured_endpoint_urls = true\n");
    const r = await run(["list-domains", "--engine", "aws"], { env: { ...env, AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_MAX_ATTEMPTS: "1" } });
    expect(r.code).not.toBe(0);
    // the regional endpoint was called (unreachable offline; refusing made-up keys online), never the ignored one
    expect(r.stderr).not.toContain("127.0.0.1:1");
    if (/Could not connect/.test(r.stderr)) expect(r.stderr).toBe('\nCould not connect to the endpoint URL: "https://voiceid.us-east-1.amazonaws.com/"\n');
  });

  it("VOICE_ID_ENGINE is not consulted when --engine is given", async () => {
    const r = await run(["list-domains", "--engine", "local"], { env: { ...env, VOICE_ID_ENGINE: "bogus" } });
    expect(r.code).toBe(0);
  });

  it("refuses a VOICE_ID_ENGINE it does not know instead of quietly using the local engine (253)", async () => {
    const r = await run(["list-domains"], { env: { ...env, VOICE_ID_ENGINE: "AWS " } });
    expect(r).toEqual({ code: 253, stdout: "", stderr: "\nVOICE_ID_ENGINE must be local or aws, not 'AWS '.\n" });
  });
});

describe("the local engine, end to end", () => {
  it("creates and describes a domain", async () => {
    const created = await run(["create-domain", "--name", "cli-test", "--server-side-encryption-configuration", "KmsKeyId=alias/k"]);
    expect(created.code, created.stderr).toBe(0);
    const domainId = JSON.parse(created.stdout).Domain.DomainId as string;
    expect(domainId).toMatch(/^[A-Za-z0-9]{22}$/);
    const described = await run(["describe-domain", "--domain-id", domainId, "--query", "Domain.Name", "--output", "text"]);
    expect(described).toMatchObject({ code: 0, stdout: "cli-test\n" });
    const missing = await run(["describe-domain", "--domain-id", "A".repeat(22)]);
    expect(missing.code).toBe(254);
    expect(missing.stderr).toMatch(/^\nAn error occurred \(ResourceNotFoundException\) when calling the DescribeDomain operation: /);
  });

  it("prints timestamps as the wire sent them with cli_timestamp_format = wire, and refuses another value (255)", async () => {
    const config = join(home, "timestamp-config");
    writeFileSync(config, "[default]\ncli_timestamp_format = wire\n");
    const withConfig = { env: { ...env, AWS_CONFIG_FILE: config, TZ: "Asia/Kolkata" } };
    const created = await run(["create-domain", "--name", "wire-ts", "--server-side-encryption-configuration", "KmsKeyId=alias/k"], withConfig);
    expect(created.code, created.stderr).toBe(0);
    const domain = JSON.parse(created.stdout).Domain;
    expect(typeof domain.CreatedAt).toBe("number"); // epoch seconds, not an ISO string
    const iso = await run(["describe-domain", "--domain-id", domain.DomainId, "--query", "Domain.CreatedAt", "--output", "text"], { env: { ...env, TZ: "UTC" } });
    expect(new Date(iso.stdout.trim()).getTime()).toBe(Math.round(domain.CreatedAt * 1000));
    const text = await run(["describe-domain", "--domain-id", domain.DomainId, "--query", "Domain.CreatedAt", "--output", "text"], withConfig);
    expect(text.stdout).toBe(`${domain.CreatedAt}\n`);
    writeFileSync(config, "[default]\ncli_timestamp_format = local\n");
    const bad = await run(["list-domains"], withConfig);
    expect(bad).toMatchObject({ code: 255, stdout: "" });
    expect(bad.stderr).toBe('\nUnknown cli_timestamp_format value: local, valid values are "wire" or "iso8601"\n');
  });

  it("validates before anything runs: exit 252, every problem listed", async () => {
    const r = await run(["tag-resource", "--resource-arn", "arn:aws:voiceid:us-east-1:000000000000:domain/x", "--tags", "Key=a", "Key=,Value=b"]);
    expect(r.code).toBe(252);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\nMissing required parameter in Tags[0]: "Value"\nInvalid length for parameter Tags[1].Key, value: 0, valid min length: 1\n',
    );
  });

  it("refuses a JSON float where the model wants an integer, as botocore does (5.0 is not 5)", async () => {
    const r = await run(["start-speaker-enrollment-job", "--domain-id", "A".repeat(22), "--data-access-role-arn", "arn:aws:iam::000000000000:role/r",
      "--input-data-config", "S3Uri=s3://bkt/m.json", "--output-data-config", "S3Uri=s3://bkt/o", "--enrollment-config", '{"FraudDetectionConfig": {"RiskThreshold": 50.0}}']);
    expect(r.code).toBe(252);
    expect(r.stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter EnrollmentConfig.FraudDetectionConfig.RiskThreshold, value: 50.0, type: <class 'float'>, valid types: <class 'int'>\n",
    );
  });

  it("loads a shorthand value written Key@=file:// from the file, relative to the working directory", async () => {
    writeFileSync(join(home, "kms-key.txt"), "alias/from-a-file");
    const r = await run(["create-domain", "--name", "from-file", "--server-side-encryption-configuration", "KmsKeyId@=file://kms-key.txt", "--query", "Domain.ServerSideEncryptionConfiguration.KmsKeyId", "--output", "text"]);
    expect(r).toMatchObject({ code: 0, stdout: "alias/from-a-file\n" });
  });

  it("a waiter checks its ids as describe-…-job does before its first call (252)", async () => {
    const r = await run(["wait", "speaker-enrollment-job-completed", "--domain-id", "bad", "--job-id", "A".repeat(22)]);
    expect(r).toEqual({ code: 252, stdout: "", stderr: "\nParameter validation failed:\nInvalid length for parameter DomainId, value: 3, valid min length: 22\n" });
  });

  it("refuses an invalid --query before calling anything", async () => {
    const r = await run(["list-domains", "--query", "[[["]);
    expect(r.code).toBe(252);
  });
});

describe("region names", () => {
  const bad = "US East/1";
  const said = `\nProvided region_name '${bad}' doesn't match a supported format.\n`;

  it("refuses a region botocore would refuse, on either engine, before validating or sending (255)", async () => {
    const rec = await startRecorder({});
    try {
      for (const engine of [[], ["--engine", "aws", "--endpoint-url", rec.url]]) {
        const r = await run(["create-domain", "--name", "a", "--server-side-encryption-configuration", "KmsKeyId=k", "--region", bad, ...engine]);
        expect(r).toMatchObject({ code: 255, stdout: "", stderr: said });
        // before the AWS CLI would validate the input (it makes its client first)
        expect((await run(["create-domain", "--name", "a", "--server-side-encryption-configuration", "{}", "--region", bad, ...engine])).stderr).toBe(said);
      }
      expect(rec.requests).toHaveLength(0);
      const fromEnv = testIO({ env: { ...env, AWS_DEFAULT_REGION: bad }, cwd: home });
      expect(await main(["list-domains"], fromEnv.deps)).toBe(255);
      expect(fromEnv.stderr()).toBe(said);
    } finally {
      await rec.close();
    }
  });

  it("leaves it alone where no client is made: help and the input skeletons", async () => {
    for (const argv of [["create-domain", "help"], ["create-domain", "--generate-cli-skeleton"], ["create-domain", "--generate-cli-skeleton", "yaml-input"]]) {
      const r = await run([...argv, "--region", bad]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(50);
    }
  });
});

describe("the AWS engine through main()", () => {
  let rec: Recorder;
  afterAll(() => rec?.close());

  it("--debug logs the call without secrets or sensitive values", async () => {
    rec = await startRecorder({ CreateWatchlist: { Watchlist: { Name: "n" } } });
    const r = await run(["create-watchlist", "--domain-id", "abcdefghijklmnopqrstuv", "--name", "n", "--description", "top secret words", "--debug", "--endpoint-url", rec.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("CreateWatchlist request");
    expect(r.stderr).not.toContain("very-secret-key");
    expect(r.stderr).not.toContain("top secret words");
    expect(rec.requests[0].body).toMatchObject({ Description: "top secret words" });
  });

  it("--no-sign-request sends no Authorization header", async () => {
    rec = await startRecorder({});
    const r = await run(["delete-domain", "--domain-id", "abcdefghijklmnopqrstuv", "--no-sign-request", "--endpoint-url", rec.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(rec.requests[0].headers.authorization).toBeUndefined();
  });

  it("posts to the endpoint's path as written, as botocore does: …/sub, not the SDK's …/sub/", async () => {
    rec = await startRecorder({});
    for (const [endpoint, path] of [[`${rec.url}/sub`, "/sub"], [`${rec.url}/sub/`, "/sub/"], [rec.url, "/"]]) {
      rec.requests.length = 0;
      const r = await run(["list-domains", "--endpoint-url", endpoint]);
      expect(r.code, r.stderr).toBe(0);
      expect(rec.requests.map((q) => q.path)).toEqual([path]);
    }
  });

  it("names the request's URL when it cannot connect: the endpoint's path as written, the root when it has none", async () => {
    const unused = await new Promise<number>((done) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port)); // a port nothing listens on any more: connection refused
      });
    });
    for (const [endpoint, shown] of [[`http://127.0.0.1:${unused}/sub`, `http://127.0.0.1:${unused}/sub`], [`http://127.0.0.1:${unused}`, `http://127.0.0.1:${unused}/`]]) {
      const r = await run(["list-domains", "--endpoint-url", endpoint], { env: { ...env, AWS_MAX_ATTEMPTS: "1" } });
      expect([r.code, r.stderr]).toEqual([255, `\nCould not connect to the endpoint URL: "${shown}"\n`]);
    }
  });

  it("a missing region is a configuration error (253)", async () => {
    const t = testIO({ env: { AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" }, cwd: home });
    const code = await main(["describe-domain", "--domain-id", "abcdefghijklmnopqrstuv", "--engine", "aws"], t.deps);
    expect(code).toBe(253);
    expect(t.stderr()).toContain("You must specify a region");
  });

  it("--endpoint-url without a scheme is refused before anything else, credentials included (252)", async () => {
    for (const argv of [["list-domains"], ["help"], ["wait", "speaker-enrollment-job-completed", "--domain-id", "abcdefghijklmnopqrstuv", "--job-id", "j"]]) {
      const t = testIO({ env: { VOICE_ID_HOME: home }, cwd: home });
      expect(await main([...argv, "--endpoint-url", "127.0.0.1:8765"], t.deps), argv[0]).toBe(252);
      expect(t.stderr()).toMatch(
        /^\n?Bad value for --endpoint-url "127\.0\.0\.1:8765": scheme is missing\.  Must be of the form http:\/\/<hostname>\/ or https:\/\/<hostname>\/\n$/,
      );
    }
  });

  it("an endpoint botocore cannot use is refused before the region and the call (255)", async () => {
    rec = await startRecorder({});
    const bad = await run(["list-domains", "--endpoint-url", "localhost:9999"]);
    expect(bad).toMatchObject({ code: 255, stdout: "", stderr: "\nInvalid endpoint: localhost:9999\n" });
    const t = testIO({ env: { VOICE_ID_HOME: home, AWS_ENDPOINT_URL_VOICE_ID: "127.0.0.1:8765" }, cwd: home });
    expect(await main(["list-domains"], t.deps)).toBe(255);
    expect(t.stderr()).toBe("\nInvalid endpoint: 127.0.0.1:8765\n");
    expect(rec.requests).toHaveLength(0);
  });

  it("a VOICE_ID_HOME that is a file, not a folder, is named in the refusal (253)", async () => {
    const file = join(home, "not-a-folder");
    writeFileSync(file, "x");
    const r = await run(["list-domains"], { env: { ...env, VOICE_ID_HOME: file } });
    expect(r).toEqual({ code: 253, stdout: "", stderr: `\nthe local engine could not start: cannot open the store ${join(file, "voice-id.db")}: unable to open database file\n` });
  });

  it("a config or credentials file botocore cannot parse stops every command, local ones included (255)", async () => {
    const broken = join(home, "broken-config");
    writeFileSync(broken, "[default\nregion = us-east-1\n");
    for (const which of ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"]) {
      const r = await run(["list-domains"], { env: { ...env, [which]: broken } });
      expect(r).toEqual({ code: 255, stdout: "", stderr: `\nUnable to parse config file: ${broken}\n` });
    }
  });

  it("an unknown profile fails as the AWS CLI v2 fails it (255)", async () => {
    const r = await run(["describe-domain", "--domain-id", "abcdefghijklmnopqrstuv", "--profile", "nobody"]);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain("The config profile (nobody) could not be found");
  });
});
