// What main() needs from the outside world, gathered once; tests pass their own.
import { systemIO, type IO } from "./io/index.js";
import type { GlobalArgs } from "./cli/global-options.js";

export interface Deps {
  io: IO;
  /** The global options written before a hand-written command (`voice-id --output text local …`). */
  globals?: Partial<GlobalArgs>;
}

export function systemDeps(): Deps {
  return { io: systemIO() };
}
