// LocalEngine: answers the 29 operations from a SQLite store on this machine (the default engine).
import { join } from "node:path";
import { homedir } from "node:os";
import { nodeCrypto } from "./crypto.js";
import { ServiceError, type CallContext, type Document, type Engine } from "../engine.js";
import { CliError, ExitCode, configError } from "../../errors/index.js";
import { validateDocument } from "../../validate/index.js";
import { isReadOnly, openDatabase, readOnlyStore, type Database } from "./store/db.js";
import type { HandlerTable, LocalContext, LocalSettings } from "./context.js";
import { handlers } from "./handlers/index.js";
import { resumeOrphanedJobs, spawnWorker } from "./jobs/supervisor.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 22 characters from [A-Za-z0-9], cryptographically random (spec §4.7). */
export function randomId(): string {
  const { randomBytes } = nodeCrypto();
  const bytes = randomBytes(32);
  let out = "";
  for (let i = 0; out.length < 22; i++) {
    const b = bytes[i % bytes.length];
    if (b < 248) out += ALPHANUMERIC[b % 62]; // 248 = 4 × 62: no modulo bias
    else if (i >= bytes.length) out += ALPHANUMERIC[randomBytes(1)[0] % 62];
  }
  return out;
}

/** A non-negative number of days, or undefined (the default, 30) when unset or empty; anything else is refused, as a bad account id is. */
function retentionDays(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n >= 0)) throw configError(`VOICE_ID_DOMAIN_RETENTION_DAYS must be a number of days, 0 or more, not '${value}'.`);
  return n;
}

/** The account id for ARNs: 12 digits, as the model's ARN patterns require (anything else would make ARNs the tag operations refuse). */
function accountId(value: string | undefined): string {
  if (!value) return "000000000000";
  if (!/^\d{12}$/.test(value)) throw configError(`VOICE_ID_ACCOUNT_ID must be a 12-digit account id, not '${value}'.`);
  return value;
}

/** Settings from the environment: VOICE_ID_HOME, VOICE_ID_S3_ROOT, region and account. */
export function localSettings(env: Record<string, string | undefined>, region?: string): LocalSettings {
  const home = env.VOICE_ID_HOME || join(env.HOME || homedir(), ".voice-id");
  return {
    home,
    s3Root: env.VOICE_ID_S3_ROOT || join(home, "s3"),
    region: region || env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
    account: accountId(env.VOICE_ID_ACCOUNT_ID),
    domainRetentionDays: retentionDays(env.VOICE_ID_DOMAIN_RETENTION_DAYS),
  };
}

export interface LocalEngineOptions {
  settings: LocalSettings;
  now?: () => Date;
  newId?: () => string;
  /** Table of handlers; defaults to all of them. */
  handlers?: HandlerTable;
  onJobSubmitted?: (jobId: string) => void;
  /**
   * Batch jobs (issue 6). "spawn" (default): open() makes onJobSubmitted start a detached worker process,
   * and respawns one when an active job's worker died (expired lease or dead pid). "none": the caller runs
   * jobs itself (local serve: jobs/work-loop.ts runPendingJobs) or not at all (tests).
   */
  jobWorkers?: "spawn" | "none";
}

/**
 * SQLite's own errors say nothing of which file failed ("database disk image is malformed"): they carry the store's
 * path for the message (errors/index.ts). A store this user may read but not write (another user's) is a
 * configuration problem (253) with the same advice as one that cannot even be opened.
 */
function namingTheStore(err: unknown, file: string): unknown {
  if (isReadOnly(err)) return new CliError(readOnlyStore(file).message, ExitCode.config);
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_")) Object.assign(err as object, { storeFile: file });
  return err;
}

export class LocalEngine implements Engine {
  readonly kind = "local" as const;
  readonly ctx: LocalContext;
  private readonly table: HandlerTable;

  constructor(db: Database, options: LocalEngineOptions) {
    this.ctx = {
      db,
      settings: options.settings,
      now: options.now ?? (() => new Date()),
      newId: options.newId ?? randomId,
      onJobSubmitted: options.onJobSubmitted,
    };
    this.table = options.handlers ?? handlers;
  }

  static open(options: LocalEngineOptions): LocalEngine {
    const spawn = options.jobWorkers !== "none";
    const engine = new LocalEngine(openDatabase(join(options.settings.home, "voice-id.db")), {
      ...options,
      onJobSubmitted: options.onJobSubmitted ?? (spawn ? () => spawnWorker(options.settings) : undefined),
    });
    if (spawn) resumeOrphanedJobs(engine.ctx); // jobs (issue 6): a killed worker's job resumes on the next command
    return engine;
  }

  /** Validates the input like the service (every constraint), then runs the operation's handler. */
  async call(operation: string, params: Document, _ctx?: CallContext): Promise<Document> {
    const handler = this.table[operation];
    if (!handler) throw new ServiceError("UnknownOperationException", `The local engine does not implement ${operation}.`);
    const violations = validateDocument("input", operation, params);
    if (violations.length) {
      const { serializationMessage, serviceValidationMessage } = await import("./validation-message.js"); // only on the error path
      const wrongType = violations.find((v) => v.rule === "type");
      if (wrongType) throw new ServiceError("SerializationException", serializationMessage(wrongType));
      throw new ServiceError("ValidationException", serviceValidationMessage(operation, violations));
    }
    try {
      return await handler(this.ctx, params);
    } catch (err) {
      throw namingTheStore(err, this.ctx.db.name);
    }
  }

  close(): void {
    this.ctx.db.close();
  }
}
