// --output text: the AWS CLI's tab-separated rows (awscli/text.py): upper-cased labels, one line per structure's
// scalars, nested values on their own lines, lists of structures sharing the union of their scalar keys.
import { pyStr, isObject } from "./python.js";

const isScalar = (v: unknown) => !Array.isArray(v) && !isObject(v);

function allScalarKeys(items: Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const [k, v] of Object.entries(item)) if (isScalar(v)) keys.add(k);
  return [...keys].sort();
}

function formatScalarList(items: unknown[], identifier: string | undefined, out: string[]) {
  if (identifier !== undefined) for (const item of items) out.push(`${identifier.toUpperCase()}\t${pyStr(item)}\n`);
  else out.push(items.map(pyStr).join("\t") + "\n");
}

function formatDict(scalarKeys: string[] | undefined, item: Record<string, unknown>, identifier: string | undefined, out: string[]) {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort()) {
      const value = item[key];
      if (isScalar(value)) scalars.push(pyStr(value));
      else nonScalars.push([key, value]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]) : "");
    for (const key of Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort()) nonScalars.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(scalars.join("\t") + "\n");
  }
  for (const [key, value] of nonScalars) format(value, out, key);
}

function formatList(items: unknown[], identifier: string | undefined, out: string[]) {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = allScalarKeys(items.filter(isObject));
    for (const element of items) format(element, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter(isScalar);
    if (scalars.length > 0) formatScalarList(scalars, identifier, out);
    for (const nonScalar of items.filter((v) => !isScalar(v))) format(nonScalar, out, identifier);
  } else {
    formatScalarList(items, identifier, out);
  }
}

function format(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]) {
  if (isObject(item)) formatDict(scalarKeys, item, identifier, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(pyStr(item) + "\n");
}

/** The text rows for one (queried) response or page. */
export function render(value: unknown): string {
  const out: string[] = [];
  format(value, out);
  return out.join("");
}
