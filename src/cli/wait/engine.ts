// Which engine a waiter polls, chosen and opened like every other command's (src/engine/select.ts openEngineFor):
// the same global options, settings and checks. Each poll opens the local store afresh, so a worker that died
// meanwhile is respawned (LocalEngine.open resumes orphaned jobs) and the wait still ends.
import type { Engine } from "../../engine/engine.js";
import type { IO } from "../../io/index.js";
import { checkRegionName } from "../../config/index.js";
import { loadSettings } from "../../config/load.js";
import { chooseEngineKind, openEngineFor, openLocalEngine, type EngineGlobals, type EngineKind } from "../../engine/select.js";
import { checkEndpoint, checkEndpointFlag, endpointFor } from "../../engine/aws/endpoint.js";

export interface EngineChoice {
  kind: EngineKind;
  /** Opens an engine for one poll; the waiter closes a local one after the call. */
  open(): Promise<Engine>;
}

export type WaiterGlobals = EngineGlobals & { region?: string };

export async function chooseEngine(io: IO, g: WaiterGlobals): Promise<EngineChoice> {
  checkEndpointFlag(g.endpointUrl);
  // the region as every command finds it: option, environment, then the profile's
  const settings = loadSettings({ region: g.region, profile: g.profile }, io.env, io.homedir);
  checkRegionName(settings.region);
  const kind = chooseEngineKind(g, io.env, settings.configuredEndpoints);
  if (kind === "local") return { kind, open: () => openLocalEngine(io.env, settings.region) };
  checkEndpoint(endpointFor(g.endpointUrl, io.env, settings.configuredEndpoints));
  const engine = await openEngineFor(kind, g, settings, io.env);
  return { kind, open: async () => engine };
}
