// One option value → parameter value, as the AWS CLI unpacks it (file://, shorthand, JSON, scalars).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unpackArgument } from "../../../src/input/unpack.js";
import { readParamFile, expandPath } from "../../../src/input/paramfile.js";

const dir = mkdtempSync(join(tmpdir(), "voice-id-unpack-"));
const ctx = { cwd: dir, homedir: "/home/u", env: { NAME: "tags" } };
writeFileSync(join(dir, "tags.json"), '[{"Key": "a", "Value": "b"}]\n');
writeFileSync(join(dir, "tag.txt"), "Key=a,Value=b");
writeFileSync(join(dir, "crlf.txt"), "line1\r\nline2\r\n");
writeFileSync(join(dir, "n.txt"), "56");
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const u = (flag: string, shapeName: string, raw: string | string[]) => plain(unpackArgument(flag, shapeName, raw, ctx));

describe("unpackArgument", () => {
  it.each([
    ["--name", "DomainName", "n", "n"],
    ["--max-results", "MaxResultsForList", "007", 7],
    ["--max-results", "MaxResultsForList", "file://n.txt", 56],
    ["--tag-keys", "TagKeyList", ["a,b", "c"], ["a,b", "c"]],
    ["--tag-keys", "TagKeyList", ['["x", "y"]'], ["x", "y"]],
    ["--tags", "TagList", ["Key=a,Value=b", "Key=c,Value=d"], [{ Key: "a", Value: "b" }, { Key: "c", Value: "d" }]],
    ["--tags", "TagList", ['{"Key": "a", "Value": "b"}'], [{ Key: "a", Value: "b" }]],
    ["--tags", "TagList", ["file://tags.json"], [{ Key: "a", Value: "b" }]],
    ["--tags", "TagList", ["file://$NAME.json"], [{ Key: "a", Value: "b" }]],
    ["--tags", "TagList", ["file://tag.txt"], { Key: "a", Value: "b" }], // from a file: not wrapped (the AWS CLI then refuses the type)
    ["--server-side-encryption-configuration", "ServerSideEncryptionConfiguration", "KmsKeyId=k", { KmsKeyId: "k" }],
    ["--server-side-encryption-configuration", "ServerSideEncryptionConfiguration", ' {"KmsKeyId": "k"}', { KmsKeyId: "k" }],
    ["--registration-config", "RegistrationConfig", "FraudsterSimilarityThreshold=007,WatchlistIds=w", { FraudsterSimilarityThreshold: 7, WatchlistIds: ["w"] }],
    ["--description", "Description", "file://crlf.txt", "line1\nline2\n"],
  ] as const)("%s %j", (flag, shapeName, raw, expected) => {
    expect(u(flag, shapeName, raw as string | string[])).toEqual(expected);
  });

  it.each([
    ["--server-side-encryption-configuration", "ServerSideEncryptionConfiguration", "KmsKeyId", "Error parsing parameter '--server-side-encryption-configuration': Expected: '=', received: 'EOF' for input:\nKmsKeyId\n        ^", 252],
    ["--server-side-encryption-configuration", "ServerSideEncryptionConfiguration", '[{"KmsKeyId": "k"}]', 'Error parsing parameter \'--server-side-encryption-configuration\': Invalid JSON:\n[{"KmsKeyId": "k"}]', 252],
    ["--tag-keys", "TagKeyList", ["[a,b]"], "Error parsing parameter '--tag-keys': Invalid JSON: Expecting value: line 1 column 2 (char 1)\nJSON received: [a,b]", 252],
    ["--description", "Description", "file://missing.txt", "Error parsing parameter '--description': Unable to load paramfile file://missing.txt: [Errno 2] No such file or directory: 'missing.txt'", 252],
    ["--description", "Description", "file://", "Error parsing parameter '--description': Unable to load paramfile file://: [Errno 2] No such file or directory: ''", 252], // open(''), not the working directory
    ["--max-results", "MaxResultsForList", "5.5", "invalid literal for int() with base 10: '5.5'", 255],
    ["--registration-config", "RegistrationConfig", "FraudsterSimilarityThreshold=abc", "invalid literal for int() with base 10: 'abc'", 255],
  ] as const)("%s %j fails", (flag, shapeName, raw, message, exitCode) => {
    expect(() => unpackArgument(flag, shapeName, raw as string | string[], ctx)).toThrow(expect.objectContaining({ message, exitCode }));
  });

  it("refuses a value nested more than 1000 levels deep, before parsing, naming the parameter (no stack overflow)", () => {
    const refused = (flag: string) => expect.objectContaining({ message: `Error parsing parameter '${flag}': nested more than 1000 levels deep`, exitCode: 252 });
    // balanced values a few thousand deep once parsed, then overflowed the stack while the validation message was written
    for (const depth of [1001, 3300, 20_000]) {
      expect(() => unpackArgument("--tags", "TagList", "[".repeat(depth) + "]".repeat(depth), ctx)).toThrow(refused("--tags"));
      const shorthand = `KmsKeyId=${"{a=".repeat(depth)}`;
      expect(() => unpackArgument("--server-side-encryption-configuration", "ServerSideEncryptionConfiguration", shorthand, ctx)).toThrow(refused("--server-side-encryption-configuration"));
    }
    // brackets inside quoted strings are text, and 1000 levels are still read
    expect(u("--tag-keys", "TagKeyList", [JSON.stringify(["[".repeat(5000)])])).toEqual(["[".repeat(5000)]);
    expect(() => unpackArgument("--tags", "TagList", "[".repeat(1000) + "]".repeat(1000), ctx)).not.toThrow(/nested/);
  });

  it("reads fileb:// as bytes", () => {
    expect(Buffer.isBuffer(unpackArgument("--description", "Description", "fileb://n.txt", ctx))).toBe(true);
  });
});

describe("paramfile paths", () => {
  it("expands ~ and $VAR like the AWS CLI", () => {
    expect(expandPath("~/a/$NAME/${NAME}/$NOPE", ctx)).toBe("/home/u/a/tags/tags/$NOPE");
  });
  it("is not a file reference without the prefix", () => {
    expect(readParamFile("tags.json", ctx)).toBeUndefined();
  });
  it("reads a pipe to its end (process substitution) and stops at 16 MiB instead of reading /dev/zero for ever", () => {
    const here = { cwd: "/", homedir: "/", env: {} };
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    spawn("sh", ["-c", `head -c 200000 /dev/zero | tr '\\0' x > ${fifo}`]); // started before the blocking read below
    expect(readParamFile(`file://${fifo}`, here)).toBe("x".repeat(200_000));
    expect(() => readParamFile("file:///dev/zero", here)).toThrow("Unable to load paramfile file:///dev/zero: larger than 16 MiB: '/dev/zero'");
    expect(() => readParamFile("file:///", here)).toThrow("Unable to load paramfile file:///: [Errno 21] Is a directory: '/'");
  });
});
