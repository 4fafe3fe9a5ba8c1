// Colour only where the AWS CLI v2 uses it (table values and bars): auto colours a terminal only (and not with
// NO_COLOR), --color on forces it even into a pipe as the AWS CLI does, --color off always wins.
import { describe, it, expect } from "vitest";
import { operation } from "../../../src/model/index.js";
import { emitResult, type OutputOptions } from "../../../src/output/index.js";
import { captureIO } from "./io.js";

const doc = { Watchlist: { Name: "default", WatchlistId: "w1", DomainId: "d1", DefaultWatchlist: true } };
const ESC = /\x1b\[/;
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

async function run(tty: boolean, output: Partial<OutputOptions>, env: Record<string, string> = {}) {
  const { io, stdout } = captureIO({ tty, env: { TZ: "UTC", ...env } });
  await emitResult({
    io,
    operation: operation("DescribeWatchlist")!,
    params: {},
    call: async () => doc,
    pagination: { enabled: true },
    output: { format: "table", color: "auto", ...output },
  });
  return stdout();
}

describe("colour", () => {
  it.each([
    [true, "auto", {}, true],
    [true, "on", {}, true],
    [true, "off", {}, false],
    [true, "auto", { NO_COLOR: "1" }, false],
    [true, "auto", { NO_COLOR: "" }, true],
    [true, "on", { NO_COLOR: "1" }, true],
    [false, "auto", {}, false],
    [false, "on", {}, true],
    [false, "on", { NO_COLOR: "1" }, true],
    [false, "off", {}, false],
  ] as const)("tty=%s --color %s env=%j → colour %s", async (tty, color, env, coloured) => {
    const out = await run(tty, { color }, env);
    expect(ESC.test(out)).toBe(coloured);
    // the layout is the same with or without colour
    expect(strip(out)).toBe(await run(false, { color: "off" }));
  });

  it("colours the values and the indentation bars, not the borders or titles", async () => {
    const out = await run(true, { color: "on" });
    const row = out.split("\n").find((l) => l.includes("default"))!;
    expect(row).toContain("\x1b[34m");
    expect(row.startsWith("\x1b[2m\x1b[33m|")).toBe(true);
    expect(out.split("\n")[0]).toMatch(/^-+$/);
  });

  it.each(["json", "yaml", "yaml-stream", "text"])("%s is never coloured, even on a terminal", async (format) => {
    expect(ESC.test(await run(true, { format, color: "on" }))).toBe(false);
  });
});
