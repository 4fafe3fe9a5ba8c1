// `local serve` driven by the AWS CLI and by boto3, when they are installed (skipped otherwise).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREDS, startTestServer, type TestServer } from "./helpers.js";

const run = promisify(execFile);
const hasAws = spawnSync("aws", ["--version"], { encoding: "utf8" }).status === 0;
const hasBoto3 = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" }).status === 0;

/** An environment with only the test credentials: no profile, config file or pager can interfere. */
function clientEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("AWS_")) env[k] = v;
  return { ...env, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_PAGER: "" };
}

describe.skipIf(!hasAws)("local serve with the AWS CLI", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ credentials: CREDS });
  });
  afterAll(async () => t?.close());

  const aws = (...args: string[]) => run("aws", ["voice-id", ...args, "--endpoint-url", t.url, "--output", "json"], { env: clientEnv() });

  it("creates, describes and lists domains, signed with SigV4", async () => {
    const created = JSON.parse((await aws("create-domain", "--name", "cli", "--server-side-encryption-configuration", "KmsKeyId=alias/cli")).stdout);
    const id = created.Domain.DomainId as string;
    expect(created.Domain).toMatchObject({ Name: "cli", DomainStatus: "ACTIVE" });
    const described = JSON.parse((await aws("describe-domain", "--domain-id", id)).stdout);
    // v1 prints the epoch seconds it received, v2 renders them as ISO 8601.
    const created_at = described.Domain.CreatedAt as number | string;
    expect(typeof created_at === "number" ? created_at > 1.7e9 : /^\d{4}-\d\d-\d\dT/.test(created_at)).toBe(true);
    const listed = JSON.parse((await aws("list-domains", "--max-items", "5")).stdout);
    expect(listed.DomainSummaries.map((d: { DomainId: string }) => d.DomainId)).toContain(id);
    expect((await aws("delete-domain", "--domain-id", id)).stdout).toBe("");
  });

  it("reports service errors the way the CLI does", async () => {
    const err = (await aws("describe-domain", "--domain-id", "A".repeat(22)).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBeGreaterThanOrEqual(254);
    expect(err.stderr).toMatch(/An error occurred \(ResourceNotFoundException\) when calling the DescribeDomain operation: /);
  });

  it("is refused without a signature when auth is required", async () => {
    const err = (await run("aws", ["voice-id", "list-domains", "--endpoint-url", t.url, "--no-sign-request"], { env: clientEnv() }).catch((e: unknown) => e)) as { stderr: string };
    expect(err.stderr).toMatch(/MissingAuthenticationToken/);
  });
});

const BOTO_SCRIPT = `
import json, sys, boto3
url = sys.argv[1]
c = boto3.client("voice-id", endpoint_url=url, region_name="eu-west-2", aws_access_key_id="${CREDS.accessKeyId}", aws_secret_access_key="${CREDS.secretAccessKey}")
d = c.create_domain(Name="boto", ServerSideEncryptionConfiguration={"KmsKeyId": "alias/boto"})["Domain"]
out = {"arn": d["Arn"], "created_is_datetime": type(d["CreatedAt"]).__name__}
w = [c.create_watchlist(DomainId=d["DomainId"], Name="w%d" % i)["Watchlist"]["WatchlistId"] for i in range(2)]
pages = list(c.get_paginator("list_watchlists").paginate(DomainId=d["DomainId"], PaginationConfig={"PageSize": 1}))
out["pages"] = len(pages)
out["watchlists"] = sum(len(p["WatchlistSummaries"]) for p in pages)
try:
    c.describe_watchlist(DomainId=d["DomainId"], WatchlistId="B" * 22)
except c.exceptions.ResourceNotFoundException as e:
    out["error"] = [e.response["Error"]["Code"], e.response["ResourceType"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
try:
    c.delete_watchlist(DomainId=d["DomainId"], WatchlistId=d["WatchlistDetails"]["DefaultWatchlistId"])
except c.exceptions.ValidationException as e:
    out["validation"] = e.response["Error"]["Message"]
print(json.dumps(out))
`;

describe.skipIf(!hasBoto3)("local serve with boto3", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ credentials: CREDS });
  });
  afterAll(async () => t?.close());

  it("works with endpoint_url: typed exceptions, paginators, datetimes, the signing region in ARNs", async () => {
    const { stdout } = await run("python3", ["-c", BOTO_SCRIPT, t.url], { env: clientEnv() });
    const out = JSON.parse(stdout);
    expect(out.arn).toMatch(/^arn:aws:voiceid:eu-west-2:000000000000:domain\//);
    expect(out.created_is_datetime).toBe("datetime");
    expect(out.pages).toBe(3);
    expect(out.watchlists).toBe(3);
    expect(out.error).toEqual(["ResourceNotFoundException", "WATCHLIST", 404]);
    expect(out.validation).toBeTruthy();
  });
});
