// `file://` (text) and `fileb://` (bytes) parameter values, read like the AWS CLI reads them:
// paths relative to the working directory, `~` and `$VAR` expanded, text with universal newlines.
import { closeSync, openSync, readSync } from "node:fs";
import { isAbsolute, join } from "node:path";

export class ParamFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamFileError";
  }
}

export interface PathContext {
  cwd: string;
  homedir: string;
  env: Record<string, string | undefined>;
}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
};

/**
 * Every Voice ID parameter is small (the largest, a --cli-input-json document, is a few kilobytes), so a file
 * beyond this is a mistake: `file:///dev/zero` would otherwise grow until the machine runs out of memory.
 */
export const PARAM_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** The whole file (pipes and process substitution included), or a ParamFileError past PARAM_FILE_MAX_BYTES. */
function readCapped(path: string, value: string, shown: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > PARAM_FILE_MAX_BYTES) throw new ParamFileError(`Unable to load paramfile ${value}: larger than ${PARAM_FILE_MAX_BYTES / 1024 / 1024} MiB: '${shown}'`);
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** os.path.expandvars(os.path.expanduser(p)). */
export function expandPath(p: string, ctx: PathContext): string {
  let out = p;
  if (out === "~" || out.startsWith("~/")) out = ctx.homedir + out.slice(1);
  return out.replace(/\$(\w+)|\$\{([^}]*)\}/g, (m, a: string | undefined, b: string | undefined) => {
    const v = ctx.env[(a ?? b)!];
    return v === undefined ? m : v;
  });
}

/** The value a `file://`/`fileb://` argument stands for, or undefined when it is not one. */
export function readParamFile(value: unknown, ctx: PathContext): string | Buffer | undefined {
  if (typeof value !== "string") return undefined;
  const binary = value.startsWith("fileb://");
  if (!binary && !value.startsWith("file://")) return undefined;
  const path = expandPath(value.slice(binary ? 8 : 7), ctx);
  let data: Buffer;
  try {
    // Python's open('') finds no such file; join(cwd, '') would name the working directory itself
    if (path === "") throw Object.assign(new Error("empty path"), { code: "ENOENT" });
    data = readCapped(isAbsolute(path) ? path : join(ctx.cwd, path), value, path);
  } catch (err) {
    if (err instanceof ParamFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const [errno, text] = ERRNO[code] ?? [5, (err as Error).message];
    throw new ParamFileError(`Unable to load paramfile ${value}: [Errno ${errno}] ${text}: '${path}'`);
  }
  if (binary) return data;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data).replace(/\r\n?/g, "\n");
  } catch {
    throw new ParamFileError(
      `Unable to load paramfile (${path}), text contents could not be decoded.  If this is a binary file, ` +
        `please use the fileb:// prefix instead of the file:// prefix.`,
    );
  }
}
