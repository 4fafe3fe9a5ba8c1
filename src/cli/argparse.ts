// Just enough of Python's argparse (as the AWS CLI uses it) to accept and refuse exactly the same
// command lines: `--opt value`, `--opt=value`, unambiguous prefixes, nargs ?/*, negative numbers as
// values, choices, int types, required options, and unknown options collected for the caller.
import { CliError, ExitCode } from "../errors/index.js";

export interface ArgAction {
  /** Key in the result ("domain_id"); positionals use their name. */
  dest: string;
  /** "--domain-id"; absent for a positional. */
  flag?: string;
  /** undefined: exactly one value; 0: a flag; "?" / "*": argparse's nargs. */
  nargs?: 0 | "?" | "*";
  /** Value of a flag, or of a "?" option written without its value. */
  const?: unknown;
  choices?: string[];
  type?: "int";
  required?: boolean;
}

export interface ParsedArgs {
  values: Map<string, unknown>;
  /** Tokens nobody claimed, in order (the AWS CLI's "Unknown options"). */
  extras: string[];
}

/** An argparse-level usage error: the AWS CLI prints usage, then `aws: error: <message>`; exit 252. */
export class ArgparseError extends CliError {
  constructor(readonly detail: string) {
    super(detail, ExitCode.usage);
    this.name = "ArgparseError";
  }
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

type Classified = { kind: "A"; arg: string } | { kind: "O"; arg: string; action?: ArgAction; explicit?: string };

function classify(arg: string, byFlag: Map<string, ArgAction>): Classified {
  if (!arg || arg[0] !== "-" || arg === "-") return { kind: "A", arg };
  const exact = byFlag.get(arg);
  if (exact) return { kind: "O", arg, action: exact };
  const eq = arg.indexOf("=");
  if (eq > 0) {
    const action = byFlag.get(arg.slice(0, eq));
    if (action) return { kind: "O", arg: arg.slice(0, eq), action, explicit: arg.slice(eq + 1) };
  }
  if (arg.startsWith("--")) {
    const prefix = eq > 0 ? arg.slice(0, eq) : arg;
    const matches = [...byFlag.keys()].filter((f) => f.startsWith(prefix));
    if (matches.length > 1) {
      throw new ArgparseError(`ambiguous option: ${prefix} could match ${matches.join(", ")}`);
    }
    if (matches.length === 1) {
      return { kind: "O", arg: matches[0], action: byFlag.get(matches[0]), explicit: eq > 0 ? arg.slice(eq + 1) : undefined };
    }
  }
  if (NEGATIVE_NUMBER.test(arg)) return { kind: "A", arg };
  if (arg.includes(" ")) return { kind: "A", arg };
  return { kind: "O", arg };
}

/** "Unknown options: …": the AWS CLI prints usage first, like an argparse error (exit 252). */
export class UnknownOptionsError extends CliError {
  constructor(readonly options: string[]) {
    super(`Unknown options: ${options.join(", ")}`, ExitCode.usage);
    this.name = "UnknownOptionsError";
  }
}

/** argparse's "Invalid choice" text as the AWS CLI words it (two columns, then close matches). */
export function invalidChoice(value: string, choices: string[]): string {
  const lines = ["Invalid choice, valid choices are:\n"];
  for (let i = 0; i < choices.length; i += 2) {
    lines.push(choices.slice(i, i + 2).map((c) => c.padEnd(40)).join(" | "));
  }
  const possible = closeMatches(value, choices, 3, 0.8);
  if (possible.length) {
    lines.push(`\n\nInvalid choice: ${pyRepr(value)}, maybe you meant:\n`);
    for (const p of possible) lines.push(`  * ${p}`);
  }
  return lines.join("\n");
}

function pyRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

const INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

function convert(action: ArgAction, raw: string): unknown {
  const name = action.flag ?? action.dest;
  let value: unknown = raw;
  if (action.type === "int") {
    if (!INT.test(raw)) throw new ArgparseError(`argument ${name}: invalid int value: ${pyRepr(raw)}`);
    value = Number(raw.trim().replace(/_/g, ""));
  }
  if (action.choices && !action.choices.includes(raw)) {
    throw new ArgparseError(`argument ${name}: ${invalidChoice(raw, action.choices)}`);
  }
  return value;
}

/**
 * argparse's parse_known_args (Python 3.11, as bundled with AWS CLI v2) for a table of optional actions and
 * at most one positional, which takes the first value that no option claims.
 */
export function parseKnownArgs(
  args: string[],
  optionals: ArgAction[],
  positional?: ArgAction,
): ParsedArgs {
  const byFlag = new Map<string, ArgAction>();
  for (const a of optionals) byFlag.set(a.flag!, a);
  const values = new Map<string, unknown>();
  const extras: string[] = [];
  const seen = new Set<ArgAction>();
  let positionalDone = false;
  let afterDashes = false;

  const classified: Classified[] = [];
  for (const arg of args) {
    if (afterDashes) classified.push({ kind: "A", arg });
    else if (arg === "--") {
      afterDashes = true;
      classified.push({ kind: "O", arg: "--" });
    } else classified.push(classify(arg, byFlag));
  }

  const takePositional = (i: number): boolean => {
    if (!positional || positionalDone) return false;
    positionalDone = true;
    values.set(positional.dest, convert(positional, classified[i].arg));
    seen.add(positional);
    return true;
  };

  for (let i = 0; i < classified.length; i++) {
    const c = classified[i];
    if (c.kind === "A") {
      if (!takePositional(i)) extras.push(c.arg);
      continue;
    }
    if (c.arg === "--") continue;
    const action = c.action;
    if (!action) {
      extras.push(c.arg);
      continue;
    }
    const name = action.flag!;
    seen.add(action);
    if (action.nargs === 0) {
      if (c.explicit !== undefined) throw new ArgparseError(`argument ${name}: ignored explicit argument ${pyRepr(c.explicit)}`);
      values.set(action.dest, action.const ?? true);
      continue;
    }
    if (c.explicit !== undefined) {
      const v = convert(action, c.explicit);
      values.set(action.dest, action.nargs === "*" ? [v] : v);
      continue;
    }
    const following: string[] = [];
    while (i + 1 < classified.length && classified[i + 1].kind === "A") {
      following.push(classified[i + 1].arg);
      if (action.nargs !== "*") break;
      i++;
    }
    if (action.nargs === "*") {
      values.set(action.dest, following.map((v) => convert(action, v)));
    } else if (following.length === 0) {
      if (action.nargs === "?") values.set(action.dest, action.const);
      else throw new ArgparseError(`argument ${name}: expected one argument`);
    } else {
      i++;
      values.set(action.dest, convert(action, following[0]));
    }
  }
  const missing = optionals.filter((a) => a.required && !seen.has(a)).map((a) => a.flag!);
  if (positional?.required && !seen.has(positional)) missing.push(positional.dest);
  if (missing.length) throw new ArgparseError(`the following arguments are required: ${missing.join(", ")}`);
  return { values, extras };
}

// Python's difflib.get_close_matches (Ratcliff/Obershelp ratio), for argparse's "maybe you meant".

function matchingChars(a: string, b: string): number {
  if (!a.length || !b.length) return 0;
  // Longest common substring, leftmost in a, then recurse on both sides (as SequenceMatcher does).
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        if (cur[j] > best) {
          best = cur[j];
          bestI = i - best;
          bestJ = j - best;
        }
      }
    }
    prev = cur;
  }
  if (!best) return 0;
  return (
    best +
    matchingChars(a.slice(0, bestI), b.slice(0, bestJ)) +
    matchingChars(a.slice(bestI + best), b.slice(bestJ + best))
  );
}

export function ratio(a: string, b: string): number {
  const total = a.length + b.length;
  return total ? (2 * matchingChars(a, b)) / total : 1;
}

/** Up to n possibilities whose ratio to word is at least cutoff, best first. */
export function closeMatches(word: string, possibilities: string[], n = 3, cutoff = 0.6): string[] {
  return possibilities
    .map((p) => [ratio(word, p), p] as const)
    .filter(([r]) => r >= cutoff)
    .sort((x, y) => y[0] - x[0] || (y[1] < x[1] ? -1 : 1))
    .slice(0, n)
    .map(([, p]) => p);
}
