// `voice-id wait` at a real terminal (a pseudo-terminal from util-linux `script`): its progress spinner must leave
// Ctrl-C to the terminal, so ^C typed while it spins interrupts the wait (130) and the terminal keeps its modes.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { enrollmentManifest, jobStore, startEnrollment } from "../helpers/jobs-fixtures.js";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));
const hasScript = spawnSync("script", ["--version"]).status === 0 && spawnSync("/bin/bash", ["-c", "command -v stty"]).status === 0;

describe.skipIf(!hasScript)("the waiter's spinner at a terminal", () => {
  it("stops at ^C typed on the keyboard with 130, leaves the terminal cooked, and heeds NO_COLOR", async () => {
    const s = jobStore(); // no worker: the job stays SUBMITTED while the waiter spins (a new job is left 10 s to its own worker)
    const { DomainId } = await s.domain();
    s.put("s3://in-bucket/m.json", enrollmentManifest([{ id: "r1", speaker: "a", audio: [["s3://call-audio/a.wav", 0]] }]));
    const jobId = await startEnrollment(s, DomainId, "s3://in-bucket/m.json");
    s.engine.close();
    // the shell traps SIGINT (a handler, which exec resets for the CLI) so that it lives on to report
    const inner = `trap 'true' INT; stty cols 80 rows 24; NO_COLOR=1 VOICE_ID_HOME='${s.home}' VOICE_ID_S3_ROOT='${s.s3Root}' '${process.execPath}' '${BIN}' wait speaker-enrollment-job-completed --domain-id ${DomainId} --job-id ${jobId}; echo "rc=$?"; stty -a`;
    // the keyboard: ^C two seconds in, once the spinner runs (script passes its standard input to the terminal)
    const child = spawn("script", ["-qfec", inner, "/dev/null"], { env: { ...process.env, SHELL: "/bin/bash" }, stdio: ["pipe", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    setTimeout(() => child.stdin.write("\x03"), 2000);
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await new Promise((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    const r = { stdout };
    expect(r.stdout).toContain("Waiting for speaker enrollment job"); // the spinner did run
    expect(r.stdout).not.toContain("\x1b[36m"); // uncoloured under NO_COLOR
    expect(r.stdout).toMatch(/rc=130/);
    const modes = r.stdout.slice(r.stdout.indexOf("rc=130")).split(/[\s;]+/);
    for (const mode of ["isig", "icanon", "echo"]) expect(modes, mode).toContain(mode);
  }, 40_000);
});
