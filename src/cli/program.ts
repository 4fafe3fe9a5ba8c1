// The 29 operations, built in one loop over the model: each input member becomes `--<cli-name>`
// (lists take several values), plus --cli-input-json|yaml, --generate-cli-skeleton and, on
// paginated operations, --starting-token/--page-size/--max-items. runOperation() is the whole pipeline
// of one command: arguments → parameters → skeleton | validation → engine → output.
import { cliName, inputMembers, shape as modelShape, type Operation } from "../model/index.js";
import { CliError, ExitCode } from "../errors/index.js";
import { write } from "../io/index.js";
import type { Deps } from "../deps.js";
import type { CallContext, Document } from "../engine/engine.js";
import { parseKnownArgs, UnknownOptionsError, type ArgAction } from "./argparse.js";
import type { GlobalArgs } from "./global-options.js";

const SKELETON_CHOICES = ["input", "output", "yaml-input"];

/** The operation's argument table, in the AWS CLI's order; required-ness relaxed as the AWS CLI does. */
export function operationActions(op: Operation, args: string[] = []): ArgAction[] {
  const skeletonAt = args.indexOf("--generate-cli-skeleton");
  const relaxed =
    args.includes("--cli-input-json") ||
    args.includes("--cli-input-yaml") ||
    (skeletonAt >= 0 && args[skeletonAt + 1] !== "output");
  const actions: ArgAction[] = inputMembers(op).map(([member, ref]) => ({
    dest: member,
    flag: `--${cliName(member)}`,
    nargs: modelShape(ref.shape).type === "list" ? ("*" as const) : undefined,
    required: ref.required === true && !relaxed,
  }));
  actions.push(
    { dest: "cli_input_json", flag: "--cli-input-json" },
    { dest: "cli_input_yaml", flag: "--cli-input-yaml" },
    { dest: "generate_cli_skeleton", flag: "--generate-cli-skeleton", nargs: "?", const: "input", choices: SKELETON_CHOICES },
  );
  if (op.paginator) {
    actions.push(
      { dest: "starting_token", flag: "--starting-token" },
      { dest: "page_size", flag: "--page-size", type: "int" },
      { dest: "max_items", flag: "--max-items", type: "int" },
    );
  }
  return actions;
}

/** Model members whose values must never be printed (debug logs). */
function redact(shapeName: string | undefined, value: unknown): unknown {
  if (!shapeName) return value;
  const s = modelShape(shapeName);
  if (s.sensitive) return "<redacted>";
  if (s.type === "structure" && value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(s.members?.[k]?.shape, v);
    return out;
  }
  if (s.type === "list" && Array.isArray(value)) return value.map((v) => redact(s.member, v));
  return value;
}

