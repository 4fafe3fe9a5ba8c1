// --query: JMESPath through the `jmespath` package (loaded only when a query is given), with the AWS CLI's
// "Bad value for --query" usage error raised before any call is made.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { CliError, ExitCode } from "../errors/index.js";

interface JmesPath {
  compile(expression: string): unknown;
  search(data: unknown, expression: string): unknown;
}

let lib: JmesPath | undefined;

// jmespath.js 0.16 tests starts_with with lastIndexOf, so starts_with('quartz-quartz', 'quartz') is false there
// and true in jmespath.py (the AWS CLI's). The package is otherwise faithful; this one line is corrected.
const STARTS_WITH_BUG = "return resolvedArgs[0].lastIndexOf(resolvedArgs[1]) === 0;";
const STARTS_WITH_FIX = "return resolvedArgs[0].indexOf(resolvedArgs[1]) === 0;";

/** jmespath is CommonJS, loaded synchronously (the CLI compiles --query while parsing) and only when used. */
function load(): JmesPath {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  const path = require.resolve("jmespath");
  const source = readFileSync(path, "utf8");
  if (!source.includes(STARTS_WITH_BUG)) return (lib = require(path) as JmesPath);
  const exports = {} as JmesPath;
  // the package's UMD wrapper writes its API onto `exports`
  new Function("exports", source.replace(STARTS_WITH_BUG, STARTS_WITH_FIX))(exports);
  return (lib = exports);
}

/** A compiled --query; `search` applies it to a document. */
export interface Query {
  readonly expression: string;
  search(data: unknown): unknown;
}

const caretAt = (n: number) => " ".repeat(n) + "^";

/** The lexer errors jmespath.js lets through: a quote or literal left open. */
function unclosedDelimiter(expr: string): string | undefined {
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (ch !== "'" && ch !== '"' && ch !== "`") continue;
    let j = i + 1;
    while (j < expr.length && expr[j] !== ch) j += expr[j] === "\\" ? 2 : 1;
    if (j >= expr.length) return `Bad jmespath expression: Unclosed ${ch} delimiter:\n${expr}\n${caretAt(i)}`;
    i = j;
  }
  return undefined;
}

/** jmespath.js accepts some truncated expressions ("a.") by leaving holes in the tree. */
function hasHole(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (typeof node !== "object") return false;
  const { type, children } = node as { type?: string; children?: unknown[] };
  if (type === "Slice" || !Array.isArray(children)) return false; // a slice's missing bounds are legitimate
  for (let i = 0; i < children.length; i++) if (hasHole(children[i])) return true;
  return false;
}

function incomplete(expr: string): string {
  return `Invalid jmespath expression: Incomplete expression:\n"${expr}"\n${caretAt(expr.length + 1)}`;
}

/** Compile a --query expression; a bad one is a usage error (252) naming the expression. */
export function compileQuery(expression: string): Query {
  const jmespath = load();
  const fail = (detail: string) => new CliError(`Bad value for --query ${expression}: ${detail}`, ExitCode.usage);
  const unclosed = unclosedDelimiter(expression);
  if (unclosed) throw fail(unclosed);
  let ast: unknown;
  try {
    ast = jmespath.compile(expression);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/EOF/.test(message)) throw fail(incomplete(expression));
    throw fail(`Invalid jmespath expression: ${message}:\n"${expression}"`);
  }
  if (expression.trim() === "" || hasHole(ast)) throw fail(incomplete(expression));
  return {
    expression,
    search(data: unknown): unknown {
      try {
        return jmespath.search(data, expression);
      } catch (err) {
        // type and arity errors only show up on real data; the AWS CLI reports them as a failure (255)
        throw new CliError(err instanceof Error ? err.message : String(err), ExitCode.other);
      }
    },
  };
}
