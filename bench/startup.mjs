// Start-up time, measured side by side in one run: the median wall time of a skeleton, of `help`,
// and of `node -e 0`, and their ratios to bare Node. Target: ≤ 1.3× `node -e 0`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/voice-id.js", import.meta.url));
const runs = Number(process.env.RUNS ?? 21);
const commands = [
  ["node -e 0", ["-e", "0"]],
  ["voice-id start-speaker-enrollment-job --generate-cli-skeleton", [bin, "start-speaker-enrollment-job", "--generate-cli-skeleton"]],
  ["voice-id help", [bin, "help"]],
];
const env = { ...process.env, AWS_PAGER: "" };

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const samples = commands.map(() => []);
for (let i = 0; i < runs; i++) {
  // interleaved so that machine noise hits every command alike
  commands.forEach(([, args], k) => samples[k].push(time(args)));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples[0]);
console.log(`median of ${runs} runs each`);
commands.forEach(([name], k) => {
  const m = median(samples[k]);
  console.log(`${name.padEnd(64)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}×`);
});
