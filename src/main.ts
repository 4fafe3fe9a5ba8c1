// main(argv, deps) → exit code: parses the global options and the command name, dispatches, and is
// the only place where errors become exit codes and messages (no stack traces unless --debug).
import type { Deps } from "./deps.js";
import { write, type IO } from "./io/index.js";
import { CliError, ExitCode, unexpectedErrorMessage } from "./errors/index.js";
import type { ServiceError } from "./engine/engine.js";
import { ArgparseError, UnknownOptionsError, invalidChoice, parseKnownArgs } from "./cli/argparse.js";
import { checkGlobalArgs, globalOptions, toGlobalArgs, type GlobalArgs } from "./cli/global-options.js";
import { operationByCliName, operations } from "./model/index.js";

const PROG = "voice-id";
const USAGE =
  `usage: ${PROG} [options] <command> [parameters]\n` +
  `To see help text, you can run:\n\n  ${PROG} help\n  ${PROG} <command> help\n`;
const VERSION = "0.1.0";

/** Registries of hand-written commands: `local <name>`, `wait <name>`, and top-level extras. */
async function findCommand(group: string, name: string | undefined) {
  if (group === "local") return (await import("./cli/local/index.js")).findLocalCommand(name ?? "");
  if (group === "wait") return (await import("./cli/wait/index.js")).findWaitCommand(name ?? "");
  return (await import("./cli/extra-commands.js")).findExtraCommand(group);
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** Index of the command name: the first token that is neither a global option nor its value. */
function commandIndex(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    if (t === "--") return i + 1;
    if (!t.startsWith("-") || t === "-" || NEGATIVE_NUMBER.test(t)) return i;
    const flag = t.split("=")[0];
    const matches = globalOptions.filter((o) => o.flag === flag || (flag.startsWith("--") && o.flag.startsWith(flag)));
    const opt = matches.find((o) => o.flag === flag) ?? (matches.length === 1 ? matches[0] : undefined);
    if (opt && opt.nargs !== 0 && !t.includes("=")) i++;
  }
  return argv.length;
}

async function showTopHelp(io: IO, topic: "top" | "local" | "wait" = "top", noPager = false): Promise<number> {
  const { renderHelp, showHelp } = await import("./help/index.js");
  await showHelp(renderHelp({ kind: topic }, { width: io.columns }), io, { pager: !noPager });
  return ExitCode.ok;
}

async function dispatch(argv: string[], deps: Deps, state: { globals?: GlobalArgs }): Promise<number> {
  const { io } = deps;
  const at = commandIndex(argv);
  const name = argv[at];
  // Hand-written commands parse their own arguments.
  if (name === "local" || name === "wait") {
    state.globals = toGlobalArgs(parseKnownArgs(argv.slice(0, at), globalOptions).values);
    const sub = argv[at + 1];
    if (sub === undefined || sub === "help" || sub === "--help") return showTopHelp(io, name);
    const cmd = await findCommand(name, sub);
    if (!cmd) {
      const { localCommands } = await import("./cli/local/index.js");
      const { waitCommands } = await import("./cli/wait/index.js");
      const names = (name === "local" ? localCommands : waitCommands).map((c) => c.name);
      throw new ArgparseError(`argument ${name}: ${invalidChoice(sub, names)}`);
    }
    // `voice-id local cp help`, as `<command> help` works for the operations (a file named help: ./help)
    const rest = argv.slice(at + 2);
    const args = rest.length === 1 && rest[0] === "help" ? ["--help"] : rest;
    // The global options written before `local` or `wait` reach the command parsed (deps.globals).
    return (await cmd.load()).run(args, { ...deps, globals: state.globals });
  }
  if (name !== undefined && name !== "help" && !operationByCliName(name)) {
    const extra = await findCommand(name, undefined);
    if (extra) return (await extra.load()).run(argv.slice(at + 1), deps);
  }

  const ops = operations();
  const parsed = parseKnownArgs(argv, globalOptions, { dest: "command" });
  const globals = (state.globals = toGlobalArgs(parsed.values));
  if (globals.version) {
    await write(io.stdout, `${PROG}/${VERSION} node/${process.versions.node}\n`);
    return ExitCode.ok;
  }
  checkGlobalArgs(globals);
  const command = parsed.values.get("command") as string | undefined;
  if (command === undefined || command === "help") {
    if (command === "help" || globals.help) return showTopHelp(io, "top", globals.noCliPager);
    throw new ArgparseError("the following arguments are required: command");
  }
  const op = operationByCliName(command);
  if (!op) {
    const { localCommands: _l } = await import("./cli/local/index.js");
    const { extraCommands } = await import("./cli/extra-commands.js");
    const choices = [...ops.map((o) => o.cliName).sort(), "local", "wait", ...extraCommands.map((c) => c.name), "help"];
    throw new ArgparseError(`argument operation: ${invalidChoice(command, choices)}`);
  }
  const { runOperation } = await import("./cli/program.js");
  return runOperation(op, parsed.extras, globals, deps);
}

