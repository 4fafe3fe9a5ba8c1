// `voice-id local start-session | update-session | enroll-session | describe-session | list-sessions | delete-session`:
// the local stand-in for the Connect calls that create and drive Voice ID sessions (spec §8.3), so that
// EvaluateSession has something to evaluate. Each export is one command module of the `local` registry.
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Deps } from "../../deps.js";
import { ServiceError, type Document } from "../../engine/engine.js";
import { CliError, ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import type { LocalContext } from "../../engine/local/context.js";
import type { CommandModule } from "./index.js";
import { joinNegativeValues, parseArgsMessage } from "./parse-args-message.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | undefined>;

interface SessionCommand {
  name: string;
  operation: string;
  usage: string;
  options: Options;
  required: string[];
  call(ctx: LocalContext, v: Values, deps: Deps): Promise<Document>;
}

const DOMAIN: Options = { "domain-id": { type: "string" } };
const SESSION: Options = { ...DOMAIN, "session-name-or-id": { type: "string" } };
const SETTINGS: Options = {
  "speaker-id": { type: "string" },
  "acceptance-threshold": { type: "string" },
  "risk-threshold": { type: "string" },
  "watchlist-id": { type: "string" },
  "authentication-min-speech": { type: "string" },
};

/** The integer options and the ranges the session operations allow (manage.ts checks them again, as the service would). */
const INTEGER_RANGES: Record<string, [number, number]> = {
  "acceptance-threshold": [0, 100],
  "risk-threshold": [0, 100],
  "authentication-min-speech": [5, 10],
  "channel-id": [0, 1],
};

/** An integer option; one that is not, or is outside its range, is a usage error (252) naming the option. */
function integer(v: Values, name: string): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  const [min, max] = INTEGER_RANGES[name]!;
  const range = max - min === 1 ? `${min} or ${max}` : `an integer from ${min} to ${max}`;
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new CliError(`--${name} must be ${range}, got '${String(raw)}'.`);
  return Number(raw);
}

const str = (v: Values, name: string) => v[name] as string | undefined;

function settings(v: Values) {
  return {
    SpeakerId: str(v, "speaker-id"),
    AcceptanceThreshold: integer(v, "acceptance-threshold"),
    RiskThreshold: integer(v, "risk-threshold"),
    WatchlistId: str(v, "watchlist-id"),
    AuthenticationMinimumSpeechInSeconds: integer(v, "authentication-min-speech"),
  };
}

const sessionKey = (v: Values) => ({ DomainId: str(v, "domain-id")!, SessionNameOrId: str(v, "session-name-or-id")! });

const manage = () => import("../../engine/local/sessions/manage.js");

/** A command that addresses one session and nothing else (enroll, describe, delete). */
function sessionCommand(name: string, operation: string, about: string, call: (ctx: LocalContext, key: ReturnType<typeof sessionKey>) => Promise<Document>): SessionCommand {
  return {
    name,
    operation,
    usage: `usage: voice-id local ${name} --domain-id ID --session-name-or-id NAME\n${about ? "\n" + about : ""}`,
    options: SESSION,
    required: ["domain-id", "session-name-or-id"],
    call: (ctx, v) => call(ctx, sessionKey(v)),
  };
}

const COMMANDS: Record<string, SessionCommand> = {
  start: {
    name: "start-session",
    operation: "StartSession",
    usage: `usage: voice-id local start-session --domain-id ID --audio s3://BUCKET/KEY|PATH [--channel-id 0|1] [--session-name NAME]
         [--speaker-id CUSTOMER_ID] [--acceptance-threshold 90] [--risk-threshold 50] [--watchlist-id ID]
         [--authentication-min-speech 10] [--no-authentication] [--no-fraud-detection] [--real-time]

Starts a local Voice ID session over a recorded call (8 kHz PCM-16 WAV), like Amazon Connect's "Set Voice ID"
block. By default the whole file counts as streamed (StreamingStatus ENDED); --real-time streams it at wall-clock
speed (ONGOING until its duration has elapsed). An unknown --speaker-id creates a PENDING speaker.
Then: voice-id evaluate-session --domain-id ID --session-name-or-id NAME
`,
    options: { ...DOMAIN, ...SETTINGS, audio: { type: "string" }, "channel-id": { type: "string" }, "session-name": { type: "string" }, "no-authentication": { type: "boolean" }, "no-fraud-detection": { type: "boolean" }, "real-time": { type: "boolean" } },
    required: ["domain-id", "audio"],
    async call(ctx, v, deps) {
      const audio = str(v, "audio")!;
      return (await manage()).startSession(ctx, {
        DomainId: str(v, "domain-id")!,
        AudioUri: audio.startsWith("s3://") ? audio : resolve(deps.io.cwd, audio),
        ChannelId: integer(v, "channel-id"),
        SessionName: str(v, "session-name"),
        Authentication: !v["no-authentication"],
        FraudDetection: !v["no-fraud-detection"],
        RealTime: Boolean(v["real-time"]),
        ...settings(v),
      });
    },
  },
  update: {
    name: "update-session",
    operation: "UpdateSession",
    usage: `usage: voice-id local update-session --domain-id ID --session-name-or-id NAME [--speaker-id CUSTOMER_ID]
         [--acceptance-threshold N] [--risk-threshold N] [--watchlist-id ID] [--authentication-min-speech 5-10]

Changes a session's speaker or configuration; the next evaluate-session computes anew the results the change
affects (new result ids for those).
`,
    options: { ...SESSION, ...SETTINGS },
    required: ["domain-id", "session-name-or-id"],
    async call(ctx, v) {
      return (await manage()).updateSession(ctx, { ...sessionKey(v), ...settings(v) });
    },
  },
  enroll: sessionCommand(
    "enroll-session",
    "EnrollSession",
    "Enrolls the session's speaker from the session's audio (needs 30 s of net speech), like the CCP's enroll button;\n" +
      "a --real-time session enrolls from the audio streamed so far, so a live call can enroll before it ends.\n" +
      "Prints EnrollmentStatus COMPLETED, or NOT_ENOUGH_SPEECH with nothing enrolled; both exit 0, as an answered\n" +
      "call does, so a script checks the status (--query EnrollmentStatus --output text). It does not screen the\n" +
      "audio against fraudster watchlists as a batch enrollment job does: run evaluate-session on the session first.\n",
    async (ctx, key) => (await manage()).enrollSession(ctx, key),
  ),
  describe: sessionCommand("describe-session", "DescribeSession", "", async (ctx, key) => (await manage()).describeSession(ctx, key)),
  list: {
    name: "list-sessions",
    operation: "ListSessions",
    usage: "usage: voice-id local list-sessions --domain-id ID\n",
    options: DOMAIN,
    required: ["domain-id"],
    async call(ctx, v) {
      return (await manage()).listSessions(ctx, { DomainId: str(v, "domain-id")! });
    },
  },
  delete: sessionCommand("delete-session", "DeleteSession", "", async (ctx, key) => (await manage()).deleteSession(ctx, key)),
};

