// A loopback stand-in for the Voice ID service (JSON 1.0 protocol): records every request and
// answers from a table of canned responses (a body, {"__error": {...}}, or a list answered in turn).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  target: string;
  /** The request line's path, as sent. */
  path: string;
  body: unknown;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecorder(responses: Record<string, unknown> = {}): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* recorded as text */
      }
      requests.push({ target, path: req.url ?? "", body, contentType: String(req.headers["content-type"] ?? "").split(";")[0], headers: req.headers });
      const op = target.split(".").pop() ?? "";
      let entry = responses[op] ?? {};
      if (Array.isArray(entry)) {
        const n = calls.get(op) ?? 0;
        calls.set(op, n + 1);
        entry = entry.length ? entry[Math.min(n, entry.length - 1)] : {};
      }
      let status = 200;
      let payload = entry as Record<string, unknown>;
      if (payload && typeof payload === "object" && "__error" in payload) {
        const err = { ...(payload.__error as Record<string, unknown>) };
        status = Number(err.__status ?? 400);
        delete err.__status;
        payload = err;
      }
      const out = Buffer.from(JSON.stringify(payload));
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "content-length": out.length, "x-amzn-requestid": "rec" });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
