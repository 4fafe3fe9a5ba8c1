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
export const configError = (message: string) => new CliError(message, ExitCode.config);
