// --cli-input-json/--cli-input-yaml: loading (string or file://), the AWS CLI's error texts, and the merge (options win).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCliInput, mergeCliInput } from "../../../src/input/cli-input.js";

const dir = mkdtempSync(join(tmpdir(), "voice-id-cli-input-"));
const ctx = { cwd: dir, homedir: dir, env: {} };

describe("loadCliInput", () => {
  it("parses a JSON string into a null-prototype object", async () => {
    const doc = await loadCliInput("json", '{"DomainId": "abc", "Tags": [{"Key": "k"}]}', ctx);
    expect(Object.getPrototypeOf(doc)).toBeNull();
    expect(JSON.parse(JSON.stringify(doc))).toEqual({ DomainId: "abc", Tags: [{ Key: "k" }] });
  });
  it("reads file:// relative to the working directory", async () => {
    writeFileSync(join(dir, "in.json"), '{"Name": "x"}\n');
    expect({ ...(await loadCliInput("json", "file://in.json", ctx)) }).toEqual({ Name: "x" });
  });
  it("reads YAML", async () => {
    writeFileSync(join(dir, "in.yaml"), "Name: x\nMaxResults: 5\nTags:\n- Key: a\n  Value: b\n");
    expect(JSON.parse(JSON.stringify(await loadCliInput("yaml", "file://in.yaml", ctx)))).toEqual({ Name: "x", MaxResults: 5, Tags: [{ Key: "a", Value: "b" }] });
  });
  it.each([
    ["json", '{"DomainId": "x"', "Error parsing parameter 'cli-input-json': Invalid JSON received."],
    ["json", "[]", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>"],
    ["json", "42", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'int'>"],
    ["json", "null", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'NoneType'>"],
    ["yaml", "a: [", "Error parsing parameter 'cli-input-yaml': Invalid YAML received."],
    ["yaml", "- a", "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'list'>"],
    ["json", "file://missing.json", "Error parsing parameter '--cli-input-json': Unable to load paramfile file://missing.json: [Errno 2] No such file or directory: 'missing.json'"],
  ] as const)("%s %j fails with the AWS CLI's words", async (kind, raw, message) => {
    await expect(loadCliInput(kind, raw, ctx)).rejects.toMatchObject({ message, exitCode: 252 });
  });
});

describe("mergeCliInput", () => {
  it("keeps the options and fills in the rest from the file", () => {
    const params: Record<string, unknown> = { Name: "from-flag", ClientToken: "t1" };
    mergeCliInput(params, { Name: "from-file", Description: "d", ClientToken: "t2" });
    expect(params).toEqual({ Name: "from-flag", ClientToken: "t1", Description: "d" });
  });
  it("passes unknown keys and nulls through for validation to refuse", () => {
    const params: Record<string, unknown> = {};
    mergeCliInput(params, { resourceArn: "x", DomainId: null });
    expect(params).toEqual({ resourceArn: "x", DomainId: null });
  });
});
