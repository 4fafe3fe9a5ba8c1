// What every local handler receives: the store, the clock, id generation and the engine's settings.
import type { Database } from "./store/db.js";

export interface LocalSettings {
  /** $VOICE_ID_HOME: holds voice-id.db and, unless s3Root says otherwise, s3/<bucket>/<key>. */
  home: string;
  /** Folder whose sub-folders are the buckets of s3:// URIs. */
  s3Root: string;
  region: string;
  account: string;
  /** Days a deleted (SUSPENDED) domain is kept before it is purged; VOICE_ID_DOMAIN_RETENTION_DAYS, default 30. */
  domainRetentionDays?: number;
}

export interface LocalContext {
  db: Database;
  settings: LocalSettings;
  /** Injected so tests can move time (speaker expiry, token expiry, leases). */
  now: () => Date;
  /** Random 22-character alphanumeric id; injected so tests can be deterministic. */
  newId: () => string;
  /** Called after a Start*Job commits, so the engine can make sure a worker will run it. */
  onJobSubmitted?: (jobId: string) => void;
}

import type { Document } from "../engine.js";

/** A local operation: a plain function over the store. Throws ServiceError for the service's errors. */
export type Handler = (ctx: LocalContext, params: Document) => Document | Promise<Document>;
export type HandlerTable = Partial<Record<string, Handler>>;
