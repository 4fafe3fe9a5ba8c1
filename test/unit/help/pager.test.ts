// Help goes through $AWS_PAGER / $PAGER only on a terminal; pipes get plain text.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { IO } from "../../../src/io/index.js";
import { pagerCommand, showHelp } from "../../../src/help/pager.js";

function testIO(stdoutIsTTY: boolean, env: Record<string, string | undefined>) {
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (d) => (out += String(d)));
  const io: IO = {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    stdoutIsTTY,
    stderrIsTTY: stdoutIsTTY,
    columns: 80,
    env,
    cwd: process.cwd(),
    homedir: tmpdir(),
  };
  return { io, out: () => out };
}

describe("pagerCommand", () => {
  it.each([
    { tty: false, env: { PAGER: "less" }, want: undefined },
    { tty: true, env: {}, want: undefined },
    { tty: true, env: { PAGER: "less" }, want: "less" },
    { tty: true, env: { PAGER: "less", AWS_PAGER: "more" }, want: "more" },
    { tty: true, env: { PAGER: "less", AWS_PAGER: "" }, want: undefined },
    { tty: true, env: { PAGER: "  " }, want: undefined },
  ])("tty=$tty env=$env → $want", ({ tty, env, want }) => {
    expect(pagerCommand({ stdoutIsTTY: tty, env })).toBe(want);
  });
});

describe("showHelp", () => {
  it("writes plainly in a pipe even with a pager configured", async () => {
    const t = testIO(false, { PAGER: "false" });
    await showHelp("NAME\n  x\n", t.io);
    expect(t.out()).toBe("NAME\n  x\n");
  });

  it("feeds the text to the pager on a terminal", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "voice-id-pager-")), "paged.txt");
    const t = testIO(true, { ...process.env, AWS_PAGER: `cat > '${file}'` });
    await showHelp("NAME\n  paged\n", t.io);
    expect(readFileSync(file, "utf8")).toBe("NAME\n  paged\n");
    expect(t.out()).toBe("");
  });

  it("prints directly with pager: false (--no-cli-pager)", async () => {
    const t = testIO(true, { ...process.env, AWS_PAGER: "false" });
    await showHelp("plain\n", t.io, { pager: false });
    expect(t.out()).toBe("plain\n");
  });

  it("falls back to printing when the pager does not exist", async () => {
    const t = testIO(true, { ...process.env, PAGER: "no-such-pager-voice-id" });
    await showHelp("text\n", t.io);
    expect(t.out()).toBe("text\n");
  });
});
