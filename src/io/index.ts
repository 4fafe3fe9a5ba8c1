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

/**
 * A reader that went away (`| head`) makes a write fail with EPIPE, and the stream then also emits 'error', which
 * would end the process with a stack trace. The write callbacks (write() below) already report it to whoever writes.
 */
function reportedByWrite(err: NodeJS.ErrnoException): void {
  if (err.code !== "EPIPE") throw err;
}

/** Once per stream, however many times systemIO runs in a process (tests run main() hundreds of times). */
function reportEpipeOnce(stream: NodeJS.WriteStream): void {
  if (!stream.listeners("error").includes(reportedByWrite)) stream.on("error", reportedByWrite);
}

export function systemIO(): IO {
  reportEpipeOnce(process.stdout);
  reportEpipeOnce(process.stderr);
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
