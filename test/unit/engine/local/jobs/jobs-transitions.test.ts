// The declared job state graph and leases: only spec §4.5 moves are possible; timestamps come from the
// injected clock; a lease is free when unclaimed, expired or held by a dead process, and never stolen otherwise.
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../../../src/engine/local/store/db.js";
import { canTransition, IllegalTransitionError, transition, TRANSITIONS, type JobStatus } from "../../../../../src/engine/local/jobs/transitions.js";
import { claim, heartbeat, holdsLease, orphanedJobs } from "../../../../../src/engine/local/jobs/lease.js";
import { getJob, insertJob, percentComplete } from "../../../../../src/engine/local/jobs/records.js";

function store() {
  const db = openDatabase(":memory:");
  db.prepare(
    "INSERT INTO domains (domain_id, region, account, arn, name, status, kms_key_id, default_watchlist_id, created_at, updated_at) VALUES ('D', 'r', 'a', 'arn', 'n', 'ACTIVE', 'k', 'W', 0, 0)",
  ).run();
  const add = (jobId: string, created = 1000) =>
    insertJob(db, {
      job_id: jobId,
      domain_id: "D",
      kind: "SPEAKER_ENROLLMENT",
      job_name: null,
      data_access_role_arn: "arn:aws:iam::000000000000:role/r",
      input_s3_uri: "s3://in-bucket/m.json",
      output_s3_uri: "s3://out-bucket/o",
      output_kms_key_id: null,
      config: "null",
      created_at: created,
      s3_root: null,
    });
  return { db, add };
}

describe("job transitions", () => {
  const all: JobStatus[] = ["SUBMITTED", "IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];
  // Spec §4.5's diagram, written out.
  const allowed = new Set(["SUBMITTED>IN_PROGRESS", "SUBMITTED>FAILED", "IN_PROGRESS>COMPLETED", "IN_PROGRESS>COMPLETED_WITH_ERRORS", "IN_PROGRESS>FAILED"]);
  it("allows exactly the moves of the spec's diagram", () => {
    for (const from of all) for (const to of all) expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...all].sort());
  });

  it("stamps started/ended from the injected clock, fills FailureDetails, and refuses undeclared moves", () => {
    const { db, add } = store();
    add("J1");
    transition(db, "J1", "IN_PROGRESS", () => new Date(5000));
    expect(getJob(db, "J1")).toMatchObject({ status: "IN_PROGRESS", started_at: 5000 });
    expect(() => transition(db, "J1", "SUBMITTED", () => new Date(6000))).toThrow(IllegalTransitionError);
    transition(db, "J1", "FAILED", () => new Date(7000), { failure: { statusCode: 400, message: "bad" } });
    const row = getJob(db, "J1")!;
    expect(row).toMatchObject({ status: "FAILED", ended_at: 7000, failure_status_code: 400, failure_message: "bad", lease_owner: null });
    expect(percentComplete(row)).toBe(100);
    expect(() => transition(db, "J1", "COMPLETED", () => new Date(8000))).toThrow("cannot move from FAILED to COMPLETED");
  });
});

describe("job leases", () => {
  it("claims free jobs once, keeps them with heartbeats, and frees them when expired or when the owner process is gone", () => {
    const { db, add } = store();
    add("J1", 1000);
    add("J2", 2000);
    expect(orphanedJobs(db, 10_000)).toEqual(["J1", "J2"]);
    expect(orphanedJobs(db, 10_000, 8_500)).toEqual(["J1"]); // J2 is young and unclaimed: its worker is probably starting
    const me = `${hostname()}:${process.pid}:a`;
    expect(claim(db, "J1", me, 10_000, 1_000)).toBe(true);
    expect(claim(db, "J1", `${hostname()}:${process.pid}:b`, 10_500, 1_000)).toBe(false); // held and fresh
    expect(heartbeat(db, "J1", me, 10_900, 1_000)).toBe(true);
    expect(claim(db, "J1", "other-host:1:b", 11_800, 1_000)).toBe(false);
    expect(claim(db, "J1", "other-host:1:b", 11_901, 1_000)).toBe(true); // expired: taken over
    expect(holdsLease(db, "J1", me)).toBe(false);
    expect(heartbeat(db, "J1", me, 12_000, 1_000)).toBe(false); // the old owner learns it lost the job
    // A dead process on this host frees its lease at once, however long the lease still runs.
    expect(claim(db, "J2", `${hostname()}:999999999:x`, 12_000, 3_600_000)).toBe(true);
    expect(orphanedJobs(db, 12_001)).toContain("J2");
  });
});

