// The two job waiters: poll Describe*Job until the job is COMPLETED / COMPLETED_WITH_ERRORS (exit 0) or
// FAILED (exit 255, the AWS CLI waiter's message, then the job's reason), with a percentage spinner on stderr only
// on a terminal. It gives up after an hour (exit 255), saying the job is still running.
import { parseArgs } from "node:util";
import type { Deps } from "../../deps.js";
import { ServiceError, type Document } from "../../engine/engine.js";
import { CliError, ExitCode } from "../../errors/index.js";
import { write } from "../../io/index.js";
import { chooseEngine, type EngineChoice, type WaiterGlobals } from "./engine.js";
import { globalOptions } from "../global-options.js";
import { operation } from "../../model/index.js";
import { inputProblems, validationMessage } from "../../validate/params.js";

export interface WaiterSpec {
  command: string;
  waiter: string;
  operation: "DescribeSpeakerEnrollmentJob" | "DescribeFraudsterRegistrationJob";
  label: string;
}

export interface WaitOptions {
  domainId: string;
  jobId: string;
  delayMs: number;
  maxAttempts: number;
  sleep?: (ms: number) => Promise<void>;
  onPoll?: (job: Document) => void;
}

/** `detail`: a line of our own printed after the AWS CLI's, which scripts may match and which says only "FAILED". */
export type WaitOutcome = { ok: true; job: Document } | { ok: false; reason: string; detail?: string };

const percentOf = (job: Document) => (job.JobProgress as { PercentComplete?: number } | undefined)?.PercentComplete ?? 0;

/** Why a FAILED job failed, from its FailureDetails (absent on an AWS answer without them). */
function failureLine(jobId: string, job: Document): string | undefined {
  const details = job.FailureDetails as { StatusCode?: number; Message?: string } | undefined;
  if (!details) return undefined;
  return `Job ${jobId} failed: ${details.Message || "no reason given"}${details.StatusCode === undefined ? "" : ` (${details.StatusCode})`}`;
}

/** Polls until a terminal status; the outcome's reason is the AWS CLI waiter's wording. */
export async function waitForJob(choice: EngineChoice, spec: WaiterSpec, opts: WaitOptions): Promise<WaitOutcome> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    const engine = await choice.open();
    let job: Document;
    try {
      job = (await engine.call(spec.operation, { DomainId: opts.domainId, JobId: opts.jobId })).Job as Document;
    } catch (err) {
      if (err instanceof ServiceError) return { ok: false, reason: `An error occurred (${err.code}): ${err.message}` };
      throw err;
    } finally {
      if (choice.kind === "local") await engine.close?.();
    }
    opts.onPoll?.(job);
    const status = job.JobStatus as string;
    if (status === "COMPLETED" || status === "COMPLETED_WITH_ERRORS") return { ok: true, job };
    if (status === "FAILED") {
      return {
        ok: false,
        reason: `Waiter encountered a terminal failure state: For expression "Job.JobStatus" we matched expected path: "FAILED"`,
        detail: failureLine(opts.jobId, job),
      };
    }
    if (attempt >= opts.maxAttempts) {
      // "Max attempts exceeded" alone reads as if the job had failed: it has not, it runs on.
      const detail = `Gave up waiting: job ${opts.jobId} is still running (${String(status)} ${percentOf(job)}%); run the waiter again to wait on.`;
      return { ok: false, reason: "Max attempts exceeded", detail };
    }
    await sleep(opts.delayMs);
  }
}

const usage = (spec: WaiterSpec) => `usage: voice-id wait ${spec.command} --domain-id <value> --job-id <value>
       [--engine local|aws] [--endpoint-url <url>] [--region <region>] [--profile <name>] [--debug]
       [any other global option: --no-sign-request, --no-verify-ssl, --ca-bundle, --cli-read-timeout, …]

Waits until the ${spec.label} has finished: exits 0 when it is COMPLETED or COMPLETED_WITH_ERRORS,
255 when it FAILED (then prints the job's FailureDetails). Gives up after one hour (exit 255) while the
job runs on. Prints nothing on success; on a terminal, a spinner on stderr shows the job's progress.
`;

export interface Spinner {
  update(text: string): void;
  stop(): void;
}

/**
 * A spinner on stderr only when both stdout and stderr are terminals (ora loaded only then) that can move the
 * cursor (not TERM=dumb). A terminal that reports 0 columns (a pty nobody sized) gets none: ora would clear an
 * unbounded number of lines. Coloured unless NO_COLOR or --color off says otherwise.
 */
