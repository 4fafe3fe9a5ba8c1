// Which engine a waiter polls, chosen like every other command (src/engine/select.ts). Each poll opens the
// local store afresh, so a worker that died meanwhile is respawned (LocalEngine.open resumes orphaned
// jobs) and the wait still ends.
import type { Engine } from "../../engine/engine.js";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { configFilePath, credentialsFilePath, parseIni, resolveSettings } from "../../config/index.js";
import { chooseEngineKind, openAwsEngine, openLocalEngine, type EngineKind } from "../../engine/select.js";
import { checkEndpointFlag } from "../../engine/aws/endpoint.js";

export interface EngineChoice {
  kind: EngineKind;
  /** Opens an engine for one poll; the waiter closes a local one after the call. */
  open(): Promise<Engine>;
}

export interface EngineFlags {
  engine?: EngineKind;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  noSignRequest?: boolean;
  noVerifySsl?: boolean;
}

export async function chooseEngine(env: Record<string, string | undefined>, flags: EngineFlags): Promise<EngineChoice> {
  checkEndpointFlag(flags.endpointUrl);
  const kind = chooseEngineKind(flags, env);
  if (kind === "aws") {
    const engine = await openAwsEngine({ env, ...flags, region: await resolveRegion(env, flags) });
    return { kind, open: async () => engine };
  }
  // the local engine finds its region as every command does, the profile's included
  const region = await resolveRegion(env, flags);
  return { kind, open: () => openLocalEngine(env, region) };
}

/** The region as the AWS CLI resolves it: flag, AWS_REGION / AWS_DEFAULT_REGION, then the profile's config. */
async function resolveRegion(env: Record<string, string | undefined>, flags: EngineFlags): Promise<string | undefined> {
  const home = env.HOME ?? homedir();
  const ini = async (path: string) => parseIni(await readFile(path, "utf8").catch(() => ""));
  const [config, credentials] = await Promise.all([ini(configFilePath(env, home)), ini(credentialsFilePath(env, home))]);
  return resolveSettings({ flags: { region: flags.region, profile: flags.profile }, env, config, credentials }).region;
}
