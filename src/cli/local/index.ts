// The hand-written `voice-id local …` commands: a name, a one-line summary, and a lazy loader each,
// so that start-up never pays for a command that is not run.
import type { ParseArgsConfig } from "node:util";
import type { Deps } from "../../deps.js";

/** The options a command's parseArgs takes: what its command line may hold, and what completion offers. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

/** A hand-written command module: parses its own arguments (node:util parseArgs) and returns an exit code. */
export interface CommandModule {
  run(argv: string[], deps: Deps): Promise<number>;
  /** The local commands give theirs (completion lists them); wait and completion parse their own way. */
  options?: CommandOptions;
}

export interface LocalCommand {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

// One line per command; owners add their own entry.
export const localCommands: LocalCommand[] = [
  { name: "info", summary: "Show where the local store is and how many resources it holds", load: () => import("./info.js") },
  { name: "cp", summary: "Copy a file to or from an s3:// URI of the local store", load: () => import("./cp.js") },
  { name: "reset", summary: "Wipe the local store (needs --yes)", load: () => import("./reset.js") },
  { name: "purge", summary: "Erase deleted (SUSPENDED) domains now instead of after 30 days", load: () => import("./purge.js") },
  { name: "serve", summary: "Serve the local engine over the AWS JSON 1.0 protocol (for SDKs and the AWS CLI)", load: () => import("./serve.js") },
  { name: "start-session", summary: "Start a local Voice ID session over a recorded call (for evaluate-session)", load: async () => (await import("./session.js")).start },
  { name: "update-session", summary: "Change a local session's speaker or thresholds", load: async () => (await import("./session.js")).update },
  { name: "enroll-session", summary: "Enroll a local session's speaker from its audio", load: async () => (await import("./session.js")).enroll },
  { name: "describe-session", summary: "Show a local session", load: async () => (await import("./session.js")).describe },
  { name: "list-sessions", summary: "List a domain's local sessions", load: async () => (await import("./session.js")).list },
  { name: "delete-session", summary: "Delete a local session", load: async () => (await import("./session.js")).remove },
  { name: "analyze", summary: "Check WAV files as a job would: format, duration, net speech, enough to enroll or authenticate", load: async () => (await import("./audio.js")).analyze },
  { name: "compare", summary: "Score how alike the voices of two WAV files are (0-100), or of many pairs", load: async () => (await import("./audio.js")).compare },
  { name: "demo", summary: "Run the whole story on the local store: sample calls, a domain, a fraudster, an enrollment job", load: () => import("./demo.js") },
];

export function findLocalCommand(name: string): LocalCommand | undefined {
  return localCommands.find((c) => c.name === name);
}
