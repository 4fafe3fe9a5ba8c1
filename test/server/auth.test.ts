// `local serve --require-auth`: SigV4 checked like the service (403 with the AWS error types), and the credential
// scope's region used for ARNs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { CreateDomainCommand, ListDomainsCommand, VoiceIDServiceException } from "@aws-sdk/client-voice-id";
import { CREDS, rawCall, startTestServer, type TestServer } from "./helpers.js";
import { parseAuthorization, signingKey, verifySigV4 } from "../../src/server/sigv4.js";

/** Signs a JSON 1.0 request independently of the SDK client (so tests can tamper with it afterwards). */
async function signed(url: string, target: string, body: string, creds = CREDS, region = "us-east-1", date = new Date(), unsignableHeaders?: Set<string>) {
  const u = new URL(url);
  const signer = new SignatureV4({ credentials: creds, region, service: "voiceid", sha256: Sha256 });
  const req = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: u.hostname,
    port: Number(u.port),
    path: "/",
    headers: { host: u.host, "content-type": "application/x-amz-json-1.0", "x-amz-target": target },
    body,
  });
  const s = await signer.sign(req, { signingDate: date, unsignableHeaders });
  return s.headers as Record<string, string>;
}

async function errorOf(p: Promise<unknown>): Promise<VoiceIDServiceException> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VoiceIDServiceException);
  return err as VoiceIDServiceException;
}

