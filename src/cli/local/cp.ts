// `voice-id local cp SRC DST`: puts a file at an s3:// URI of the local store, or copies one back out.
import { createReadStream, createWriteStream, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { S3PathError, parseS3Uri, s3UriToPath } from "../../engine/local/s3-path.js";
import { makeFolders } from "../../engine/local/make-folders.js";
import { removeStaleTemps } from "../../engine/local/process-gone.js";
import { fail, storePaths } from "./store-paths.js";
import { parseArgsMessage } from "./parse-args-message.js";

const USAGE = `usage: voice-id local cp [--recursive] [--quiet | --only-show-errors] [--no-progress] SRC DST

Copies files between this machine and the local engine's s3:// store (and within it), like
'aws s3 cp'. At least one side is an s3:// URI; the other may be a local path, or '-' for standard
input or output. A destination that ends in '/' (or is an existing folder) receives the source's file name.
Each file copied prints a line as 'aws s3 cp' does: 'upload: SRC to DST' (into the store), 'download:'
(out of it) or 'copy:' (within it).

  --recursive          SRC is a folder (or an s3:// prefix): copy every file under it to DST,
                       keeping the paths below SRC
  --quiet              print nothing but errors (so does --only-show-errors)
  --no-progress        accepted for 'aws s3 cp' scripts; there is no progress display

  voice-id local cp ./calls/jane.wav s3://samples/enroll/jane.wav
  voice-id local cp --recursive ./calls s3://samples/calls/
  voice-id local cp s3://results/out/job/manifest.json.out ./result.json
  voice-id local cp s3://results/out/job/manifest.json.out - | jq '.Errors'
`;

const isS3 = (s: string) => s.startsWith("s3://");

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Temp file + rename: a reader (a running job) never sees half a file, and a failure leaves nothing behind. The
 * writing runs off the main thread (or on the stream of standard input), so that Ctrl-C or SIGTERM can remove the
 * temp file before the signal ends the process.
 */
async function writeAtomically(to: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${to}.voice-id-tmp-${process.pid}`;
  removeStaleTemps(to, ".voice-id-tmp-"); // a copy killed with SIGKILL could not remove its own
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(tmp, { force: true });
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    process.kill(process.pid, signal); // end as the signal would have: the shell still sees 130 / 143
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  try {
    makeFolders(dirname(to));
    await fill(tmp);
    renameSync(tmp, to);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}

/** /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N: a descriptor this process already holds. */
function heldDescriptor(path: string): number | undefined {
  const m = /^\/(?:dev\/(?:fd\/(\d+)|(stdout|stderr))|proc\/self\/fd\/(\d+))$/.exec(path);
  if (!m) return undefined;
  return m[2] === "stdout" ? 1 : m[2] === "stderr" ? 2 : Number(m[1] ?? m[3]);
}

/**
 * Where a copy out of the store writes, as `aws s3 cp` (s3transfer) does: a device, FIFO or socket, a link to one
 * included, is written into (`… /dev/null`, a named pipe); a regular file, or a link to one, is replaced by a temp
 * file renamed over the path. One difference: /dev/stdout and the like are written through the descriptor itself,
 * so `… /dev/stdout >> log` appends to the log (s3transfer would rename a temp file over /dev/stdout).
 */
async function copyOut(from: string, to: string): Promise<void> {
  const fd = heldDescriptor(to);
  if (fd !== undefined) return pipeline(createReadStream(from), createWriteStream("", { fd, autoClose: false }));
  let special = false;
  try {
    special = !statSync(to).isFile();
  } catch {
    // nothing there yet, or a dangling link: a new file
  }
  if (special) return pipeline(createReadStream(from), createWriteStream(to));
  return writeAtomically(to, (tmp) => copyFile(from, tmp));
}

/** `-` as SRC or DST, as `aws s3 cp` takes it: standard input into the store, or an object out to standard output. */
async function copyStream(deps: Deps, src: string, dst: string): Promise<number> {
  const { settings } = storePaths(deps);
  const uri = src === "-" ? dst : src;
  if (!isS3(uri)) return fail(deps, "cp", "with '-', the other side must be an s3:// URI.", ExitCode.usage);
  let path: string;
  try {
    if (uri.endsWith("/") || parseS3Uri(uri).key === "") return fail(deps, "cp", `${uri} names a folder; give the object's key.`, ExitCode.usage);
    path = s3UriToPath(settings, uri);
  } catch (err) {
    if (err instanceof S3PathError) return fail(deps, "cp", err.message, ExitCode.usage);
    throw err;
  }
  if (src === "-") {
    if (isDir(path)) return fail(deps, "cp", `${dst} is a folder; give the object's key.`, ExitCode.usage);
    try {
      await writeAtomically(path, (tmp) => pipeline(deps.io.stdin, createWriteStream(tmp)));
    } catch (err) {
      return fail(deps, "cp", `cannot copy standard input to ${dst}: ${(err as Error).message}`, ExitCode.other);
    }
    return ExitCode.ok; // like `aws s3 cp - …`: nothing printed
  }
  try {
    if (!statSync(path).isFile()) return fail(deps, "cp", `${src} is not a file.`, ExitCode.usage);
  } catch {
    return fail(deps, "cp", `${src} does not exist.`, ExitCode.usage);
  }
  try {
    await pipeline(createReadStream(path), deps.io.stdout, { end: false });
  } catch (err) {
    // a reader that went away (`| head`) is not an error
    if ((err as NodeJS.ErrnoException).code !== "EPIPE") return fail(deps, "cp", `cannot copy ${src} to standard output: ${(err as Error).message}`, ExitCode.other);
  }
  return ExitCode.ok;
}

