// Timestamps as the AWS CLI v2 prints them: isoformat() in the TZ zone, microseconds only when fractional.
import { describe, it, expect } from "vitest";
import { formatTimestamp } from "../../../src/output/timestamps.js";

describe("formatTimestamp", () => {
  it("formats Dates from the engines", () => {
    expect(formatTimestamp(new Date(1700000000000), { timeZone: "UTC" })).toBe("2023-11-14T22:13:20+00:00");
    expect(formatTimestamp(new Date(1728023754362), { timeZone: "UTC" })).toBe("2024-10-04T06:35:54.362000+00:00");
    expect(formatTimestamp(new Date(0), { timeZone: "UTC" })).toBe("1970-01-01T00:00:00+00:00");
  });

  it("formats epoch seconds from the wire, rounding to microseconds", () => {
    expect(formatTimestamp(1700000000, { timeZone: "UTC" })).toBe("2023-11-14T22:13:20+00:00");
    expect(formatTimestamp(1733321054.218, { timeZone: "UTC" })).toBe("2024-12-04T14:04:14.218000+00:00");
    expect(formatTimestamp(1700000000.123456, { timeZone: "UTC" })).toBe("2023-11-14T22:13:20.123456+00:00");
    expect(formatTimestamp(-1.5, { timeZone: "UTC" })).toBe("1969-12-31T23:59:58.500000+00:00");
  });

  it("uses the TZ zone's offset, as Python's tzlocal does", () => {
    expect(formatTimestamp(new Date(1700000000000), { timeZone: "America/New_York" })).toBe("2023-11-14T17:13:20-05:00");
    expect(formatTimestamp(new Date(1690000000000), { timeZone: "America/New_York" })).toBe("2023-07-22T00:26:40-04:00");
    expect(formatTimestamp(new Date(1700000000000), { timeZone: "Asia/Kolkata" })).toBe("2023-11-15T03:43:20+05:30");
    expect(formatTimestamp(new Date(1700000000000), { timeZone: "Not/AZone" })).toBe("2023-11-14T22:13:20+00:00");
  });

  it("with cli_timestamp_format = wire, prints epoch seconds as the JSON protocol sends them", () => {
    expect(formatTimestamp(new Date(1728023754362), { wire: true, timeZone: "Asia/Kolkata" })).toBe(1728023754.362);
    expect(formatTimestamp(new Date(1700000000000), { wire: true })).toBe(1700000000);
    expect(formatTimestamp(1733321054.218, { wire: true })).toBe(1733321054.218);
    expect(formatTimestamp(new Date(Number.NaN), { wire: true })).toBeNull();
  });

  it("keeps strings (already formatted samples) as they are", () => {
    expect(formatTimestamp("1970-01-01T00:00:00", { timeZone: "UTC" })).toBe("1970-01-01T00:00:00");
  });
});
