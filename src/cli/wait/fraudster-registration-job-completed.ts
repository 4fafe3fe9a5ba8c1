// `voice-id wait fraudster-registration-job-completed --domain-id … --job-id …`
import type { Deps } from "../../deps.js";
import { runJobWaiter } from "./job-completed.js";

export function run(argv: string[], deps: Deps): Promise<number> {
  return runJobWaiter(argv, deps, {
    command: "fraudster-registration-job-completed",
    waiter: "FraudsterRegistrationJobCompleted",
    operation: "DescribeFraudsterRegistrationJob",
    label: "fraudster registration job",
  });
}
