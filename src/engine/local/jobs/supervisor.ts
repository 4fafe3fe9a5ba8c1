// Makes sure a worker process will run the store's pending jobs: spawns a detached worker after a
// Start*Job, and when a command opening the store finds a job whose worker died (expired lease, dead pid).
// Kept free of heavy imports: LocalEngine.open calls resumeOrphanedJobs on every local command.
import { createRequire } from "node:module";
import { closeSync, constants, existsSync, openSync } from "node:fs";
import { makeFolders } from "../make-folders.js";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalContext, LocalSettings } from "../context.js";
import { orphanedJobs } from "./lease.js";
import { JOB_WORKER_NODE_FLAGS } from "./worker-node-flags.js";

/**
 * The compiled worker entry: next to this module in dist/ (and in dist/bundle/, where the bundled CLI has its own
 * bundled worker-main.js), or dist/ of the package when running from sources.
 */
export function workerScript(): string | undefined {
  const here = fileURLToPath(new URL("./worker-main.js", import.meta.url));
  if (existsSync(here)) return here;
  const fromSrc = fileURLToPath(new URL("../../../../dist/engine/local/jobs/worker-main.js", import.meta.url));
  return existsSync(fromSrc) ? fromSrc : undefined;
}

/** Starts a detached worker for the store (its output goes to $VOICE_ID_HOME/jobs.log when that can be written); the caller does not wait. */
export function spawnWorker(settings: LocalSettings): boolean {
  const script = workerScript();
  if (!script) return false;
  makeFolders(settings.home);
  const log = openLog(join(settings.home, "jobs.log"));
  try {
    // child_process is required here, not imported: most commands never spawn, and it costs start-up time.
    const { spawn } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
    const child = spawn(process.execPath, [...JOB_WORKER_NODE_FLAGS, script, JSON.stringify(settings)], {
      detached: true,
      stdio: ["ignore", log ?? "ignore", log ?? "ignore"],
      windowsHide: true,
    });
    child.on("error", () => {});
    child.unref();
    return true;
  } finally {
    if (log !== undefined) closeSync(log);
  }
}

/**
 * The worker's log, for appending; undefined when it cannot be opened (left behind by `sudo`, made a folder): the
 * job is committed by then and must still run, so the worker then runs without a log rather than not at all.
 * Opened non-blocking: a FIFO nobody reads would otherwise hold the command (and every later one) for ever.
 */
function openLog(path: string): number | undefined {
  try {
    const { O_WRONLY, O_APPEND, O_CREAT, O_NONBLOCK } = constants;
    return openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK, 0o666);
  } catch {
    return undefined;
  }
}

/** Cheap check (a partial index) done on every open: respawns a worker when an active job has no live owner. */
export function resumeOrphanedJobs(ctx: LocalContext, spawnFn: (settings: LocalSettings) => unknown = spawnWorker): boolean {
  // A job submitted moments ago without a lease is most likely being picked up by the worker its Start spawned.
  if (orphanedJobs(ctx.db, ctx.now().getTime(), 10_000).length === 0) return false;
  spawnFn(ctx.settings);
  return true;
}
