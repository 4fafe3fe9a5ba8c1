// What a local command says about a command line node:util's parseArgs refused.

/**
 * The refusal's message, except for an unknown option where the command takes positional arguments: there
 * Node's wording suggests a `--` workaround with unbalanced quotes, so name the option and stop.
 */
export function parseArgsMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const unknown = e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && /'(-[^']*)'/.exec(e.message)?.[1];
  return unknown ? `unknown option '${unknown}'.` : e.message;
}
