// POSIX TZ strings (`JST-9`, `EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`), which the C library and so the AWS CLI
// honour but Intl does not know: the offset east of UTC at an instant, or undefined for a string of another form.

/** `[+-]hh[:mm[:ss]]` as POSIX writes it: hours WEST of UTC. Returns seconds west, or undefined. */
function parseOffset(s: string): number | undefined {
  const m = /^([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "-" ? -secs : secs;
}

/** `Mm.w.d[/time]`: the w-th (5 = last) weekday d of month m, at local time (default 02:00). */
function parseRule(s: string): { month: number; week: number; day: number; at: number } | undefined {
  const m = /^M(\d{1,2})\.([1-5])\.([0-6])(?:\/([+-]?\d{1,3}(?::\d{2}){0,2}))?$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return undefined;
  const at = m[4] === undefined ? 7200 : parseOffset(m[4]);
  return at === undefined ? undefined : { month: Number(m[1]), week: Number(m[2]), day: Number(m[3]), at };
}

/** The UTC milliseconds at which a rule fires in `year`, given the offset (seconds east) in force before it. */
function ruleInstant(rule: NonNullable<ReturnType<typeof parseRule>>, year: number, eastBefore: number): number {
  const firstWeekday = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
  let day = 1 + ((rule.day - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
  const daysInMonth = new Date(Date.UTC(year, rule.month, 0)).getUTCDate();
  while (day > daysInMonth) day -= 7;
  return Date.UTC(year, rule.month - 1, day) + (rule.at - eastBefore) * 1000;
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
