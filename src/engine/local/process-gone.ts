// Whether a process of this machine has ended: for leases whose owner died and temp files whose writer did.

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