export async function main(argv: string[], deps: Deps): Promise<number> {
  const state: { globals?: GlobalArgs } = {};
  try {
    return await dispatch(argv, deps, state);
  } catch (err) {
    return report(err, deps.io, state.globals?.debug ?? argv.includes("--debug"), state.globals);
  }
}

/**
 * --cli-error-format, then AWS_CLI_ERROR_FORMAT, then the profile's cli_error_format, the first that names a format;
 * legacy when none does or the config cannot be read (the error being reported must still be printed).
 */
async function errorFormat(io: IO, globals?: GlobalArgs): Promise<string> {
  if (globals?.errorFormat) return globals.errorFormat; // argparse checked it against the choices
  const known = globalOptions.find((o) => o.flag === "--cli-error-format")!.choices!;
  // a value from the environment that is no format gives way to the profile's (it cannot be refused any more:
  // the error it would shape is already being reported)
  const fromEnv = io.env.AWS_CLI_ERROR_FORMAT;
  if (fromEnv && known.includes(fromEnv)) return fromEnv;
  try {
    const { loadSettings } = await import("./config/load.js");
    const fromProfile = loadSettings({ profile: globals?.profile }, { ...io.env, AWS_CLI_ERROR_FORMAT: undefined }, io.homedir).errorFormat;
    return fromProfile && known.includes(fromProfile) ? fromProfile : "legacy";
  } catch {
    return "legacy";
  }
}

/** Prints an error the way the AWS CLI v2 does and returns its exit code. */
async function report(err: unknown, io: IO, debug: boolean, globals?: GlobalArgs): Promise<number> {
  // AWS CLI v2 layout: a blank line, the usage, a blank line, the problem, a blank line.
  if (err instanceof ArgparseError) {
    await write(io.stderr, `\n${USAGE}\n${PROG}: error: ${err.detail}\n\n`);
    return ExitCode.usage;
  }
  if (err instanceof UnknownOptionsError) {
    await write(io.stderr, `\n${USAGE}\n${err.message}\n\n`);
    return ExitCode.usage;
  }
  if (err instanceof Error && err.name === "ServiceError") {
    // (matched by name: main() does not load the engine seam just to print its errors)
    const e = err as ServiceError & { operation?: string };
    const { formatServiceError } = await import("./output/error-format.js");
    await write(io.stderr, await formatServiceError(await errorFormat(io, globals), e, PROG, io.columns));
    return ExitCode.service;
  }
  if (err instanceof CliError) {
    await write(io.stderr, `\n${err.message}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  if ((e as NodeJS.ErrnoException)?.code === "EPIPE") return ExitCode.ok;
  await write(io.stderr, debug && e?.stack ? `\n${e.stack}\n` : `\n${unexpectedErrorMessage(err)}\n`);
  return ExitCode.other;
}
