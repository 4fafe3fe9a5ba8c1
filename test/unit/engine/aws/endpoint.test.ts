// The AWS CLI's two checks of an endpoint URL: a scheme when --endpoint-url is parsed (252), then botocore's
// host check when a client is made (255).
import { describe, expect, it } from "vitest";
import { checkEndpoint, checkEndpointFlag, withoutPassword } from "../../../../src/engine/aws/endpoint.js";
import { CliError } from "../../../../src/errors/index.js";

function outcome(check: () => void): string {
  try {
    check();
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return `${(err as CliError).exitCode} ${(err as CliError).message}`;
  }
}

describe("checkEndpointFlag (awscli globalargs.py _resolve_endpoint_url)", () => {
  it.each([
    ["http://127.0.0.1:8765", "ok"],
    ["HTTPS://example.com/", "ok"],
    ["localhost:9999", "ok"], // urlparse reads "localhost" as the scheme
    ["ftp://x", "ok"],
    ["127.0.0.1:8765", '252 Bad value for --endpoint-url "127.0.0.1:8765": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/'],
    ["//host/", '252 Bad value for --endpoint-url "//host/": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/'],
    ["", '252 Bad value for --endpoint-url "": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/'],
    ["http//bob:hunter2@h", '252 Bad value for --endpoint-url "***@h": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/'],
  ])("%j → %s", (url, expected) => {
    expect(outcome(() => checkEndpointFlag(url))).toBe(expected);
  });
});

describe("checkEndpoint (botocore is_valid_endpoint_url, http or https)", () => {
  it.each([
    ["http://127.0.0.1:8765", "ok"],
    ["https://voiceid.us-east-1.amazonaws.com/", "ok"],
    ["http://user:pw@Local-Host.:80/path?q#f", "ok"],
    ["http://[::1]:8765/", "ok"],
    ["localhost:9999", "255 Invalid endpoint: localhost:9999"],
    ["127.0.0.1:8765", "255 Invalid endpoint: 127.0.0.1:8765"],
    ["ftp://127.0.0.1/", "255 Invalid endpoint: ftp://127.0.0.1/"],
    ["http://", "255 Invalid endpoint: http://"],
    ["http://a_b:1", "255 Invalid endpoint: http://a_b:1"],
    ["http://-a.example/", "255 Invalid endpoint: http://-a.example/"],
    ["http://[nope]/", "255 Invalid endpoint: http://[nope]/"],
    ["http://exa\nmple/", "255 Invalid endpoint: http://exa\nmple/"],
    ["http://bob:pa55/word@127.0.0.1:1", "255 Invalid endpoint: http://***@127.0.0.1:1"], // port "pa55": no URL the SDK can use
  ])("%j → %s", (url, expected) => {
    expect(outcome(() => checkEndpoint(url))).toBe(expected);
  });
});

describe("withoutPassword (messages and --debug lines)", () => {
  it.each([
    ["http://alice:pa55@127.0.0.1:9/", "http://***@127.0.0.1:9/"],
    ["http://u:p@ss@127.0.0.1:9/x?y=1", "http://***@127.0.0.1:9/x?y=1"], // a raw '@' in the password; the path stays
    ["https://tok3n@host/", "https://***@host/"], // a lone user name is as often a token
    ["https://TOKEN:x-oauth-basic@host/", "https://***@host/"],
    ["https://TOK/EN@host", "https://***@host"], // a raw '/' in a token (malformed)
    ["http://bob:pa55/word@127.0.0.1:1", "http://***@127.0.0.1:1"],
    ["http://bob:pa55?x#y@127.0.0.1:1", "http://***@127.0.0.1:1"],
    ["bob:pa55word@127.0.0.1:1", "***@127.0.0.1:1"], // no '//': what urlparse calls the scheme is a user name here
    ["http//bob:hunter2@h", "***@h"], // no scheme at all
    ["http://[::1]:9/a@b", "http://***@b"], // an '@' in a path cannot be told from a malformed token: masked
    ["http://127.0.0.1:9", "http://127.0.0.1:9"],
    ["http://[::1]:9/x", "http://[::1]:9/x"],
  ])("%s → %s", (url, shown) => {
    expect(withoutPassword(url)).toBe(shown);
  });
});
