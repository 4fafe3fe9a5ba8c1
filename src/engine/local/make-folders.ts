// mkdir -p for the local store. Node's own `mkdirSync(dir, { recursive: true })` never returns for a path under
// /proc (mkdir there fails with ENOENT for a parent that exists, and Node retries the parent forever), so a
// VOICE_ID_HOME or VOICE_ID_S3_ROOT under /proc would hang the CLI or the job worker instead of failing.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

/** Makes dir and its missing parents, one mkdir each; returns the first folder made (as mkdirSync's recursive form does), or undefined. */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err; // another process made it first
    }
  }
  return missing[0];
}
