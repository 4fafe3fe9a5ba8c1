// Measures the audio engine's speed: seconds of audio turned into net speech + voiceprint per CPU-second, for one 60 s file and for a batch over worker threads.
//
// Usage: npm run build && node bench/voiceprint.mjs [WAV]   (default: a 60 s synthetic call; shared/audio's v08 enrollment if present)

import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { analyzeWav } from "../dist/audio/index.js";
import { loadVoiceprintModel } from "../dist/audio/model-file.js";
import { sharedMonoCalls } from "./shared-calls.mjs";

const model = loadVoiceprintModel();

/** What an enrollment/authentication request costs: validate, net speech, voiceprint (one VAD pass). */
function work(buf, channel) {
  const a = analyzeWav(buf, { channel, model });
  if (!a.voiceprint) throw new Error("no voiceprint");
  return a.durationS;
}

if (!isMainThread) {
  const { bufs } = workerData;
  let audio = 0;
  for (const b of bufs) audio += work(new Uint8Array(b), 0);
  parentPort.postMessage(audio);
} else if (process.argv.includes("--threaded-batch-only")) {
  await threadedBatch(batchFiles().files, `as a job's worker process runs it: node ${process.execArgv.join(" ")}`);
} else {
  const shared = new URL("../../shared/audio/speakers/v08/enroll-stereo.wav", import.meta.url);
  let buf, channel = 0, label;
  if (process.argv[2]) {
    buf = readFileSync(process.argv[2]);
    label = process.argv[2];
  } else if (existsSync(shared)) {
    buf = readFileSync(shared);
    channel = 1;
    label = "shared/audio v08 enroll-stereo (63 s, channel 1)";
  } else {
    buf = syntheticCall(60);
    label = "synthetic 60 s call";
  }
  work(buf, channel); // warm-up (JIT, plans)
  let best = Infinity, audio = 0;
  for (let i = 0; i < 5; i++) {
    const c0 = cpu();
    audio = work(buf, channel);
    best = Math.min(best, cpu() - c0);
  }
  console.log(`one file: ${label}: ${audio.toFixed(1)} s of audio in ${(best * 1000).toFixed(1)} ms CPU → ${(audio / best).toFixed(0)}× real time per CPU-second`);

  const { files, label: batchLabel } = batchFiles();
  console.log(`batch input: ${batchLabel}`);
  for (const b of files) work(b, 0); // warm-up pass
  {
    const c0 = cpu();
    let total = 0;
    for (const b of files) total += work(b, 0);
    const cpuS = cpu() - c0;
    console.log(`batch, one thread: ${files.length} files, ${total.toFixed(0)} s of audio in ${cpuS.toFixed(2)} s CPU → ${(total / cpuS).toFixed(0)}× real time per CPU-second`);
  }
  await threadedBatch(files, "in this process, V8's defaults");
  // The same batch as a job's worker process runs it (spawnWorker's node options), side by side with the line above.
  const { JOB_WORKER_NODE_FLAGS } = await import("../dist/engine/local/jobs/worker-node-flags.js");
  const child = spawnSync(process.execPath, [...JOB_WORKER_NODE_FLAGS, fileURLToPath(import.meta.url), "--threaded-batch-only"], { stdio: ["ignore", "inherit", "inherit"] });
  if (child.status !== 0) process.exitCode = 1;
}

/**
 * The same files four times over, as a job of ~100 requests would bring them: each thread pays its start-up,
 * model load and JIT warm-up once, as a job's audio threads do.
 */
async function threadedBatch(files, how) {
  const threads = Math.max(1, Math.min(availableParallelism(), 4));
  const jobFiles = [...files, ...files, ...files, ...files];
  const per = Array.from({ length: threads }, (_, t) => jobFiles.filter((_, i) => i % threads === t).map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  const c0 = cpu();
  const w0 = performance.now();
  const totals = await Promise.all(per.map((bufs) => new Promise((res, rej) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { bufs } });
    w.once("message", res);
    w.once("error", rej);
  })));
  const cpuS = cpu() - c0;
  const wall = (performance.now() - w0) / 1000;
  const total = totals.reduce((a, b) => a + b, 0);
  console.log(`batch: ${jobFiles.length} files, ${total.toFixed(0)} s of audio on ${threads} worker threads (${how}): ${(total / cpuS).toFixed(0)}× real time per CPU-second (incl. thread start-up, model load and JIT warm-up), ${(total / wall).toFixed(0)}× real time wall-clock`);
}

/** The batch input: shared/audio's mono calls when present, else 40 synthetic 15 s calls (near-continuous speech, the worst case for the GMM stage). */
function batchFiles() {
  const sharedFiles = sharedMonoCalls().map((u) => readFileSync(u));
  const files = sharedFiles.length ? sharedFiles.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.length)) : Array.from({ length: 40 }, (_, i) => syntheticCall(15, i + 1));
  return { files, label: sharedFiles.length ? `${files.length} mono shared/audio calls` : "40 synthetic 15 s calls" };
}

function cpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** A call-like 8 kHz mono WAV: harmonic "syllables" with pauses and faint noise (deterministic). */
function syntheticCall(seconds, seed = 7) {
  const n = seconds * 8000;
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
  const x = new Int16Array(n);
  let t = 0;
  while (t < n) {
    const len = 800 + Math.floor(rnd() * 1600);
    const f0 = 100 + rnd() * 120;
    for (let i = 0; i < len && t + i < n; i++) {
      const env = Math.sin((Math.PI * i) / len);
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin((2 * Math.PI * f0 * h * (t + i)) / 8000) / h;
      x[t + i] = Math.round(4000 * env * v);
    }
    t += len + (rnd() < 0.3 ? 2400 : 400);
  }
  for (let i = 0; i < n; i++) x[i] += Math.round((rnd() - 0.5) * 20);
  const b = Buffer.alloc(44 + n * 2);
  b.write("RIFF", 0); b.writeUInt32LE(36 + n * 2, 4); b.write("WAVE", 8);
  b.write("fmt ", 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24); b.writeUInt32LE(16000, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write("data", 36); b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(x[i], 44 + i * 2);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}