describe("local serve --require-auth", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ credentials: CREDS });
  });
  afterAll(async () => t.close());

  it("accepts requests signed by the SDK with the configured credentials", async () => {
    const out = await t.client().send(new ListDomainsCommand({}));
    expect(out.DomainSummaries).toEqual([]);
  });

  it("accepts temporary credentials (the session token is signed along, not checked)", async () => {
    const out = await t.client({ credentials: { ...CREDS, sessionToken: "FwoGZXIvYXdzEXAMPLE" } as typeof CREDS }).send(new ListDomainsCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it("uses the region of the credential scope for ARNs", async () => {
    const out = await t.client({ region: "ap-southeast-2" }).send(new CreateDomainCommand({ Name: "syd", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }));
    expect(out.Domain!.Arn).toMatch(/^arn:aws:voiceid:ap-southeast-2:000000000000:domain\//);
  });

  it("refuses unsigned requests with 403 MissingAuthenticationTokenException", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}");
    expect(r.status).toBe(403);
    expect(r.json!.__type).toMatch(/#MissingAuthenticationTokenException$/);
    expect(r.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
  });

  it("refuses a wrong secret with 403 InvalidSignatureException and an unknown key with UnrecognizedClientException", async () => {
    const bad = await errorOf(t.client({ credentials: { accessKeyId: CREDS.accessKeyId, secretAccessKey: "wrong" } }).send(new ListDomainsCommand({})));
    expect(bad.name).toBe("InvalidSignatureException");
    expect(bad.$metadata.httpStatusCode).toBe(403);
    expect(bad.message).toMatch(/signature we calculated does not match/);
    const unknown = await errorOf(t.client({ credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: CREDS.secretAccessKey } }).send(new ListDomainsCommand({})));
    expect(unknown.name).toBe("UnrecognizedClientException");
    expect(unknown.$metadata.httpStatusCode).toBe(403);
  });

  it("refuses a signed request whose body or target was changed afterwards", async () => {
    const headers = await signed(t.url, "VoiceID.ListDomains", '{"MaxResults":1}');
    expect((await rawCall(t.url, "VoiceID.ListDomains", '{"MaxResults":1}', { headers })).status).toBe(200);
    const body = await rawCall(t.url, "VoiceID.ListDomains", '{"MaxResults":2}', { headers });
    expect(body.status).toBe(403);
    expect(body.json!.__type).toMatch(/#InvalidSignatureException$/);
    const target = await rawCall(t.url, "VoiceID.ListWatchlists", '{"MaxResults":1}', { headers: { ...headers, "x-amz-target": "VoiceID.ListWatchlists" } });
    expect(target.json!.__type).toMatch(/#InvalidSignatureException$/);
  });

  it("refuses a signature that leaves the target out (it could be replayed as another operation)", async () => {
    const headers = await signed(t.url, "VoiceID.ListDomains", "{}", CREDS, "us-east-1", new Date(), new Set(["x-amz-target"]));
    expect(headers.authorization).not.toContain("x-amz-target");
    const r = await rawCall(t.url, "VoiceID.DeleteDomain", "{}", { headers: { ...headers, "x-amz-target": "VoiceID.DeleteDomain" } });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ __type: "com.amazon.coral.service#InvalidSignatureException", Message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." });
  });

  it("refuses a credential scope whose region is not a region name, and two Credential= parts", async () => {
    for (const region of ["..", "a".repeat(65), "US_EAST_1"]) {
      const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: await signed(t.url, "VoiceID.ListDomains", "{}", CREDS, region) });
      expect([region, r.status, r.json!.Message]).toEqual([region, 403, "Credential should be scoped to a valid region."]);
    }
    const headers = await signed(t.url, "VoiceID.ListDomains", "{}");
    const twice = headers.authorization!.replace("Credential=", "Credential=AKIDOTHER/20250101/us-east-1/voiceid/aws4_request, Credential=");
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: { ...headers, authorization: twice } });
    expect(r.status).toBe(400);
    expect(r.json!.__type).toMatch(/#IncompleteSignatureException$/);
  });

  it("refuses signatures more than 15 minutes old", async () => {
    const headers = await signed(t.url, "VoiceID.ListDomains", "{}", CREDS, "us-east-1", new Date(Date.now() - 20 * 60_000));
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers });
    expect(r.status).toBe(403);
    expect(r.json!.Message).toMatch(/^Signature expired/);
  });

  it("refuses a malformed Authorization header with 400 IncompleteSignatureException", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: { authorization: "AWS4-HMAC-SHA256 Credential=oops" } });
    expect(r.status).toBe(400);
    expect(r.json!.__type).toMatch(/#IncompleteSignatureException$/);
  });

  it("refuses a query with a malformed %-escape as a signature mismatch, not an internal error", async () => {
    const headers = await signed(t.url, "VoiceID.ListDomains", "{}");
    for (const path of ["/?a=%ZZ", "/?%E0%A4%A=1"]) {
      const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers, path });
      expect([path, r.status, r.json!.__type]).toEqual([path, 403, "com.amazon.coral.service#InvalidSignatureException"]);
    }
  });

  it("never echoes the secret", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20250101/us-east-1/voiceid/aws4_request, SignedHeaders=host, Signature=00" } });
    expect(r.text).not.toContain(CREDS.secretAccessKey);
  });
});

describe("sigv4 helpers", () => {
  it("parses the credential scope", () => {
    expect(parseAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/voiceid/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")).toEqual({
      accessKeyId: "AKID",
      date: "20250101",
      region: "eu-west-1",
      service: "voiceid",
      signedHeaders: ["host", "x-amz-date"],
      signature: "abc",
    });
    expect(parseAuthorization("Bearer x")).toBeUndefined();
  });

  it("derives the signing key of the AWS documentation example", () => {
    // docs.aws.amazon.com "Examples of how to derive a signing key for Signature Version 4"
    const key = signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    expect(key.toString("hex")).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  it("verifies the AWS SigV4 test suite's get-vanilla requests (plain and with a sorted query)", () => {
    const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const at = new Date("2015-08-30T12:36:00Z");
    const req = (url: string, signature: string) => ({
      method: "GET",
      url,
      body: Buffer.alloc(0),
      headers: {
        host: ["example.amazonaws.com"],
        "x-amz-date": ["20150830T123600Z"],
        authorization: [`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`],
      },
    });
    expect(verifySigV4(req("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), creds, "service", at).region).toBe("us-east-1");
    expect(verifySigV4(req("/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), creds, "service", at).service).toBe("service");
    expect(() => verifySigV4(req("/?Param2=value3", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), creds, "service", at)).toThrow(/does not match/);
  });
});