export async function runOperation(op: Operation, args: string[], globals: GlobalArgs, deps: Deps): Promise<number> {
  const { io } = deps;
  const debug = globals.debug ? (m: string) => void io.stderr.write(`voice-id debug: ${m}\n`) : undefined;
  // As in the AWS CLI v2 (ArgTableArgParser.parse_known_args): `<op> help` alone is help whatever the operation
  // requires; otherwise `help` is help only as the positional word, never as an option's value (`--name help`).
  if (globals.help || (args.length === 1 && args[0] === "help")) return showOperationHelp(op, deps, globals.noCliPager);
  const parsed = parseKnownArgs(args, operationActions(op, args), { dest: "help", nargs: "?" });
  const v = parsed.values;
  const helpArg = v.get("help") as string | undefined;
  if (helpArg === "help") return showOperationHelp(op, deps, globals.noCliPager);
  const extras = [...parsed.extras];
  if (helpArg !== undefined) extras.push(helpArg);
  if (extras.length) throw new UnknownOptionsError(extras);

  // Pagination switches (AWS CLI v2): --max-results/--next-token given as options turn it off.
  const pag = op.paginator;
  const given = (member: string) => v.get(member) !== undefined;
  const pagingOffByFlags = globals.noPaginate || (pag !== undefined && (given(pag.input_token) || given(pag.limit_key)));
  if (pag && pagingOffByFlags) {
    const used = ["starting_token", "page_size", "max_items"].filter((k) => v.get(k));
    if (used.length) {
      throw new CliError(`Cannot specify --no-paginate along with pagination arguments: ${used.map((k) => "--" + k.replace(/_/g, "-")).join(", ")}`);
    }
  }

  // Parameters from the options, in model order.
  const ctx = { cwd: io.cwd, homedir: io.homedir, env: io.env };
  const params: Document = Object.create(null);
  const givenMembers = inputMembers(op).filter(([member]) => v.get(member) !== undefined);
  if (givenMembers.length) {
    const { unpackArgument } = await import("../input/unpack.js");
    for (const [member, ref] of givenMembers) {
      params[member] = unpackArgument(`--${cliName(member)}`, ref.shape, v.get(member) as string | string[], ctx);
    }
  }

  // The AWS CLI v2 files --starting-token/--page-size/--max-items under PaginationConfig; when the
  // input turns pagination off, that key reaches validation as an unknown parameter.
  const pagingArgs = { StartingToken: v.get("starting_token"), PageSize: v.get("page_size"), MaxItems: v.get("max_items") };
  if (pag && Object.values(pagingArgs).some((x) => x !== undefined)) params.PaginationConfig = pagingArgs;
  // ... and warns, carrying on, when it files a --max-items below 1 (awscli/customizations/paginate.py)
  if (pagingArgs.MaxItems !== undefined && (pagingArgs.MaxItems as number) <= 0) {
    await write(io.stderr, "warning: Non-positive values for --max-items may result in undefined behavior.\n");
  }

  // --cli-input-* is read (and may fail) before any skeleton is printed, as in the AWS CLI.
  if (v.get("cli_input_json") !== undefined && v.get("cli_input_yaml") !== undefined) {
    throw new CliError("Only one --cli-input- parameter may be specified.");
  }
  for (const kind of ["json", "yaml"] as const) {
    const raw = v.get(`cli_input_${kind}`) as string | undefined;
    if (raw === undefined) continue;
    const { loadCliInput, mergeCliInput } = await import("../input/cli-input.js");
    mergeCliInput(params, await loadCliInput(kind, raw, ctx));
  }

  const skeleton = v.get("generate_cli_skeleton") as string | undefined;
  if (skeleton === "input" || skeleton === "yaml-input") {
    const { inputSkeletonJson, inputSkeletonYaml } = await import("../input/skeleton.js");
    await write(io.stdout, skeleton === "input" ? inputSkeletonJson(op) : inputSkeletonYaml(op));
    return ExitCode.ok;
  }

  const pagination = {
    enabled: pag !== undefined && !pagingOffByFlags && !(pag.input_token in params) && !(pag.limit_key in params),
    maxItems: v.get("max_items") as number | undefined,
    startingToken: v.get("starting_token") as string | undefined,
    pageSize: v.get("page_size") as number | undefined,
  };

  if (pagination.enabled) delete params.PaginationConfig;

  const { loadSettings } = await import("../config/load.js");
  const settings = loadSettings({ region: globals.region, output: globals.output, profile: globals.profile }, io.env, io.homedir);
  // The AWS CLI v2 reports this one as an unexpected error (255), not a configuration error.
  if (settings.profileMissing) throw new CliError(`The config profile (${settings.profile}) could not be found`, ExitCode.other);
  const { timestampFormatOf } = await import("../config/index.js");
  const output = { format: settings.output, query: globals.query, color: globals.color ?? "auto", timestampFormat: timestampFormatOf(settings) } as const;
  const out = await import("../output/index.js");
  if (globals.query !== undefined) out.compileQuery(globals.query);

  // What botocore checks as it creates a client, which the AWS CLI does before validating the input (and
  // for the output skeleton, which it answers from a stubbed client).
  const { chooseEngineKind, openEngineFor } = await import("../engine/select.js");
  const kind = chooseEngineKind({ engine: globals.engine, endpointUrl: globals.endpointUrl }, io.env, settings.configuredEndpoints);
  const { checkRegionName } = await import("../config/index.js");
  checkRegionName(settings.region);
  if (kind === "aws") {
    const { checkEndpoint, endpointFor } = await import("../engine/aws/endpoint.js");
    checkEndpoint(endpointFor(globals.endpointUrl, io.env, settings.configuredEndpoints));
  }

  // The output skeleton is a sample answer: the AWS CLI prints it without validating the input.
  if (skeleton === "output") {
    const { outputSample } = await import("../input/skeleton.js");
    await out.emitDocument({ io, operation: op, document: outputSample(op), output });
    return ExitCode.ok;
  }

  for (const token of op.idempotencyTokens) {
    if (!(token in params)) params[token] = globalThis.crypto.randomUUID();
  }

  if (op.input) {
    const { inputProblems, validationMessage } = await import("../validate/params.js");
    const checked = pagination.enabled && pagination.pageSize !== undefined ? { ...params, [pag!.limit_key]: pagination.pageSize } : params;
    const problems = inputProblems(op.name, op.input, checked);
    if (problems.length) throw new CliError(validationMessage(problems), ExitCode.usage);
  }



  debug?.(`engine ${kind}, region ${settings.region ?? "(none)"}, profile ${settings.profile}, output ${settings.output}`);
  const engine = await openEngineFor(kind, globals, settings, io.env);
  const callCtx: CallContext = { debug };
  try {
    await out.emitResult({
      io,
      operation: op,
      params,
      pagination,
      output,
      call: async (p) => {
        debug?.(`${op.name} request ${JSON.stringify(redact(op.input, p))}`);
        let res: Document;
        try {
          res = await engine.call(op.name, p, callCtx);
        } catch (err) {
          // The AWS CLI's sentence names the operation: "when calling the DescribeDomain operation".
          if (err instanceof Error && err.name === "ServiceError") Object.assign(err, { operation: op.name });
          throw err;
        }
        debug?.(`${op.name} response ${JSON.stringify(redact(op.output, res))}`);
        return res;
      },
    });
  } finally {
    await engine.close?.();
  }
  return ExitCode.ok;
}

export async function showOperationHelp(op: Operation, deps: Deps, noPager = false): Promise<number> {
  const { renderHelp, showHelp } = await import("../help/index.js");
  await showHelp(renderHelp({ kind: "operation", op }, { width: deps.io.columns }), deps.io, { pager: !noPager });
  return ExitCode.ok;
}
