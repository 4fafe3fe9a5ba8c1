// AWS Signature Version 4 on the server side: reads the credential scope (for the region) and, under --require-auth, verifies the signature like the service.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What a request must carry to be checked: method, raw path+query, headers with every value (node's headersDistinct), body bytes. */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string[] | undefined>;
  body: Buffer;
}

/** An authentication failure the way AWS reports it: 400/403 with a well-known error type. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string; // YYYYMMDD
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
/** Clock skew the service tolerates between X-Amz-Date and its clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

const first = (h: SignedRequest["headers"], name: string): string | undefined => h[name]?.[0];

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/voiceid/aws4_request, SignedHeaders=…, Signature=…`; undefined when absent or not SigV4. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  if (!value) return undefined;
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(value.trim());
  if (!m) return undefined;
  const parts = Object.create(null) as Record<string, string>;
  for (const piece of m[1].split(",")) {
    const eq = piece.indexOf("=");
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim();
    if (key in parts) return undefined; // two Credential= (or Signature=) parts: which one was meant?
    parts[key] = piece.slice(eq + 1).trim();
  }
  const scope = (parts.Credential ?? "").split("/");
  if (scope.length !== 5 || !parts.SignedHeaders || !parts.Signature) return undefined;
  const [accessKeyId, date, region, service, terminator] = scope;
  if (terminator !== "aws4_request" || !accessKeyId) return undefined;
  return { accessKeyId, date, region, service, signedHeaders: parts.SignedHeaders.split(";"), signature: parts.Signature };
}

/** The region of the request's credential scope, if it is signed (checked or not). */
export function signedRegion(headers: SignedRequest["headers"]): string | undefined {
  const region = parseAuthorization(first(headers, "authorization"))?.region;
  return region && /^[a-z0-9-]{1,64}$/.test(region) ? region : undefined;
}

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX upper case). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Percent-decodes; a malformed escape (%ZZ) stays as it came, so the request fails its signature check, not the server. */
function decodeLoosely(x: string): string {
  try {
    return decodeURIComponent(x);
  } catch {
    return x;
  }
}

function canonicalQuery(query: string): string {
  if (!query) return "";
  const pairs = query
    .split("&")
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf("=");
      const k = eq < 0 ? p : p.slice(0, eq);
      const v = eq < 0 ? "" : p.slice(eq + 1);
      const dec = (x: string) => decodeLoosely(x.replace(/\+/g, " "));
      return [uriEncode(dec(k)), uriEncode(dec(v))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** Non-S3 services encode each path segment twice (the client encodes once, SigV4 once more). */
function canonicalPath(path: string): string {
  if (!path) return "/";
  return path
    .split("/")
    .map((seg) => uriEncode(uriEncode(decodeLoosely(seg))))
    .join("/");
}

export function canonicalRequest(req: SignedRequest, signedHeaders: string[], payloadHash: string): string {
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? "" : req.url.slice(q + 1);
  const headerLines = signedHeaders.map((name) => {
    const values = req.headers[name] ?? [];
    return `${name}:${values.map((v) => v.trim().replace(/\s+/g, " ")).join(",")}\n`;
  });
  return [req.method, canonicalPath(path), canonicalQuery(query), headerLines.join(""), signedHeaders.join(";"), payloadHash].join("\n");
}

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
const sha256hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac("AWS4" + secret, date), region), service), "aws4_request");
}

/** Parses 20250101T000000Z. */
function parseAmzDate(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

const INVALID_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Verifies a SigV4-signed request against the one set of credentials the server was given.
 * Throws AuthError with the service's error type; returns the parsed authorization on success.
 */
export function verifySigV4(req: SignedRequest, creds: Credentials, service: string, now: Date): ParsedAuthorization {
  const header = first(req.headers, "authorization");
  if (!header) {
    if (/[?&]X-Amz-Signature=/i.test(req.url)) throw new AuthError("IncompleteSignatureException", 400, "Query-string authentication is not supported by this endpoint; sign the Authorization header.");
    throw new AuthError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
  }
  if (!header.trim().startsWith(ALGORITHM)) throw new AuthError("IncompleteSignatureException", 400, `Unsupported authorization type; only ${ALGORITHM} is accepted.`);
  const auth = parseAuthorization(header);
  if (!auth)
    throw new AuthError(
      "IncompleteSignatureException",
      400,
      "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters, with Credential=<key>/<date>/<region>/<service>/aws4_request.",
    );
  if (auth.accessKeyId !== creds.accessKeyId) throw new AuthError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
  if (auth.service !== service) throw new AuthError("InvalidSignatureException", 403, `Credential should be scoped to correct service: '${service}'.`);
  // Not a region name: without this the request would be answered for the default region.
  if (!/^[a-z0-9-]{1,64}$/.test(auth.region)) throw new AuthError("InvalidSignatureException", 403, "Credential should be scoped to a valid region.");
  const amzDate = first(req.headers, "x-amz-date") ?? "";
  const at = parseAmzDate(amzDate);
  if (at === undefined) throw new AuthError("IncompleteSignatureException", 400, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (amzDate.slice(0, 8) !== auth.date) throw new AuthError("InvalidSignatureException", 403, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}'.`);
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
  if (Math.abs(now.getTime() - at) > MAX_SKEW_MS) {
    const later = at < now.getTime();
    throw new AuthError(
      "InvalidSignatureException",
      403,
      later
        ? `Signature expired: ${amzDate} is now earlier than ${stamp(now.getTime() - MAX_SKEW_MS)} (${stamp(now.getTime())} - 15 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${stamp(now.getTime() + MAX_SKEW_MS)} (${stamp(now.getTime())} + 15 min.)`,
    );
  }
  if (!auth.signedHeaders.includes("host")) throw new AuthError("InvalidSignatureException", 403, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  // The target picks the operation: left unsigned, a captured request could be replayed as any other (DeleteDomain).
  if (first(req.headers, "x-amz-target") !== undefined && !auth.signedHeaders.includes("x-amz-target")) throw new AuthError("InvalidSignatureException", 403, "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
  const payloadHash = first(req.headers, "x-amz-content-sha256") ?? sha256hex(req.body);
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256hex(req.body)) throw new AuthError("InvalidSignatureException", 403, INVALID_SIGNATURE);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256hex(canonicalRequest(req, auth.signedHeaders, payloadHash))].join("\n");
  const expected = createHmac("sha256", signingKey(creds.secretAccessKey, auth.date, auth.region, auth.service)).update(stringToSign, "utf8").digest();
  const given = /^[0-9a-f]{64}$/.test(auth.signature) ? Buffer.from(auth.signature, "hex") : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AuthError("InvalidSignatureException", 403, INVALID_SIGNATURE);
  return auth;
}
