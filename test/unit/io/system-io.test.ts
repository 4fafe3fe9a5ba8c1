// systemIO guards stdout and stderr against EPIPE (a reader such as `| head` that went away) with one listener
// per stream, however often a process builds its IO: the tests call main() hundreds of times in one process, and a
// listener per call trips Node's MaxListenersExceededWarning on stderr after ten.
import { describe, expect, it } from "vitest";
import { systemIO } from "../../../src/io/index.js";

describe("systemIO", () => {
  it("adds its EPIPE guard to each stream once, however many times it runs", () => {
    systemIO();
    const before = [process.stdout.listenerCount("error"), process.stderr.listenerCount("error")];
    for (let i = 0; i < 25; i++) systemIO();
    expect([process.stdout.listenerCount("error"), process.stderr.listenerCount("error")]).toEqual(before);
  });

  it("swallows EPIPE (the write callbacks report it) and lets any other stream error through", () => {
    systemIO();
    for (const stream of [process.stdout, process.stderr]) {
      expect(() => stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }))).not.toThrow();
      expect(() => stream.emit("error", Object.assign(new Error("no space left"), { code: "ENOSPC" }))).toThrow("no space left");
    }
  });
});