export async function startSpinner(deps: Deps, text: string, colorMode: unknown = deps.globals?.color): Promise<Spinner | undefined> {
  const { io } = deps;
  if (!io.stdoutIsTTY || !io.stderrIsTTY || (io.stderr as { columns?: number }).columns === 0 || io.env.TERM === "dumb") return undefined;
  const { default: ora } = await import("ora");
  const spinner = ora({
    text,
    // We already checked both streams are terminals; ora would look at the stream object itself.
    stream: io.stderr as NodeJS.WritableStream,
    isEnabled: true,
    // ora's default puts the terminal in raw mode to swallow keystrokes: Ctrl-C then arrives as a byte its
    // stdin listener (which never starts reading on Node 20) should turn into SIGINT, and a signal leaves the
    // terminal raw. Leave stdin alone: Ctrl-C stays the terminal's, exit 130 as documented.
    discardStdin: false,
    color: io.env.NO_COLOR || colorMode === "off" ? false : "cyan",
  }).start();
  return { update: (t) => (spinner.text = t), stop: () => spinner.stop() };
}

/** The waiter's spinner text: the job's status and percentage. */
async function progress(deps: Deps, spec: WaiterSpec, jobId: string, colorMode: unknown) {
  const spinner = await startSpinner(deps, `Waiting for ${spec.label} ${jobId}`, colorMode);
  return {
    update: (job: Document) => {
      spinner?.update(`Waiting for ${spec.label} ${jobId}: ${String(job.JobStatus)} ${percentOf(job)}%`);
    },
    stop: () => spinner?.stop(),
  };
}

/**
 * The global options a waiter takes after its name as every command does (`wait … --endpoint-url URL
 * --cli-read-timeout 5`); those written before `wait` arrive parsed in deps.globals. Output options are accepted
 * and have nothing to shape: a waiter prints nothing on success.
 */
const GLOBAL_OPTIONS = Object.fromEntries(
  globalOptions.filter((o) => o.flag !== "--help" && o.flag !== "--version").map((o) => [o.flag.slice(2), { type: o.nargs === 0 ? ("boolean" as const) : ("string" as const) }]),
);
const DEST = new Map(globalOptions.map((o) => [o.flag.slice(2), o.dest]));

export async function runJobWaiter(argv: string[], deps: Deps, spec: WaiterSpec): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...GLOBAL_OPTIONS,
        "domain-id": { type: "string" },
        "job-id": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (err) {
    await write(deps.io.stderr, `voice-id wait ${spec.command}: ${(err as Error).message}\n\n${usage(spec)}`);
    return ExitCode.usage;
  }
  if (values.help) {
    await write(deps.io.stdout, usage(spec));
    return ExitCode.ok;
  }
  const missing = ["domain-id", "job-id"].filter((k) => typeof values[k] !== "string" || values[k] === "");
  if (missing.length) {
    await write(deps.io.stderr, `voice-id wait ${spec.command}: the following arguments are required: ${missing.map((m) => `--${m}`).join(", ")}\n\n${usage(spec)}`);
    return ExitCode.usage;
  }
  const globals: Record<string, unknown> = { ...deps.globals };
  for (const [name, value] of Object.entries(values)) if (DEST.has(name) && value !== undefined) globals[DEST.get(name)!] = value;
  const engine = globals.engine as string | undefined;
  if (engine !== undefined && engine !== "local" && engine !== "aws") {
    await write(deps.io.stderr, `voice-id wait ${spec.command}: argument --engine: invalid choice: '${engine}' (choose from 'local', 'aws')\n`);
    return ExitCode.usage;
  }
  let choice: EngineChoice;
  try {
    choice = await chooseEngine(deps.io, globals as WaiterGlobals);
  } catch (err) {
    if (err instanceof CliError) {
      await write(deps.io.stderr, `${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  // then what the AWS CLI checks before the waiter's first call, as for describe-…-job (lengths)
  const problems = inputProblems(spec.operation, operation(spec.operation)!.input!, { DomainId: values["domain-id"], JobId: values["job-id"] });
  if (problems.length) {
    await write(deps.io.stderr, `\n${validationMessage(problems)}\n`);
    return ExitCode.usage;
  }
  const local = choice.kind === "local";
  const delayMs = Number(deps.io.env.VOICE_ID_WAIT_DELAY_MS) || (local ? 250 : 10_000);
  const debug = globals.debug ? (m: string) => void deps.io.stderr.write(`voice-id debug: ${m}\n`) : undefined;
  debug?.(`waiter ${spec.waiter}: ${spec.operation} every ${delayMs} ms on the ${choice.kind} engine, for at most an hour`);
  const spinner = await progress(deps, spec, values["job-id"] as string, globals.color);
  let outcome: WaitOutcome;
  try {
    outcome = await waitForJob(choice, spec, {
      domainId: values["domain-id"] as string,
      jobId: values["job-id"] as string,
      delayMs,
      maxAttempts: Math.ceil(3_600_000 / delayMs), // one hour
      onPoll: (job) => {
        spinner.update(job);
        debug?.(`${spec.operation} ${String(job.JobId)}: ${String(job.JobStatus)} ${percentOf(job)}%`);
      },
    });
  } finally {
    spinner.stop();
  }
  if (outcome.ok) return ExitCode.ok;
  await write(deps.io.stderr, `\nWaiter ${spec.waiter} failed: ${outcome.reason}\n${outcome.detail ? `${outcome.detail}\n` : ""}`);
  return ExitCode.other;
}
