// Optional throttling at the service's documented rates (spec §6.5, §9 #29), so clients' retry and back-off code
// can be exercised against `local serve --throttle`: one token bucket per operation, 429 ThrottlingException.
import { ServiceError } from "../engine/engine.js";

/** Transactions per second per operation (spec §6.5); operations not listed there are not throttled. */
export const SERVICE_TPS: Readonly<Record<string, number>> = {
  EvaluateSession: 60,
  ...Object.fromEntries(
    [
      "CreateDomain",
      "DescribeDomain",
      "UpdateDomain",
      "DeleteDomain",
      "ListDomains",
      "StartSpeakerEnrollmentJob",
      "DescribeSpeakerEnrollmentJob",
      "ListSpeakerEnrollmentJobs",
      "StartFraudsterRegistrationJob",
      "DescribeFraudsterRegistrationJob",
      "ListFraudsterRegistrationJobs",
      "TagResource",
      "UntagResource",
      "ListTagsForResource",
    ].map((op) => [op, 2]),
  ),
  ListSpeakers: 5,
  ...Object.fromEntries(["DescribeSpeaker", "OptOutSpeaker", "DeleteSpeaker", "DescribeFraudster", "DeleteFraudster"].map((op) => [op, 10])),
};

export interface Throttle {
  /** Takes one token for the operation, or throws ThrottlingException when its bucket is empty. */
  take(operation: string): void;
}

/** Buckets hold one second's worth of tokens and refill continuously. */
export function throttle(rates: Readonly<Record<string, number>> = SERVICE_TPS, now: () => number = () => performance.now()): Throttle {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(operation) {
      const rate = rates[operation];
      if (!rate || !Object.hasOwn(rates, operation)) return;
      const t = now();
      const b = buckets.get(operation) ?? { tokens: rate, at: t };
      b.tokens = Math.min(rate, b.tokens + ((t - b.at) / 1000) * rate);
      b.at = t;
      buckets.set(operation, b);
      if (b.tokens < 1) throw new ServiceError("ThrottlingException", "Rate exceeded");
      b.tokens -= 1;
    },
  };
}
