// Colour where the AWS CLI v2 uses it — only the table format's values and bars — and only on a terminal.
import type { IO } from "../io/index.js";
import type { TableStyle } from "./table.js";

export type ColorMode = "on" | "off" | "auto";

/** --color on forces it on a terminal, auto follows NO_COLOR; a pipe never gets escape codes. */
export function colorEnabled(io: IO, format: string, mode: ColorMode): boolean {
  if (format !== "table" || !io.stdoutIsTTY || mode === "off") return false;
  if (mode === "on") return true;
  return !io.env.NO_COLOR;
}

/** The AWS CLI's ColorizedStyler (bright blue values, dim yellow bars) through a chalk instance of our own. */
export async function tableStyle(): Promise<TableStyle> {
  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: 1 });
  return { rowElement: (t) => chalk.bold.blue(t), indentation: (t) => chalk.dim.yellow(t) };
}
