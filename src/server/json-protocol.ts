// AWS JSON 1.0 for Voice ID (spec §7): one request in, one response out. Routing, auth, parsing and error
// shapes only — every operation is answered by the engine it is given.
import { randomUUID } from "node:crypto";
import { ServiceError, type Document, type Engine } from "../engine/engine.js";
import { errorInfo, operation, service } from "../model/index.js";
import { shapeInput, SerializationError } from "./input-shape.js";
import { AuthError, signedRegion, verifySigV4, type Credentials, type SignedRequest } from "./sigv4.js";
import { toWire } from "../engine/local/wire.js";
import type { Throttle } from "./throttle.js";

export type ProtocolRequest = SignedRequest;

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ProtocolOptions {
  /** The engine answering a request; `region` is the SigV4 credential scope's region when the request is signed. */
  engineFor: (region: string | undefined) => Engine;
  /** With credentials, requests must carry a valid SigV4 signature made with them (--require-auth). */
  auth?: { credentials: Credentials; now?: () => Date };
  /** Operations under another target prefix (local-only extensions such as VoiceIDLocal.StartSession); no schema shaping. */
  extension?: { prefix: string; has(name: string): boolean; call(name: string, body: Record<string, unknown>, region: string | undefined): Promise<Document> };
  /** Rate limits per operation (`--throttle`): over the limit → 429 ThrottlingException. */
  throttle?: Throttle;
  /** One line per unexpected failure (never secrets, never request bodies). */
  log?: (line: string) => void;
}

export const CONTENT_TYPE = "application/x-amz-json-1.0";
const ACCEPTED_TYPES = new Set([CONTENT_TYPE, "application/json"]);
const CORAL = "com.amazon.coral.service#";

/** The error body every SDK understands: `__type` (full shape id), `Message`, typed members at the top level; plus X-Amzn-ErrorType. */
export function errorResponse(status: number, type: string, message: string, fields: Record<string, unknown> = {}, extra: Record<string, string> = {}): ProtocolResponse {
  const code = type.slice(type.indexOf("#") + 1);
  const body: Record<string, unknown> = { __type: type, Message: message };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null && k !== "Message") body[k] = v;
  return {
    status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": randomUUID(), "x-amzn-errortype": code, ...extra },
    body: JSON.stringify(body),
  };
}

function serviceErrorResponse(err: ServiceError): ProtocolResponse {
  const info = errorInfo(err.code);
  const namespace = info ? `${service().service.errorNamespace}#` : CORAL;
  return errorResponse(info?.httpStatus ?? 400, namespace + err.code, err.message, err.fields);
}

const unknownOperation = (status: number, message: string, extra?: Record<string, string>) => errorResponse(status, CORAL + "UnknownOperationException", message, {}, extra);

function mediaType(headers: SignedRequest["headers"]): string | undefined {
  const v = headers["content-type"]?.[0];
  return v === undefined ? undefined : v.split(";")[0].trim().toLowerCase();
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type Route = { kind: "model"; name: string } | { kind: "extension"; name: string };

/** `VoiceID.DescribeDomain` → the model's DescribeDomain; `<extension prefix>.<Name>` → that extension operation. */
function route(headers: SignedRequest["headers"], extension: ProtocolOptions["extension"]): Route | undefined {
  const target = headers["x-amz-target"]?.[0]?.trim() ?? "";
  const dot = target.indexOf(".");
  const prefix = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (dot > 0 && prefix === service().service.targetPrefix && Object.hasOwn(service().operations, name)) return { kind: "model", name };
  if (dot > 0 && extension && prefix === extension.prefix && extension.has(name)) return { kind: "extension", name };
  return undefined;
}

/** Answers one HTTP request. Never throws: every failure becomes an AWS-style error response. */
export async function handleRequest(req: ProtocolRequest, options: ProtocolOptions): Promise<ProtocolResponse> {
  try {
    const path = req.url.split("?")[0];
    if (path !== "/") return unknownOperation(404, `No operation at path '${path.slice(0, 200)}': send POST / with an X-Amz-Target header.`);
    if (req.method !== "POST") return unknownOperation(405, `Method ${req.method} is not allowed: Voice ID accepts POST / only.`, { allow: "POST" });
    if (options.auth) verifySigV4(req, options.auth.credentials, service().service.signingName, options.auth.now?.() ?? new Date());
    const type = mediaType(req.headers);
    if (type !== undefined && !ACCEPTED_TYPES.has(type)) return unknownOperation(415, `Unsupported Content-Type '${type.slice(0, 100)}': send ${CONTENT_TYPE}.`);
    if ((req.headers["x-amz-target"]?.length ?? 0) > 1) return unknownOperation(400, "More than one X-Amz-Target header: send exactly one, naming the operation.");
    const target = route(req.headers, options.extension);
    if (!target) {
      const given = req.headers["x-amz-target"]?.[0];
      return unknownOperation(400, given ? `Unknown operation '${given.slice(0, 200)}' (X-Amz-Target must be VoiceID.<Operation>).` : "Missing X-Amz-Target header: it must name the operation, e.g. VoiceID.DescribeDomain.");
    }
    if (target.kind === "model") options.throttle?.take(target.name);
    let body: unknown = {};
    if (req.body.length) {
      let text: string;
      try {
        text = STRICT_UTF8.decode(req.body); // not toString(): that would turn bad bytes into U+FFFD silently
      } catch {
        return errorResponse(400, CORAL + "SerializationException", "The request body is not valid UTF-8.");
      }
      try {
        body = JSON.parse(text);
      } catch {
        return errorResponse(400, CORAL + "SerializationException", "The request body is not valid JSON.");
      }
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) return errorResponse(400, CORAL + "SerializationException", "The request body must be a JSON object.");
    const region = signedRegion(req.headers);
    let output: Document;
    if (target.kind === "extension") output = await options.extension!.call(target.name, body as Record<string, unknown>, region);
    else output = await options.engineFor(region).call(target.name, shapeInput(target.name, body));
    const empty = target.kind === "model" && operation(target.name)?.output === undefined;
    return {
      status: 200,
      headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": randomUUID() },
      body: empty ? "" : JSON.stringify(toWire(target.name, output)),
    };
  } catch (err) {
    if (err instanceof ServiceError) return serviceErrorResponse(err);
    if (err instanceof AuthError) return errorResponse(err.status, CORAL + err.code, err.message);
    if (err instanceof SerializationError) return errorResponse(400, CORAL + "SerializationException", err.message);
    const requestId = randomUUID();
    options.log?.(`internal error (request ${requestId}): ${err instanceof Error ? err.message : String(err)}`);
    return { ...errorResponse(500, service().service.errorNamespace + "#InternalServerException", `An internal error occurred (request ${requestId}).`), headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId, "x-amzn-errortype": "InternalServerException" } };
  }
}
