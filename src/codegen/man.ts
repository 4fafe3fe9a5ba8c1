// Dev-time generator: schemas/ + src/help → man/ (committed), one roff page per command plus
// voice-id.1, voice-id-local.1 and voice-id-wait.1. Same documents as `voice-id help` prints.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { helpDoc } from "../help/index.js";
import { renderRoff } from "../help/roff.js";
import { operations } from "../model/index.js";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

/** The pages, by file name. */
export function manPages(): Record<string, string> {
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  const docs = [
    helpDoc({ kind: "top" }),
    helpDoc({ kind: "local" }),
    helpDoc({ kind: "wait" }),
    ...operations().map((op) => helpDoc({ kind: "operation", op })),
  ];
  return Object.fromEntries(docs.map((d) => [`${d.name}.1`, renderRoff(d, version)]));
}

/** Writes every page into outDir, removing pages that no longer exist; returns the file names. */
export function generateMan(outDir: string): string[] {
  const pages = manPages();
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith(".1") && !(f in pages)) rmSync(join(outDir, f));
  for (const [file, text] of Object.entries(pages)) writeFileSync(join(outDir, file), text);
  return Object.keys(pages).sort();
}

export function main(outDir = resolve(root, "man")): void {
  const written = generateMan(outDir);
  console.log(`man: wrote ${written.length} pages under ${outDir}`);
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main(process.argv[2]);
