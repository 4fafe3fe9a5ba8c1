// Every --output format on a nested structure, a list of structures with an empty list and missing members,
// and an empty result list, printed through emitDocument with the model's shapes (expected bytes follow the AWS
// CLI v2 rules checked by the conformance render cases).
import { describe, it, expect } from "vitest";
import { operation } from "../../../src/model/index.js";
import { emitDocument } from "../../../src/output/index.js";
import type { Document } from "../../../src/engine/engine.js";
import { captureIO } from "./io.js";
import { readFileSync } from "node:fs";
import { render as renderJson } from "../../../src/output/json.js";
import { render as renderText } from "../../../src/output/text.js";
import { render as renderTable } from "../../../src/output/table.js";
import { render as renderYaml } from "../../../src/output/yaml.js";

const nested: Document = {
  // members deliberately out of model order, plus one the model does not know
  Domain: { Name: "harbor", DomainId: "d1", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/k" }, CreatedAt: new Date(1700000000000), DomainStatus: "ACTIVE", Unknown: "x" },
};
const list: Document = {
  FraudsterSummaries: [
    { GeneratedFraudsterId: "id#a", DomainId: "d1", WatchlistIds: [], CreatedAt: new Date(1700000000500) },
    { GeneratedFraudsterId: "id#b", DomainId: "d1", WatchlistIds: ["w1", "w2"] },
    { GeneratedFraudsterId: "id#c" },
  ],
};
const empty: Document = { FraudsterSummaries: [] };

const EXPECTED: Record<string, { nested: string; list: string; empty: string }> = {
  "json": {
    nested: [
      "{",
      "    \"Domain\": {",
      "        \"CreatedAt\": \"2023-11-14T22:13:20+00:00\",",
      "        \"DomainId\": \"d1\",",
      "        \"DomainStatus\": \"ACTIVE\",",
      "        \"Name\": \"harbor\",",
      "        \"ServerSideEncryptionConfiguration\": {",
      "            \"KmsKeyId\": \"alias/k\"",
      "        }",
      "    }",
      "}",
      "",
    ].join("\n"),
    list: [
      "{",
      "    \"FraudsterSummaries\": [",
      "        {",
      "            \"CreatedAt\": \"2023-11-14T22:13:20.500000+00:00\",",
      "            \"DomainId\": \"d1\",",
      "            \"GeneratedFraudsterId\": \"id#a\",",
      "            \"WatchlistIds\": []",
      "        },",
      "        {",
      "            \"DomainId\": \"d1\",",
      "            \"GeneratedFraudsterId\": \"id#b\",",
      "            \"WatchlistIds\": [",
      "                \"w1\",",
      "                \"w2\"",
      "            ]",
      "        },",
      "        {",
      "            \"GeneratedFraudsterId\": \"id#c\"",
      "        }",
      "    ]",
      "}",
      "",
    ].join("\n"),
    empty: [
      "{",
      "    \"FraudsterSummaries\": []",
      "}",
      "",
    ].join("\n"),
  },
  "yaml": {
    nested: [
      "Domain:",
      "  CreatedAt: '2023-11-14T22:13:20+00:00'",
      "  DomainId: d1",
      "  DomainStatus: ACTIVE",
      "  Name: harbor",
      "  ServerSideEncryptionConfiguration:",
      "    KmsKeyId: alias/k",
      "",
    ].join("\n"),
    list: [
      "FraudsterSummaries:",
      "- CreatedAt: '2023-11-14T22:13:20.500000+00:00'",
      "  DomainId: d1",
      "  GeneratedFraudsterId: id#a",
      "  WatchlistIds: []",
      "- DomainId: d1",
      "  GeneratedFraudsterId: id#b",
      "  WatchlistIds:",
      "  - w1",
      "  - w2",
      "- GeneratedFraudsterId: id#c",
      "",
    ].join("\n"),
    empty: [
      "FraudsterSummaries: []",
      "",
    ].join("\n"),
  },
  "yaml-stream": {
    nested: [
      "- Domain:",
      "    CreatedAt: '2023-11-14T22:13:20+00:00'",
      "    DomainId: d1",
      "    DomainStatus: ACTIVE",
      "    Name: harbor",
      "    ServerSideEncryptionConfiguration:",
      "      KmsKeyId: alias/k",
      "",
    ].join("\n"),
    list: [
      "- FraudsterSummaries:",
      "  - CreatedAt: '2023-11-14T22:13:20.500000+00:00'",
      "    DomainId: d1",
      "    GeneratedFraudsterId: id#a",
      "    WatchlistIds: []",
      "  - DomainId: d1",
      "    GeneratedFraudsterId: id#b",
      "    WatchlistIds:",
      "    - w1",
      "    - w2",
      "  - GeneratedFraudsterId: id#c",
      "",
    ].join("\n"),
    empty: [
      "- FraudsterSummaries: []",
      "",
    ].join("\n"),
  },
  "text": {
    nested: [
      "DOMAIN\t2023-11-14T22:13:20+00:00\td1\tACTIVE\tharbor",
      "SERVERSIDEENCRYPTIONCONFIGURATION\talias/k",
      "",
    ].join("\n"),
    list: [
      "FRAUDSTERSUMMARIES\t2023-11-14T22:13:20.500000+00:00\td1\tid#a",
      "FRAUDSTERSUMMARIES\t\td1\tid#b",
      "WATCHLISTIDS\tw1",
      "WATCHLISTIDS\tw2",
      "FRAUDSTERSUMMARIES\t\t\tid#c",
      "",
    ].join("\n"),
    empty: [
      "",
    ].join("\n"),
  },
  "table": {
    nested: [
      "-----------------------------------------------------------------------",
      "|                           DescribeDomain                            |",
      "+---------------------------------------------------------------------+",
      "||                              Domain                               ||",
      "|+----------------------------+-----------+---------------+----------+|",
      "||          CreatedAt         | DomainId  | DomainStatus  |  Name    ||",
      "|+----------------------------+-----------+---------------+----------+|",
      "||  2023-11-14T22:13:20+00:00 |  d1       |  ACTIVE       |  harbor  ||",
      "|+----------------------------+-----------+---------------+----------+|",
      "|||                ServerSideEncryptionConfiguration                |||",
      "||+---------------------------------+-------------------------------+||",
      "|||  KmsKeyId                       |  alias/k                      |||",
      "||+---------------------------------+-------------------------------+||",
      "",
    ].join("\n"),
    list: [
      "----------------------------------------------------------------------------",
      "|                              ListFraudsters                              |",
      "+--------------------------------------------------------------------------+",
      "||                           FraudsterSummaries                           ||",
      "|+-----------------------------------+-----------+------------------------+|",
      "||             CreatedAt             | DomainId  | GeneratedFraudsterId   ||",
      "|+-----------------------------------+-----------+------------------------+|",
      "||  2023-11-14T22:13:20.500000+00:00 |  d1       |  id#a                  ||",
      "|+-----------------------------------+-----------+------------------------+|",
      "||                           FraudsterSummaries                           ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "||     CreatedAt    |    DomainId     |       GeneratedFraudsterId        ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "||                  |  d1             |  id#b                             ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "|||                             WatchlistIds                             |||",
      "||+----------------------------------------------------------------------+||",
      "|||  w1                                                                  |||",
      "|||  w2                                                                  |||",
      "||+----------------------------------------------------------------------+||",
      "||                           FraudsterSummaries                           ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "||     CreatedAt    |    DomainId     |       GeneratedFraudsterId        ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "||                  |                 |  id#c                             ||",
      "|+------------------+-----------------+-----------------------------------+|",
      "",
    ].join("\n"),
    empty: [
      "----------------",
      "|ListFraudsters|",
      "+--------------+",
      "",
    ].join("\n"),
  },
};

async function print(opName: string, document: Document, format: string): Promise<string> {
  const { io, stdout } = captureIO();
  await emitDocument({ io, operation: operation(opName)!, document, output: { format, color: "auto" } });
  return stdout();
}

describe("formats", () => {
  for (const [format, expected] of Object.entries(EXPECTED)) {
    describe(format, () => {
      it("nested structures, members in model order, timestamps in ISO 8601", async () => {
        expect(await print("DescribeDomain", nested, format)).toBe(expected.nested);
      });
      it("a list of structures with an empty list and missing members", async () => {
        expect(await print("ListFraudsters", list, format)).toBe(expected.list);
      });
      it("an empty result list", async () => {
        expect(await print("ListFraudsters", empty, format)).toBe(expected.empty);
      });
    });
  }

  it("an empty response prints nothing in every format", async () => {
    for (const format of ["json", "yaml", "yaml-stream", "text", "table"]) expect(await print("DeleteDomain", {}, format)).toBe("");
  });

  it("keeps non-ASCII characters as they are in JSON", async () => {
    expect(await print("DescribeDomain", { Domain: { Description: "Café ☕ 日本" } }, "json")).toBe(
      '{\n    "Domain": {\n        "Description": "Café ☕ 日本"\n    }\n}\n',
    );
  });

  it("an unknown format (from AWS_DEFAULT_OUTPUT or the profile: --output is checked by the parser) exits 255, as botocore's formatter lookup does", async () => {
    await expect(print("DeleteDomain", {}, "xml")).rejects.toMatchObject({ exitCode: 255, message: "Unknown output type: xml" });
  });
});

describe("formats against the AWS CLI's own formatters", () => {
  // random documents (mixed nesting, wide characters, None, lists of scalars and structures) and what the AWS CLI
  // 2.9.19 printed for each format; regenerate with fixtures/gen-awscli-formats.py
  const fixture = JSON.parse(readFileSync(new URL("./fixtures/awscli-formats.json", import.meta.url), "utf8")) as Record<string, unknown>[];
  const renderers: Record<string, (doc: unknown) => string> = {
    json: renderJson,
    text: renderText,
    table: (doc) => renderTable(doc, "TestOperation", 80),
    yaml: renderYaml,
  };
  for (const [format, render] of Object.entries(renderers)) {
    it(`${format}: every document the AWS CLI could print`, () => {
      const cases = fixture.filter((c) => typeof c[format] === "string");
      expect(cases.length).toBeGreaterThan(100);
      const mismatches = cases.filter((c) => render(c.doc) !== c[format]);
      expect(mismatches.slice(0, 2).map((c) => ({ doc: c.doc, expected: c[format], actual: render(c.doc) }))).toEqual([]);
    });
  }
});
