// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/voice-id.js runs.
//
// Why: Node 20's ES module loader costs about a millisecond per module file (a resolve, four async file
// operations, a compile, a link), and `describe-domain` used to load ~45 of ours plus ~13 CommonJS files of
// better-sqlite3; Node 20 has no compile cache to hide that. Bundled, it loads bin and two chunks.
// Measured with bench/local-describe.mjs and bench/startup.mjs (docs/local-engine.md, "Start-up").
//
// How: rolldown (already in the tree through vitest) bundles dist/cli.js as ES modules with code splitting,
// and groups the modules into a few chunks by when they are needed instead of one chunk per `import()`
// (esbuild, tried first, can only split that way: ~40 files for describe-domain, little gain):
//   voice-id.js      the entry: what every operation command runs through (argv, model, input, validation,
//                    output, engine choice); --generate-cli-skeleton needs nothing else
//   local-engine-*   the local engine's store and CRUD handlers, with better-sqlite3's JavaScript (its
//                    compiled addon is loaded from node_modules, see src/engine/local/store/db.ts)
//   help-*           the help pages
//   the rest         one chunk per lazily imported part, as the sources split them: the AWS SDK engine,
//                    audio, sessions, the job runner, `local …` and `wait …` commands, yaml/table/text output
// The detached job worker and the audio worker thread are separate programs, each bundled into one file next
// to the CLI (worker-main.js, audio-thread.js), so the CLI's `new URL("./worker-main.js", import.meta.url)`
// finds them. dist/bundle/ sits two folders below the package root like dist/<dir>/<module>.js, so
// `new URL("../../schemas/", import.meta.url)` (and ../../data/) still points at the package's files.
// The unbundled dist/ stays as it was: the tests import its modules directly.
//
// Only better-sqlite3 is inlined from node_modules: every other package stays external, loaded from
// node_modules when used. `npm run build` (and so `npm test`, and `npm ci` / `npm install` through
// `prepare`) runs this after tsc; run it again after changing node_modules/better-sqlite3.
import { rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = join(root, "dist");
const out = join(dist, "bundle");

/** Path of a compiled module under dist/, with forward slashes ("engine/local/index.js"), or undefined. */
function distPath(id) {
  const rel = relative(dist, id);
  return rel.startsWith("..") || rel.includes(`bundle${sep}`) ? undefined : rel.split(sep).join("/");
}

const ENTRY = [
  /^(main|deps|cli)\.js$/,
  /^(io|errors|model|config|validate|input)\//,
  /^cli\/(argparse|global-options|program|extra-commands|local\/index|wait\/index)\.js$/,
  /^output\/(index|json|query|jmespath-[a-z]+|normalize|pages|color|python|timestamps)\.js$/,
  /^engine\/(engine|select|aws\/endpoint)\.js$/,
];
// The local engine minus its heavy, lazily imported parts: the job runner (jobs/ other than the
// supervisor's orphan check and leases) and sessions (audio).
const LOCAL_ENGINE = /^engine\/local\/(?!sessions\/|handlers\/sessions\.js|jobs\/(?!supervisor\.js|lease\.js))/;
const HELP = /^(help\/|codegen\/descriptions\.js)/;

const chunkOf = (id) => {
  if (/[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(id)) return "local-engine";
  const path = distPath(id);
  if (path === undefined) return undefined;
  if (ENTRY.some((re) => re.test(path))) return "voice-id";
  if (LOCAL_ENGINE.test(path)) return "local-engine";
  if (HELP.test(path)) return "help";
  return undefined;
};

const common = {
  cwd: root,
  platform: "node",
  // Packages load from node_modules at run time, except better-sqlite3's JavaScript (13 small files).
  external: (id) => !/^[./\0]/.test(id) && !/^better-sqlite3(\/|$)/.test(id),
  logLevel: "warn",
  onLog(level, log, handler) {
    // The sources import some modules both statically and lazily on purpose; nothing to report.
    if (log.code === "INEFFECTIVE_DYNAMIC_IMPORT") return;
    handler(level, log);
  },
};

rmSync(out, { recursive: true, force: true });

await build({
  ...common,
  input: { "voice-id": join(dist, "cli.js") },
  // lets the entry chunk carry the exports the lazy chunks import from it
  preserveEntrySignatures: "allow-extension",
  output: {
    dir: out,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    codeSplitting: {
      groups: [
        { name: "voice-id", test: (id) => chunkOf(id) === "voice-id" },
        { name: "local-engine", test: (id) => chunkOf(id) === "local-engine" },
        { name: "help", test: (id) => chunkOf(id) === "help" },
      ],
    },
  },
});

// Each a program of its own (a process, a thread), so each one file: no state to share with the CLI's chunks.
for (const [name, file] of [
  ["worker-main", "engine/local/jobs/worker-main.js"],
  ["audio-thread", "engine/local/jobs/audio-thread.js"],
]) {
  await build({ ...common, input: { [name]: join(dist, file) }, output: { dir: out, format: "esm", entryFileNames: "[name].js", codeSplitting: false } });
}
