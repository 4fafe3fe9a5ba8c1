// The help document of one of the 29 operations, built from the model alone: what `voice-id
// <operation> help` prints and what man/voice-id-<operation>.1 says.
import { operationDetails, operationExamples } from "../codegen/descriptions.js";
import { errorInfo, operations, shape, type Operation } from "../model/index.js";
import { bullets, def, para, pre, type Block, type HelpDoc, type Section } from "./doc.js";
import { extraFlags, memberFlags, type FlagDoc } from "./flags.js";
import { exitStatusSection, globalOptionsSection, globalSynopsis } from "./common.js";
import { constraints, hasShorthand, jsonSyntax, shorthandSyntax } from "./syntax.js";

type Side = "input" | "output";

/** The body under a member: description, limits, values, nested members. */
function memberBody(description: string | undefined, shapeName: string, side: Side): Block[] {
  const s = shape(shapeName);
  const body: Block[] = [];
  if (description) body.push(para(description));
  if (side === "input") {
    const c = constraints(shapeName);
    if (c) body.push(para(`Constraints: ${c}`));
  }
  if (s.enum) body.push(para("Possible values:"), bullets(s.enum));
  if (s.type === "timestamp" && side === "output")
    body.push(para("Printed in ISO 8601 form in the local time zone, as AWS CLI v2 prints it (TZ=UTC gives 1970-01-01T00:00:00+00:00); the wire carries seconds since the epoch."));
  if (s.sensitive && side === "input") body.push(para("Sensitive: never shown in --debug logs or error messages."));
  if (s.type === "structure") {
    for (const [name, ref] of Object.entries(s.members ?? {})) {
      const term = `${name} -> (${shape(ref.shape).type})${ref.required && side === "input" ? " [required]" : ""}`;
      body.push(def(term, memberBody(ref.description, ref.shape, side)));
    }
  } else if (s.type === "list") {
    body.push(def(`(${shape(s.member!).type})`, memberBody(undefined, s.member!, side)));
  }
  return body;
}

function syntaxBlocks(f: FlagDoc): Block[] {
  const s = shape(f.shape!);
  const blocks: Block[] = [];
  if (s.type === "list" && !hasShorthand(f.shape!)) {
    const item = shape(s.member!).type === "string" ? '"string"' : shape(s.member!).type;
    blocks.push(para("Syntax:"), pre([`${item} ${item} ...`]));
    return blocks;
  }
  if (hasShorthand(f.shape!)) {
    const line = shorthandSyntax(f.shape!);
    if (line) blocks.push(para("Shorthand Syntax:"), pre([line]));
  }
  if (s.type === "structure" || s.type === "list") blocks.push(para("JSON Syntax:"), pre(jsonSyntax(f.shape!)));
  return blocks;
}

export function flagTerm(f: FlagDoc): string {
  return `${f.flag} (${f.type})${f.required ? " [required]" : ""}`;
}

function optionsSection(op: Operation): Section {
  const body: Block[] = [];
  const members = memberFlags(op);
  if (!members.length) body.push(para("This operation takes no parameters of its own."));
  for (const f of members) body.push(def(flagTerm(f), [...memberBody(f.description, f.shape!, "input"), ...syntaxBlocks(f)]));
  for (const f of extraFlags(op)) {
    const b: Block[] = [para(f.description)];
    if (f.choices) b.push(para("Possible values:"), bullets(f.choices));
    body.push(def(flagTerm(f), b));
  }
  return { title: "OPTIONS", body };
}

function synopsis(op: Operation): Block {
  const lines = [`  voice-id ${op.cliName}`];
  for (const f of memberFlags(op)) lines.push(f.required ? `${f.flag} <value>` : `[${f.flag} <value>]`);
  lines.push("[--cli-input-json <value> | --cli-input-yaml <value>]", "[--generate-cli-skeleton <value>]");
  if (op.paginator) lines.push("[--starting-token <value>]", "[--page-size <value>]", "[--max-items <value>]");
  return pre([...lines, ...globalSynopsis()]);
}

