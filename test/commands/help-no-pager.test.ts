// --no-cli-pager: help goes straight to stdout even on a terminal with a pager configured.
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";

describe("--no-cli-pager", () => {
  // AWS_PAGER=true swallows what it is given, so paged help never reaches our stdout.
  const cases = [
    { argv: ["help"], paged: true },
    { argv: ["--no-cli-pager", "help"], paged: false },
    { argv: ["describe-domain", "help"], paged: true },
    { argv: ["describe-domain", "help", "--no-cli-pager"], paged: false },
  ];
  for (const { argv, paged } of cases) {
    it(`${argv.join(" ")} → ${paged ? "pager" : "stdout"}`, async () => {
      const t = testIO({ tty: true, env: { AWS_PAGER: "true" } });
      expect(await main(argv, t.deps)).toBe(0);
      if (paged) expect(t.stdout()).toBe("");
      else expect(t.stdout()).toMatch(/NAME/);
    });
  }
});
