// Times a speaker enrollment job in the real worker process: N requests (default 1,000) of synthesized
// "30 s" calls: each holds just over the 30 s of net speech an enrollment needs (~32 s of speech with short
// pauses, ~37 s long), generated into a temp store. Prints audio-seconds processed per
// wall-second, requests per second, the worker's peak RSS, and the extrapolation to 10,000 requests.
//
// Usage: npm run build && node bench/jobs.mjs [--requests 1000] [--distinct 100] [--keep]
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "1000" }, distinct: { type: "string", default: "100" }, keep: { type: "boolean", default: false } },
});
const N = Number(values.requests);
const DISTINCT = Math.min(N, Number(values.distinct));
const dist = new URL("../dist/", import.meta.url);
const { DEMO_VOICES, synthSpeech, encodeWav } = await import(new URL("cli/local/demo-voices.js", dist).href);
const { LocalEngine, localSettings } = await import(new URL("engine/local/index.js", dist).href);
const { analyzeWav } = await import(new URL("audio/index.js", dist).href);

const home = mkdtempSync(join(tmpdir(), "voice-id-bench-jobs-"));
const env = { VOICE_ID_HOME: home, VOICE_ID_S3_ROOT: join(home, "s3") };
const settings = localSettings(env);
const audioDir = join(home, "s3", "bench-audio");
mkdirSync(audioDir, { recursive: true });

// Distinct recordings (voices × utterances), each about 30 s of net speech; requests cycle through them.
let t = performance.now();
const durations = [];
const speech = [];
for (let i = 0; i < DISTINCT; i++) {
  const voice = DEMO_VOICES[i % DEMO_VOICES.length];
  const wav = encodeWav([synthSpeech(voice, 32, `bench-${i}`, 0.15)]);
  writeFileSync(join(audioDir, `call-${i}.wav`), wav);
  const a = analyzeWav(wav);
  durations.push(a.durationS);
  speech.push(a.netSpeechS);
}
const manifest = {
  Version: "1.0",
  SpeakerEnrollmentRequests: Array.from({ length: N }, (_, i) => ({
    RequestId: `req-${i}`,
    SpeakerId: `customer-${i}`,
    AudioSpecifications: [{ S3Uri: `s3://bench-audio/call-${i % DISTINCT}.wav`, ChannelId: 0 }],
  })),
};
mkdirSync(join(home, "s3", "bench-in"), { recursive: true });
writeFileSync(join(home, "s3", "bench-in", "manifest.json"), JSON.stringify(manifest));
const audioSeconds = manifest.SpeakerEnrollmentRequests.reduce((s, _r, i) => s + durations[i % DISTINCT], 0);
const meanSpeech = speech.reduce((a, b) => a + b, 0) / DISTINCT;
console.log(`generated ${DISTINCT} distinct calls (mean ${(audioSeconds / N).toFixed(1)} s long, ${meanSpeech.toFixed(1)} s net speech, least ${Math.min(...speech).toFixed(1)} s) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const engine = LocalEngine.open({ settings, jobWorkers: "none" });
const domain = (await engine.call("CreateDomain", { Name: "bench", ServerSideEncryptionConfiguration: { KmsKeyId: "alias/bench" } })).Domain;
const job = (
  await engine.call("StartSpeakerEnrollmentJob", {
    DomainId: domain.DomainId,
    DataAccessRoleArn: "arn:aws:iam::000000000000:role/bench",
    InputDataConfig: { S3Uri: "s3://bench-in/manifest.json" },
    OutputDataConfig: { S3Uri: "s3://bench-out/results" },
  })
).Job;

// The worker process, exactly as a Start would spawn it; its peak RSS (threads included) read from /proc.
const script = new URL("engine/local/jobs/worker-main.js", dist).pathname;
const { JOB_WORKER_NODE_FLAGS } = await import(new URL("engine/local/jobs/worker-node-flags.js", dist).href);
t = performance.now();
const child = spawn(process.execPath, [...JOB_WORKER_NODE_FLAGS, script, JSON.stringify(settings)], { stdio: ["ignore", "inherit", "inherit"] });
let peakKb = 0;
let cpuTicks = 0;
const sample = () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
    // utime + stime of the whole process (all threads), in clock ticks (USER_HZ = 100 on Linux).
    const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
  } catch {}
};
const timer = setInterval(sample, 50);
await new Promise((r) => child.on("exit", r));
clearInterval(timer);
const wall = (performance.now() - t) / 1000;

const done = (await engine.call("DescribeSpeakerEnrollmentJob", { DomainId: domain.DomainId, JobId: job.JobId })).Job;
const out = JSON.parse(readFileSync(join(home, "s3", "bench-out", "results", job.JobId, "manifest.json.out"), "utf8"));
engine.close();
const rate = audioSeconds / wall;
const cpu = cpuTicks / 100;
const load = (await import("node:os")).loadavg()[0];
const perReq = wall / N;
const cores = availableParallelism();
console.log(`job ${done.JobStatus}: ${out.SuccessfulEnrollments.length} enrolled, ${out.Errors.length} errors`);
console.log(`requests:            ${N} (${cores} cores, ${cores} audio threads)`);
console.log(`audio processed:     ${audioSeconds.toFixed(0)} s in ${wall.toFixed(1)} s wall`);
console.log(`throughput:          ${rate.toFixed(0)} audio-s per wall-s, ${(N / wall).toFixed(1)} requests/s`);
console.log(`worker CPU time:     ${cpu.toFixed(1)} s (${(audioSeconds / cpu).toFixed(0)} audio-s per CPU-s; load average ${load.toFixed(1)} during the run)`);
console.log(`worker peak RSS:     ${(peakKb / 1024).toFixed(0)} MB`);
console.log(`10,000 requests:     ~${((perReq * 10_000) / 60).toFixed(1)} min at this run's wall rate; ~${((cpu / N) * 10_000 / cores / 60).toFixed(1)} min on ${cores} idle cores from CPU time (target <= 3 min on 2 cores, RSS <= 300 MB)`);
if (!values.keep) rmSync(home, { recursive: true, force: true });
else console.log(`store kept at ${home}`);
