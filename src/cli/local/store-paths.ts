// Where the local store lives, for the operator commands (info, cp, reset, demo): settings plus the db file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Deps } from "../../deps.js";
import { write } from "../../io/index.js";
import type { LocalSettings } from "../../engine/local/context.js";
import { localSettings } from "../../engine/local/index.js";
import { loadSettings } from "../../config/load.js";
import { checkRegionName } from "../../config/index.js";

export interface StorePaths {
  settings: LocalSettings;
  dbFile: string;
  exists: boolean;
}

/**
 * The region as every command resolves it: --region (written before `local`, or the command's own), the
 * environment, then the profile's in the config file; the local engine's default after that.
 */
export function localRegion(deps: Deps, flag?: string): string | undefined {
  const g = deps.globals ?? {};
  return loadSettings({ region: flag ?? g.region, profile: g.profile }, deps.io.env, deps.io.homedir).region;
}

/** localRegion, refused (255) when it is not a region name, as every command that uses a region refuses it. */
export function checkedLocalRegion(deps: Deps): string | undefined {
  const region = localRegion(deps);
  checkRegionName(region);
  return region;
}

export function storePaths(deps: Deps): StorePaths {
  const settings = localSettings(deps.io.env, localRegion(deps));
  const dbFile = join(settings.home, "voice-id.db");
  return { settings, dbFile, exists: existsSync(dbFile) };
}

/** --region and --profile, which the operator commands that use a region take after their name too (as the session commands do). */
export const REGION_OPTIONS = { region: { type: "string" }, profile: { type: "string" } } as const;

/** deps with the command's own --region / --profile in place of those written before `local`. */
export function withRegionOptions(deps: Deps, values: { region?: string; profile?: string }): Deps {
  const g = deps.globals ?? {};
  return { ...deps, globals: { ...g, region: values.region ?? g.region, profile: values.profile ?? g.profile } };
}

/** Writes "voice-id local <cmd>: <message>" to stderr and returns the exit code (no stack trace). */
export async function fail(deps: Deps, cmd: string, message: string, code: number): Promise<number> {
  await write(deps.io.stderr, `voice-id local ${cmd}: ${message}\n`);
  return code;
}
