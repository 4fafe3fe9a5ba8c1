// Whether a process of this machine has ended: for leases whose owner died and temp files whose writer did.
import { readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** True when no process with this pid exists (EPERM means one exists, owned by someone else). Never true for us. */
export function processIsGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes `<file><marker><pid>` files (temp files written beside `file`, for any of the markers) whose writer has
 * ended: one killed with SIGKILL cannot remove its own. A live writer's file stays (another copy in progress).
 */
export function removeStaleTemps(file: string, ...markers: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return; // no folder yet: nothing stale
  }
  for (const name of names) {
    for (const marker of markers) {
      const prefix = `${basename(file)}${marker}`;
      const pid = name.slice(prefix.length);
      if (name.startsWith(prefix) && /^\d+$/.test(pid) && processIsGone(Number(pid))) rmSync(join(dirname(file), name), { force: true });
    }
  }
}
