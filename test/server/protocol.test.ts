// Protocol-level behaviour of `local serve` over raw HTTP: routing, parsing, error shapes, limits, graceful stop.
import { request } from "node:http";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/server/http-server.js";
import { canBindIpv6Loopback, rawCall, startTestServer, type TestServer } from "./helpers.js";

const SSE = { KmsKeyId: "alias/local" };

describe("local serve: AWS JSON 1.0 protocol", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxBodyBytes: 4096 });
  });
  afterAll(async () => t.close());

  it("answers a call with 200, the JSON 1.0 content type, a request id and epoch-second timestamps", async () => {
    const r = await rawCall(t.url, "VoiceID.CreateDomain", JSON.stringify({ Name: "proto", ServerSideEncryptionConfiguration: SSE }));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/x-amz-json-1.0");
    expect(r.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const domain = r.json!.Domain as Record<string, unknown>;
    expect(typeof domain.CreatedAt).toBe("number");
    expect(domain.CreatedAt as number).toBeGreaterThan(1.7e9);
    expect(domain.CreatedAt as number).toBeLessThan(1e11);
    expect(domain).not.toHaveProperty("Description"); // absent members are omitted, never null
  });

  it("answers only requests addressed to a loopback name while bound to loopback (DNS rebinding)", async () => {
    const port = new URL(t.url).port;
    const withHost = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(t.url, { method: "POST", headers: { host, "x-amz-target": "VoiceID.ListDomains", "content-type": "application/x-amz-json-1.0" } }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        });
        req.on("error", reject);
        req.end("{}");
      });
    const refused = await withHost(`attacker.example:${port}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ __type: "com.amazonaws.voiceid#AccessDeniedException", Message: expect.stringContaining("Host 'attacker.example:" + port + "' is not a loopback name") });
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.0.0.2`, `[::1]:${port}`, `voice-id.localhost:${port}`, `LOCALHOST`]) {
      expect((await withHost(host)).status, host).toBe(200);
    }
  });

  it("refuses a request with two Host headers (400), whichever of them is a loopback name", async () => {
    const { port } = new URL(t.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(`POST / HTTP/1.1\r\nHost: localhost:${port}\r\nHost: attacker.example\r\nX-Amz-Target: VoiceID.ListDomains\r\nContent-Length: 2\r\n\r\n{}`);
      });
      let buf = "";
      socket.on("data", (d) => (buf += d));
      socket.on("end", () => resolve(buf));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain("A request must carry one Host header.");
    expect(reply).not.toContain("DomainSummaries");
  });

  it("answers a body over the limit with 413 and reads the rest, so a client still sending sees the answer, not a reset", async () => {
    const { port } = new URL(t.url);
    const rest = Buffer.alloc(8 * 1024 * 1024, 0x61); // far past the 4 KiB limit and what socket buffers hold
    for (const declared of [true, false]) {
      const r = await new Promise<{ reply: string; error?: string }>((resolve) => {
        const head = declared ? `Content-Length: ${8192 + rest.length}` : "Transfer-Encoding: chunked";
        const first = Buffer.alloc(8192, 0x61);
        const socket = connect(Number(port), "127.0.0.1", () => {
          socket.write(`POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: VoiceID.ListDomains\r\nContent-Type: application/x-amz-json-1.0\r\n${head}\r\n\r\n`);
          socket.write(declared ? first : Buffer.concat([Buffer.from(`${first.length.toString(16)}\r\n`), first, Buffer.from("\r\n")]));
        });
        let reply = "";
        let error: string | undefined;
        let sending = false;
        socket.on("data", (d) => {
          reply += d;
          if (sending || !/\r\n\r\n/.test(reply)) return;
          // The answer is here and the client is still sending (Python's http.client, say, reads only after
          // sending it all): the rest must go through, not fail with EPIPE / ECONNRESET.
          sending = true;
          const tail = declared ? rest : Buffer.concat([Buffer.from(`${rest.length.toString(16)}\r\n`), rest, Buffer.from("\r\n0\r\n\r\n")]);
          socket.write(tail, (err) => {
            if (!err) setTimeout(() => socket.destroy(), 50);
          });
        });
        socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code));
        socket.on("close", () => resolve({ reply, error }));
      });
      expect(r.error, declared ? "content-length" : "chunked").toBeUndefined();
      expect(r.reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(r.reply).toContain("RequestEntityTooLargeException");
    }
    expect((await rawCall(t.url, "VoiceID.ListDomains", "{}")).status).toBe(200); // and the server carries on
  });

  it("treats an empty body as {} and accepts application/json or no content type", async () => {
    expect((await rawCall(t.url, "VoiceID.ListDomains", "")).status).toBe(200);
    expect((await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: { "content-type": "application/json" } })).status).toBe(200);
    const res = await fetch(t.url, { method: "POST", headers: { "x-amz-target": "VoiceID.ListDomains" } });
    expect(res.status).toBe(200);
  });

  it("ignores unknown members and JSON nulls", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", JSON.stringify({ MaxResults: 2, Bogus: 1, NextToken: null }));
    expect(r.status).toBe(200);
  });

  it("answers invalid JSON with 400 SerializationException", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{not json");
    expect(r.status).toBe(400);
    expect(r.json!.__type).toMatch(/#SerializationException$/);
    expect(r.headers.get("x-amzn-errortype")).toBe("SerializationException");
    expect(r.json!.Message).toBeTruthy();
  });

  it("answers a wrong JSON type with SerializationException and a non-object body likewise", async () => {
    const r = await rawCall(t.url, "VoiceID.DescribeDomain", JSON.stringify({ DomainId: 42 }));
    expect(r.status).toBe(400);
    expect(r.json!.__type).toMatch(/#SerializationException$/);
    expect(r.json!.Message).toContain("DomainId");
    expect((await rawCall(t.url, "VoiceID.ListDomains", "[]")).json!.__type).toMatch(/#SerializationException$/);
    const huge = await rawCall(t.url, "VoiceID.ListDomains", '{"MaxResults": 1e400}'); // Infinity to JSON.parse
    expect([huge.status, huge.json]).toEqual([400, { __type: "com.amazon.coral.service#SerializationException", Message: "The number at 'MaxResults' is too large to represent." }]);
  });

  it("refuses a body that is not UTF-8 and a request with two X-Amz-Target headers, instead of guessing", async () => {
    const send = (headers: Record<string, string | string[]>, body: Buffer) =>
      new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
        const req = request(t.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0", ...headers } }, (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const latin1 = await send({ "x-amz-target": "VoiceID.ListDomains" }, Buffer.from('{"NextToken":"caf\xe9"}', "latin1"));
    expect(latin1).toEqual({ status: 400, json: { __type: "com.amazon.coral.service#SerializationException", Message: "The request body is not valid UTF-8." } });
    const two = await send({ "x-amz-target": ["VoiceID.ListDomains", "VoiceID.DeleteDomain"] }, Buffer.from("{}"));
    expect(two.status).toBe(400);
    expect(two.json).toMatchObject({ __type: expect.stringMatching(/#UnknownOperationException$/), Message: "More than one X-Amz-Target header: send exactly one, naming the operation." });
    expect((await send({ "x-amz-target": "VoiceID.ListDomains" }, Buffer.from('{"NextToken":null}'))).status).toBe(200);
  });

  it("answers a null in a list of structures, or a fraction for an integer, with SerializationException naming where", async () => {
    const nullTag = await rawCall(t.url, "VoiceID.CreateDomain", JSON.stringify({ Name: "x", ServerSideEncryptionConfiguration: { KmsKeyId: "k" }, Tags: [{ Key: "a", Value: "b" }, null] }));
    expect(nullTag.status).toBe(400);
    expect(nullTag.json).toMatchObject({ __type: expect.stringMatching(/#SerializationException$/), Message: "Expected an object at 'Tags[1]' but found a null." });
    const fraction = await rawCall(t.url, "VoiceID.ListDomains", JSON.stringify({ MaxResults: 5.5 }));
    expect(fraction.status).toBe(400);
    expect(fraction.json).toMatchObject({ __type: expect.stringMatching(/#SerializationException$/), Message: "Expected an integer at 'MaxResults' but found 5.5." });
  });

  it("answers unknown or missing targets with 400 UnknownOperationException", async () => {
    for (const target of ["VoiceID.DescribeNothing", "Other.DescribeDomain", "VoiceID.constructor", "VoiceID.__proto__", "VoiceID.", undefined]) {
      const r = await rawCall(t.url, target, "{}");
      expect(r.status).toBe(400);
      expect(r.json!.__type).toMatch(/#UnknownOperationException$/);
      expect(r.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    }
  });

  it("answers wrong methods with 405 and other paths with 404, both UnknownOperationException", async () => {
    const get = await rawCall(t.url, "VoiceID.ListDomains", undefined, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(get.json!.__type).toMatch(/#UnknownOperationException$/);
    const path = await rawCall(t.url, "VoiceID.ListDomains", "{}", { path: "/domains" });
    expect(path.status).toBe(404);
    expect(path.json!.__type).toMatch(/#UnknownOperationException$/);
  });

  it("refuses other content types with a 4xx", async () => {
    const r = await rawCall(t.url, "VoiceID.ListDomains", "{}", { headers: { "content-type": "text/plain" } });
    expect(r.status).toBe(415);
    expect(r.json!.__type).toMatch(/#UnknownOperationException$/);
  });

  it("refuses bodies over the size limit with 413", async () => {
    const big = JSON.stringify({ Name: "x", Description: "a".repeat(8000), ServerSideEncryptionConfiguration: SSE });
    const r = await rawCall(t.url, "VoiceID.CreateDomain", big);
    expect(r.status).toBe(413);
    expect(r.json!.__type).toMatch(/RequestEntityTooLargeException$/);
  });

  it("reports validation failures as 400 ValidationException in the service's words", async () => {
    const r = await rawCall(t.url, "VoiceID.DescribeDomain", JSON.stringify({ DomainId: "abc" }));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ __type: "com.amazonaws.voiceid#ValidationException" });
    expect(r.json!.Message).toMatch(/^\d+ validation errors? detected: Value 'abc' at 'domainId' failed to satisfy constraint/);
    expect(r.headers.get("x-amzn-errortype")).toBe("ValidationException");
  });

  it("reports modelled errors with their status, full __type and typed members", async () => {
    const r = await rawCall(t.url, "VoiceID.DescribeDomain", JSON.stringify({ DomainId: "A".repeat(22) }));
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ __type: "com.amazonaws.voiceid#ResourceNotFoundException", ResourceType: "DOMAIN" });
    expect(r.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
  });

  it("answers Delete operations with an empty body and Tag operations with {}", async () => {
    const created = await rawCall(t.url, "VoiceID.CreateDomain", JSON.stringify({ Name: "to-delete", ServerSideEncryptionConfiguration: SSE }));
    const domain = created.json!.Domain as { DomainId: string; Arn: string };
    const tag = await rawCall(t.url, "VoiceID.TagResource", JSON.stringify({ ResourceArn: domain.Arn, Tags: [{ Key: "k", Value: "v" }] }));
    expect(tag.text).toBe("{}");
    const del = await rawCall(t.url, "VoiceID.DeleteDomain", JSON.stringify({ DomainId: domain.DomainId }));
    expect(del.status).toBe(200);
    expect(del.text).toBe("");
    expect(del.headers.get("content-type")).toBe("application/x-amz-json-1.0");
  });

  it("survives garbage on the socket", async () => {

    const port = Number(new URL(t.url).port);
    const reply = await new Promise<string>((resolve) => {
      const s = connect(port, "127.0.0.1", () => s.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      s.on("data", (d) => (data += d));
      s.on("close", () => resolve(data));
      s.on("error", () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await rawCall(t.url, "VoiceID.ListDomains", "{}")).status).toBe(200);
  });
});

describe("local serve: slow clients and graceful stop", () => {
  it("answers a body that never finishes with 408 instead of hanging", async () => {
    const t = await startTestServer();
    const slow = await startServer({ engine: t.server.engine, requestTimeoutMs: 300 });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(slow.url, { method: "POST", headers: { "x-amz-target": "VoiceID.ListDomains", "content-length": "100" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.write("{");
      });
      expect(status).toBe(408);
    } finally {
      await slow.close();
      await t.close();
    }
  });

  it("answers headers that never finish with the same 408 JSON error", async () => {
    const t = await startTestServer();
    const slow = await startServer({ engine: t.server.engine, requestTimeoutMs: 300 });
    try {
      const reply = await new Promise<string>((resolve) => {
        const s = connect(Number(new URL(slow.url).port), "127.0.0.1", () => s.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: VoiceID.ListDomains\r\n"));
        let data = "";
        s.on("data", (d) => (data += d));
        s.on("close", () => resolve(data));
        s.on("error", () => resolve(data));
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(reply).toMatch(/\r\nx-amzn-errortype: RequestTimeoutException\r\n/);
      const body = reply.slice(reply.indexOf("\r\n\r\n") + 4);
      expect(JSON.parse(body)).toEqual({ __type: "com.amazon.coral.service#RequestTimeoutException", Message: "The request did not arrive in time." });
    } finally {
      await slow.close();
      await t.close();
    }
  });

  it("finishes a request in flight when closed, then refuses new connections", async () => {
    const t = await startTestServer();
    const port = Number(new URL(t.url).port);
    // Start a request whose body arrives after close() was called.
    const pending = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", headers: { "x-amz-target": "VoiceID.ListDomains", "content-length": "2" } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("{");
      setTimeout(() => {
        void closing;
        req.end("}");
      }, 100);
    });
    await new Promise((r) => setTimeout(r, 30));
    const closing = t.close();
    const done = await pending;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toHaveProperty("DomainSummaries");
    await closing;
    await expect(fetch(t.url, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});

describe("local serve: no input makes it fail (5xx) or hang", () => {
  it("answers every operation with a 4xx or 200 for empty, wrongly typed and oversized members", async () => {
    const { operations, inputMembers } = await import("../../src/model/index.js");
    const t = await startTestServer();
    try {
      const odd: unknown[] = [1.5, -1, "", "x".repeat(3000), [], {}, true, "id#AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA", "s3://b/../../etc/passwd"];
      for (const op of operations()) {
        const members = inputMembers(op).map(([name]) => name);
        const bodies: Record<string, unknown>[] = [{}];
        for (const v of odd) bodies.push(Object.fromEntries(members.map((m) => [m, v])));
        for (const body of bodies) {
          const r = await rawCall(t.url, `VoiceID.${op.name}`, JSON.stringify(body));
          expect(r.status, `${op.name} ${JSON.stringify(body).slice(0, 120)} → ${r.text.slice(0, 200)}`).toBeLessThan(500);
          expect(r.json?.Message ?? "", op.name).not.toMatch(/\n\s+at /);
        }
      }
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!(await canBindIpv6Loopback()))("local serve: the DNS rebinding guard follows the address bound, however --host spelled it", () => {
  for (const host of ["0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"]) {
    it(`guards a server bound to ${host}`, async () => {
      const t = await startTestServer({ host });
      try {
        const call = (hostHeader?: string) =>
          new Promise<number>((resolve, reject) => {
            const headers: Record<string, string> = { "x-amz-target": "VoiceID.ListDomains", "content-type": "application/x-amz-json-1.0" };
            if (hostHeader) headers.host = hostHeader;
            const req = request(t.url, { method: "POST", headers }, (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode!));
            });
            req.on("error", reject);
            req.end("{}");
          });
        expect(await call()).toBe(200); // the URL's own host, e.g. [::1]:PORT
        expect(await call("attacker.example")).toBe(403);
      } finally {
        await t.close();
      }
    });
  }
});

describe("local serve while another process holds the store's write lock", () => {
  it("keeps answering: reads at once, a write as soon as the lock is free", async () => {
    const t = await startTestServer();
    // the other process: an sqlite3 session with a transaction open (a stopped voice-id command looks the same)
    const other = new Sqlite(join(t.home, "voice-id.db"));
    try {
      other.exec("BEGIN IMMEDIATE; CREATE TABLE held_by_test (x); ");
      let writeDone = false;
      const write = rawCall(t.url, "VoiceID.CreateDomain", JSON.stringify({ Name: "waits", ServerSideEncryptionConfiguration: SSE })).finally(() => (writeDone = true));
      await new Promise((r) => setTimeout(r, 200));
      // the write waits for the lock; a read does not wait for the write
      const read = await rawCall(t.url, "VoiceID.ListDomains", "{}");
      expect(read.status).toBe(200);
      expect(read.json).toEqual({ DomainSummaries: [] });
      expect(writeDone).toBe(false);
      other.exec("ROLLBACK");
      const created = await write;
      expect(created.status).toBe(200);
      expect((created.json!.Domain as Record<string, unknown>).Name).toBe("waits");
    } finally {
      other.close();
      await t.close();
    }
  });
});
