// mkdir -p for the local store. Node's own `mkdirSync(dir, { recursive: true })` never returns for a path under
// /proc (mkdir there fails with ENOENT for a parent that exists, and Node retries the parent forever), so a
// VOICE_ID_HOME or VOICE_ID_S3_ROOT under /proc would hang the CLI or the job worker instead of failing.
import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Makes dir and its missing parents, one mkdir each; returns the first folder made (as mkdirSync's recursive form
 * does), or undefined. When one fails (a path too long, a full disk), the folders this call made are removed again
 * (rmdir removes only empty ones, so nothing another process put there meanwhile is lost).
 */
export function makeFolders(dir: string, retried = false): string | undefined {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  const made: string[] = [];
  for (const d of missing) {
    try {
      mkdirSync(d);
      made.push(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue; // another process made it first
      // a parent found a moment ago is gone: another process's clean-up removed it while still empty; once more
      if (code === "ENOENT" && !retried && !existsSync(dirname(d))) return makeFolders(dir, true);
      for (const m of made.reverse()) {
        try {
          rmdirSync(m);
        } catch {
          break; // not empty, or gone: whatever is above it stays too
        }
      }
      throw err;
    }
  }
  return missing[0];
}
