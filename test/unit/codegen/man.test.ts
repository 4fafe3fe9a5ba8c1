// Generated files never drift: schemas/ and man/ regenerate byte for byte, package.json lists every
// page, and each page renders without a single groff warning.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../../src/codegen/generate.js";
import { generateMan } from "../../../src/codegen/man.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const reference = join(root, "../shared/reference/voice-id");
const fix = "regenerate with `npm run build && node dist/codegen/generate.js` and commit schemas/ and man/";

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function expectSameTree(fresh: string, committed: string) {
  expect(files(fresh), fix).toEqual(files(committed));
  for (const f of files(fresh)) expect(readFileSync(join(fresh, f), "utf8"), `${f}: ${fix}`).toBe(readFileSync(join(committed, f), "utf8"));
}

describe.skipIf(!existsSync(join(reference, "service-2.json")))("generated files match the committed ones", () => {
  it("schemas/", () => {
    const out = mkdtempSync(join(tmpdir(), "voice-id-schemas-"));
    generate(reference, out);
    expectSameTree(out, join(root, "schemas"));
  });

  it("man/", () => {
    const out = mkdtempSync(join(tmpdir(), "voice-id-man-"));
    generateMan(out);
    expectSameTree(out, join(root, "man"));
  });
});

describe("man pages", () => {
  const pages = readdirSync(join(root, "man")).filter((f) => f.endsWith(".1")).sort();

  it("one page per operation plus voice-id, local and wait, all listed in package.json", () => {
    expect(pages).toHaveLength(29 + 3);
    expect(pages).toEqual(expect.arrayContaining(["voice-id.1", "voice-id-local.1", "voice-id-wait.1", "voice-id-start-speaker-enrollment-job.1"]));
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { man?: string[] };
    expect([...(pkg.man ?? [])].sort()).toEqual(pages.map((p) => `./man/${p}`));
  });

  const groff = spawnSync("groff", ["--version"]).status === 0;
  it.skipIf(!groff).each(pages)("%s renders with groff -man -Tutf8 without warnings", (page) => {
    const r = spawnSync("groff", ["-man", "-Tutf8", "-ww", "-z", join(root, "man", page)], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  const man = spawnSync("man", ["--version"]).status === 0;
  it.skipIf(!man)("man -l shows the sections of voice-id-start-speaker-enrollment-job", () => {
    const r = spawnSync("man", ["--warnings", "-l", join(root, "man", "voice-id-start-speaker-enrollment-job.1")], {
      encoding: "utf8",
      env: { ...process.env, MANWIDTH: "80", MANPAGER: "cat", PAGER: "cat", MAN_KEEP_FORMATTING: "" },
    });
    expect(r.stderr).toBe("");
    const text = r.stdout.replace(/.\x08/g, ""); // strip overstrike bold
    for (const s of ["NAME", "DESCRIPTION", "SYNOPSIS", "OPTIONS", "GLOBAL OPTIONS", "OUTPUT", "ERRORS"]) expect(text).toMatch(new RegExp(`^${s}$`, "m"));
    expect(text).toContain("--input-data-config (structure) [required]");
    expect(text).toContain("Shorthand Syntax:");
    expect(text).toContain('"ExistingEnrollmentAction": "SKIP"|"OVERWRITE",');
  });
});
