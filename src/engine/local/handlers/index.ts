// Every local operation's handler, one module per resource.
import type { HandlerTable } from "../context.js";

export const handlers: HandlerTable = {};
