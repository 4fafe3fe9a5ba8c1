#!/usr/bin/env node
// Start-up cost of the local engine: median wall time of `voice-id describe-domain --domain-id X` (local
// engine, fresh process each time) against `node -e 0`, measured side by side (interleaved) in one run.
// Target: ratio ≤ 1.6. Needs `npm run build` first. Usage: node bench/local-describe.mjs [runs=30]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.argv[2] ?? 30);
const home = mkdtempSync(join(tmpdir(), "voice-id-bench-"));
const env = { ...process.env, VOICE_ID_HOME: home };
delete env.VOICE_ID_ENGINE;
delete env.AWS_ENDPOINT_URL;
delete env.AWS_ENDPOINT_URL_VOICE_ID;

// The domain to describe, created through the engine itself (not timed).
const { LocalEngine, localSettings } = await import(join(repo, "dist/engine/local/index.js"));
const engine = LocalEngine.open({ settings: localSettings(env), jobWorkers: "none" });
const { Domain } = await engine.call("CreateDomain", { Name: "bench", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } });
engine.close();

const cli = [join(repo, "bin/voice-id.js"), "describe-domain", "--domain-id", Domain.DomainId];
const baseline = ["-e", "0"];

function wall(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, r };
}

const check = wall(cli).r;
if (check.status !== 0 || !check.stdout.includes(Domain.DomainId)) {
  console.error(`describe-domain does not work yet (exit ${check.status}): ${(check.stderr || check.stdout).trim().slice(0, 300)}`);
  rmSync(home, { recursive: true, force: true });
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const a = [];
const b = [];
for (let i = 0; i < 3; i++) wall(baseline), wall(cli); // warm the page cache
for (let i = 0; i < runs; i++) {
  b.push(wall(baseline).ms);
  a.push(wall(cli).ms);
}
const ma = median(a);
const mb = median(b);
console.log(`runs: ${runs} each, interleaved`);
console.log(`node -e 0                        median ${mb.toFixed(1)} ms`);
console.log(`voice-id describe-domain (local) median ${ma.toFixed(1)} ms`);
console.log(`ratio: ${(ma / mb).toFixed(2)}x (target <= 1.6x)`);
rmSync(home, { recursive: true, force: true });
