// main(argv, deps) → exit code: the only place where errors become exit codes.
import type { Deps } from "./deps.js";
import { write } from "./io/index.js";

export async function main(argv: string[], deps: Deps): Promise<number> {
  await write(deps.io.stderr, `voice-id: not implemented yet (${argv.join(" ")})\n`);
  return 255;
}
