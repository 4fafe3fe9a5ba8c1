// `voice-id local serve`: the local engine behind the service's own wire protocol, so SDKs and the AWS CLI
// can point --endpoint-url at this machine. Prints the URL first, runs until SIGINT/SIGTERM, drains, exits 0.
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { write } from "../../io/index.js";
import { CliError, ExitCode } from "../../errors/index.js";
import type { Credentials } from "../../server/sigv4.js";
import { parseArgsMessage } from "./parse-args-message.js";
import { isLoopbackAddress } from "../../server/host-guard.js";

const USAGE = `usage: voice-id local serve [--host 127.0.0.1] [--port 0] [--require-auth [--access-key-id ID --secret-access-key KEY]]
                              [--max-body-bytes N] [--throttle]

Serves the local engine over AWS JSON 1.0 (X-Amz-Target: VoiceID.<Operation>) on a loopback address.
Point clients at the printed URL: aws voice-id … --endpoint-url URL, boto3 endpoint_url=URL, JS SDK endpoint: URL.

  --host HOST               address to bind (default 127.0.0.1; anything else exposes your local data)
  --port PORT               port to bind; 0 picks a free one (default 0). The URL is the first line on stdout.
  --require-auth            refuse requests without a valid AWS Signature V4 made with the given credentials
  --access-key-id ID        credentials for --require-auth (default: $AWS_ACCESS_KEY_ID)
  --secret-access-key KEY   (default: $AWS_SECRET_ACCESS_KEY; prefer the variable, command lines are visible to others)
  --max-body-bytes N        largest request body accepted (default 1048576)
  --throttle                answer 429 ThrottlingException above the service's documented rates, to exercise
                            retries: 2/s for the domain, job and tag operations, 5/s ListSpeakers, 10/s the
                            speaker and fraudster Describe/OptOut/Delete, 60/s EvaluateSession
`;

export interface ServeOptions {
  host: string;
  port: number;
  maxBodyBytes?: number;
  credentials?: Credentials;
  throttle?: boolean;
}

export const options = {
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string", default: "0" },
  "require-auth": { type: "boolean", default: false },
  "access-key-id": { type: "string" },
  "secret-access-key": { type: "string" },
  "max-body-bytes": { type: "string" },
  throttle: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function parseServeArgs(argv: string[], env: Record<string, string | undefined>): ServeOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
  } catch (err) {
    throw new CliError(`${parseArgsMessage(err)}\n\n${USAGE}`, ExitCode.usage);
  }
  if (values.help) return "help";
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new CliError(`--port must be an integer from 0 to 65535, got '${values.port}'.`);
  if (!values.host) throw new CliError("--host must not be empty.");
  // "[::1]" as URLs (and this server's own address line) write it: listen() wants the bare address.
  const host = /^\[.*\]$/.test(values.host) ? values.host.slice(1, -1) : values.host;
  let maxBodyBytes: number | undefined;
  if (values["max-body-bytes"] !== undefined) {
    maxBodyBytes = Number(values["max-body-bytes"]);
    if (!/^\d+$/.test(values["max-body-bytes"]) || maxBodyBytes < 1024) throw new CliError(`--max-body-bytes must be an integer ≥ 1024, got '${values["max-body-bytes"]}'.`);
  }
  const served: ServeOptions = { host, port, maxBodyBytes, throttle: values.throttle };
  if (values["require-auth"]) {
    const accessKeyId = values["access-key-id"] ?? env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = values["secret-access-key"] ?? env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey)
      throw new CliError(
        "--require-auth needs credentials to check signatures against: pass --access-key-id and --secret-access-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        ExitCode.config,
      );
    served.credentials = { accessKeyId, secretAccessKey };
  } else if (values["access-key-id"] || values["secret-access-key"]) {
    throw new CliError("--access-key-id and --secret-access-key only make sense with --require-auth.");
  }
  return served;
}

/** Resolves on the first SIGINT or SIGTERM. (Signals are the one piece of process.* this command needs.) */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

export async function run(argv: string[], deps: Deps): Promise<number> {
  const { io } = deps;
  let options: ServeOptions | "help";
  try {
    options = parseServeArgs(argv, io.env);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    await write(io.stderr, `voice-id local serve: ${err.message}\n`);
    return err.exitCode;
  }
  if (options === "help") {
    await write(io.stdout, USAGE);
    return 0;
  }
  const { startLocalServer } = await import("../../server/local.js");
  const log = (line: string) => void write(io.stderr, `voice-id local serve: ${line}\n`);
  let server;
  try {
    server = await startLocalServer({ env: io.env, host: options.host, port: options.port, maxBodyBytes: options.maxBodyBytes, credentials: options.credentials, throttle: options.throttle, log });
  } catch (err) {
    if (err instanceof CliError) {
      await write(io.stderr, `voice-id local serve: ${err.message}\n`);
      return err.exitCode;
    }
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? "the address is already in use" : code === "EADDRNOTAVAIL" ? "no such local address" : code === "EACCES" ? "permission denied" : (err as Error).message;
    await write(io.stderr, `voice-id local serve: cannot listen on ${options.host}:${options.port}: ${why}.\n`);
    return ExitCode.other;
  }
  await write(io.stdout, server.url + "\n");
  if (!isLoopbackAddress(server.host)) log(`listening on ${options.host}, not a loopback address: anyone who can reach it can read and change your local data.`);
  if (options.credentials) log(`requests must be signed (SigV4) with access key ${options.credentials.accessKeyId}.`);
  const signal = await stopRequested();
  log(`${signal}: finishing requests in flight…`);
  await server.close();
  return 0;
}
