// A real `local serve` server on 127.0.0.1:0 over a temp store, and SDK clients pointed at it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VoiceIDClient } from "@aws-sdk/client-voice-id";
import { encodeWav } from "../../src/cli/local/demo-voices.js";
import { startLocalServer, type LocalServer, type LocalServerOptions } from "../../src/server/local.js";

export const CREDS = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" };

export interface TestServer {
  server: LocalServer;
  home: string;
  url: string;
  client(options?: { region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } }): VoiceIDClient;
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<LocalServerOptions> = {}, env: Record<string, string> = {}): Promise<TestServer> {
  const home = mkdtempSync(join(tmpdir(), "voice-id-serve-"));
  const server = await startLocalServer({ env: { VOICE_ID_HOME: home, ...env }, port: 0, ...options });
  const clients: VoiceIDClient[] = [];
  return {
    server,
    home,
    url: server.url,
    client(o = {}) {
      const c = new VoiceIDClient({ endpoint: server.url, region: o.region ?? "us-east-1", credentials: o.credentials ?? CREDS, maxAttempts: 1 });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

/** A raw JSON 1.0 request (no signature), for protocol-level cases the SDK never produces. */
export async function rawCall(url: string, target: string | undefined, body: string | undefined, init: { method?: string; path?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "content-type": "application/x-amz-json-1.0", ...init.headers };
  if (target !== undefined) headers["x-amz-target"] = target;
  const res = await fetch(url + (init.path ?? "/"), { method: init.method ?? "POST", headers, body });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A mono 8 kHz PCM-16 WAV of a steady tone: valid audio, never enough speech to authenticate. */
export function toneWav(seconds: number): Buffer {
  const x = new Float32Array(seconds * 8000);
  for (let i = 0; i < x.length; i++) x[i] = 0.25 * Math.sin((2 * Math.PI * 440 * i) / 8000);
  return encodeWav([x]);
}

/** Whether this machine can bind ::1 (some CI containers have no IPv6): tests of IPv6 binding skip without it. */
export async function canBindIpv6Loopback(): Promise<boolean> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(0, "::1", () => probe.close(() => resolve(true)));
  });
}
