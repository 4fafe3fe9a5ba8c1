// EvaluateSession, the one session operation of the public API; sessions themselves are started with the
// local-only commands in sessions/manage.ts (spec §8.3).
import type { HandlerTable } from "../context.js";
import { evaluateSession } from "../sessions/evaluate.js";

export const sessionHandlers: HandlerTable = {
  EvaluateSession: evaluateSession,
};