export const options = {
  help: { type: "boolean", short: "h" },
  recursive: { type: "boolean" },
  quiet: { type: "boolean" },
  "only-show-errors": { type: "boolean" },
  "no-progress": { type: "boolean" },
} as const;

export async function run(argv: string[], deps: Deps): Promise<number> {
  let values: { help?: boolean; recursive?: boolean; quiet?: boolean; "only-show-errors"?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options }));
  } catch (err) {
    return fail(deps, "cp", `${parseArgsMessage(err)}\n\n${USAGE}`, ExitCode.usage);
  }
  if (values.help) {
    await write(deps.io.stdout, USAGE);
    return ExitCode.ok;
  }
  if (positionals.length !== 2) return fail(deps, "cp", `expected SRC and DST, got ${positionals.length} argument(s).\n\n${USAGE}`, ExitCode.usage);
  const [src, dst] = positionals;
  const quiet = Boolean(values.quiet || values["only-show-errors"]);
  if (src === "-" || dst === "-") {
    if (values.recursive) return fail(deps, "cp", "--recursive does not work with '-'.", ExitCode.usage);
    return copyStream(deps, src, dst);
  }
  if (!isS3(src) && !isS3(dst)) return fail(deps, "cp", "one of SRC and DST must be an s3:// URI (use cp(1) for local copies).", ExitCode.usage);
  if (values.recursive) return copyTree(deps, src, dst, quiet);

  const { settings } = storePaths(deps);
  let from: string;
  let to: string;
  let target: string;
  try {
    from = isS3(src) ? s3UriToPath(settings, src) : resolve(deps.io.cwd, src);
    // Like `aws s3 cp`: s3://bucket, a URI ending in "/" or an existing local folder receives the source's name.
    const dstIsFolder = isS3(dst) ? dst.endsWith("/") || parseS3Uri(dst).key === "" : dst.endsWith("/") || isDir(resolve(deps.io.cwd, dst));
    target = dstIsFolder ? (isS3(dst) ? `${dst.replace(/\/?$/, "/")}${basename(from)}` : resolve(deps.io.cwd, dst, basename(from))) : dst;
    to = isS3(target) ? s3UriToPath(settings, target) : resolve(deps.io.cwd, target);
  } catch (err) {
    if (err instanceof S3PathError) return fail(deps, "cp", err.message, ExitCode.usage);
    throw err;
  }
  try {
    if (!statSync(from).isFile()) return fail(deps, "cp", `${src} is not a file.`, ExitCode.usage);
  } catch {
    return fail(deps, "cp", `${src} does not exist.`, ExitCode.usage);
  }
  if (isDir(to)) return fail(deps, "cp", `${dst} is a folder; end it with '/' to copy into it.`, ExitCode.usage);
  try {
    if (isS3(target)) await writeAtomically(to, (tmp) => copyFile(from, tmp));
    else await copyOut(from, to);
  } catch (err) {
    return fail(deps, "cp", `cannot copy ${src} to ${dst}: ${(err as Error).message}`, ExitCode.other);
  }
  if (!quiet) await write(deps.io.stdout, copiedLine(deps, isS3(src) ? src : from, isS3(target) ? target : to));
  return ExitCode.ok;
}

