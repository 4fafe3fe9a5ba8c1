// What main() needs from the outside world, gathered once; tests pass their own.
import { systemIO, type IO } from "./io/index.js";

export interface Deps {
  io: IO;
}

export function systemDeps(): Deps {
  return { io: systemIO() };
}
