// Help pages come from the model: every operation's flags, types, required markers, enum values
// and syntax lines, in the AWS CLI's section order, and in our own words.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Block } from "../../../src/help/doc.js";
import { helpDoc, renderHelp } from "../../../src/help/index.js";
import { jsonSyntax, shorthandSyntax } from "../../../src/help/syntax.js";
import { memberFlags, operationFlags } from "../../../src/help/flags.js";
import { globalOptionDocs } from "../../../src/help/globals.js";
import { waitFlags } from "../../../src/help/topics.js";
import { operationExamples } from "../../../src/codegen/descriptions.js";
import { captureDeps } from "../../commands/local-helpers.js";
import { inputMembers, operationByCliName, operations, shape, cliName } from "../../../src/model/index.js";

const op = (name: string) => operationByCliName(name)!;
const help = (name: string, width?: number) => renderHelp({ kind: "operation", op: op(name) }, { width });
const sectionTitles = (text: string) => text.split("\n").filter((l) => /^[A-Z][A-Z ]+$/.test(l));

describe("renderHelp: operations", () => {
  it.each(operations().map((o) => [o.cliName]))("%s lists every member with its type and required marker", (name) => {
    const text = help(name);
    expect(sectionTitles(text)).toEqual(
      expect.arrayContaining(["NAME", "DESCRIPTION", "SYNOPSIS", "OPTIONS", "GLOBAL OPTIONS", "OUTPUT", "ERRORS", "EXIT STATUS"]),
    );
    const titles = sectionTitles(text);
    expect(titles.indexOf("SYNOPSIS")).toBeLessThan(titles.indexOf("OPTIONS"));
    expect(titles.indexOf("OPTIONS")).toBeLessThan(titles.indexOf("GLOBAL OPTIONS"));
    expect(titles.indexOf("GLOBAL OPTIONS")).toBeLessThan(titles.indexOf("OUTPUT"));
    expect(text).toContain(`voice-id ${name} - ${op(name).summary.split(" ")[0]}`);
    const paginator = op(name).paginator;
    for (const [member, ref] of inputMembers(op(name))) {
      const flag = `--${cliName(member)}`;
      const term = `       ${flag} (${shape(ref.shape).type})${ref.required ? " [required]" : ""}\n`;
      if (paginator && (member === paginator.input_token || member === paginator.limit_key)) {
        // undocumented by the AWS CLI on paginated operations: --starting-token and --page-size stand for them
        expect(text).not.toContain(term);
        expect(text).not.toContain(`[${flag} <value>]`);
        continue;
      }
      expect(text).toContain(term);
      expect(text).toContain(ref.required ? `\n          ${flag} <value>\n` : `[${flag} <value>]`);
      const s = shape(ref.shape);
      if (s.type === "structure" || (s.type === "list" && shape(s.member!).type === "structure")) {
        expect(text).toContain("Shorthand Syntax:");
        expect(text).toContain("JSON Syntax:");
      }
      for (const v of s.enum ?? []) expect(text).toMatch(new RegExp(`\\n +o ${v}\\n`));
    }
  });

  it("spells out nested structures, shorthand and JSON the AWS CLI way", () => {
    const text = help("start-speaker-enrollment-job");
    expect(text).toContain("          FraudDetectionConfig -> (structure)\n");
    expect(text).toContain("             WatchlistIds -> (list)\n");
    expect(shorthandSyntax("EnrollmentConfig")).toBe(
      "ExistingEnrollmentAction=string,FraudDetectionConfig={FraudDetectionAction=string,RiskThreshold=integer,WatchlistIds=[string,string]}",
    );
    // a list one member deep is not bracketed (awscli's _list_docs), two deep (above) is
    expect(shorthandSyntax("RegistrationConfig")).toBe("DuplicateRegistrationAction=string,FraudsterSimilarityThreshold=integer,WatchlistIds=string,string");
    expect(jsonSyntax("EnrollmentConfig")).toEqual([
      "{",
      '  "ExistingEnrollmentAction": "SKIP"|"OVERWRITE",',
      '  "FraudDetectionConfig": {',
      '    "FraudDetectionAction": "IGNORE"|"FAIL",',
      '    "RiskThreshold": integer,',
      '    "WatchlistIds": ["string", ...]',
      "  }",
      "}",
    ]);
    expect(shorthandSyntax("TagList")).toBe("Key=string,Value=string ...");
    expect(jsonSyntax("TagList")).toEqual(["[", "  {", '    "Key": "string",', '    "Value": "string"', "  }", "  ...", "]"]);
    expect(help("untag-resource")).toMatch(/--tag-keys \(list\) \[required\]\n[\s\S]*Syntax:\n\n\s+"string" "string" \.\.\.\n/);
  });

  it("shows the model's limits and marks sensitive members", () => {
    const text = help("create-domain");
    expect(text).toContain("Constraints: 1 to 256 characters; pattern: ^[a-zA-Z0-9][a-zA-Z0-9_-]*$");
    expect(text).toMatch(/--name \(string\) \[required\][\s\S]*?Sensitive:/);
    expect(help("start-speaker-enrollment-job")).toContain("Constraints: 0 to 100\n"); // RiskThreshold, a number range
  });

  it("documents pagination flags only on paginated operations, and empty outputs", () => {
    expect(help("list-speakers")).toContain("[--max-items <value>]");
    expect(help("describe-domain")).not.toContain("--max-items");
    expect(help("delete-domain")).toMatch(/OUTPUT\n\s+None: on success the command prints nothing/);
    expect(help("create-domain")).toMatch(/OUTPUT\n       Domain -> \(structure\)/);
  });

  it("wraps prose to the width but never breaks verbatim lines", () => {
    const doc = helpDoc({ kind: "operation", op: op("start-speaker-enrollment-job") });
    const verbatim = new Set<string>();
    const collect = (blocks: Block[]) =>
      blocks.forEach((b) => (b.kind === "pre" ? b.lines.forEach((l) => verbatim.add(l.trim())) : b.kind === "def" ? collect(b.body) : undefined));
    doc.sections.forEach((sec) => collect(sec.body));
    for (const width of [60, 80, 100]) {
      const long = help("start-speaker-enrollment-job", width)
        .split("\n")
        .filter((l) => l.length > width && !verbatim.has(l.trim()) && l.trim().includes(" "));
      expect(long).toEqual([]);
    }
  });
});

