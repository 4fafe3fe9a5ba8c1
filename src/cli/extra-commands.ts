// Top-level hand-written commands besides `local …` and `wait …` (e.g. `completion`): a name, a
// one-line summary and a lazy loader each; main() dispatches `voice-id <name> …` to run(rest, deps).
import type { LocalCommand } from "./local/index.js";

// One line per command; owners add their own entry.
export const extraCommands: LocalCommand[] = [
  { name: "completion", summary: "Print a shell completion script (bash, zsh or fish)", load: () => import("./completion.js") },
];

export function findExtraCommand(name: string): LocalCommand | undefined {
  return extraCommands.find((c) => c.name === name);
}