/**
 * `aws s3 cp`'s line per file: upload (to the store), download (out of it) or copy (within it), a local path
 * shown relative to the working directory (os.path.relpath), an s3:// URI as it is.
 */
function copiedLine(deps: Deps, from: string, to: string): string {
  const shown = (p: string) => (isS3(p) ? p : relative(deps.io.cwd, p) || ".");
  const verb = isS3(from) ? (isS3(to) ? "copy" : "download") : "upload";
  return `${verb}: ${shown(from)} to ${shown(to)}\n`;
}

/** Every regular file under dir (symbolic links to files included), as paths relative to dir with '/'; sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      // a link to a file is copied as the file; links to folders are not followed (no cycles)
      else if (entry.isFile() || (entry.isSymbolicLink() && isFile(join(dir, child)))) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `--recursive`: each file under SRC to the same relative path under DST, one line each as `aws s3 cp` prints it. */
async function copyTree(deps: Deps, src: string, dst: string, quiet: boolean): Promise<number> {
  const { settings } = storePaths(deps);
  const under = (base: string, rel: string) => (isS3(base) ? `${base.replace(/\/?$/, "/")}${rel}` : join(base, rel));
  let root: string;
  try {
    root = isS3(src) ? s3UriToPath(settings, parseS3Uri(src).key === "" ? src.replace(/\/?$/, "/") : src) : resolve(deps.io.cwd, src);
    if (isS3(dst)) s3UriToPath(settings, dst.replace(/\/?$/, "/x")); // the destination's bucket and prefix are valid
  } catch (err) {
    if (err instanceof S3PathError) return fail(deps, "cp", err.message, ExitCode.usage);
    throw err;
  }
  if (!isDir(root)) {
    // like `aws s3 cp --recursive`: a prefix no object has copies nothing, quietly; a local path must be a folder
    if (isS3(src) && !isFile(root)) return ExitCode.ok;
    return fail(deps, "cp", `${src} is not a folder.`, ExitCode.usage);
  }
  let failed = 0;
  for (const rel of filesUnder(root)) {
    // the store's own temp files (a copy in progress, a job's output being written) are not objects
    if (isS3(src) && /\.(?:voice-id-tmp|out\.tmp|out\.probe)-\d+$/.test(rel)) continue;
    const target = under(dst, rel);
    try {
      // each object through s3UriToPath: a symbolic link in the store that leads out of its root is refused
      const from = isS3(src) ? s3UriToPath(settings, under(src, rel)) : join(root, rel);
      const to = isS3(target) ? s3UriToPath(settings, target) : resolve(deps.io.cwd, target);
      if (isS3(target)) await writeAtomically(to, (tmp) => copyFile(from, tmp));
      else await copyOut(from, to);
      if (!quiet) await write(deps.io.stdout, copiedLine(deps, isS3(src) ? under(src, rel) : from, isS3(target) ? target : to));
    } catch (err) {
      failed++;
      await write(deps.io.stderr, `voice-id local cp: cannot copy ${under(src, rel)} to ${target}: ${(err as Error).message}\n`);
    }
  }
  return failed ? ExitCode.other : ExitCode.ok;
}
