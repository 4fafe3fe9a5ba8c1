// Spreads the audio work of a job over worker threads (one per core), so a job uses every core while the
// runner's main thread stays free for SQLite commits and lease heartbeats.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { inProcessAudioPort, type AnalysisRequest, type AnalysisResult, type AudioPort } from "./audio-port.js";

interface Task {
  id: number;
  request: AnalysisRequest;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
}

/** The compiled thread script next to this module (in dist/ or dist/bundle/); absent when running from TypeScript sources (tests). */
function threadScript(): string | undefined {
  const path = fileURLToPath(new URL("./audio-thread.js", import.meta.url));
  return existsSync(path) ? path : undefined;
}

/** A pool of `size` threads (default: the number of cores); falls back to in-process analysis without a compiled script. */
export function audioPool(size = availableParallelism()): AudioPort {
  const script = threadScript();
  if (!script || size < 1) return inProcessAudioPort();
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const running = new Map<Worker, Task>();
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const pump = () => {
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const task = queue.shift()!;
      running.set(w, task);
      w.postMessage({ id: task.id, request: task.request });
    }
  };

  const start = () => {
    const w = new Worker(script);
    all.add(w);
    w.on("message", (msg: { id: number; result?: AnalysisResult; error?: string }) => {
      const task = running.get(w);
      running.delete(w);
      idle.push(w);
      if (task) {
        if (msg.error !== undefined) task.reject(new Error(msg.error));
        else task.resolve(msg.result!);
      }
      pump();
    });
    // A thread that died (out of memory, a native crash) fails its one request and is replaced.
    w.on("error", (e: unknown) => {
      running.get(w)?.reject(e instanceof Error ? e : new Error(String(e)));
      running.delete(w);
    });
    w.on("exit", () => {
      all.delete(w);
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      running.get(w)?.reject(new Error("audio thread exited"));
      running.delete(w);
      if (!closed) {
        start();
        pump();
      }
    });
    idle.push(w);
  };
  for (let i = 0; i < size; i++) start();

  return {
    analyze(request) {
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, request, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      await Promise.all([...all].map((w) => w.terminate()));
    },
  };
}
