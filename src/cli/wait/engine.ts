// Which engine a waiter polls: the AWS engine when an endpoint or VOICE_ID_ENGINE=aws says so, else the
// local store. Each poll opens the local store afresh, so a worker that died meanwhile is respawned
// (LocalEngine.open resumes orphaned jobs) and the wait still ends.
import type { Engine } from "../../engine/engine.js";
import { CliError, ExitCode } from "../../errors/index.js";

export interface EngineChoice {
  kind: "local" | "aws";
  /** Opens an engine for one poll; the waiter closes it after the call. */
  open(): Promise<Engine>;
}

export interface EngineFlags {
  endpointUrl?: string;
  region?: string;
  profile?: string;
}

/** Picks the engine like the rest of the CLI (DESIGN.md "The local engine": flags, then environment). */
export async function chooseEngine(env: Record<string, string | undefined>, flags: EngineFlags): Promise<EngineChoice> {
  const endpoint = flags.endpointUrl ?? env.AWS_ENDPOINT_URL_VOICE_ID ?? env.AWS_ENDPOINT_URL;
  if (endpoint || env.VOICE_ID_ENGINE === "aws") {
    // The AWS engine belongs to the CLI spine (src/engine/select.ts); loaded by name so this module builds without it.
    const selectPath = "../../engine/select.js";
    let select: Record<string, unknown>;
    try {
      select = (await import(selectPath)) as Record<string, unknown>;
    } catch {
      throw new CliError("the AWS engine is not available in this build", ExitCode.config);
    }
    const open = (select.openAwsEngine ?? select.awsEngine) as ((o: Record<string, unknown>) => Promise<Engine> | Engine) | undefined;
    if (typeof open !== "function") throw new CliError("the AWS engine is not available in this build", ExitCode.config);
    const engine = await open({ env, endpointUrl: endpoint, region: flags.region, profile: flags.profile });
    return { kind: "aws", open: async () => engine };
  }
  const { LocalEngine, localSettings } = await import("../../engine/local/index.js");
  const settings = localSettings(env, flags.region);
  return { kind: "local", open: async () => LocalEngine.open({ settings }) };
}
