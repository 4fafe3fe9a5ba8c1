// Timestamps as the AWS CLI v2 prints them: datetime.isoformat() in the local time zone (TZ), microseconds when
// fractional; or, with the profile's `cli_timestamp_format = wire`, as the JSON protocol sent them (epoch seconds).
import { pyRound } from "./python.js";
import { posixOffsetMinutes } from "./posix-tz.js";

/** How timestamps print: the config's cli_timestamp_format, and the time zone ISO 8601 uses. */
export interface TimestampStyle {
  wire?: boolean;
  /** TZ; undefined = the system's zone. */
  timeZone?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Offset east of UTC, in minutes (a fraction when it has seconds), of `timeZone` (an IANA name or a POSIX TZ string) at `ms`; undefined zone = the system's. */
function offsetMinutes(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined) return -new Date(ms).getTimezoneOffset();
  if (timeZone === "" || /^(UTC|GMT|Z|UTC0|GMT0|:?UTC|:?GMT)$/i.test(timeZone)) return 0;
  const posix = posixOffsetMinutes(timeZone, ms);
  if (posix !== undefined) return posix;
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: timeZone.replace(/^:/, ""), timeZoneName: "longOffset" })
      .formatToParts(new Date(ms))
      .find((p) => p.type === "timeZoneName")?.value;
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
    if (!m) return 0;
    return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  } catch {
    return 0; // an unknown TZ is UTC for the C library too
  }
}

/** isoformat() of an instant given as whole epoch seconds plus microseconds. */
function isoFromParts(seconds: number, micros: number, timeZone: string | undefined): string {
  const offset = offsetMinutes(seconds * 1000, timeZone);
  const d = new Date(seconds * 1000 + offset * 60_000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = micros ? `.${pad(micros, 6)}` : "";
  const sign = offset < 0 ? "-" : "+";
  // isoformat() adds the seconds of an offset that has them (a POSIX TZ such as <+0530>-5:30:30): +05:30:30
  const abs = Math.round(Math.abs(offset) * 60);
  const secs = abs % 60 ? `:${pad(abs % 60)}` : "";
  return `${date}T${time}${frac}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${secs}`;
}

/**
 * A timestamp member's value → what the AWS CLI v2 prints: an ISO 8601 string from a Date (what the engines
 * return) or epoch seconds (the wire form); with `wire`, epoch seconds. Strings (already formatted, e.g. skeleton
 * samples) are kept.
 */
export function formatTimestamp(value: unknown, style: TimestampStyle = {}): unknown {
  const { timeZone } = style;
  if (style.wire) return value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.getTime() / 1000) : value;
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return null;
    const seconds = Math.floor(ms / 1000);
    return isoFromParts(seconds, (ms - seconds * 1000) * 1000, timeZone);
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    // datetime.fromtimestamp: the fraction rounds half-to-even to whole microseconds
    let seconds = Math.trunc(value);
    let micros = pyRound((value - seconds) * 1e6);
    if (micros >= 1_000_000) (seconds += 1), (micros -= 1_000_000);
    else if (micros < 0) (seconds -= 1), (micros += 1_000_000);
    return isoFromParts(seconds, micros, timeZone);
  }
  return value;
}
