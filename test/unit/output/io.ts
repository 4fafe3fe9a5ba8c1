// An IO for output tests: stdout captured as text, TTY flag, width and environment chosen by the test.
import { PassThrough } from "node:stream";
import type { IO } from "../../../src/io/index.js";

export interface CapturedIO {
  io: IO;
  stdout: () => string;
}

export function captureIO(opts: { tty?: boolean; columns?: number; env?: Record<string, string | undefined> } = {}): CapturedIO {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (c: Buffer) => chunks.push(c));
  const io: IO = {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    columns: opts.columns ?? 80,
    env: opts.env ?? { TZ: "UTC" },
    cwd: "/",
    homedir: "/",
  };
  return { io, stdout: () => Buffer.concat(chunks).toString("utf8") };
}
