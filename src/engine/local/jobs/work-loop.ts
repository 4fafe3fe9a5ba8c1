// Claims and runs every job of the store that nobody holds, until none is left: the body of the detached
// worker process, and what `local serve` calls to run jobs in-process.
import type { LocalContext } from "../context.js";
import { audioPool } from "./audio-pool.js";
import type { AudioPort } from "./audio-port.js";
import { claim, leaseMs, newOwnerId, orphanedJobs } from "./lease.js";
import { runJob, Stopped } from "./runner.js";
import { storeStillAtPath } from "../store/db.js";
import { whileLocked } from "../store/tx.js";

export interface WorkLoopOptions {
  owner?: string;
  audio?: AudioPort;
  leaseMs?: number;
  /** Called after each job ends (tests, logs). */
  onJobEnded?: (jobId: string, status: string | undefined) => void;
  /**
   * Asked before each claim and each request: true ends the loop, the job in progress stopped after its current
   * request (IN_PROGRESS, lease released) and the remaining jobs SUBMITTED, all for the next runner.
   */
  stopRequested?: () => boolean;
}

/** Runs claimable jobs one after another; returns how many it ran. Closes the pool it created. */
export async function runPendingJobs(ctx: LocalContext, opts: WorkLoopOptions = {}): Promise<number> {
  const owner = opts.owner ?? newOwnerId();
  const ttl = opts.leaseMs ?? leaseMs();
  let audio = opts.audio;
  let ran = 0;
  try {
    for (;;) {
      if (opts.stopRequested?.() || !storeStillAtPath(ctx.db)) return ran;
      const candidates = orphanedJobs(ctx.db, ctx.now().getTime());
      // another process's write lock: waited out without blocking (local serve's connection never blocks)
      let jobId: string | undefined;
      try {
        jobId = await whileLocked(() => candidates.find((id) => claim(ctx.db, id, owner, ctx.now().getTime(), ttl)), {
          file: ctx.db.name,
          abort: () => (opts.stopRequested?.() ? new Stopped() : undefined),
        });
      } catch (err) {
        if (err instanceof Stopped) return ran;
        throw err;
      }
      if (!jobId) return ran;
      audio ??= audioPool();
      const status = await runJob(ctx, jobId, { owner, audio, leaseMs: ttl, stopRequested: opts.stopRequested });
      ran++;
      opts.onJobEnded?.(jobId, status);
    }
  } finally {
    if (audio && !opts.audio) await audio.close();
  }
}