describe("examples", () => {
  it.each(Object.entries(operationExamples))("%s: every flag used exists", (name, examples) => {
    for (const e of examples) {
      for (const line of e.command.split("\n")) {
        const m = line.match(/voice-id ([a-z-]+)(.*)$/)!;
        const target = operationByCliName(m[1]!);
        const allowed = target ? operationFlags(target).map((f) => f.flag) : waitFlags.map((f) => f.flag);
        allowed.push(...globalOptionDocs.map((g) => g.flag));
        for (const flag of m[2]!.match(/--[a-z-]+/g) ?? []) expect(allowed, `${name}: ${flag}`).toContain(flag);
        if (target) for (const f of memberFlags(target).filter((f) => f.required)) expect(line, `${name} needs ${f.flag}`).toContain(f.flag);
      }
    }
  });
});

describe("renderHelp: other topics", () => {
  it("top: every operation, the extra commands, global options, exit codes", () => {
    const text = renderHelp({ kind: "top" });
    for (const o of operations()) expect(text).toContain(`\n       ${o.cliName}\n`);
    for (const c of ["local", "wait", "completion"]) expect(text).toContain(`\n       ${c}\n`);
    for (const flag of ["--output", "--query", "--engine", "--endpoint-url", "--region", "--profile"]) expect(text).toContain(flag);
    for (const code of ["0", "130", "252", "253", "254", "255"]) expect(text).toContain(`\n       ${code}\n`);
    expect(text).toContain("VOICE_ID_HOME");
  });

  it("documents only flags the waiters accept", async () => {
    const { waitCommands } = await import("../../../src/cli/wait/index.js");
    for (const w of waitCommands) {
      const mod = await w.load();
      for (const f of waitFlags) {
        const argv = ["--domain-id", "d", "--job-id", "j", f.flag, ...(f.value ? ["local"] : []), "--help"];
        const c = captureDeps({}, "/");
        expect(await mod.run(argv, c.deps), `${w.name} ${f.flag}: ${c.stderr()}`).toBe(0);
      }
    }
  });

  it("local and wait", () => {
    expect(renderHelp({ kind: "local" })).toMatch(/^NAME\n\s+voice-id local - /);
    const wait = renderHelp({ kind: "wait" });
    expect(wait).toContain("speaker-enrollment-job-completed");
    expect(wait).toContain("--job-id (string) [required]");
  });
});

const modelPath = new URL("../../../../shared/reference/voice-id/service-2.json", import.meta.url);

describe.skipIf(!existsSync(modelPath))("our own words", () => {
  it("no sentence of AWS's model documentation appears in any help page", () => {
    const model = JSON.parse(readFileSync(modelPath, "utf8")) as {
      operations: Record<string, { documentation?: string }>;
      shapes: Record<string, { documentation?: string; members?: Record<string, { documentation?: string }> }>;
    };
    const docs: string[] = [];
    for (const o of Object.values(model.operations)) if (o.documentation) docs.push(o.documentation);
    for (const s of Object.values(model.shapes)) {
      if (s.documentation) docs.push(s.documentation);
      for (const m of Object.values(s.members ?? {})) if (m.documentation) docs.push(m.documentation);
    }
    const norm = (t: string) => t.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").toLowerCase();
    // Runs of eight words: long enough to be prose, short enough to catch a lightly edited copy.
    const shingles = new Set<string>();
    for (const d of docs) {
      const w = norm(d).split(" ").filter(Boolean);
      for (let i = 0; i + 8 <= w.length; i++) shingles.add(w.slice(i, i + 8).join(" "));
    }
    expect(shingles.size).toBeGreaterThan(1000);
    const pages = [renderHelp({ kind: "top" }), renderHelp({ kind: "local" }), renderHelp({ kind: "wait" }), ...operations().map((o) => renderHelp({ kind: "operation", op: o }, { width: 10_000 }))];
    const copied: string[] = [];
    for (const page of pages) {
      const w = norm(page).split(" ").filter(Boolean);
      for (let i = 0; i + 8 <= w.length; i++) if (shingles.has(w.slice(i, i + 8).join(" "))) copied.push(w.slice(i, i + 8).join(" "));
    }
    expect([...new Set(copied)]).toEqual([]);
  });
});
