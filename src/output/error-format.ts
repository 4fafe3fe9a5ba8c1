// --cli-error-format (AWS CLI v2, 2026): how a service error is printed on stderr. legacy is the AWS CLI's
// long-standing line and stays the default here (scripts and the recorded v2 behaviour match it); enhanced adds an
// [ERROR] prefix and the error's modelled details; json, yaml, text and table print Code, Message and the details
// through the output formatters. Errors raised before anything is sent (usage, configuration) keep their message.
import { renderValue } from "./index.js";

export interface PrintableServiceError {
  code: string;
  message: string;
  /** The error shape's modelled members (ConflictType, ResourceType, …). */
  fields: Record<string, unknown>;
  operation?: string;
  retriesExhausted?: number;
}

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/** The text to write to stderr for a service error in the given format (an unknown format prints as legacy). */
export async function formatServiceError(format: string, e: PrintableServiceError, prog: string, columns: number): Promise<string> {
  const retries = e.retriesExhausted !== undefined ? ` (reached max retries: ${e.retriesExhausted})` : "";
  const line = `An error occurred (${e.code}) when calling the ${e.operation ?? ""} operation${retries}: ${e.message}`;
  const details = Object.entries(e.fields).filter(([, v]) => v !== undefined);
  switch (format) {
    case "enhanced": {
      if (!details.length) return `\n${prog}: [ERROR]: ${line}\n`;
      const shown = details.map(([k, v]) => `${k}: ${isScalar(v) ? String(v) : "<complex value>"}`);
      const hint = details.some(([, v]) => !isScalar(v)) ? `Use "--cli-error-format json" or another error format to see the full details.\n` : "";
      return `\n${prog}: [ERROR]: ${line}\n\nAdditional error details:\n${shown.join("\n")}\n${hint}`;
    }
    case "json":
    case "yaml":
    case "text":
    case "table":
      return renderValue(format, { Code: e.code, Message: e.message, ...Object.fromEntries(details) }, "Error", columns);
    default:
      return `\n${line}\n`;
  }
}
