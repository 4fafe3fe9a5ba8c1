// The mono calls of ../shared/audio (the benches' real-speech input), as file URLs; none when it is absent.
import { existsSync, readdirSync } from "node:fs";

export function sharedMonoCalls() {
  const dir = new URL("../../shared/audio/speakers/", import.meta.url);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((d) => readdirSync(new URL(`${d}/`, dir)).filter((f) => !f.includes("stereo")).map((f) => new URL(`${d}/${f}`, dir)));
}
