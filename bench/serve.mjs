// bench/serve.mjs — DescribeDomain throughput and p50/p99 latency of `voice-id local serve` over loopback with N
// concurrent keep-alive clients, side by side with a bare node:http server answering a canned body (same run).
// Each server runs in its own child process (as it would in real use); the load generator runs here.
// The two servers take turns (--rounds, alternating order) so a burst of load from elsewhere on the machine
// hits both alike; latencies are pooled over the rounds.
//   npm run build && node bench/serve.mjs [--concurrency 16] [--duration 5] [--warmup 1] [--rounds 3]
import { spawn } from "node:child_process";
import { createServer, Agent, request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "16" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    rounds: { type: "string", default: "3" },
    child: { type: "string" },
  },
});

// ---- child mode: one server, prints {url, domainId} as its first line, exits on stdin close ----
if (values.child) {
  let url;
  let domainId = "AbCdEfGhIjKlMnOpQrStUv";
  let close;
  if (values.child === "bare") {
    const body = JSON.stringify({ Domain: { Arn: `arn:aws:voiceid:us-east-1:000000000000:domain/${domainId}`, CreatedAt: 1767225600.125, DomainId: domainId, DomainStatus: "ACTIVE", Name: "bench", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/bench" }, UpdatedAt: 1767225600.125, WatchlistDetails: { DefaultWatchlistId: "ZyXwVuTsRqPoNmLkJiHgFe" } } });
    const server = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        JSON.parse(Buffer.concat(chunks).toString() || "{}");
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": crypto.randomUUID(), "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${server.address().port}`;
    close = () => new Promise((r) => server.close(r));
  } else {
    const { startLocalServer } = await import("../dist/server/local.js");
    const home = mkdtempSync(join(tmpdir(), "voice-id-bench-serve-"));
    const server = await startLocalServer({ env: { VOICE_ID_HOME: home }, port: 0 });
    const out = await server.engine.call("CreateDomain", { Name: "bench", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/bench" } });
    domainId = out.Domain.DomainId;
    url = server.url;
    close = async () => {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    };
  }
  process.stdout.write(JSON.stringify({ url, domainId }) + "\n");
  process.stdin.resume();
  process.stdin.on("end", async () => {
    await close();
    process.exit(0);
  });
} else {
  await main();
}

function startChild(kind) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child", kind], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve({ child, ...JSON.parse(buf.slice(0, nl)) });
    });
    child.on("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

/** N clients, each with one keep-alive connection, sending DescribeDomain back to back for `seconds`. */
async function load(url, domainId, concurrency, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const u = new URL(url);
  const body = JSON.stringify({ DomainId: domainId });
  const headers = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "VoiceID.DescribeDomain", "content-length": Buffer.byteLength(body) };
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ host: u.hostname, port: u.port, method: "POST", path: "/", agent, headers }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, errors, elapsed };
}

function summary(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((t, r) => t + r.elapsed, 0);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors: runs.reduce((n, r) => n + r.errors, 0), rps: latencies.length / elapsed, p50: pct(50), p99: pct(99) };
}

async function main() {
  const concurrency = Number(values.concurrency);
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  console.log(`DescribeDomain over loopback: ${concurrency} keep-alive clients, ${duration} s per server in ${values.rounds} alternating rounds (after ${warmup} s warm-up), ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}, node ${process.version}`);
  const rounds = Number(values.rounds);
  const servers = { bare: await startChild("bare"), "voice-id": await startChild("voice-id") };
  const runs = { bare: [], "voice-id": [] };
  try {
    for (const kind of Object.keys(servers)) await load(servers[kind].url, servers[kind].domainId, concurrency, warmup);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? ["voice-id", "bare"] : ["bare", "voice-id"];
      for (const kind of order) runs[kind].push(await load(servers[kind].url, servers[kind].domainId, concurrency, duration / rounds));
    }
  } finally {
    for (const s of Object.values(servers)) {
      s.child.removeAllListeners("exit");
      s.child.stdin.end();
      await new Promise((r) => s.child.once("exit", r));
    }
  }
  const results = { bare: summary(runs.bare), "voice-id": summary(runs["voice-id"]) };
  const row = (name, r) => `${name.padEnd(26)}${r.rps.toFixed(0).padStart(9)}${r.p50.toFixed(2).padStart(10)}${r.p99.toFixed(2).padStart(10)}${String(r.errors).padStart(8)}`;
  console.log(`${"server".padEnd(26)}${"req/s".padStart(9)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"errors".padStart(8)}`);
  console.log(row("bare node:http (canned)", results.bare));
  console.log(row("voice-id local serve", results["voice-id"]));
  const v = results["voice-id"];
  console.log(`voice-id / bare throughput: ${(v.rps / results.bare.rps).toFixed(2)}; target ≥ 3000 req/s and p99 ≤ 10 ms: ${v.rps >= 3000 && v.p99 <= 10 ? "met" : "NOT met"}`);
}
