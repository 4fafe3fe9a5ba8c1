// What a local command says about a command line node:util's parseArgs refused, and the one refusal it should not
// make: a negative number as an option's value.
import type { ParseArgsConfig } from "node:util";

/**
 * The refusal's message, except for an unknown option where the command takes positional arguments: there
 * Node's wording suggests a `--` workaround with unbalanced quotes, so name the option and stop.
 */
export function parseArgsMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const unknown = e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && /'(-[^']*)'/.exec(e.message)?.[1];
  return unknown ? `unknown option '${unknown}'.` : e.message;
}

/**
 * argv with `--name -1` written `--name=-1` for the options that take a value: parseArgs refuses a value starting
 * with a dash as "ambiguous", so a negative number reached no range check and got Node's advice instead.
 */
export function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig["options"]>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const takesValue = arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-\d*\.?\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
    if (arg === "--") {
      out.push(...argv.slice(i + 1));
      break;
    }
  }
  return out;
}
