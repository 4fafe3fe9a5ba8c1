// `voice-id wait speaker-enrollment-job-completed --domain-id … --job-id …`
import type { Deps } from "../../deps.js";
import { runJobWaiter } from "./job-completed.js";

export function run(argv: string[], deps: Deps): Promise<number> {
  return runJobWaiter(argv, deps, {
    command: "speaker-enrollment-job-completed",
    waiter: "SpeakerEnrollmentJobCompleted",
    operation: "DescribeSpeakerEnrollmentJob",
    label: "speaker enrollment job",
  });
}
