// flag > environment > config file > default, as pure functions.
import { describe, expect, it } from "vitest";
import { checkRegionName, parseIni, resolveSettings } from "../../../src/config/index.js";

const config = parseIni(`
# comment
[default]
region = eu-west-1
output = table

[profile dev]
region=us-west-2
; another comment
`);
const credentials = parseIni("[creds-only]\naws_access_key_id = x\n");

describe("resolveSettings", () => {
  it.each([
    [{}, {}, { profile: "default", region: "eu-west-1", output: "table", profileMissing: false }],
    [{ region: "ap-south-1" }, { AWS_REGION: "us-east-2" }, { region: "ap-south-1" }],
    [{}, { AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "us-east-1" }, { region: "us-east-2" }],
    [{}, { AWS_DEFAULT_REGION: "us-east-1", AWS_DEFAULT_OUTPUT: "text" }, { region: "us-east-1", output: "text" }],
    [{ output: "yaml" }, { AWS_DEFAULT_OUTPUT: "text" }, { output: "yaml" }],
    [{ profile: "dev" }, {}, { profile: "dev", region: "us-west-2", output: "json", profileMissing: false }],
    [{}, { AWS_PROFILE: "dev" }, { profile: "dev", region: "us-west-2" }],
    [{ profile: "creds-only" }, {}, { profile: "creds-only", region: undefined, profileMissing: false }],
    [{ profile: "nobody" }, {}, { profile: "nobody", profileMissing: true }],
  ])("%j %j", (flags, env, expected) => {
    expect(resolveSettings({ flags, env, config, credentials })).toMatchObject(expected);
  });
});

describe("checkRegionName (botocore validate_region_name)", () => {
  it.each(["us-east-1", "us-gov-west-1", "a", "A1", "x".repeat(63), "1a", undefined])("accepts %j", (region) => {
    expect(() => checkRegionName(region)).not.toThrow();
  });

  it.each(["US East/1", "us_east_1", "-us", "us-", "123", "x".repeat(64), " us-east-1", "us-east-1\n", "eu.west"])("refuses %j (255)", (region) => {
    expect(() => checkRegionName(region)).toThrow(expect.objectContaining({ exitCode: 255, message: `Provided region_name '${region}' doesn't match a supported format.` }));
  });
});
