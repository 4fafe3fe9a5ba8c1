// Compiles src/ into a temp dir once per test process, for tests that need real child processes
// (without touching the shared dist/ that other test runs may be using).
import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "../..");
let built: string | undefined;

/** Directory holding the compiled dist/ (plus links to schemas/ and node_modules/). */
export function buildToTemp(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "voice-id-build-"));
  try {
    execFileSync(join(repo, "node_modules/.bin/tsc"), ["-p", join(repo, "tsconfig.build.json"), "--outDir", join(dir, "dist")], {
      cwd: repo,
      stdio: "pipe",
    });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing entry point matters.
  }
  symlinkSync(join(repo, "schemas"), join(dir, "schemas"));
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return (built = dir);
}