/** Output options every session command takes, as the AWS CLI's global ones (also honoured before `local`). */
const OUTPUT: Options = { output: { type: "string" }, query: { type: "string" }, region: { type: "string" }, profile: { type: "string" } };

const OUTPUT_USAGE = "\nOutput: --output json|text|table|yaml|yaml-stream|off and --query, as for every other command; --region and --profile too.\n";

/** Everything a session command's command line may hold (completion offers the same). */
const optionsOf = (cmd: SessionCommand): Options => ({ ...cmd.options, ...OUTPUT, help: { type: "boolean", short: "h" } });

async function runCommand(cmd: SessionCommand, argv: string[], deps: Deps): Promise<number> {
  const fail = async (message: string, code: number) => {
    await write(deps.io.stderr, `voice-id local ${cmd.name}: ${message}\n`);
    return code;
  };
  let values: Values;
  const usage = cmd.usage + OUTPUT_USAGE;
  try {
    values = parseArgs({ args: joinNegativeValues(argv, optionsOf(cmd)), strict: true, allowPositionals: false, options: optionsOf(cmd) }).values as Values;
  } catch (err) {
    return fail(`${parseArgsMessage(err)}\n\n${usage}`, ExitCode.usage);
  }
  if (values.help) {
    await write(deps.io.stdout, usage);
    return ExitCode.ok;
  }
  const missing = cmd.required.filter((r) => values[r] === undefined);
  if (missing.length) return fail(`the following arguments are required: ${missing.map((m) => "--" + m).join(", ")}\n\n${usage}`, ExitCode.usage);
  const g = deps.globals ?? {};
  const { loadSettings } = await import("../../config/load.js");
  const { emitPlain, compileQuery, outputFormats } = await import("../../output/index.js");
  const { checkRegionName, timestampFormatOf } = await import("../../config/index.js");
  let engine;
  try {
    // out-of-range values are usage errors, refused before the store is opened (as every command's are)
    for (const name of Object.keys(INTEGER_RANGES)) integer(values, name);
    // the same precedence as for every command: option, environment, config file (a profile it lacks is no error here)
    const resolved = loadSettings({ region: str(values, "region") ?? g.region, output: str(values, "output") ?? g.output, profile: str(values, "profile") ?? g.profile }, deps.io.env, deps.io.homedir);
    // from this command's --output a usage error (252); from AWS_DEFAULT_OUTPUT or the profile 255, as in the AWS CLI
    if (!outputFormats().includes(resolved.output)) throw new CliError(`Unknown output type: ${resolved.output}`, str(values, "output") !== undefined ? ExitCode.usage : ExitCode.other);
    const timestampFormat = timestampFormatOf(resolved);
    const query = str(values, "query") ?? g.query;
    if (query !== undefined) compileQuery(query); // a bad --query fails before the session is touched
    checkRegionName(resolved.region);
    const { LocalEngine, localSettings } = await import("../../engine/local/index.js");
    try {
      engine = LocalEngine.open({ settings: localSettings(deps.io.env, resolved.region) });
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`the local engine could not start: ${(err as Error).message}`, ExitCode.config);
    }
    const out = await cmd.call(engine.ctx, values, deps);
    if (Object.keys(out).length > 0) await emitPlain({ io: deps.io, title: cmd.operation, document: out, output: { format: resolved.output, query, color: g.color ?? "auto", timestampFormat } });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CliError) return fail(err.message, err.exitCode);
    // printed by main() as every operation's error is: the same line, or --cli-error-format's form of it
    if (err instanceof ServiceError) throw Object.assign(err, { operation: cmd.operation });
    throw err;
  } finally {
    engine?.close();
  }
}

const command = (key: keyof typeof COMMANDS): CommandModule => ({
  run: (argv, deps) => runCommand(COMMANDS[key], argv, deps),
  options: optionsOf(COMMANDS[key]),
});

export const start = command("start");
export const update = command("update");
export const enroll = command("enroll");
export const describe = command("describe");
export const list = command("list");
export const remove = command("delete");
