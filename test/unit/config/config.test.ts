// flag > environment > config file > default, as pure functions.
import { describe, expect, it } from "vitest";
import { checkRegionName, parseIni, resolveSettings } from "../../../src/config/index.js";
import { endpointFor } from "../../../src/engine/aws/endpoint.js";

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

describe("configured endpoints (botocore's order)", () => {
  const endpoints = parseIni(`
[profile ep]
endpoint_url = http://global.example:1
services = local-voice

[services local-voice]
voice_id =
  endpoint_url = http://service.example:2
s3 =
  endpoint_url = http://s3.example:3

[profile ignoring]
endpoint_url = http://global.example:1
ignore_configured_endpoint_urls = true
`);
  const configured = (profile: string) => resolveSettings({ flags: { profile }, env: {}, config: endpoints, credentials: {} }).configuredEndpoints;

  it("reads the profile's endpoint_url and its [services] section's nested voice_id endpoint_url", () => {
    expect(endpoints["services local-voice"]).toEqual({ voice_id: "", "voice_id.endpoint_url": "http://service.example:2", s3: "", "s3.endpoint_url": "http://s3.example:3" });
    expect(configured("ep")).toEqual({ service: "http://service.example:2", global: "http://global.example:1", ignore: false });
    expect(configured("ignoring")).toEqual({ service: undefined, global: "http://global.example:1", ignore: true });
  });

  it.each([
    ["the flag first", "http://flag:0", { AWS_ENDPOINT_URL_VOICE_ID: "http://env-svc:0" }, "ep", "http://flag:0"],
    ["then the service's environment variable", undefined, { AWS_ENDPOINT_URL_VOICE_ID: "http://env-svc:0", AWS_ENDPOINT_URL: "http://env:0" }, "ep", "http://env-svc:0"],
    ["then AWS_ENDPOINT_URL, before anything in the config file", undefined, { AWS_ENDPOINT_URL: "http://env:0" }, "ep", "http://env:0"],
    ["then the [services] section", undefined, {}, "ep", "http://service.example:2"],
    ["then the profile's endpoint_url", undefined, {}, "ep-global", "http://global.example:1"],
    ["none when the profile ignores configured endpoints", undefined, { AWS_ENDPOINT_URL: "http://env:0" }, "ignoring", undefined],
    ["none when the environment does", undefined, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "TRUE" }, "ep", undefined],
    ["but the flag even then", "http://flag:0", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, "ep", "http://flag:0"],
  ])("%s", (_name, flag, env, profile, expected) => {
    const c = profile === "ep-global" ? { global: "http://global.example:1" } : profile === "ignoring-not" ? {} : configured(profile);
    expect(endpointFor(flag, env, c)).toBe(expected);
  });
});

describe("parseIni as botocore's configparser reads files", () => {
  it("takes key: value, a comment after a header, continuation lines and a byte-order mark", () => {
    expect(parseIni("\uFEFF[default] # mine\nregion: eu-west-2\nnote = first\n  second\n[profile x]\noutput=text\n")).toEqual({
      default: { region: "eu-west-2", note: "first" },
      "profile x": { output: "text" },
    });
  });

  it.each([
    ["a key before any section", "region = us-east-1\n[default]\n", 1],
    ["a header without its bracket", "[default\nregion = us-east-1\n", 1],
    ["a line without = or :", "[default]\nregion us-east-1\n", 2],
    ["a section given twice (configparser's strict mode)", "[default]\nregion = a\n[profile x]\n[default]\n", 4],
    ["a key given twice in a section, whatever its case", "[default]\nregion = a\nRegion = b\n", 3],
  ])("refuses %s, naming the line", (_name, text, line) => {
    expect(() => parseIni(text)).toThrow(expect.objectContaining({ name: "IniSyntaxError", line }));
  });
});

describe("parseIni: what configparser's strict mode still lets through", () => {
  it("takes headers that differ only in spaces (the later one wins), [DEFAULT] more than once, and a flat key beside a nested one", () => {
    expect(parseIni("[profile x]\nregion = a\n[profile x ]\noutput = text\n")).toEqual({ "profile x": { output: "text" } });
    expect(parseIni("[DEFAULT]\nregion = a\n[s]\nk = 1\n[DEFAULT]\noutput = text\n")).toEqual({ DEFAULT: { region: "a", output: "text" }, s: { k: "1", region: "a", output: "text" } });
    expect(() => parseIni("[DEFAULT]\nregion = a\n[DEFAULT]\nregion = b\n")).toThrow(expect.objectContaining({ name: "IniSyntaxError", line: 4 }));
    expect(parseIni("[s]\nvoice_id =\n  endpoint_url = http://a:1\nvoice_id.endpoint_url = http://b:2\n")).toEqual({ s: { voice_id: "", "voice_id.endpoint_url": "http://b:2" } });
  });
});

describe("parseIni: section names and [DEFAULT] as botocore reads them", () => {
  it("splits profile headers into words (shlex), takes other headers as written, and gives every section [DEFAULT]'s keys", () => {
    expect(Object.keys(parseIni("[profile  p ]\nregion = a\n"))).toEqual(["profile p"]);
    // quotes group as shlex groups them
    expect(Object.keys(parseIni('[profile "q r"]\nregion = a\n[profile "qx"]\nregion = b\n'))).toEqual(["profile q r", "profile qx"]);
    expect(parseIni("[default]\nregion = a\n[default ]\nregion = b\n").default).toEqual({ region: "a" }); // [default ] is another section
    expect(parseIni("[DEFAULT]\nregion = eu-west-3\n[default]\noutput = json\n[profile p]\nregion = x\n")).toEqual({
      DEFAULT: { region: "eu-west-3" },
      default: { output: "json", region: "eu-west-3" },
      "profile p": { region: "x" },
    });
  });
});

describe("parseIni: keys", () => {
  it("lower-cases keys as configparser does (Region = … is region), not section names", () => {
    expect(parseIni("[Profile Dev]\nRegion = eu-west-1\nAWS_Access_Key_ID = x\n")).toEqual({ "Profile Dev": { region: "eu-west-1", aws_access_key_id: "x" } });
  });
});

describe("parseIni: indentation as configparser reads it", () => {
  it("reads an indented file, an indented key after a header, and nested keys only under an empty value", () => {
    expect(parseIni("  [default]\n  region = eu-west-1\n")).toEqual({ default: { region: "eu-west-1" } });
    expect(parseIni("[default]\n  region = x\n  output = text\n")).toEqual({ default: { region: "x", output: "text" } });
    expect(parseIni("[s]\nvoice_id =\n  endpoint_url = http://a:1\n\n  # note\n  x = 1\nnext = 2\n")).toEqual({ s: { voice_id: "", "voice_id.endpoint_url": "http://a:1", "voice_id.x": "1", next: "2" } });
  });

  it("refuses a nested line without '=' (botocore splits them on '=')", () => {
    expect(() => parseIni("[s]\nvoice_id =\n  endpoint_url http://x\n")).toThrow(expect.objectContaining({ name: "IniSyntaxError", line: 3 }));
  });
});
