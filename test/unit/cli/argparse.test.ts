// The argparse look-alike: values, prefixes, nargs, negative numbers, choices, int types, required
// options and the unknown tokens handed back, worded as the AWS CLI words them.
import { describe, expect, it } from "vitest";
import { ArgparseError, parseKnownArgs, type ArgAction } from "../../../src/cli/argparse.js";

const table: ArgAction[] = [
  { dest: "DomainId", flag: "--domain-id", required: true },
  { dest: "Description", flag: "--description" },
  { dest: "TagKeys", flag: "--tag-keys", nargs: "*" },
  { dest: "MaxResults", flag: "--max-results" },
  { dest: "skeleton", flag: "--generate-cli-skeleton", nargs: "?", const: "input", choices: ["input", "output", "yaml-input"] },
  { dest: "max_items", flag: "--max-items", type: "int" },
  { dest: "debug", flag: "--debug", nargs: 0 },
];
const parse = (args: string[]) => parseKnownArgs(args, table, { dest: "help", nargs: "?" });
const values = (args: string[]) => Object.fromEntries(parse(args).values);

describe("parseKnownArgs", () => {
  it.each([
    [["--domain-id", "d"], { DomainId: "d" }],
    [["--domain-id=d"], { DomainId: "d" }],
    [["--domain-id=-d"], { DomainId: "-d" }],
    [["--domain-id", "a", "--domain-id", "b"], { DomainId: "b" }],
    [["--domain", "d"], { DomainId: "d" }],
    [["--domain-id", "d", "--tag-keys", "a", "b,c"], { DomainId: "d", TagKeys: ["a", "b,c"] }],
    [["--domain-id", "d", "--tag-keys"], { DomainId: "d", TagKeys: [] }],
    [["--domain-id", "d", "--max-results", "-5"], { DomainId: "d", MaxResults: "-5" }],
    [["--domain-id", "d", "--description", "-a b"], { DomainId: "d", Description: "-a b" }],
    [["--generate-cli-skeleton", "--domain-id", "d"], { skeleton: "input", DomainId: "d" }],
    [["--generate-cli-skeleton", "output", "--domain-id", "d"], { skeleton: "output", DomainId: "d" }],
    [["--domain-id", "d", "--max-items", "007"], { DomainId: "d", max_items: 7 }],
    [["--domain-id", "d", "--debug"], { DomainId: "d", debug: true }],
  ])("%j", (args, expected) => {
    const v = values(args);
    for (const [k, x] of Object.entries(expected)) expect(v[k]).toEqual(x);
  });

  it("hands unknown options and stray values back in order", () => {
    const parsed = parse(["--domain-id", "d", "--tags", "Key=a,Value=b", "--verbose"]);
    expect(parsed.extras).toEqual(["--tags", "--verbose"]);
    expect(parsed.values.get("help")).toBe("Key=a,Value=b"); // the caller lists it last: "Unknown options: --tags, --verbose, Key=a,Value=b"?
  });

  it("gives the positional the first value no option claims (Python 3.11 argparse)", () => {
    expect(parse(["help", "--domain-id", "d"]).values.get("help")).toBe("help");
    expect(() => parse(["help"])).toThrow(ArgparseError); // required options still apply (runOperation special-cases "help")
    expect(parse(["--domain-id", "d", "x", "y"]).values.get("help")).toBe("x");
    expect(parse(["--domain-id", "d", "x", "y"]).extras).toEqual(["y"]);
    expect(parse(["--domain-id", "d", "--", "x", "--max-results", "3"]).extras).toEqual(["--max-results", "3"]);
  });

  it.each([
    [["--description", "x"], "the following arguments are required: --domain-id"],
    [["--domain-id"], "argument --domain-id: expected one argument"],
    [["--domain-id", "--description", "x"], "argument --domain-id: expected one argument"],
    [["--domain-id", "d", "--description", "-onyx"], "argument --description: expected one argument"],
    [["--domain-id", "d", "--max-items", "lumen"], "argument --max-items: invalid int value: 'lumen'"],
    [["--domain-id", "d", "--generate-cli-skeleton", "xml"], "argument --generate-cli-skeleton: Invalid choice, valid choices are:"],
    [["--domain-id", "d", "--d", "x"], "ambiguous option: --d could match --domain-id, --description, --debug"],
    [["--domain-id", "d", "--debug=yes"], "argument --debug: ignored explicit argument 'yes'"],
  ])("%j fails: %s", (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });
});
