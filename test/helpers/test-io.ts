// An in-memory IO for running main() in-process: captured stdout/stderr, a chosen environment,
// working directory, stdin text and TTY flags. Shared by the command tests of every area.
import { PassThrough, Readable } from "node:stream";
import type { IO } from "../../src/io/index.js";
import type { Deps } from "../../src/deps.js";

export interface TestIOOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdin?: string;
  /** Pretend stdout and stderr are terminals (colour, spinners, pager). */
  tty?: boolean;
  columns?: number;
  homedir?: string;
}

export interface TestIO {
  io: IO;
  deps: Deps;
  stdout(): string;
  stderr(): string;
}

export function testIO(options: TestIOOptions = {}): TestIO {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  const io: IO = {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    columns: options.columns ?? 80,
    env: { AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_PAGER: "", ...options.env },
    cwd: options.cwd ?? process.cwd(),
    homedir: options.homedir ?? options.cwd ?? process.cwd(),
  };
  return {
    io,
    deps: { io },
    stdout: () => Buffer.concat(out).toString("utf8"),
    stderr: () => Buffer.concat(err).toString("utf8"),
  };
}
