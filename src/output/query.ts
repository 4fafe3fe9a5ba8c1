// --query: JMESPath parsed and walked by the `jmespath` package (loaded only when a query is given) with
// jmespath.py's functions, and the AWS CLI's "Bad value for --query" usage error raised before any call is made.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { CliError, ExitCode } from "../errors/index.js";
import { Expref, callFunction, pyOrder } from "./jmespath-functions.js";

/** The parts of jmespath.js used here: its parser and tree interpreter (the functions are ours). */
interface JmesPathLib {
  Parser: new () => { parse(expression: string): unknown };
  TreeInterpreter: new (runtime: Runtime) => Interpreter;
}

interface Runtime {
  callFunction(name: string, args: unknown[]): unknown;
}

interface Interpreter {
  search(node: unknown, value: unknown): unknown;
  visit(node: unknown, value: unknown): unknown;
}

let lib: JmesPathLib | undefined;

// jmespath.js exports only compile() and search(); its parser and interpreter are exported too so that
// evaluation can use jmespath.py's functions (./jmespath-functions.ts) instead of the package's.
const EXPORTS_ANCHOR = "exports.tokenize = tokenize;";
const EXPORT_INTERNALS = `${EXPORTS_ANCHOR} exports.Parser = Parser; exports.TreeInterpreter = TreeInterpreter;`;

/** jmespath is CommonJS, loaded synchronously (the CLI compiles --query while parsing) and only when used. */
function load(): JmesPathLib {
  if (lib) return lib;
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("jmespath"), "utf8");
  if (!source.includes(EXPORTS_ANCHOR)) throw new Error("unsupported version of the jmespath package");
  const exports = {} as JmesPathLib;
  // the package's UMD wrapper writes its API onto `exports`
  new Function("exports", source.replace(EXPORTS_ANCHOR, EXPORT_INTERNALS))(exports);
  return (lib = exports);
}

const ORDERING: Record<string, "<" | "<=" | ">" | ">="> = { LT: "<", LTE: "<=", GT: ">", GTE: ">=" };

/** An interpreter whose function calls, `&expr` values and ordering comparisons are jmespath.py's. */
function interpreter(jmespath: JmesPathLib): Interpreter {
  const runtime: Runtime = { callFunction: (name, args) => callFunction(name, args, visitRef) };
  const it = new jmespath.TreeInterpreter(runtime);
  const base = it.visit.bind(it);
  const visitRef = (ref: Expref, value: unknown) => it.visit(ref.node, value);
  it.visit = (node, value) => {
    const n = node as { type: string; children: unknown[] };
    if (n.type === "ExpressionReference") return new Expref(n.children[0]);
    const op = n.type === "Comparator" ? ORDERING[(n as { name?: string }).name ?? ""] : undefined;
    if (!op) return base(node, value);
    // jmespath.py orders numbers and strings only (anything else gives null), and Python refuses a number
    // against a string; jmespath.js lets JavaScript coerce (null < 1 is true there)
    const [a, b] = [it.visit(n.children[0], value), it.visit(n.children[1], value)];
    const comparable = (v: unknown) => typeof v === "number" || typeof v === "string";
    return comparable(a) && comparable(b) ? pyOrder(op, a, b) : null;
  };
  return it;
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
    ast = new jmespath.Parser().parse(expression);
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
        return interpreter(jmespath).search(ast, data);
      } catch (err) {
        // type and arity errors only show up on real data; the AWS CLI reports them as a failure (255)
        throw new CliError(err instanceof Error ? err.message : String(err), ExitCode.other);
      }
    },
  };
}
