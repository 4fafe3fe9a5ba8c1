// bin/voice-id.js runs the bundle that `npm run build` writes to dist/bundle/ (scripts/build/bundle.mjs): a
// command loads a few of its chunks and none of the unbundled dist/ modules, which cost Node's ES module
// loader about a millisecond each at start-up. The job worker and the audio thread are bundled too.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "bin/voice-id.js");
const built = existsSync(join(root, "dist/bundle/voice-id.js"));
const dir = mkdtempSync(join(tmpdir(), "voice-id-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A module-loader hook that appends the URL of every ES module it loads to $LOADED_LOG.
const hooks = join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.LOADED_LOG, url + "\\n");
  return next(url, context);
}
`,
);
const register = join(dir, "register.mjs");
writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

let runs = 0;

/** Runs the CLI; returns its result and the files of this repository it loaded as ES modules. */
function run(args: string[]) {
  const log = join(dir, `loaded-${++runs}.log`);
  writeFileSync(log, "");
  // the local engine, whatever the environment says
  const env: NodeJS.ProcessEnv = { ...process.env, LOADED_LOG: log, VOICE_ID_HOME: join(dir, "home"), AWS_PAGER: "", AWS_CONFIG_FILE: "/dev/null" };
  for (const k of ["VOICE_ID_ENGINE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_VOICE_ID"]) delete env[k];
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, bin, ...args], { env, encoding: "utf8" });
  const ours = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:"))
    .map((url) => relative(root, fileURLToPath(url)))
    .filter((path) => !path.startsWith("..") && !path.startsWith("node_modules"));
  return { ...r, modules: ours };
}

const chunk = (name: string) => new RegExp(`^dist/bundle/${name}-[\\w-]+\\.js$`);

describe.skipIf(!built)("the bundled CLI", () => {
  it("a local describe-domain loads the entry and the local engine's chunk, nothing else of ours", () => {
    const created = run(["create-domain", "--name", "bundle", "--server-side-encryption-configuration", "KmsKeyId=k", "--query", "Domain.DomainId", "--output", "text"]);
    expect(created.status, created.stderr).toBe(0);
    const r = run(["describe-domain", "--domain-id", created.stdout.trim()]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).Domain.Name).toBe("bundle");
    // A new lazily imported module on this path needs a place in a group of scripts/build/bundle.mjs.
    expect(r.modules.slice(0, 2)).toEqual(["bin/voice-id.js", "dist/bundle/voice-id.js"]);
    expect(r.modules.slice(2)).toEqual([expect.stringMatching(chunk("local-engine"))]);
  });

  it("--generate-cli-skeleton needs only the entry chunk", () => {
    const r = run(["start-speaker-enrollment-job", "--generate-cli-skeleton"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("DomainId");
    expect(r.modules).toEqual(["bin/voice-id.js", "dist/bundle/voice-id.js"]);
  });

  it("help loads the help pages as one chunk", () => {
    const r = run(["help"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("describe-domain");
    expect(r.modules.slice(0, 2)).toEqual(["bin/voice-id.js", "dist/bundle/voice-id.js"]);
    expect(r.modules.slice(2)).toEqual([expect.stringMatching(chunk("help"))]);
  });

  it("the job worker is a program of its own next to the chunks (where the CLI spawns it from)", () => {
    const r = spawnSync(process.execPath, [join(root, "dist/bundle/worker-main.js")], { encoding: "utf8" });
    expect(r.stderr).toContain("expected the local settings as a JSON argument");
    expect(r.status).toBe(2);
    expect(existsSync(join(root, "dist/bundle/audio-thread.js"))).toBe(true);
  });
});
