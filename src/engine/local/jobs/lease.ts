// Job leases in SQLite: a worker owns a job while its lease is fresh; a lease that expired, or whose owner
// process on this machine is gone, may be taken over. Every result commit re-checks ownership, so a stale
// worker can never write twice what its successor writes.
import { hostname } from "node:os";
import { nodeCrypto } from "../crypto.js";
import type { Database } from "../store/db.js";
import { inTransaction } from "../store/tx.js";
import { processIsGone } from "../process-gone.js";

/** How long a lease lasts without a heartbeat. VOICE_ID_JOB_LEASE_MS shortens it (tests). */
export function leaseMs(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.VOICE_ID_JOB_LEASE_MS);
  return Number.isFinite(v) && v > 0 ? v : 30_000;
}

/** An owner id that says where the worker lives: host, pid, and a random part. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${nodeCrypto().randomBytes(6).toString("hex")}`;
}

/** True when the owner is a process on this machine that no longer exists (killed): its lease is void at once. */
export function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split(":");
  return host === hostname() && processIsGone(Number(pidText));
}

interface ActiveRow {
  job_id: string;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

/**
 * Active jobs nobody holds: never claimed, lease expired, or owner process gone. Oldest first.
 * `unclaimedGraceMs` skips never-claimed jobs younger than that (their worker is probably still starting).
 */
export function orphanedJobs(db: Database, nowMs: number, unclaimedGraceMs = 0): string[] {
  const rows = db
    .prepare(
      "SELECT job_id, lease_owner, lease_expires_at, created_at FROM jobs WHERE status IN ('SUBMITTED', 'IN_PROGRESS') ORDER BY created_at",
    )
    .all() as (ActiveRow & { created_at: number })[];
  return rows
    .filter((r) =>
      r.lease_owner ? (r.lease_expires_at ?? 0) <= nowMs || ownerIsDead(r.lease_owner) : r.created_at <= nowMs - unclaimedGraceMs,
    )
    .map((r) => r.job_id);
}

/** Takes the job's lease if it is free; true when this owner now holds it. */
export function claim(db: Database, jobId: string, owner: string, nowMs: number, ttlMs: number): boolean {
  return inTransaction({ db }, () => {
    const row = db
      .prepare("SELECT job_id, lease_owner, lease_expires_at FROM jobs WHERE job_id = ? AND status IN ('SUBMITTED', 'IN_PROGRESS')")
      .get(jobId) as ActiveRow | undefined;
    if (!row) return false;
    const free = !row.lease_owner || row.lease_owner === owner || (row.lease_expires_at ?? 0) <= nowMs || ownerIsDead(row.lease_owner);
    if (!free) return false;
    db.prepare("UPDATE jobs SET lease_owner = ?, lease_expires_at = ? WHERE job_id = ?").run(owner, nowMs + ttlMs, jobId);
    return true;
  });
}

/** Extends the lease; false when another worker took the job over (the caller must stop). */
export function heartbeat(db: Database, jobId: string, owner: string, nowMs: number, ttlMs: number): boolean {
  return inTransaction({ db }, () => db.prepare("UPDATE jobs SET lease_expires_at = ? WHERE job_id = ? AND lease_owner = ?").run(nowMs + ttlMs, jobId, owner).changes > 0);
}

/** Inside a write transaction: does this owner still hold the job? */
export function holdsLease(db: Database, jobId: string, owner: string): boolean {
  const row = db.prepare("SELECT lease_owner FROM jobs WHERE job_id = ?").get(jobId) as { lease_owner: string | null } | undefined;
  return row?.lease_owner === owner;
}

export function release(db: Database, jobId: string, owner: string): void {
  inTransaction({ db }, () => db.prepare("UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE job_id = ? AND lease_owner = ?").run(jobId, owner));
}

export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`Lost the lease on job ${jobId} to another worker.`);
    this.name = "LeaseLost";
  }
}
