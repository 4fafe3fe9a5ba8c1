// Every local operation's handler, one module per resource.
import type { HandlerTable } from "../context.js";
import { domainHandlers } from "./domains.js";
import { fraudsterHandlers } from "./fraudsters.js";
import { jobHandlers } from "./jobs.js";
import { sessionHandlers } from "./sessions.js";
import { speakerHandlers } from "./speakers.js";
import { tagHandlers } from "./tags.js";
import { watchlistHandlers } from "./watchlists.js";

export const handlers: HandlerTable = {
  ...domainHandlers,
  ...watchlistHandlers,
  ...fraudsterHandlers,
  ...speakerHandlers,
  ...tagHandlers,
  ...jobHandlers,
  ...sessionHandlers,
};
