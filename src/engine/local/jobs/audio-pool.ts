// Spreads the audio work of a job over worker threads (one per core), so a job uses every core while the
// runner's main thread stays free for SQLite commits and lease heartbeats.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { inProcessAudioPort, type AnalysisRequest, type AnalysisResult, type AudioPort } from "./audio-port.js";

interface Pending {
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

/** The compiled thread script next to this module; absent when running from TypeScript sources (tests). */
function threadScript(): string | undefined {
  const path = fileURLToPath(new URL("./audio-thread.js", import.meta.url));
  return existsSync(path) ? path : undefined;
}

/** A pool of `size` threads (default: the number of cores); falls back to in-process analysis without a compiled script. */
export function audioPool(size = availableParallelism()): AudioPort {
  const script = threadScript();
  if (!script || size < 1) return inProcessAudioPort();
  const workers: Worker[] = [];
  const idle: Worker[] = [];
  const queue: { id: number; request: AnalysisRequest }[] = [];
  const pending = new Map<number, Pending>();
  const busy = new Map<Worker, number>();
  let nextId = 1;
  let fatal: Error | undefined;

  const pump = () => {
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const job = queue.shift()!;
      busy.set(w, job.id);
      w.postMessage(job);
    }
  };

  for (let i = 0; i < size; i++) {
    const w = new Worker(script);
    w.on("message", (msg: { id: number; result?: AnalysisResult; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      busy.delete(w);
      idle.push(w);
      if (p) {
        if (msg.error !== undefined) p.reject(new Error(msg.error));
        else p.resolve(msg.result!);
      }
      pump();
    });
    w.on("error", (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      // A thread that died takes its request down with it; the runner fails that job (it can be resumed).
      fatal = err;
      const id = busy.get(w);
      if (id !== undefined) pending.get(id)?.reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    workers.push(w);
    idle.push(w);
  }

  return {
    analyze(request) {
      if (fatal) return Promise.reject(fatal);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        queue.push({ id, request });
        pump();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
