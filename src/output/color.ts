// Colour where the AWS CLI v2 uses it — only the table format's values and bars: always with --color on (its
// ColorizedStyler keeps colour when redirected), on a terminal with auto, never with off.
import type { IO } from "../io/index.js";
import type { TableStyle } from "./table.js";

export type ColorMode = "on" | "off" | "auto";

/** --color on forces it, even into a pipe or file; auto colours a terminal unless NO_COLOR is set. */
export function colorEnabled(io: IO, format: string, mode: ColorMode): boolean {
  if (format !== "table" || mode === "off") return false;
  if (mode === "on") return true;
  return io.stdoutIsTTY && !io.env.NO_COLOR;
}

/** The AWS CLI's ColorizedStyler (bright blue values, dim yellow bars) through a chalk instance of our own. */
export async function tableStyle(): Promise<TableStyle> {
  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: 1 });
  return { rowElement: (t) => chalk.bold.blue(t), indentation: (t) => chalk.dim.yellow(t) };
}
