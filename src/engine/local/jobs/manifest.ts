// Reads a job's manifest from the local object store and checks it in two layers (spec §1.7): the envelope
// (a violation fails the whole job) and each request (a violation fails only that request, ErrorCode 400).
import { readRegularFile } from "../regular-file.js";
import { S3PathError, parseS3Uri } from "../s3-path.js";
import { validateDocument, type Violation } from "../../../validate/index.js";
import type { JobKind } from "./transitions.js";

export const MANIFEST_INFO = {
  SPEAKER_ENROLLMENT: { schema: "speaker-enrollment", requestSchema: "speaker-enrollment-request", list: "SpeakerEnrollmentRequests", max: 10_000 },
  FRAUDSTER_REGISTRATION: { schema: "fraudster-registration", requestSchema: "fraudster-registration-request", list: "FraudsterRegistrationRequests", max: 500 },
} as const;

/** A whole-job failure: becomes FailureDetails {StatusCode, Message}. */
export class JobFailure extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "JobFailure";
  }
}

type Json = Record<string, unknown>;

/** JSON.parse into null-prototype objects, so user keys such as "__proto__" or "constructor" are plain data. */
export function parseUserJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.assign(Object.create(null) as Json, value) : value,
  );
}

/** The manifest file's bytes; throws JobFailure(400) naming the URI when it is missing or cannot be read. */
export function readManifestBytes(uri: string, path: string): Uint8Array {
  const read = readRegularFile(path);
  if (!read.ok) {
    if (read.kind === "missing") throw new JobFailure(400, `Manifest ${uri} not found.`);
    const why = read.kind === "unreadable" ? read.code : read.kind === "folder" ? "a folder, not a file" : "not a regular file";
    throw new JobFailure(400, `Manifest ${uri} cannot be read (${why}).`);
  }
  return read.bytes;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The manifest as text. Bad UTF-8 fails the job: decoding it to U+FFFD would echo ids the caller never wrote. */
function manifestText(uri: string, bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    // Where: the first U+FFFD of a lenient decode that the bytes do not spell out (EF BF BD); every one before it
    // was real, so the byte length of the text before it is its offset.
    const loose = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes); // a BOM kept, so offsets stay byte-true
    let offset = 0;
    for (let i = loose.indexOf("\ufffd"); i >= 0; i = loose.indexOf("\ufffd", i + 1)) {
      offset = Buffer.byteLength(loose.slice(0, i));
      if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    }
    throw new JobFailure(400, `Manifest ${uri} is not valid UTF-8 text: byte ${offset} (0x${bytes[offset]!.toString(16).padStart(2, "0")}) begins no valid character.`);
  }
}

