// Error answers the SDK cannot type (no __type, or a body that is not JSON, such as a proxy's HTML page),
// read the way botocore reads them, so their code and message are the AWS CLI's and not SDK internals.
import { STATUS_CODES } from "node:http";

type Handler = (args: unknown) => Promise<{ response: unknown }>;

/**
 * Deserialize-step middleware that buffers the body of an error answer before the SDK parses it, so the raw
 * text is still on the error's `$response` afterwards (the SDK reads streams only once).
 */
export const keepErrorBody = (next: Handler): Handler => async (args) => {
  const out = await next(args);
  const res = out.response as { statusCode?: number; body?: unknown };
  if ((res.statusCode ?? 0) >= 300 && res.body && !(res.body instanceof Uint8Array)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
    res.body = Buffer.concat(chunks);
  }
  return out;
};

/** The raw body kept by keepErrorBody, as text. */
export function errorBodyText(response: { body?: unknown } | undefined): string | undefined {
  return response?.body instanceof Uint8Array ? Buffer.from(response.body).toString("utf8") : undefined;
}

/** botocore's code and message for an error answer (parsers.py: generic error parsing, else the JSON error parse). */
export function untypedError(status: number, body: string): { code: string; message: string } {
  // A 5xx that is empty or an HTML page: the status and its reason phrase.
  const text = body.trim();
  if (status >= 500 && (!text || text.startsWith("<html>"))) return { code: String(status), message: STATUS_CODES[status] ?? "" };
  // Otherwise the JSON error body; a body that is not JSON becomes the message.
  let parsed: Record<string, unknown> = {};
  if (body) {
    try {
      const value: unknown = JSON.parse(body);
      parsed = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { message: body };
    } catch {
      parsed = { message: body };
    }
  }
  let code = typeof parsed.__type === "string" ? parsed.__type : String(status);
  if (code.includes(":")) code = code.split(":")[0];
  if (code.includes("#")) code = code.slice(code.lastIndexOf("#") + 1);
  return { code, message: String(parsed.message ?? parsed.Message ?? "") };
}
