// The only door to process.*: streams, TTY flags, environment. Tests build their own IO.
import type { Writable, Readable } from "node:stream";

export interface IO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for table output; 80 when not a terminal. */
  columns: number;
  env: Record<string, string | undefined>;
  cwd: string;
  homedir: string;
}

export function systemIO(): IO {
  return {
    // A getter: touching process.stdin builds a stream (several ms), which most commands never read.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns || 80 : 80,
    env: process.env,
    cwd: process.cwd(),
    homedir: process.env.HOME ?? process.env.USERPROFILE ?? "/",
  };
}

/** Write and wait until the stream accepted it, so exit codes never cut output short. */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text === "") return resolve();
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
