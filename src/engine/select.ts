// Which engine answers: local by default; AWS with --engine aws, an endpoint URL (flag,
// AWS_ENDPOINT_URL[_VOICE_ID] or the profile's endpoint_url) or VOICE_ID_ENGINE=aws. Engines are imported only once chosen.
import type { Engine } from "./engine.js";
import { CliError, ExitCode } from "../errors/index.js";
import { checkRegionName } from "../config/index.js";
import type { AwsEngineOptions } from "./aws/index.js";
import type { ConfiguredEndpoints } from "../config/index.js";
import { endpointFor } from "./aws/endpoint.js";

export type EngineKind = "local" | "aws";

export function chooseEngineKind(
  flags: { engine?: EngineKind; endpointUrl?: string },
  env: Record<string, string | undefined>,
  configured?: ConfiguredEndpoints,
): EngineKind {
  if (flags.engine) return flags.engine;
  const named = env.VOICE_ID_ENGINE;
  if (named !== undefined && named !== "" && named !== "local" && named !== "aws") {
    throw new CliError(`VOICE_ID_ENGINE must be local or aws, not '${named.slice(0, 100)}'.`, ExitCode.config);
  }
  if (endpointFor(flags.endpointUrl, env, configured)) return "aws";
  if (named === "aws") return "aws";
  return "local";
}

/** The AWS engine; its caller has resolved the region (openEngineFor's settings). */
async function openAwsEngine(options: AwsEngineOptions): Promise<Engine> {
  const { AwsEngine } = await import("./aws/index.js");
  return new AwsEngine(options);
}

/** The local engine over $VOICE_ID_HOME; a store that cannot open is a configuration error (exit 253). */
export async function openLocalEngine(env: Record<string, string | undefined>, region?: string): Promise<Engine> {
  try {
    const { LocalEngine, localSettings } = await import("./local/index.js");
    const settings = localSettings(env, region);
    checkRegionName(settings.region);
    return LocalEngine.open({ settings });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`the local engine could not start: ${(err as Error).message}`, ExitCode.config);
  }
}


const RETRY_MODES = ["legacy", "standard", "adaptive"];

/**
 * The retry mode (AWS_RETRY_MODE, then the profile's retry_mode) and the total attempts per call, as botocore
 * counts them: AWS_MAX_ATTEMPTS, then the profile's max_attempts, else the mode's default (legacy: 5, standard and
 * adaptive: 3, which the SDK's default already is). Values botocore refuses when it builds the client are refused
 * here with its messages, in its order (int(), then the count, then the mode), exit 255.
 */
function retrySettingsFor(
  env: Record<string, string | undefined>,
  settings: { retryMode?: string; maxAttempts?: string },
  pyInt: (v: unknown) => number,
): { maxAttempts?: number; retryMode?: string } {
  // botocore takes a variable that is set, even to nothing, before the profile (and int('') fails)
  const written = env.AWS_MAX_ATTEMPTS ?? settings.maxAttempts;
  const given = written === undefined ? undefined : pyInt(written);
  if (given !== undefined && given < 1) {
    throw new CliError(`Value provided to "max_attempts": ${given} must be an integer greater than or equal to 1.`, ExitCode.other);
  }
  const mode = env.AWS_RETRY_MODE ?? settings.retryMode;
  if (mode !== undefined && !RETRY_MODES.includes(mode)) {
    throw new CliError(
      `Invalid value provided to "mode": "${mode}" must be one of: ('legacy', 'standard', 'adaptive')`,
      ExitCode.other,
    );
  }
  return { maxAttempts: given ?? (mode === "legacy" ? 5 : undefined), retryMode: mode };
}

/** What openEngineFor needs from the command line's global options (GlobalArgs, for the operations and waiters). */
export interface EngineGlobals {
  engine?: EngineKind;
  endpointUrl?: string;
  profile?: string;
  noSignRequest?: boolean;
  noVerifySsl?: boolean;
  caBundle?: string;
  /** As given; converted with Python's int() (a bad value exits 255, as in the AWS CLI). */
  readTimeout?: string;
  connectTimeout?: string;
}

/**
 * The engine a command's global options and resolved settings ask for, the AWS one with the AWS CLI's transport
 * options (CA bundle, timeouts, unsigned requests, the profile's credentials when --profile names it). Every
 * command that calls the service opens its engine here: the operations and the waiters.
 */
/**
 * 0 turns a timeout off (botocore passes None to urllib3); a negative one is urllib3's error as the request is made,
 * which with the AWS CLI is every command, so it fails here whichever engine answers (255).
 */
function positiveOrZero(which: "read" | "connect", seconds: number): number {
  if (seconds >= 0) return seconds;
  throw new CliError(`Attempted to set ${which} timeout to ${seconds}, but the timeout cannot be set to a value less than or equal to 0.`, ExitCode.other);
}

export async function openEngineFor(
  kind: EngineKind,
  g: EngineGlobals,
  settings: { region?: string; profile: string; configuredEndpoints?: ConfiguredEndpoints; credentialProcess?: boolean; caBundle?: string; retryMode?: string; maxAttempts?: string },
  env: Record<string, string | undefined>,
): Promise<Engine> {
  // botocore's order: the global timeouts are int()-ed while the arguments are parsed (so a bad one fails
  // whichever engine answers), the retry settings are checked when the client is made, and the CA bundle is read
  // when the first request goes out.
  const timeoutsGiven = g.readTimeout !== undefined || g.connectTimeout !== undefined;
  if (kind === "local" && !timeoutsGiven) return openLocalEngine(env, settings.region); // the common case loads nothing more
  const { pyInt } = await import("../input/python.js");
  const readTimeout = g.readTimeout === undefined ? undefined : positiveOrZero("read", pyInt(g.readTimeout));
  const connectTimeout = g.connectTimeout === undefined ? undefined : positiveOrZero("connect", pyInt(g.connectTimeout));
  if (kind === "local") return openLocalEngine(env, settings.region);
  const { maxAttempts, retryMode } = retrySettingsFor(env, settings, pyInt);
  let caBundle: string | undefined;
  const caPath = g.caBundle ?? (env.AWS_CA_BUNDLE || settings.caBundle); // botocore's order: flag, environment, profile
  if (caPath) {
    const { readFileSync } = await import("node:fs");
    try {
      caBundle = readFileSync(caPath, "utf8");
    } catch {
      throw new CliError(`Could not find a suitable TLS CA certificate bundle, invalid path: ${caPath}`, ExitCode.other);
    }
  }
  return openAwsEngine({
    env,
    region: settings.region,
    profile: settings.profile === "default" && !g.profile ? undefined : settings.profile,
    profileFromFlag: g.profile !== undefined,
    credentialProcess: settings.credentialProcess,
    maxAttempts,
    retryMode,
    endpointUrl: g.endpointUrl,
    configuredEndpoints: settings.configuredEndpoints,
    noSignRequest: g.noSignRequest,
    noVerifySsl: g.noVerifySsl,
    caBundle,
    readTimeout,
    connectTimeout,
  });
}
