// The loopback HTTP listener of `voice-id local serve`: reads bodies with a size limit and a deadline,
// hands each request to the JSON protocol, and stops gracefully (no new connections, in-flight requests finish).
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Engine } from "../engine/engine.js";
import type { Credentials } from "./sigv4.js";
import { errorResponse, handleRequest, type ProtocolOptions, type ProtocolResponse } from "./json-protocol.js";
import { foreignHostProblem, isLoopbackAddress } from "./host-guard.js";

export interface ServerOptions {
  /** The engine answering requests (the same LocalEngine the CLI uses). */
  engine: Engine;
  /** Engine for a SigV4 scope region other than the default (ARNs carry the caller's region, spec §4.7). */
  engineFor?: (region: string | undefined) => Engine;
  host?: string;
  port?: number;
  /** Largest request body accepted; larger ones get 413. Voice ID inputs are a few KiB at most. */
  maxBodyBytes?: number;
  /** A request whose headers and body have not fully arrived by then gets 408 and its connection closed. */
  requestTimeoutMs?: number;
  /** How long close() lets in-flight requests finish before cutting connections. */
  drainTimeoutMs?: number;
  /** Require AWS SigV4 signatures made with these credentials. */
  auth?: { credentials: Credentials; now?: () => Date };
  /** Rate limits per operation (see ProtocolOptions.throttle). */
  throttle?: ProtocolOptions["throttle"];
  /** Extra operations under their own target prefix (see ProtocolOptions.extension). */
  extension?: ProtocolOptions["extension"];
  log?: (line: string) => void;
}

export interface RunningServer {
  /** http://host:port (IPv6 hosts in brackets). */
  url: string;
  host: string;
  port: number;
  /** Stops accepting, lets requests in flight finish (up to drainTimeoutMs), then resolves. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, r: ProtocolResponse, closeConnection: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...r.headers, "content-length": Buffer.byteLength(r.body) };
  if (closeConnection) headers.connection = "close";
  res.writeHead(r.status, headers);
  res.end(r.body);
}

const requestTimedOut = () => errorResponse(408, "com.amazon.coral.service#RequestTimeoutException", "The request did not arrive in time.");

/** A whole HTTP/1.1 answer as bytes, for a socket Node's HTTP parser has given up on (no ServerResponse exists). */
function rawResponse(r: ProtocolResponse): string {
  const headers = { ...r.headers, "content-length": Buffer.byteLength(r.body), connection: "close" };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ""}\r\n${lines.join("\r\n")}\r\n\r\n${r.body}`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const protocol: ProtocolOptions = {
    engineFor: options.engineFor ?? (() => options.engine),
    auth: options.auth,
    extension: options.extension,
    throttle: options.throttle,
    log: options.log,
  };
  let closing = false;
  // Decided by the address actually bound (set in listen's callback, before any request): "0:0:0:0:0:0:0:1" and
  // "::ffff:127.0.0.1" are loopback too, and a name may resolve to one.
  let guardHost = true;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    /**
     * Answers before the body is read. A client still sending when the socket closes gets a reset instead of the
     * answer, so a body that is merely too large is read to its end and dropped (Node does that for a kept-alive
     * connection; the request timeout bounds it). Other faults close the connection once the answer is out.
     */
    const fail = (r: ProtocolResponse, drainBody = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      send(res, r, !drainBody || closing);
      req.resume();
      if (!drainBody) res.once("finish", () => req.socket.destroySoon?.());
    };
    const timer = setTimeout(() => fail(requestTimedOut()), requestTimeoutMs);
    // Two Host headers: which one a proxy and which one we would believe is anyone's guess (RFC 9112 §3.2: 400).
    const hosts = req.headersDistinct.host;
    if (hosts && hosts.length > 1) return fail({ status: 400, headers: { "content-type": "text/plain" }, body: "A request must carry one Host header.\n" });
    const foreignHost = guardHost ? foreignHostProblem(hosts?.[0]) : undefined;
    if (foreignHost) return fail(errorResponse(403, "com.amazonaws.voiceid#AccessDeniedException", foreignHost));
    const declared = Number(req.headers["content-length"]);
    if (declared > maxBody) return fail(errorResponse(413, "com.amazon.coral.service#RequestEntityTooLargeException", `Request body of ${declared} bytes exceeds the limit of ${maxBody} bytes.`), true);
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBody) return fail(errorResponse(413, "com.amazon.coral.service#RequestEntityTooLargeException", `Request body exceeds the limit of ${maxBody} bytes.`), true);
      chunks.push(chunk);
    });
    req.on("error", () => {
      done = true;
      clearTimeout(timer);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headersDistinct, body: Buffer.concat(chunks, size) };
      handleRequest(request, protocol).then(
        (r) => send(res, r, closing),
        // handleRequest never rejects; this is the last line of defence against a hang.
        () => send(res, errorResponse(500, "com.amazonaws.voiceid#InternalServerException", "An internal error occurred."), true),
      );
    });
  };

  const server = createServer({ requestTimeout: requestTimeoutMs + 5_000, headersTimeout: Math.min(requestTimeoutMs, 60_000), connectionsCheckingInterval: 1_000, keepAliveTimeout: 5_000 }, onRequest);
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    // headers that never finish arriving: the same 408 answer as a body that stalls
    if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") socket.end(rawResponse(requestTimedOut()));
    else socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      guardHost = isLoopbackAddress((server.address() as AddressInfo).address);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      closing = true;
      const cut = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
      cut.unref();
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    }));

  return { url: `http://${urlHost}:${address.port}`, host: address.address, port: address.port, close };
}
