// --query: JMESPath parsed as jmespath.py parses it, walked by the `jmespath` package's interpreter (loaded only
// when a query is given) with jmespath.py's functions, and the AWS CLI's "Bad value for --query" usage error
// raised before any call is made.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { CliError, ExitCode, isStackOverflow } from "../errors/index.js";
import { Expref, JmesPathRuntimeError, callFunction, pyOrder } from "./jmespath-functions.js";
import { JmesPathSyntaxError, parse } from "./jmespath-parse.js";

/** The part of jmespath.js used here: its tree interpreter (the parser and the functions are ours). */
interface JmesPathLib {
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

// jmespath.js exports only compile() and search(); its interpreter is exported too so that it can walk the
// tree of jmespath.py's parser (./jmespath-parse.ts) and call jmespath.py's functions (./jmespath-functions.ts).
const EXPORTS_ANCHOR = "exports.tokenize = tokenize;";
const EXPORT_INTERNALS = `${EXPORTS_ANCHOR} exports.TreeInterpreter = TreeInterpreter;`;

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
    // Python's own words for a[::0] (jmespath.js: "Invalid slice, step cannot be 0")
    if (n.type === "Slice" && n.children[2] === 0 && Array.isArray(value)) throw new JmesPathRuntimeError("slice step cannot be zero");
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

/** Compile a --query expression; a bad one is a usage error (252) naming the expression. */
export function compileQuery(expression: string): Query {
  const jmespath = load();
  const fail = (detail: string) => new CliError(`Bad value for --query ${expression}: ${detail}`, ExitCode.usage);
  let ast: unknown;
  try {
    ast = parse(expression);
  } catch (err) {
    if (err instanceof JmesPathSyntaxError) throw fail(err.message);
    if (isStackOverflow(err)) throw fail("nested too deeply");
    throw err;
  }
  return {
    expression,
    search(data: unknown): unknown {
      try {
        return interpreter(jmespath).search(ast, data);
      } catch (err) {
        if (isStackOverflow(err)) throw fail("nested too deeply");
        // type and arity errors only show up on real data; the AWS CLI reports them as a failure (255)
        throw new CliError(err instanceof Error ? err.message : String(err), ExitCode.other);
      }
    },
  };
}
