// This tool's own AWS engine against `local serve`: the two engines end to end, and `voice-id --endpoint-url`.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openAwsEngine } from "../../src/engine/aws/index.js";
import { ServiceError, type Document } from "../../src/engine/engine.js";
import { main } from "../../src/main.js";
import { captureDeps } from "../commands/local-helpers.js";
import { CREDS, startTestServer, type TestServer } from "./helpers.js";

const env = { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };

describe("the AWS engine against local serve", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ credentials: CREDS });
    // The SDK's credential chain reads process.env, whatever env the engine is given.
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t?.close();
  });

  it("round-trips documents (Dates back as Dates) and maps errors to ServiceError with typed members", async () => {
    const aws = openAwsEngine({ env, region: "us-east-1", endpointUrl: t.url });
    try {
      const created = (await aws.call("CreateDomain", { Name: "engine", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as Document;
      expect(created.CreatedAt).toBeInstanceOf(Date);
      const local = (await t.server.engine.call("DescribeDomain", { DomainId: created.DomainId })).Domain as Document;
      expect((await aws.call("DescribeDomain", { DomainId: created.DomainId })).Domain).toEqual(local);
      const err = await aws.call("DescribeWatchlist", { DomainId: created.DomainId, WatchlistId: "W".repeat(22) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceError);
      // the modelled members only, as the local engine and botocore have them: not the wire's __type beside them
      expect(err).toMatchObject({ code: "ResourceNotFoundException" });
      expect((err as ServiceError).fields).toEqual({ ResourceType: "WATCHLIST" });
      expect(await aws.call("DeleteDomain", { DomainId: created.DomainId })).toEqual({});
    } finally {
      aws.close();
    }
  });

  it("serves `voice-id --endpoint-url URL …` (exit 0 with JSON, 254 with the AWS CLI's error line)", async () => {
    const ok = captureDeps({ ...env, AWS_DEFAULT_REGION: "us-east-1" }, t.home);
    expect(await main(["create-domain", "--name", "via-cli", "--server-side-encryption-configuration", "KmsKeyId=k", "--endpoint-url", t.url], ok.deps)).toBe(0);
    expect(JSON.parse(ok.stdout()).Domain).toMatchObject({ Name: "via-cli", DomainStatus: "ACTIVE" });
    const bad = captureDeps({ ...env, AWS_DEFAULT_REGION: "us-east-1" }, t.home);
    expect(await main(["describe-domain", "--domain-id", "A".repeat(22), "--endpoint-url", t.url], bad.deps)).toBe(254);
    expect(bad.stderr()).toMatch(/An error occurred \(ResourceNotFoundException\) when calling the DescribeDomain operation: /);
  });

  it("follows a profile's endpoint_url (and its [services] voice_id endpoint_url) to the AWS engine, as AWS CLI v2 does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-ep-"));
    const config = join(dir, "config");
    writeFileSync(config, `[profile ep]\nregion = us-east-1\nendpoint_url = ${t.url}\n[profile svc]\nregion = us-east-1\nservices = here\n[services here]\nvoice_id =\n  endpoint_url = ${t.url}\n`);
    for (const profile of ["ep", "svc"]) {
      const run = captureDeps({ ...env, AWS_CONFIG_FILE: config, AWS_PROFILE: profile }, dir);
      expect(await main(["list-domains", "--debug"], run.deps)).toBe(0);
      expect(run.stderr()).toContain(`engine aws, region us-east-1, profile ${profile}`);
      // the server's store answered (the domain the test before created there), not a local one
      expect((JSON.parse(run.stdout()).DomainSummaries as Document[]).map((d) => d.Name)).toContain("via-cli");
    }
    const ignored = captureDeps({ ...env, AWS_CONFIG_FILE: config, AWS_PROFILE: "ep", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", VOICE_ID_HOME: join(dir, "store") }, dir);
    expect(await main(["list-domains", "--debug"], ignored.deps)).toBe(0);
    expect(ignored.stderr()).toContain("engine local");
  });

  it("signs with a profile's credential_process, and reports its failure as botocore does (255)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-proc-"));
    const config = join(dir, "config");
    const good = JSON.stringify({ Version: 1, AccessKeyId: CREDS.accessKeyId, SecretAccessKey: CREDS.secretAccessKey });
    writeFileSync(config, `[profile good]\nregion = us-east-1\ncredential_process = echo '${good}'\n[profile broken]\nregion = us-east-1\ncredential_process = echo notjson\n[profile failing]\nregion = us-east-1\ncredential_process = sh -c 'echo denied >&2; exit 3' --password=S3cr3tArg\n`);
    const base = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: "/dev/null", PATH: process.env.PATH };
    // the SDK's chain reads process.env: keys stubbed there by beforeAll must not stand in for the process
    vi.stubEnv("AWS_ACCESS_KEY_ID", "");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
    try {
      const ok = captureDeps({ ...base, AWS_PROFILE: "good" }, dir);
      expect([await main(["list-domains", "--endpoint-url", t.url], ok.deps), ok.stderr()]).toEqual([0, ""]);
      const bad = captureDeps(base, dir);
      expect(await main(["list-domains", "--endpoint-url", t.url, "--profile", "broken"], bad.deps)).toBe(255);
      expect(bad.stderr()).toBe("\nError when retrieving credentials from custom-process: Profile broken credential_process returned invalid JSON.\n");
      // a process that fails: its stderr, as botocore shows it, and not its command line (which may hold a secret)
      const failing = captureDeps(base, dir);
      expect(await main(["list-domains", "--endpoint-url", t.url, "--profile", "failing", "--debug"], failing.deps)).toBe(255);
      expect(failing.stderr()).toContain("\nError when retrieving credentials from custom-process: denied\n");
      expect(failing.stderr()).not.toContain("S3cr3tArg");
    } finally {
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    }
  });

  it("refuses an access key without its secret, as botocore does, instead of signing with another identity", async () => {
    for (const secret of [undefined, ""]) {
      const partial = captureDeps({ AWS_ACCESS_KEY_ID: "AKIDOTHER", ...(secret === undefined ? {} : { AWS_SECRET_ACCESS_KEY: secret }), AWS_DEFAULT_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" }, t.home);
      expect(await main(["list-domains", "--endpoint-url", t.url], partial.deps)).toBe(255);
      expect(partial.stdout()).toBe("");
      expect(partial.stderr()).toBe("\nPartial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\n");
    }
  });
});
