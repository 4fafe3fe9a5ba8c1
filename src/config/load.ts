// Reads the AWS config and credentials files for resolveSettings(); missing or unreadable files are empty.
import { readFileSync, statSync } from "node:fs";
import { CliError, ExitCode } from "../errors/index.js";
import { IniSyntaxError, configFilePath, credentialsFilePath, parseIni, resolveSettings, type Settings } from "./index.js";

/**
 * A file that cannot be read counts as empty, and so does anything that is not a regular file (botocore's
 * os.path.isfile check: a FIFO would block, /dev/zero never ends); one that cannot be parsed stops the command.
 */
function readIni(path: string) {
  let text: string;
  try {
    if (!statSync(path).isFile()) return parseIni("");
    text = readFileSync(path, "utf8");
  } catch {
    return parseIni("");
  }
  try {
    return parseIni(text);
  } catch (err) {
    if (err instanceof IniSyntaxError) throw new CliError(`Unable to parse config file: ${path}`, ExitCode.other);
    throw err;
  }
}

export function loadSettings(
  flags: { region?: string; output?: string; profile?: string },
  env: Record<string, string | undefined>,
  homedir: string,
): Settings {
  return resolveSettings({
    flags,
    env,
    config: readIni(configFilePath(env, homedir)),
    credentials: readIni(credentialsFilePath(env, homedir)),
  });
}
