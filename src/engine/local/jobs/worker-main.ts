// Entry of the detached worker process (`node dist/engine/local/jobs/worker-main.js '<settings JSON>'`),
// spawned by the command that starts a job or that finds an orphaned one: runs every pending job, then exits.
import { join } from "node:path";
import type { LocalSettings } from "../context.js";
import { randomId } from "../index.js";
import { openDatabase } from "../store/db.js";
import { runPendingJobs } from "./work-loop.js";

async function main(): Promise<number> {
  const settings = JSON.parse(process.argv[2] ?? "{}") as LocalSettings;
  if (!settings.home || !settings.s3Root) {
    process.stderr.write("worker-main: expected the local settings as a JSON argument\n");
    return 2;
  }
  const db = openDatabase(join(settings.home, "voice-id.db"));
  try {
    const ctx = { db, settings, now: () => new Date(), newId: randomId };
    await runPendingJobs(ctx, {
      onJobEnded: (jobId, status) => process.stderr.write(`${new Date().toISOString()} job ${jobId}: ${status ?? "stopped, still IN_PROGRESS (another worker holds it now, the store was deleted, or another process held its write lock too long)"}\n`),
    });
    return 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${new Date().toISOString()} worker failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
