// Prints help through the user's pager on a terminal ($AWS_PAGER, then $PAGER), and plainly in pipes.
import { write, type IO } from "../io/index.js";

/** The pager command to use, or undefined to print directly. An empty AWS_PAGER turns paging off, as in the AWS CLI. */
export function pagerCommand(io: Pick<IO, "env" | "stdoutIsTTY">): string | undefined {
  if (!io.stdoutIsTTY) return undefined;
  const configured = io.env.AWS_PAGER !== undefined ? io.env.AWS_PAGER : io.env.PAGER;
  return configured?.trim() ? configured : undefined;
}

/**
 * Shows text: through the pager when there is one (its stdout is our terminal), else written to
 * io.stdout. A pager that cannot start falls back to printing; one that exits early (q) is fine.
 * `pager: false` (--no-cli-pager) prints directly.
 */
export async function showHelp(text: string, io: IO, options: { pager?: boolean } = {}): Promise<void> {
  const command = options.pager === false ? undefined : pagerCommand(io);
  if (!command) return write(io.stdout, text);
  const { spawn } = await import("node:child_process"); // only when paging: plain help stays cheap
  const shown = await new Promise<boolean>((resolve) => {
    const child = spawn(command, { shell: true, stdio: ["pipe", "inherit", "inherit"], env: { LESS: "FRX", ...io.env } });
    child.on("error", () => resolve(false));
    child.stdin.on("error", () => {}); // EPIPE when the user quits before the end
    child.on("close", (code) => resolve(code !== 127));
    child.stdin.end(text);
  });
  if (!shown) await write(io.stdout, text);
}
