// AwsEngine: answers through the real service with @aws-sdk/client-voice-id (loaded only when used),
// credentials from the Node provider chain, and SDK errors mapped to ServiceError / configuration errors.
import { statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { ServiceError, type CallContext, type Document, type Engine } from "../engine.js";
import { CliError, ExitCode } from "../../errors/index.js";
import { checkRegionName, type ConfiguredEndpoints } from "../../config/index.js";
import { shape as modelShape } from "../../model/index.js";
import { checkEndpoint, endpointFor, withoutPassword } from "./endpoint.js";
import { errorBodyText, keepErrorBody, untypedError } from "./untyped-error.js";

export interface AwsEngineOptions {
  env: Record<string, string | undefined>;
  region?: string;
  profile?: string;
  /** --profile was given: its credentials only, not the environment's (as the AWS CLI does). */
  profileFromFlag?: boolean;
  /** Total attempts per call (AWS_MAX_ATTEMPTS, max_attempts, the legacy retry mode's 5; see select.ts); the SDK's 3 when absent. */
  maxAttempts?: number;
  /** AWS_RETRY_MODE or the profile's retry_mode (standard when absent): it decides when an error says "reached max retries". */
  retryMode?: string;
  /** The profile runs a credential_process: its failures are reported, not hidden behind "Unable to locate". */
  credentialProcess?: boolean;
  endpointUrl?: string;
  /** The profile's endpoints (endpoint_url, [services], ignore_configured_endpoint_urls). */
  configuredEndpoints?: ConfiguredEndpoints;
  noSignRequest?: boolean;
  noVerifySsl?: boolean;
  /** PEM text of the CA bundle to trust. */
  caBundle?: string;
  /** Seconds; 0 means no limit. */
  readTimeout?: number;
  connectTimeout?: number;
}

/** Error codes and statuses the SDK retries (as the AWS CLI's standard retry mode does). */
function isRetryable(err: { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown }): boolean {
  const status = err.$metadata?.httpStatusCode ?? 0;
  return status >= 500 || /Throttl|TooManyRequests|RequestLimitExceeded/.test(err.name ?? "") || status === 429;
}

type SdkModule = typeof import("@aws-sdk/client-voice-id");

export class AwsEngine implements Engine {
  readonly kind = "aws" as const;
  private client?: InstanceType<SdkModule["VoiceIDClient"]>;
  private sdk?: SdkModule;

  constructor(private readonly options: AwsEngineOptions) {}

  private async ready(): Promise<[SdkModule, InstanceType<SdkModule["VoiceIDClient"]>]> {
    if (this.sdk && this.client) return [this.sdk, this.client];
    const o = this.options;
    // botocore's order as it makes a client: the region's format, the endpoint, then a region at all.
    checkRegionName(o.region);
    const endpoint = this.endpoint();
    checkEndpoint(endpoint);
    if (!o.region) {
      throw new CliError('You must specify a region. You can also configure your region by running "aws configure".', ExitCode.config);
    }
    // The SDK's own Node-version notice (a process warning, e.g. from the STS client of an assumed role) is not
    // ours to print: standard error belongs to the AWS CLI's messages.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    shieldSpecialConfigFiles(process.env);
    if (o.env !== process.env) shieldSpecialConfigFiles(o.env as NodeJS.ProcessEnv); // what iniFiles passes the SDK
    const sdk = await import("@aws-sdk/client-voice-id");
    const https = o.noVerifySsl || o.caBundle ? await import("node:https") : undefined;
    // botocore's read timeout is a limit on socket inactivity: the SDK's socketTimeout. (Its requestTimeout
    // only logs a warning unless throwOnRequestTimeout is set.) 0 turns either limit off.
    const requestHandler: Record<string, unknown> = {
      socketTimeout: (o.readTimeout ?? 60) * 1000,
      connectionTimeout: (o.connectTimeout ?? 60) * 1000,
    };
    if (https) requestHandler.httpsAgent = new https.Agent({ rejectUnauthorized: !o.noVerifySsl, ...(o.caBundle ? { ca: o.caBundle } : {}) });
    let credentials: unknown;
    const envKeys = Boolean(o.env.AWS_ACCESS_KEY_ID) && !o.profileFromFlag;
    if (o.noSignRequest) credentials = { accessKeyId: "", secretAccessKey: "" };
    else if (o.credentialProcess && !envKeys) {
      const { fromIni } = await import("@aws-sdk/credential-providers");
      credentials = reportingProcessFailures(fromIni({ profile: o.profile ?? "default", ...iniFiles(o.env) }));
    } else if (o.profile && o.profileFromFlag) {
      const { fromIni } = await import("@aws-sdk/credential-providers");
      credentials = fromIni({ profile: o.profile, ...iniFiles(o.env) });
    } else if (o.env.AWS_ACCESS_KEY_ID && !o.env.AWS_SECRET_ACCESS_KEY) {
      // botocore's environment provider: a key without its secret is an error, not a reason to sign as the
      // default profile instead (which the SDK's chain would do)
      throw new CliError("Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY", ExitCode.other);
    } else if (o.env.AWS_ACCESS_KEY_ID && o.env.AWS_SECRET_ACCESS_KEY) {
      // Environment credentials come from our IO (not process.env), so in-process runs see their own.
      credentials = {
        accessKeyId: o.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: o.env.AWS_SECRET_ACCESS_KEY,
        ...(o.env.AWS_SESSION_TOKEN ? { sessionToken: o.env.AWS_SESSION_TOKEN } : {}),
      };
    } else {
      const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
      credentials = fromNodeProviderChain(o.profile ? { profile: o.profile } : {});
    }
    this.client = new sdk.VoiceIDClient({
      region: o.region,
      ...(endpoint ? { endpoint } : {}),
      credentials: credentials as never,
      ...(o.noSignRequest ? { signer: { sign: async (request: unknown) => request } as never } : {}),
      requestHandler: requestHandler as never,
      ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
    });
    this.client.middlewareStack.add(keepErrorBody as never, { step: "deserialize", priority: "low", name: "keepErrorBody" });
    const basePath = endpoint ? endpointPath(endpoint) : undefined;
    if (basePath) this.client.middlewareStack.add(postToPath(basePath) as never, { step: "build", priority: "low", name: "postToEndpointPath" });
    this.sdk = sdk;
    return [sdk, this.client];
  }

  async call(operation: string, params: Document, ctx?: CallContext): Promise<Document> {
    const [sdk, client] = await this.ready();
    const Command = (sdk as unknown as Record<string, new (input: Document) => unknown>)[`${operation}Command`];
    if (!Command) throw new CliError(`the AWS SDK has no ${operation} operation`, ExitCode.other);
    const endpoint = this.endpoint();
    ctx?.debug?.(`AWS engine: calling ${operation} in ${this.options.region}${endpoint ? ` at ${withoutPassword(endpoint)}` : ""}`);
    try {
      const out = (await client.send(new Command(params) as never, { abortSignal: ctx?.signal as never })) as unknown as Document;
      const attempts = (out.$metadata as { attempts?: number } | undefined)?.attempts;
      ctx?.debug?.(`AWS engine: ${operation} answered after ${attempts ?? 1} attempt(s)`);
      const { $metadata: _ignored, ...rest } = out;
      return rest;
    } catch (err) {
      // botocore names the regional endpoint when none was configured
      throw mapSdkError(err, endpoint ?? `https://voiceid.${this.options.region}.amazonaws.com`, {
        maxAttempts: this.options.maxAttempts ?? 3,
        legacy: this.options.retryMode === "legacy",
      });
    }
  }

  /** The endpoint override in force (flag, environment, profile), or none for the regional endpoint. */
  private endpoint(): string | undefined {
    return endpointFor(this.options.endpointUrl, this.options.env, this.options.configuredEndpoints);
  }

  close(): void {
    this.client?.destroy();
  }
}

/**
 * The SDK reads ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) itself, for
 * the region's settings as well as credentials. botocore skips a path that is not a regular file; the SDK would
 * block on a FIFO for ever or read /dev/zero until the memory ran out. So such a path is pointed at /dev/null,
 * which reads as empty, in the environment the SDK consults (this process's).
 */
function shieldSpecialConfigFiles(env: NodeJS.ProcessEnv): void {
  const home = env.HOME || homedir();
  for (const [name, fallback] of [["AWS_CONFIG_FILE", join(home, ".aws", "config")], ["AWS_SHARED_CREDENTIALS_FILE", join(home, ".aws", "credentials")]] as const) {
    const path = env[name] || fallback;
    try {
      if (!statSync(path).isFile()) env[name] = "/dev/null";
    } catch {
      // absent or unreadable: the SDK finds nothing there either
    }
  }
}

/** The members an error shape of the model defines, apart from its message. */
function errorMembers(code: string): Set<string> {
  try {
    return new Set(Object.keys(modelShape(code).members ?? {}).filter((m) => m.toLowerCase() !== "message"));
  } catch {
    return new Set(); // an error the model does not know
  }
}

/** The path of an endpoint URL that has one (`http://host/sub`), or undefined for none or `/`. */
function endpointPath(url: string): string | undefined {
  try {
    const path = new URL(url).pathname;
    return path === "/" || path === "" ? undefined : path;
  } catch {
    return undefined;
  }
}

/**
 * botocore posts a JSON-protocol request to the endpoint's path as written (`…/sub`); the SDK joins the
 * operation's `/` to it (`…/sub/`), which a path-routed gateway may treat as another route. Runs before signing.
 */
function postToPath(basePath: string) {
  return (next: (args: { request: { path?: string } }) => Promise<unknown>) => async (args: { request: { path?: string } }) => {
    if (!basePath.endsWith("/") && args.request.path === `${basePath}/`) args.request.path = basePath;
    return next(args);
  };
}

/** The config and credentials files our environment names (the SDK would read process.env's). */
function iniFiles(env: Record<string, string | undefined>): { configFilepath?: string; filepath?: string } {
  return {
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
  };
}

/** botocore's CredentialRetrievalError for a credential_process that fails or prints something unusable (255). */
function reportingProcessFailures<T>(provider: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await provider();
    } catch (err) {
      let why = (err as Error)?.message ?? String(err);
      // Node's "Command failed: <the command line>\n<stderr>": botocore shows the process's stderr alone, and the
      // command line may hold a secret (--password=…)
      if (why.startsWith("Command failed: ")) why = why.includes("\n") ? why.slice(why.indexOf("\n") + 1) : "";
      why = why.trim();
      throw new CliError(`Error when retrieving credentials from custom-process: ${why}`, ExitCode.other);
    }
  };
}

