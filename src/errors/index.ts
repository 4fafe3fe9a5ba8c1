// Typed errors carrying the AWS CLI v2's exit codes; main() is the only place they become codes.

export const ExitCode = {
  ok: 0,
  usage: 252, // argument parsing, parameter validation, bad JSON/shorthand/files
  config: 253, // configuration: credentials, region, profile
  service: 254, // the service (or local engine) answered with an error
  other: 255, // anything else
  interrupted: 130,
} as const;

/** A problem on our side of the call: usage, validation, configuration. Printed as is, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(message, ExitCode.usage);

/**
 * An unexpected error's message for a user: SQLite's own ("database or disk is full", "disk I/O error") does
 * not say that it concerns the local store, so such errors name it and carry SQLite's code.
 */
export function unexpectedErrorMessage(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; storeFile?: unknown } | undefined;
  const message = typeof e?.message === "string" ? e.message : String(err);
  const store = typeof e?.storeFile === "string" ? `the local store ${e.storeFile}` : "the local store";
  return typeof e?.code === "string" && e.code.startsWith("SQLITE_") ? `${store} failed: ${message} (${e.code})` : message;
}
/** A value nested thousands deep exhausts a recursive parser's or interpreter's stack (Python's hits its recursion limit). */
export const isStackOverflow = (err: unknown): boolean => err instanceof RangeError && /call stack/i.test(err.message);

export const configError = (message: string) => new CliError(message, ExitCode.config);
