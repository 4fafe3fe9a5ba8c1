// The global options as help, man pages and completion describe them: the CLI spine's typed table
// (src/cli/global-options.ts) is the one source; this only shapes it for documentation.
import { globalOptions } from "../cli/global-options.js";

export interface GlobalOptionDoc {
  flag: string;
  type: "string" | "boolean" | "integer";
  choices?: string[];
  description: string;
}

/** Every global option except --help, which the pages explain in their own words. */
export const globalOptionDocs: GlobalOptionDoc[] = globalOptions
  .filter((o) => o.flag !== "--help")
  .map((o) => ({
    flag: o.flag,
    type: o.valueType,
    ...(o.choices ? { choices: [...o.choices] } : {}),
    description: o.description,
  }));
