// Every flag an operation command takes, in the order help lists them: the model's input members,
// then the AWS CLI's own per-operation flags. Help, man pages and completion all read this list.
import { cliName, inputMembers, shape, type Operation } from "../model/index.js";

export interface FlagDoc {
  flag: string;
  type: string;
  required: boolean;
  /** Enum values of a scalar flag (or of the items of a list of scalars). */
  choices?: string[];
  /** Model member and its shape, for flags that carry a request member. */
  member?: string;
  shape?: string;
  description: string;
}

/** Flags the AWS CLI adds to every operation (and to paginated ones), in our words. */
const cliInputFlag: FlagDoc = {
  flag: "--cli-input-json",
  type: "string",
  required: false,
  description:
    "Read the parameters from a JSON document (inline or file://path) shaped like --generate-cli-skeleton's output. Flags given on the command line override its top-level keys.",
};
const cliInputYamlFlag: FlagDoc = { ...cliInputFlag, flag: "--cli-input-yaml", description: "The same as --cli-input-json, in YAML." };
const skeletonFlag: FlagDoc = {
  flag: "--generate-cli-skeleton",
  type: "string",
  required: false,
  choices: ["input", "yaml-input", "output"],
  description:
    "Print a template instead of calling anything: input (the default) is a JSON document to fill in for --cli-input-json, yaml-input the same in YAML, output a sample response (which, as with the AWS CLI, still needs the operation's required flags).",
};
const paginationFlags: FlagDoc[] = [
  {
    flag: "--starting-token",
    type: "string",
    required: false,
    description: "Continue from the NextToken that an earlier run with --max-items printed.",
  },
  {
    flag: "--page-size",
    type: "integer",
    required: false,
    description: "Ask for this many items per request while still fetching every page. Useful when large pages time out.",
  },
  {
    flag: "--max-items",
    type: "integer",
    required: false,
    description: "Print at most this many items in all; when more remain, a NextToken to pass to --starting-token is printed too.",
  },
];

/**
 * The operation's members as flags, less a paginated operation's token and limit members (--next-token,
 * --max-results): the AWS CLI marks those undocumented (awscli/customizations/paginate.py), since
 * --starting-token and --page-size stand for them. They are still accepted; help and completion leave them out.
 */
export function memberFlags(op: Operation): FlagDoc[] {
  const hidden = op.paginator ? [op.paginator.input_token, op.paginator.limit_key] : [];
  return inputMembers(op)
    .filter(([member]) => !hidden.includes(member))
    .map(([member, ref]) => {
      const s = shape(ref.shape);
      const enumShape = s.type === "list" ? shape(s.member!) : s;
      return {
        flag: `--${cliName(member)}`,
        type: s.type,
        required: ref.required === true,
        ...(enumShape.enum ? { choices: enumShape.enum } : {}),
        member,
        shape: ref.shape,
        description: ref.description ?? "",
      };
    });
}

/** Flags of the AWS CLI itself that this operation takes besides its members. */
export function extraFlags(op: Operation): FlagDoc[] {
  return [cliInputFlag, cliInputYamlFlag, skeletonFlag, ...(op.paginator ? paginationFlags : [])];
}

export function operationFlags(op: Operation): FlagDoc[] {
  return [...memberFlags(op), ...extraFlags(op)];
}
