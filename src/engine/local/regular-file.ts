// Reading a file a user named (a manifest, a call recording) without trusting what it is: a named pipe or a device
// is refused unread instead of blocking or streaming forever, a folder is told apart from a missing file, and a
// size limit is checked before anything is allocated or read. Callers word the problem for their own users.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type ReadProblem =
  | { kind: "missing" }
  | { kind: "folder" }
  | { kind: "not-a-file" }
  | { kind: "too-large"; size: number }
  | { kind: "unreadable"; code: string };

export type ReadResult = { ok: true; bytes: Uint8Array } | ({ ok: false } & ReadProblem);

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The whole file as bytes, or what stands in the way. */
export function readRegularFile(path: string, maxBytes = Number.MAX_SAFE_INTEGER): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // a pipe must not wait for a writer here
  } catch (err) {
    const code = errorCode(err);
    return code === "ENOENT" || code === "ENOTDIR" ? { ok: false, kind: "missing" } : { ok: false, kind: "unreadable", code };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, kind: "folder" };
    if (!st.isFile()) return { ok: false, kind: "not-a-file" };
    if (st.size > maxBytes) return { ok: false, kind: "too-large", size: st.size };
    const bytes = new Uint8Array(st.size);
    let off = 0;
    while (off < bytes.length) {
      const n = readSync(fd, bytes, off, bytes.length - off, off);
      if (n === 0) break; // the file shrank meanwhile
      off += n;
    }
    return { ok: true, bytes: off === bytes.length ? bytes : bytes.subarray(0, off) };
  } catch (err) {
    return { ok: false, kind: "unreadable", code: errorCode(err) };
  } finally {
    closeSync(fd);
  }
}
