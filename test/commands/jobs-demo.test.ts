// `voice-id local demo` on a fresh store: the whole story runs, prints the job and its output file, and leaves
// the domain, the fraudster, the speakers and the files behind to explore.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Document } from "../../src/engine/engine.js";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { workerScript } from "../../src/engine/local/jobs/supervisor.js";
import { run as demo } from "../../src/cli/local/demo.js";
import { main } from "../../src/main.js";
import { captureIO } from "../helpers/jobs-fixtures.js";

describe.skipIf(!workerScript())("voice-id local demo", () => {
  it.each([false, true])("runs the whole story and leaves the state behind (tty: %s)", async (tty) => {
    const home = mkdtempSync(join(tmpdir(), "voice-id-demo-"));
    const io = captureIO({ VOICE_ID_HOME: home, TZ: "Asia/Kolkata" }, tty);
    const code = await demo([], io.deps as never);
    const stdout = io.stdout();
    expect(code, stdout + io.stderr()).toBe(0);
    expect(stdout).toMatch(/^Local store: /);
    expect(stdout).toContain("5. The finished job (voice-id describe-speaker-enrollment-job):");
    expect(stdout).toContain('"JobStatus": "COMPLETED_WITH_ERRORS"');
    expect(stdout).toContain("Everything is still there. Explore it:");
    // Progress: a spinner on stderr on a terminal, plain lines on stdout otherwise.
    if (tty) expect(io.stderr()).toContain("demo-enrollment");
    expect(stdout).toContain("   COMPLETED_WITH_ERRORS 100%\n");
    if (!tty) expect(io.stderr()).toBe("");

    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: home }), jobWorkers: "none" });
    try {
      const domains = (await engine.call("ListDomains", {})).DomainSummaries as Document[];
      expect(domains.map((d) => d.Name)).toEqual(["voice-id-demo"]);
      const DomainId = domains[0]!.DomainId as string;
      expect(((await engine.call("ListFraudsters", { DomainId })).FraudsterSummaries as Document[]).length).toBe(1);
      const speakers = (await engine.call("ListSpeakers", { DomainId })).SpeakerSummaries as Document[];
      expect(speakers.map((s) => s.CustomerSpeakerId).sort()).toEqual(["alice", "bruno", "chen"]);
      const jobs = (await engine.call("ListSpeakerEnrollmentJobs", { DomainId })).JobSummaries as Document[];
      const out = JSON.parse(stdout.slice(stdout.indexOf("enrollment.json.out:\n") + 21, stdout.indexOf("\nEverything is still there")));
      expect(out.Errors.map((e: Document) => [e.RequestId, (e.ErrorMessage as string).split(":")[0]])).toEqual([
        ["enroll-dana", "Not enough speech"],
        ["enroll-mallory-posing", "Speaker failed fraud screening"],
      ]);
      expect(existsSync(join(home, "s3/voice-id-demo/output", jobs[0]!.JobId as string, "enrollment.json.out"))).toBe(true);
      // step 5 is exactly what the command prints (model order, timestamps in the TZ zone)
      const shown = stdout.slice(stdout.indexOf("describe-speaker-enrollment-job):\n") + 34, stdout.indexOf("\n6. Its output file"));
      const command = captureIO({ VOICE_ID_HOME: home, TZ: "Asia/Kolkata" });
      expect(await main(["describe-speaker-enrollment-job", "--domain-id", DomainId, "--job-id", jobs[0]!.JobId as string], command.deps as never)).toBe(0);
      expect(shown).toBe(command.stdout());
      expect(shown).toContain("+05:30");
    } finally {
      engine.close();
    }
  }, 180_000);
});
