// Reads the AWS config and credentials files for resolveSettings(); missing or unreadable files are empty.
import { readFileSync } from "node:fs";
import { configFilePath, credentialsFilePath, parseIni, resolveSettings, type Settings } from "./index.js";

function readIni(path: string) {
  try {
    return parseIni(readFileSync(path, "utf8"));
  } catch {
    return parseIni("");
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
