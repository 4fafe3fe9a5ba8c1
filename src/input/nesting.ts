// A guard before parsing a parameter value: Python's recursion limit stops the AWS CLI's parsers about a thousand
// levels down, and ours (and the repr() of validation messages) would exhaust the stack a few thousand down.

export const MAX_NESTING = 1000;

/** The deepest nesting of [ and { outside quoted strings ('…' or "…", backslash escapes inside). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** True when `text` nests deeper than MAX_NESTING (checked before any recursive parser runs). */
export const tooDeep = (text: unknown): boolean => typeof text === "string" && text.length > MAX_NESTING && nestingDepth(text) > MAX_NESTING;
