// --output yaml-stream: each page (or the single response) as one item of a YAML list, printed as it arrives.
import { dumpYaml } from "./yaml.js";

export const render = (value: unknown): string => dumpYaml([value]);
