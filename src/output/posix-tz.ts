// POSIX TZ strings (`JST-9`, `EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`), which the C library and so the AWS CLI
// honour but Intl does not know: the offset east of UTC at an instant, or undefined for a string of another form.

/** `[+-]hh[:mm[:ss]]` as POSIX writes it: hours WEST of UTC. Returns seconds west, or undefined. */
function parseOffset(s: string): number | undefined {
  const m = /^([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -secs : secs;
}

/**
 * A transition rule with its local time (default 02:00): `Mm.w.d` (the w-th, 5 = last, weekday d of month m),
 * `Jn` (day n of 1–365, February 29 never counted) or `n` (day n of 0–365, counted).
 */
type Rule = { date: (year: number) => number; at: number };

function parseRule(s: string): Rule | undefined {
  const m = /^(?:M(\d{1,2})\.([1-5])\.([0-6])|J(\d{1,3})|(\d{1,3}))(?:\/([+-]?\d{1,3}(?::\d{2}){0,2}))?$/.exec(s);
  if (!m) return undefined;
  const at = m[6] === undefined ? 7200 : parseOffset(m[6]);
  if (at === undefined) return undefined;
  if (m[1] !== undefined) {
    const [month, week, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12) return undefined;
    return { at, date: (year) => nthWeekday(year, month, week, day) };
  }
  if (m[4] !== undefined) {
    const n = Number(m[4]);
    if (n < 1 || n > 365) return undefined;
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return { at, date: (year) => Date.UTC(year, 0, n + (leap(year) && n >= 60 ? 1 : 0)) };
  }
  const n = Number(m[5]);
  return n > 365 ? undefined : { at, date: (year) => Date.UTC(year, 0, n + 1) };
}

/** Midnight UTC of the w-th (5 = last) weekday d of month m of year. */
function nthWeekday(year: number, month: number, week: number, weekday: number): number {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  let day = 1 + ((weekday - firstWeekday + 7) % 7) + (week - 1) * 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  while (day > daysInMonth) day -= 7;
  return Date.UTC(year, month - 1, day);
}

/** The UTC milliseconds at which a rule fires in `year`, given the offset (seconds east) in force before it. */
function ruleInstant(rule: Rule, year: number, eastBefore: number): number {
  return rule.date(year) + (rule.at - eastBefore) * 1000;
}

const NAME = "(<[A-Za-z0-9+-]{3,}>|[A-Za-z]{3,})";
const OFFSET = "([+-]?\\d{1,2}(?::\\d{2}){0,2})";
const POSIX_TZ = new RegExp(`^${NAME}${OFFSET}(?:${NAME}${OFFSET}?(?:,([^,]+),([^,]+))?)?$`);

/** Minutes east of UTC at `ms` under a POSIX TZ string; undefined when `tz` is not one (an IANA name, say). */
export function posixOffsetMinutes(tz: string, ms: number): number | undefined {
  const m = POSIX_TZ.exec(tz);
  if (!m) return undefined;
  const stdWest = parseOffset(m[2]!)!;
  const std = -stdWest;
  if (m[3] === undefined) return std / 60;
  const dst = m[4] === undefined ? std + 3600 : -parseOffset(m[4])!;
  // without rules the C library falls back to the US rules of its day (second Sunday in March, first in November)
  const start = parseRule(m[5] ?? "M3.2.0");
  const end = parseRule(m[6] ?? "M11.1.0");
  if (!start || !end) return undefined;
  const year = new Date(ms + std * 1000).getUTCFullYear();
  const from = ruleInstant(start, year, std);
  const to = ruleInstant(end, year, dst);
  const inDst = from < to ? ms >= from && ms < to : ms >= from || ms < to; // southern hemisphere: DST spans new year
  return (inDst ? dst : std) / 60;
}
