// Pagination against a real loopback server: merging pages, --max-items with a resumable token and
// --starting-token, --page-size, --no-paginate, page-by-page text and yaml-stream, and the token format.
import { describe, it, expect, afterEach } from "vitest";
import { operation } from "../../../src/model/index.js";
import { emitResult, type PaginationOptions, type OutputOptions } from "../../../src/output/index.js";
import { encodeToken, parseStartingToken } from "../../../src/output/pages.js";
import type { Document } from "../../../src/engine/engine.js";
import { startPageServer, type PageServer } from "../../helpers/page-server.js";
import { captureIO } from "./io.js";

const listDomains = operation("ListDomains")!;
const domains = Array.from({ length: 5 }, (_, i) => ({ Name: `d-${i}`, DomainStatus: "ACTIVE", DomainId: `id${i}` }));

let server: PageServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(pagination: Partial<PaginationOptions>, output: Partial<OutputOptions> = {}, params: Document = {}) {
  const { io, stdout } = captureIO();
  await emitResult({
    io,
    operation: listDomains,
    params,
    call: server!.call,
    pagination: { enabled: true, ...pagination },
    output: { format: "json", color: "auto", ...output },
  });
  return stdout();
}

const ids = (out: string) => (JSON.parse(out).DomainSummaries as { DomainId: string }[]).map((d) => d.DomainId);
const decode = (token: string) => JSON.parse(Buffer.from(token, "base64").toString("utf8"));

