// Wires the HTTP server to the local store: one LocalEngine per region seen in SigV4 scopes (all sharing one
// SQLite connection), plus the in-process job runner, and closes them in order.
import { LocalEngine, localSettings, type LocalEngineOptions } from "../engine/local/index.js";
import type { Credentials } from "./sigv4.js";
import { startServer, type RunningServer } from "./http-server.js";

export interface LocalServerOptions {
  env: Record<string, string | undefined>;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  credentials?: Credentials;
  log?: (line: string) => void;
  /** Injected clock (tests); also used for SigV4 clock-skew checks. */
  now?: () => Date;
}

export interface LocalServer extends RunningServer {
  /** The default-region engine (its ctx gives tests the store). */
  engine: LocalEngine;
}

/**
 * Jobs run inside the server process (spec §9 #32). HOOK: the jobs owner's runner plugs in here; until it
 * exposes an in-process API, jobs submitted through the server are picked up by whatever runs jobs for the CLI.
 */
interface JobRunner {
  /** Called after a Start*Job commits. */
  submitted(jobId: string): void;
  close(): Promise<void>;
}

async function startJobRunner(_engine: LocalEngine): Promise<JobRunner | undefined> {
  return undefined;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const settings = localSettings(options.env);
  let runner: JobRunner | undefined;
  const engineOptions: LocalEngineOptions = { settings, now: options.now, onJobSubmitted: (jobId) => runner?.submitted(jobId) };
  const engine = LocalEngine.open(engineOptions);
  const byRegion = new Map<string, LocalEngine>([[settings.region, engine]]);
  const engineFor = (region: string | undefined): LocalEngine => {
    if (!region) return engine;
    let e = byRegion.get(region);
    if (!e) byRegion.set(region, (e = new LocalEngine(engine.ctx.db, { ...engineOptions, settings: { ...settings, region } })));
    return e;
  };
  try {
    runner = await startJobRunner(engine);
    const server = await startServer({
      engine,
      engineFor,
      host: options.host,
      port: options.port,
      maxBodyBytes: options.maxBodyBytes,
      auth: options.credentials ? { credentials: options.credentials, now: options.now } : undefined,
      log: options.log,
    });
    let closed: Promise<void> | undefined;
    const close = () =>
      (closed ??= (async () => {
        await server.close();
        await runner?.close();
        engine.close();
      })());
    return { ...server, engine, close };
  } catch (err) {
    await runner?.close();
    engine.close();
    throw err;
  }
}