/**
 * SDK error → ServiceError (service answers) or CliError (credentials, network). `retry` says when botocore would
 * add "(reached max retries: N)": in standard and adaptive mode whenever the last attempt allowed was made, for
 * any error (its attempt check runs before the retryability check); in legacy mode only for a retryable error.
 */
export function mapSdkError(err: unknown, endpoint?: string, retry: { maxAttempts: number; legacy: boolean } = { maxAttempts: 3, legacy: false }): Error {
  if (err instanceof CliError || err instanceof ServiceError) return err;
  const e = err as Error & {
    name: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
    $response?: { statusCode?: number; body?: unknown };
    $responseBodyText?: string;
    $fault?: string;
    code?: string;
    tryNextLink?: boolean;
  };
  if (e?.name === "CredentialsProviderError" || e?.tryNextLink !== undefined) {
    return new CliError('Unable to locate credentials. You can configure credentials by running "aws configure".', ExitCode.config);
  }
  const attempts = e?.$metadata?.attempts ?? 1;
  const exhausted = attempts >= retry.maxAttempts && (!retry.legacy || isRetryable(e)) ? attempts - 1 : undefined;
  // An error answer the SDK could not type ("Unknown") or not parse (no $fault): botocore's reading of it.
  const status = e?.$response?.statusCode ?? 0;
  if (status >= 300 && (e.name === "Unknown" || e.$fault === undefined)) {
    const { code, message } = untypedError(status, errorBodyText(e.$response) ?? e.$responseBodyText ?? "");
    return new ServiceError(code, message, {}, exhausted);
  }
  if (e?.$metadata?.httpStatusCode !== undefined && e.$fault !== undefined) {
    // the error shape's modelled members only (ResourceType, ConflictType), as botocore parses them: the SDK also
    // keeps what the wire carried beside them, such as the JSON protocol's __type
    const modelled = errorMembers(e.name);
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (modelled.has(k) && v !== undefined) fields[k] = v;
    return new ServiceError(e.name, e.message ?? "", fields, exhausted);
  }
  const code = e?.code ?? "";
  const tls = /^(EPROTO|ERR_SSL_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|UNABLE_TO_|CERT_)/.test(code);
  if (tls || e?.name === "TimeoutError" || ["ECONNREFUSED", "ENOTFOUND", "ECONNRESET", "EHOSTUNREACH", "ETIMEDOUT"].includes(code)) {
    // A host the endpoint does not name is another service's: STS, while the credentials of an assumed role load.
    const host = (e as { hostname?: unknown }).hostname;
    const elsewhere = typeof host === "string" && (!endpoint || new URL(endpoint).hostname !== host);
    // as botocore names the request's URL: the endpoint's own path when it has one (…/sub), else the root (…/)
    const url = elsewhere ? `https://${host}/` : endpoint ? (endpointPath(endpoint) ? withoutPassword(endpoint) : withoutPassword(endpoint).replace(/\/?$/, "/")) : undefined;
    // botocore's SSLError: the URL, then the TLS library's reason
    if (tls) return new CliError(`SSL validation failed for ${url ?? "the service"} ${e.message.split("\n")[0]}`, ExitCode.other);
    const where = url ? `"${url}"` : `the service (${e.message})`;
    // botocore's ConnectionClosedError: the server hung up (before or while it answered)
    if (code === "ECONNRESET") return new CliError(`Connection was closed before we received a valid response from endpoint URL: ${where}.`, ExitCode.other);
    // botocore's ConnectTimeoutError / ReadTimeoutError; the SDK tells its two timeouts apart only by message.
    const what = e.name !== "TimeoutError" ? "Could not connect to the endpoint URL" : /establish a connection/.test(e.message) ? "Connect timeout on endpoint URL" : "Read timeout on endpoint URL";
    return new CliError(`${what}: ${where}`, ExitCode.other);
  }
  return e instanceof Error ? e : new Error(String(err));
}

export function openAwsEngine(options: AwsEngineOptions): AwsEngine {
  return new AwsEngine(options);
}