describe("pagination", () => {
  it("follows NextToken and merges the result list, without printing the service token", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    const out = JSON.parse(await run({}));
    expect(out.DomainSummaries.map((d: { DomainId: string }) => d.DomainId)).toEqual(["id0", "id1", "id2", "id3", "id4"]);
    expect(out.NextToken).toBeUndefined();
    expect(server.requests).toEqual([{}, { NextToken: "page-2" }, { NextToken: "page-3" }]);
    // members come out in the model's order whatever order the service used
    expect(Object.keys(out.DomainSummaries[0])).toEqual(["DomainId", "DomainStatus", "Name"]);
  });

  it("--max-items truncates mid-page and prints a token that --starting-token resumes from", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    const first = await run({ maxItems: 3 });
    expect(ids(first)).toEqual(["id0", "id1", "id2"]);
    const token = JSON.parse(first).NextToken as string;
    expect(Object.keys(JSON.parse(first))).toEqual(["DomainSummaries", "NextToken"]);
    expect(token).toBe(Buffer.from('{"NextToken": "page-2", "boto_truncate_amount": 1}').toString("base64"));
    expect(server.requests).toEqual([{}, { NextToken: "page-2" }]);

    server.requests.length = 0;
    const rest = await run({ startingToken: token });
    expect(ids(rest)).toEqual(["id3", "id4"]);
    expect(server.requests).toEqual([{ NextToken: "page-2" }, { NextToken: "page-3" }]);
  });

  it("--max-items on a page boundary gives the service's token as is, and a first-page cut gives a null one", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    expect(decode(JSON.parse(await run({ maxItems: 2 })).NextToken)).toEqual({ NextToken: "page-2" });
    expect(server.requests).toHaveLength(1);
    expect(decode(JSON.parse(await run({ maxItems: 1 })).NextToken)).toEqual({ NextToken: null, boto_truncate_amount: 1 });

    server.requests.length = 0;
    const resumed = await run({ startingToken: encodeToken({ NextToken: null, boto_truncate_amount: 1 }), maxItems: 2 });
    expect(ids(resumed)).toEqual(["id1", "id2"]);
    expect(server.requests).toEqual([{}, { NextToken: "page-2" }]);
    // the skipped item counts toward the next resume point
    expect(decode(JSON.parse(resumed).NextToken)).toEqual({ NextToken: "page-2", boto_truncate_amount: 1 });
  });

  it("--page-size sends MaxResults on every request and keeps paginating", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 10 });
    expect(ids(await run({ pageSize: 2 }))).toHaveLength(5);
    expect(server.requests).toEqual([{ MaxResults: 2 }, { MaxResults: 2, NextToken: "page-2" }, { MaxResults: 2, NextToken: "page-3" }]);
  });

  it("--no-paginate makes one request and prints the raw answer, NextToken included", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    const out = await run({ enabled: false });
    expect(server.requests).toEqual([{}]);
    expect(JSON.parse(out)).toEqual({ DomainSummaries: domains.slice(0, 2).map(({ DomainId, DomainStatus, Name }) => ({ DomainId, DomainStatus, Name })), NextToken: "page-2" });
  });

  it("a starting token that is not ours is sent to the service as it is", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    expect(ids(await run({ startingToken: "page-3" }))).toEqual(["id4"]);
    expect(server.requests).toEqual([{ NextToken: "page-3" }]);
  });

  it("text output is printed page by page, --query applying to each page, then the resume token", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    expect(await run({}, { format: "text", query: "DomainSummaries[].DomainId" })).toBe("id0\tid1\nid2\tid3\nid4\n");
    const text = await run({ maxItems: 3 }, { format: "text" });
    const token = encodeToken({ NextToken: "page-2", boto_truncate_amount: 1 });
    expect(text).toBe(
      "DOMAINSUMMARIES\tid0\tACTIVE\td-0\nDOMAINSUMMARIES\tid1\tACTIVE\td-1\nDOMAINSUMMARIES\tid2\tACTIVE\td-2\n" + `NEXTTOKEN\t${token}\n`,
    );
  });

  it("yaml-stream prints one list item per page, each with its own NextToken", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains.slice(0, 3), pageSize: 2 });
    expect(await run({}, { format: "yaml-stream" })).toBe(
      [
        "- DomainSummaries:",
        "  - DomainId: id0",
        "    DomainStatus: ACTIVE",
        "    Name: d-0",
        "  - DomainId: id1",
        "    DomainStatus: ACTIVE",
        "    Name: d-1",
        "  NextToken: page-2",
        "- DomainSummaries:",
        "  - DomainId: id2",
        "    DomainStatus: ACTIVE",
        "    Name: d-2",
        "",
      ].join("\n"),
    );
  });

  it("--query applies once to the merged pages for json", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 2 });
    expect(await run({}, { query: "length(DomainSummaries)" })).toBe("5\n");
  });

  it("an empty result list prints an empty list in json and nothing in text", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: [], pageSize: 2 });
    expect(await run({})).toBe('{\n    "DomainSummaries": []\n}\n');
    expect(await run({}, { format: "text" })).toBe("");
  });

  it("a service that repeats its token is an error, not an endless loop", async () => {
    server = await startPageServer({ resultKey: "DomainSummaries", items: domains, pageSize: 1, tokenFor: () => "same" });
    await expect(run({})).rejects.toMatchObject({ exitCode: 255, message: expect.stringContaining("same next token") });
  });
});

describe("starting tokens", () => {
  it("decodes the AWS CLI's base64 JSON and falls back to the old and opaque forms", () => {
    expect(parseStartingToken("eyJOZXh0VG9rZW4iOiAiaGFyYm9yLW5leHQifQ==", ["NextToken"])).toMatchObject({ token: { NextToken: "harbor-next" }, skip: 0 });
    expect(parseStartingToken(encodeToken({ NextToken: "x", boto_truncate_amount: 4 }), ["NextToken"])).toMatchObject({ token: { NextToken: "x" }, skip: 4 });
    expect(parseStartingToken("abc___2", ["NextToken"])).toMatchObject({ token: { NextToken: "abc" }, skip: 2 });
    expect(parseStartingToken("7yD9zi1jD7tU221eMO4qMcNLuYcvlUQ0xV21L4un==", ["NextToken"])).toMatchObject({
      token: { NextToken: "7yD9zi1jD7tU221eMO4qMcNLuYcvlUQ0xV21L4un==" },
      skip: 0,
    });
  });

  it("encodes like Python's json.dumps", () => {
    expect(encodeToken({ NextToken: null, boto_truncate_amount: 1 })).toBe("eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
  });
});
