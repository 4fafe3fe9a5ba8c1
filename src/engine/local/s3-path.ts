// s3://bucket/key → <s3Root>/bucket/key, refusing anything that would land outside the root
// (`..`/`.` segments, absolute or empty segments, encoded dots, NUL, symlinks resolving elsewhere).
import { lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { LocalSettings } from "./context.js";

export class S3PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "S3PathError";
  }
}

const BUCKET = /^[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]$/; // the model's S3Uri bucket rule

/** The bucket and key of an s3:// URI (key may be "" for the bucket itself, or end in "/" for a folder). */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(uri);
  if (!m) throw new S3PathError(`'${uri}' is not an s3:// URI (expected s3://bucket/key).`);
  const [, bucket, key = ""] = m;
  if (!BUCKET.test(bucket)) throw new S3PathError(`'${bucket}' in '${uri}' is not a valid bucket name (3-63 of a-z 0-9 . -).`);
  return { bucket, key };
}

function decodeOrSelf(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Resolves symlinks in the part of p that exists; the rest is appended unchanged. Dangling links are refused,
 * named as s3:// URIs: messages reach `local serve` clients, who have no business knowing the server's folders.
 */
function realpathOfExisting(p: string, uri: string, root: string): string {
  let existing = p;
  const rest: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return p;
      rest.unshift(existing.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      existing = parent;
    }
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    const rel = relative(root, existing);
    const where = rel === "" ? "the local S3 root" : rel.startsWith("..") || isAbsolute(rel) ? "above the local S3 root" : `s3://${rel.split(sep).join("/")}`;
    throw new S3PathError(`'${uri}' goes through a broken symbolic link (${where}).`);
  }
  return join(real, ...rest);
}

/**
 * The local file (or folder, for a key ending in "/") behind an s3:// URI of the local store. Throws
 * S3PathError with a message naming the problem when the URI is malformed or would leave settings.s3Root.
 */
export function s3UriToPath(settings: Pick<LocalSettings, "s3Root">, uri: string): string {
  const { bucket, key } = parseS3Uri(uri);
  if (key.includes("\0")) throw new S3PathError(`'${uri}' contains a NUL character.`);
  if (key.includes("\\")) throw new S3PathError(`'${uri}' contains a backslash; use '/' between key segments.`);
  const segments = key === "" ? [] : key.replace(/\/$/, "").split("/");
  for (const s of segments) {
    if (s === "") throw new S3PathError(`'${uri}' has an empty key segment ('//' or a key starting with '/'); it cannot map to a file.`);
    const d = decodeOrSelf(s);
    if (d === "." || d === ".." || d.includes("/") || d.includes("\\"))
      throw new S3PathError(`'${uri}' would leave the local S3 root (segment '${s}' is not allowed).`);
  }
  const root = resolve(settings.s3Root);
  const path = join(root, bucket, ...segments);
  const realRoot = realpathOfExisting(root, uri, root);
  const realPath = realpathOfExisting(path, uri, root);
  if (realPath !== realRoot && !realPath.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep))
    throw new S3PathError(`'${uri}' resolves outside the local S3 root (through a symbolic link).`);
  // In S3 "a.wav/" and "a.wav" are different keys: the slash stays, so reading "a.wav/" finds no file.
  return key.endsWith("/") ? path + sep : path;
}