/** The manifest's requests, after the envelope checks; throws JobFailure(400) naming the URI and the problem. */
export function parseManifest(kind: JobKind, uri: string, bytes: Uint8Array): unknown[] {
  const info = MANIFEST_INFO[kind];
  const text = manifestText(uri, bytes);
  let doc: unknown;
  try {
    doc = parseUserJson(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    if (err instanceof RangeError) throw new JobFailure(400, `Manifest ${uri} is not valid JSON: it nests too deeply.`); // the stack ran out
    // V8's message quotes the text it choked on: control bytes (a WAV named as the manifest) become '?'
    throw new JobFailure(400, `Manifest ${uri} is not valid JSON: ${(err as Error).message.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, "?")}.`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new JobFailure(400, `Manifest ${uri} must be a JSON object.`);
  const violations = validateDocument("manifests", info.schema, doc);
  if (violations.length) throw new JobFailure(400, `Manifest ${uri} is invalid: ${envelopeProblem(info, violations[0]!)}.`);
  return (doc as Json)[info.list] as unknown[];
}

function envelopeProblem(info: (typeof MANIFEST_INFO)[JobKind], v: Violation): string {
  const member = v.path.join(".");
  if (v.rule === "required") return `${member} is missing`;
  if (member === "Version") return `Version must be "1.0"`;
  if (v.rule === "maxItems") {
    const n = Array.isArray(v.value) ? v.value.length : "too many";
    return `${info.list} holds ${n} requests; at most ${info.max} are allowed per job`;
  }
  if (v.rule === "minItems") return `${info.list} is empty`;
  if (v.rule === "type") return `${member} must be ${v.limit === "array" ? "a list" : `of type ${String(v.limit)}`}`;
  return `${member} fails ${v.rule}`;
}

/** A request entry after validation: what the runner processes. */
export interface ManifestRequest {
  index: number;
  requestId: string;
  speakerId?: string;
  audio: { uri: string; channel: number }[];
}

export type CheckedRequest = { ok: true; request: ManifestRequest } | { ok: false; index: number; requestId: string; message: string };

/**
 * Per-request checks in manifest order (spec §1.4 step 1): the request schema, generated speaker ids,
 * duplicate RequestIds (the second and later occurrences fail, whether or not the first one was valid).
 */
export function checkRequests(kind: JobKind, requests: unknown[]): CheckedRequest[] {
  const info = MANIFEST_INFO[kind];
  const seen = new Set<string>();
  return requests.map((raw, index): CheckedRequest => {
    const entry = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Json) : undefined;
    const requestId = typeof entry?.RequestId === "string" ? entry.RequestId : String(entry?.RequestId ?? "");
    const fail = (message: string): CheckedRequest => ({ ok: false, index, requestId, message });
    if (!entry) return fail("Request must be a JSON object.");
    // An invalid request takes its RequestId too: it is echoed in Errors, and the output must not list an id twice.
    const duplicate = seen.has(requestId);
    if (entry.RequestId != null) seen.add(requestId);
    const violations = validateDocument("manifests", info.requestSchema, entry);
    if (violations.length) return fail(requestProblem(violations[0]!));
    if (duplicate) return fail(`Duplicate RequestId '${requestId}'.`);
    const speakerId = kind === "SPEAKER_ENROLLMENT" ? (entry.SpeakerId as string) : undefined;
    const specs = entry.AudioSpecifications as Json[];
    return {
      ok: true,
      request: { index, requestId, speakerId, audio: specs.map((s) => ({ uri: s.S3Uri as string, channel: s.ChannelId as number })) },
    };
  });
}

/** What is wrong with an S3Uri the request schema refused: the bucket or form when that is it, else the general rule. */
function s3UriProblem(value: unknown): string {
  if (typeof value === "string" && value.length <= 1024) {
    try {
      parseS3Uri(value);
    } catch (err) {
      if (err instanceof S3PathError) return `is not usable: ${err.message}`;
      throw err;
    }
  }
  return "must be an s3:// URI of at most 1024 characters.";
}

/** The spec's per-request wording (§1.7) for a request-schema violation. */
function requestProblem(v: Violation): string {
  const member = v.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "").replace(/\.\[/g, "[");
  const last = v.path[v.path.length - 1];
  if (v.path[0] === "AudioSpecifications" && v.path.length === 1 && (v.rule === "minItems" || v.rule === "maxItems" || v.rule === "type")) {
    return "AudioSpecifications must contain 1 to 10 entries.";
  }
  if (last === "ChannelId" && v.rule !== "required") return "ChannelId must be 0 or 1.";
  if (last === "SpeakerId" && v.rule === "pattern" && typeof v.value === "string" && v.value.startsWith("id#")) {
    return "SpeakerId must be a CustomerSpeakerId; generated ids (id#...) are not supported.";
  }
  if (v.rule === "required") return `${member} is required.`;
  if (v.rule === "additionalProperties") return `${member} is not a known member.`;
  if (last === "S3Uri") return `${member} ${s3UriProblem(v.value)}`;
  if (v.rule === "type") return `${member} must be of type ${String(v.limit)}.`;
  return `${member} is invalid (${v.rule}${v.limit !== undefined ? ` ${JSON.stringify(v.limit)}` : ""}).`;
}
