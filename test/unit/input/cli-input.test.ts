// --cli-input-json/--cli-input-yaml: loading (string or file://), the AWS CLI's error texts, and the merge (options win).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCliInput, mergeCliInput } from "../../../src/input/cli-input.js";
import { PyFloat } from "../../../src/input/pyjson.js";
import { awsCliErrors } from "../../../src/validate/params.js";

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
    ["json", '{"DomainId": "x"', "Error parsing parameter 'cli-input-json': Invalid JSON received. Expecting ',' delimiter: line 1 column 17 (char 16)."],
    ["json", "[]", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'list'>"],
    ["json", "42", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'int'>"],
    ["json", "null", "Error parsing parameter '--cli-input-json': Invalid type: expecting map, received <class 'NoneType'>"],
    ["yaml", "a: [", "Error parsing parameter 'cli-input-yaml': Invalid YAML received. Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 5."],
    ["yaml", "- a", "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'list'>"],
    ["json", "file://missing.json", "Error parsing parameter '--cli-input-json': Unable to load paramfile file://missing.json: [Errno 2] No such file or directory: 'missing.json'"],
    // what ruamel's safe loader refuses: duplicate keys, unknown tags, a list as a key, several documents
    ["yaml", "Name: a\nName: b\n", "Error parsing parameter 'cli-input-yaml': Invalid YAML received. Map keys must be unique at line 2, column 1."],
    ["yaml", "Name: !foo a\n", "Error parsing parameter 'cli-input-yaml': Invalid YAML received. Unresolved tag: !foo at line 1, column 7."],
    ["yaml", "? [a]\n: 1\n", "Error parsing parameter 'cli-input-yaml': Invalid YAML received. a list or a map cannot be a key."],
    ["yaml", "MaxResults: 2\n---\nMaxResults: 3\n", "Error parsing parameter 'cli-input-yaml': Invalid YAML received. Source contains multiple documents at line 2, column 1."],
    // a balanced document 3300 deep parsed, then overflowed the stack while its validation message was written
    ["json", `{"Tags": ${"[".repeat(3300)}${"]".repeat(3300)}}`, "Error parsing parameter '--cli-input-json': nested more than 1000 levels deep"],
    ["yaml", `Tags: ${"[".repeat(3300)}${"]".repeat(3300)}`, "Error parsing parameter '--cli-input-yaml': nested more than 1000 levels deep"],
  ] as const)("%s %j fails with AWS CLI v2's words, then where the parser stopped", async (kind, raw, message) => {
    await expect(loadCliInput(kind, raw, ctx)).rejects.toMatchObject({ message, exitCode: 252 });
  });
});

describe("loadCliInput: a file's name given without file://", () => {
  it("says how to read the file, since the name itself is not JSON", async () => {
    writeFileSync(join(dir, "forgot.json"), '{"Name": "x"}\n');
    await expect(loadCliInput("json", "forgot.json", ctx)).rejects.toMatchObject({
      message: "Error parsing parameter 'cli-input-json': Invalid JSON received. Expecting value: line 1 column 1 (char 0).\nTo read the file forgot.json, write file://forgot.json",
    });
    // no hint when no such file exists, for a folder, or for nothing at all
    for (const raw of ["nothing.json", ".", ""]) {
      await expect(loadCliInput("json", raw, ctx)).rejects.toMatchObject({ message: "Error parsing parameter 'cli-input-json': Invalid JSON received. Expecting value: line 1 column 1 (char 0)." });
    }
    // a YAML file's name reads as a string
    writeFileSync(join(dir, "forgot.yaml"), "Name: x\n");
    await expect(loadCliInput("yaml", "forgot.yaml", ctx)).rejects.toMatchObject({
      message: "Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'str'>\nTo read the file forgot.yaml, write file://forgot.yaml",
    });
  });
});

describe("loadCliInput, as the AWS CLI's parsers read YAML merge keys and fileb:// bytes", () => {
  it("applies YAML merge keys (<<: *anchor)", async () => {
    const doc = await loadCliInput("yaml", "InputDataConfig: &io\n  S3Uri: s3://bkt/m.json\nOutputDataConfig:\n  <<: *io\n  KmsKeyId: k\n", ctx);
    expect(JSON.parse(JSON.stringify(doc))).toEqual({ InputDataConfig: { S3Uri: "s3://bkt/m.json" }, OutputDataConfig: { S3Uri: "s3://bkt/m.json", KmsKeyId: "k" } });
  });
  it("decodes fileb:// JSON as json.loads decodes bytes: UTF-8 with or without BOM, UTF-16, UTF-32; refuses bytes that are not text", async () => {
    const text = '{"Name": "café"}';
    const files: [string, Buffer][] = [
      ["utf8.json", Buffer.from(text, "utf8")],
      ["bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
      ["utf16le-bom.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["utf16le.json", Buffer.from(text, "utf16le")],
      ["utf16be.json", Buffer.from(text, "utf16le").swap16()],
      ["utf32le.json", Buffer.from(Uint32Array.from([...text].map((c) => c.codePointAt(0)!)).buffer)],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(join(dir, name), bytes);
      expect({ name, doc: { ...(await loadCliInput("json", `fileb://${name}`, ctx)) } }).toEqual({ name, doc: { Name: "café" } });
    }
    writeFileSync(join(dir, "latin1.json"), Buffer.from(text, "latin1"));
    await expect(loadCliInput("json", "fileb://latin1.json", ctx)).rejects.toMatchObject({ message: "Error parsing parameter 'cli-input-json': Invalid JSON received. the bytes are not valid UTF-8.", exitCode: 252 });
    writeFileSync(join(dir, "latin1.yaml"), Buffer.from("Name: café\n", "latin1"));
    await expect(loadCliInput("yaml", "fileb://latin1.yaml", ctx)).rejects.toMatchObject({ message: "Error parsing parameter 'cli-input-yaml': Invalid YAML received. the bytes are not valid UTF-8." });
    writeFileSync(join(dir, "utf16.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name: café\n", "utf16le")]));
    expect({ ...(await loadCliInput("yaml", "fileb://utf16.yaml", ctx)) }).toEqual({ Name: "café" });
  });
});

describe("floats, kept apart from integers as Python keeps them", () => {
  it("reads 5.0 and 1e3 as floats from JSON and YAML, 5 as an integer", async () => {
    const json = await loadCliInput("json", '{"MaxResults": 5.0, "Other": 1e3, "Int": 5}', ctx);
    const yaml = await loadCliInput("yaml", "MaxResults: 5.0\nOther: 1e3\nInt: 5\n", ctx);
    for (const doc of [json, yaml]) {
      expect(doc.MaxResults).toBeInstanceOf(PyFloat);
      expect((doc.MaxResults as PyFloat).value).toBe(5);
      expect((doc.Other as PyFloat).value).toBe(1000);
      expect(doc.Int).toBe(5);
    }
  });
  it("so an integer member refuses them with botocore's words", () => {
    expect(awsCliErrors("ListDomainsRequest", { MaxResults: new PyFloat(5) })).toEqual([
      "Invalid type for parameter MaxResults, value: 5.0, type: <class 'float'>, valid types: <class 'int'>",
    ]);
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
