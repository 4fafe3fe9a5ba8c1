// The `voice-id wait …` commands (the AWS CLI's waiters): a name, a one-line summary, and a lazy loader each.
import type { LocalCommand } from "../local/index.js";

export type { CommandModule } from "../local/index.js";

// One line per waiter; owners add their own entry.
export const waitCommands: LocalCommand[] = [
  { name: "speaker-enrollment-job-completed", summary: "Wait until a speaker enrollment job has finished", load: () => import("./speaker-enrollment-job-completed.js") },
  { name: "fraudster-registration-job-completed", summary: "Wait until a fraudster registration job has finished", load: () => import("./fraudster-registration-job-completed.js") },
];

export function findWaitCommand(name: string): LocalCommand | undefined {
  return waitCommands.find((c) => c.name === name);
}
