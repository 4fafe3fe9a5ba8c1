// Every local operation's handler, one module per resource, each module loaded on the first call of one of
// its operations: describe-domain never pays for the job runner or the audio code (start-up matters).
import type { Handler, HandlerTable } from "../context.js";

/** The named operations, answered by the module's table once it is imported. */
function lazy(operations: string[], load: () => Promise<HandlerTable>): HandlerTable {
  let table: Promise<HandlerTable> | undefined;
  const entries = operations.map((op): [string, Handler] => [
    op,
    async (ctx, params) => {
      const handler = (await (table ??= load()))[op];
      if (!handler) throw new Error(`handler module does not export ${op}`);
      return handler(ctx, params);
    },
  ]);
  return Object.fromEntries(entries);
}

export const handlers: HandlerTable = {
  ...lazy(["CreateDomain", "DescribeDomain", "ListDomains", "UpdateDomain", "DeleteDomain"], async () => (await import("./domains.js")).domainHandlers),
  ...lazy(["CreateWatchlist", "DescribeWatchlist", "ListWatchlists", "UpdateWatchlist", "DeleteWatchlist"], async () => (await import("./watchlists.js")).watchlistHandlers),
  ...lazy(["DescribeFraudster", "ListFraudsters", "DeleteFraudster", "AssociateFraudster", "DisassociateFraudster"], async () => (await import("./fraudsters.js")).fraudsterHandlers),
  ...lazy(["DescribeSpeaker", "ListSpeakers", "DeleteSpeaker", "OptOutSpeaker"], async () => (await import("./speakers.js")).speakerHandlers),
  ...lazy(["TagResource", "UntagResource", "ListTagsForResource"], async () => (await import("./tags.js")).tagHandlers),
  ...lazy(
    [
      "StartSpeakerEnrollmentJob", "DescribeSpeakerEnrollmentJob", "ListSpeakerEnrollmentJobs",
      "StartFraudsterRegistrationJob", "DescribeFraudsterRegistrationJob", "ListFraudsterRegistrationJobs",
    ],
    async () => (await import("./jobs.js")).jobHandlers,
  ),
  ...lazy(["EvaluateSession"], async () => (await import("./sessions.js")).sessionHandlers),
};
