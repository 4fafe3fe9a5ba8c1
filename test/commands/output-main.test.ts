// Output through main(): the AWS engine (real SDK) against a loopback server serving pages — pagination flags,
// --query compiled before any request, timestamps from the SDK's Dates, and colour on a terminal or with --color on.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { main } from "../../src/main.js";
import { startPageServer, type PageServer } from "../helpers/page-server.js";
import { testIO } from "../helpers/test-io.js";

const mainIsPlaceholder = readFileSync(new URL("../../src/main.ts", import.meta.url), "utf8").includes("not implemented yet");

const domains = Array.from({ length: 5 }, (_, i) => ({
  DomainId: `Domain${i}aaaaaaaaaaaaaaa`,
  Name: `d-${i}`,
  DomainStatus: "ACTIVE",
  CreatedAt: 1700000000 + i,
}));

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
});
afterAll(() => server.close());

async function cli(argv: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}) {
  const t = testIO({
    tty: opts.tty,
    env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_DEFAULT_REGION: "us-east-1", TZ: "UTC", ...opts.env },
  });
  server.requests.length = 0;
  const code = await main([...argv, "--endpoint-url", server.url], t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr(), requests: [...server.requests] };
}

describe.skipIf(mainIsPlaceholder)("output through main()", () => {
  it("merges every page and prints SDK timestamps in ISO 8601", async () => {
    const r = await cli(["list-domains"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.DomainSummaries).toHaveLength(5);
    expect(out.DomainSummaries[0]).toEqual({ CreatedAt: "2023-11-14T22:13:20+00:00", DomainId: "Domain0aaaaaaaaaaaaaaa", DomainStatus: "ACTIVE", Name: "d-0" });
    expect(r.requests).toEqual([{}, { NextToken: "page-2" }, { NextToken: "page-3" }]);
  });

  it("--max-items prints a token that --starting-token resumes from", async () => {
    const first = await cli(["list-domains", "--max-items", "3", "--query", "{ids: DomainSummaries[].Name, next: NextToken}"]);
    const { ids, next } = JSON.parse(first.stdout);
    expect(ids).toEqual(["d-0", "d-1", "d-2"]);
    const rest = await cli(["list-domains", "--starting-token", next, "--output", "text", "--query", "DomainSummaries[].Name"]);
    expect(rest.stdout).toBe("d-3\nd-4\n");
    expect(rest.requests).toEqual([{ NextToken: "page-2" }, { NextToken: "page-3" }]);
  });

  it.each(["0", "-2"])("--max-items %s warns on stderr as the AWS CLI v2 does; stdout is botocore's truncation", async (n) => {
    const r = await cli(["list-domains", "--max-items", n, "--query", "DomainSummaries[].Name"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("warning: Non-positive values for --max-items may result in undefined behavior.\n");
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect((await cli(["list-domains", "--max-items", "1", "--query", "DomainSummaries[].Name"])).stderr).toBe("");
  });

  it("a table whose rows differ in length fails as awscli/table.py does, printing no table", async () => {
    const r = await cli(["list-domains", "--output", "table", "--query", "[[`1`,`2`],[`3`]]"]);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("\nRow should have 2 elements, instead it has 1\n");
    expect((await cli(["list-domains", "--output", "table", "--query", "[[`1`,`2`],[`3`,`4`]]"])).code).toBe(0);
  });

  it("--page-size goes out as MaxResults on every request; --no-paginate makes one", async () => {
    expect((await cli(["list-domains", "--page-size", "4"])).requests).toEqual([{ MaxResults: 4 }, { MaxResults: 4, NextToken: "page-2" }]);
    const one = await cli(["list-domains", "--no-paginate", "--output", "yaml"]);
    expect(one.requests).toEqual([{}]);
    expect(one.stdout).toContain("NextToken: page-2\n");
  });

  it("an invalid --query is a usage error before any request", async () => {
    const r = await cli(["list-domains", "--query", "DomainSummaries[?Name=='x"]);
    expect(r.code).toBe(252);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Bad value for --query DomainSummaries[?Name=='x: Bad jmespath expression: Unclosed ' delimiter");
    expect(r.requests).toEqual([]);
  });

  it.each([
    { tty: true, args: [], env: {} as Record<string, string>, colour: true },
    { tty: false, args: ["--color", "on"], env: {}, colour: true },
    { tty: false, args: [], env: {}, colour: false },
    { tty: true, args: ["--color", "off"], env: {}, colour: false },
    { tty: true, args: [], env: { NO_COLOR: "1" }, colour: false },
  ])("table colour: tty=$tty $args $env → $colour", async ({ tty, args, env, colour }) => {
    const r = await cli(["list-domains", "--output", "table", "--max-items", "1", ...args], { tty, env });
    expect(r.code).toBe(0);
    expect(/\x1b\[/.test(r.stdout)).toBe(colour);
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toContain("||  DomainId                 |  Domain0aaaaaaaaaaaaaaa ");
  });
});