function descriptionSection(op: Operation): Section {
  const body: Block[] = [para(op.summary), ...(operationDetails[op.name] ?? []).map(para)];
  if (op.idempotencyTokens.length) {
    body.push(
      para(
        "Safe to retry: a repeated request with the same --client-token returns the first request's result instead of acting twice. Without --client-token a fresh random token is sent.",
      ),
    );
  }
  if (op.paginator) {
    body.push(
      para(
        `${op.cliName} is paginated. By default every page is fetched and the ${op.paginator.result_key} lists are printed as one; --no-paginate makes it a single request whose NextToken is printed, and --max-items and --starting-token page through the merged result. (The service's own --max-results and --next-token are accepted too, as by the AWS CLI, which leaves them out of its help: either makes it a single request.)`,
      ),
    );
  }
  return { title: "DESCRIPTION", body };
}

function outputSection(op: Operation): Section {
  const members = op.output ? Object.entries(shape(op.output).members ?? {}) : [];
  if (!members.length) return { title: "OUTPUT", body: [para("None: on success the command prints nothing and exits with status 0.")] };
  return {
    title: "OUTPUT",
    body: members.map(([name, ref]) => def(`${name} -> (${shape(ref.shape).type})`, memberBody(ref.description, ref.shape, "output"))),
  };
}

function errorsSection(op: Operation): Section {
  const body: Block[] = [
    para(
      "A failure answered by the service (or by the local engine, which answers the same way) prints `An error occurred (Code) when calling the " +
        `${op.name} operation: message\` on stderr and exits with status 254. This operation can fail with:`,
    ),
  ];
  for (const code of [...op.errors].sort()) {
    const info = errorInfo(code);
    body.push(def(`${code} (HTTP ${info?.httpStatus ?? "?"})`, info?.description ? [para(info.description)] : []));
  }
  return { title: "ERRORS", body };
}

function examplesSection(op: Operation): Section | undefined {
  const examples = operationExamples[op.name];
  if (!examples?.length) return undefined;
  return { title: "EXAMPLES", body: examples.flatMap((e) => [para(e.text), pre(e.command.split("\n").flatMap((l) => breakCommand(l)))]) };
}

/** Splits a long command line before its flags, with shell line continuations, to fit 76 columns. */
export function breakCommand(line: string, width = 76): string[] {
  if (line.length <= width) return [line];
  const parts = line.split(/ (?=--)/);
  const out: string[] = [];
  let current = parts[0];
  for (const part of parts.slice(1)) {
    if (current.length + 1 + part.length + 2 > width) {
      out.push(`${current} \\`);
      current = `    ${part}`;
    } else current += ` ${part}`;
  }
  out.push(current);
  return out;
}

/** The operations about the same resource ("SpeakerEnrollmentJob" for Start/Describe/List…Jobs). */
function related(op: Operation): string[] {
  const noun = (name: string) => name.replace(/^[A-Z][a-z]+/, "").replace(/s$/, "");
  const mine = noun(op.name);
  return operations()
    .filter((o) => o.name !== op.name && noun(o.name) === mine)
    .map((o) => `voice-id-${o.cliName}(1)`);
}

export function operationDoc(op: Operation): HelpDoc {
  const seeAlso = ["voice-id(1)", ...related(op)];
  if (/EnrollmentJob|RegistrationJob/.test(op.name)) seeAlso.push("voice-id-wait(1)", "voice-id-local(1)");
  const sections: (Section | undefined)[] = [
    descriptionSection(op),
    { title: "SYNOPSIS", body: [synopsis(op)] },
    optionsSection(op),
    globalOptionsSection(),
    examplesSection(op),
    outputSection(op),
    errorsSection(op),
    exitStatusSection(),
    { title: "SEE ALSO", body: [para(seeAlso.join(", "))] },
  ];
  return {
    name: `voice-id-${op.cliName}`,
    command: `voice-id ${op.cliName}`,
    summary: op.summary,
    sections: sections.filter((s): s is Section => s !== undefined),
  };
}
