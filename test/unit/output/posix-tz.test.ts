// POSIX TZ strings, which the C library (and so the AWS CLI's timestamps) honours and Intl does not: the offsets
// below are what glibc's `date +%z` prints for the same TZ and instant, daylight-saving edges included.
import { describe, expect, it } from "vitest";
import { posixOffsetMinutes } from "../../../src/output/posix-tz.js";
import { formatTimestamp } from "../../../src/output/timestamps.js";

const at = (iso: string) => Date.parse(iso);

describe("posixOffsetMinutes", () => {
  it.each([
    ["JST-9", "2026-07-01T00:00:00Z", 540],
    ["IST-5:30", "2026-07-01T00:00:00Z", 330],
    ["EST5", "2026-07-01T00:00:00Z", -300],
    ["<+0330>-3:30", "2026-01-01T00:00:00Z", 210],
    ["<-03>3", "2026-01-01T00:00:00Z", -180],
    // Central Europe: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC
    ["CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T00:59:59Z", 60],
    ["CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T01:00:00Z", 120],
    ["CET-1CEST,M3.5.0,M10.5.0/3", "2026-10-25T00:59:59Z", 120],
    ["CET-1CEST,M3.5.0,M10.5.0/3", "2026-10-25T01:00:00Z", 60],
    // southern hemisphere: daylight time spans the new year
    ["AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-01-15T00:00:00Z", 660],
    ["AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-04-04T16:00:00Z", 600],
    ["AEST-10AEDT,M10.1.0,M4.1.0/3", "2026-10-03T16:00:00Z", 660],
    // no rules: the US ones (second Sunday in March, first in November)
    ["EST5EDT", "2026-03-08T06:59:59Z", -300],
    ["EST5EDT", "2026-03-08T07:00:00Z", -240],
    ["EST5EDT", "2026-11-01T06:00:00Z", -300],
    // day-of-year rules: Jn never counts February 29 (J60 is March 1, leap year or not), n counts from 0 and does
    ["XST5XDT,J60,J300/1:30", "2024-03-01T06:59:59Z", -300],
    ["XST5XDT,J60,J300/1:30", "2024-03-01T07:00:00Z", -240],
    ["XST5XDT,59,300", "2024-02-29T06:59:59Z", -300],
    ["XST5XDT,59,300", "2024-02-29T07:00:00Z", -240],
    ["WART4WARST,J1/0,J365/25", "2024-07-01T00:00:00Z", -180], // tzcode's way of writing daylight time all year
  ])("%s at %s → %i minutes east", (tz, iso, minutes) => {
    expect(posixOffsetMinutes(tz, at(iso))).toBe(minutes);
  });

  it("leaves IANA names and anything else to Intl", () => {
    for (const tz of ["Europe/Paris", "America/New_York", "UTC", "nonsense/zone", "X-9"]) expect(posixOffsetMinutes(tz, 0)).toBeUndefined();
  });

  it("is what timestamps print with (TZ=JST-9 printed +00:00 before)", () => {
    expect(formatTimestamp(new Date("2026-07-01T00:13:27.417Z"), { timeZone: "JST-9" })).toBe("2026-07-01T09:13:27.417000+09:00");
    expect(formatTimestamp(new Date("2026-07-01T00:00:00Z"), { timeZone: "IST-5:30" })).toBe("2026-07-01T05:30:00+05:30");
    // an offset with seconds prints them, as isoformat() does (not "+05:30.5")
    expect(formatTimestamp(new Date("2026-07-01T00:00:00Z"), { timeZone: "<+0530>-5:30:30" })).toBe("2026-07-01T05:30:30+05:30:30");
    expect(formatTimestamp(new Date("2026-07-01T00:00:00Z"), { timeZone: "<-0030>0:30:15" })).toBe("2026-06-30T23:29:45-00:30:15");
  });
});
