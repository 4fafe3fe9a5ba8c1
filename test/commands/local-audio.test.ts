// `voice-id local analyze` and `local compare` through main(), on synthesized WAVs (and shared/audio when present).
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { analyzeRequest, similarity } from "../../src/engine/local/jobs/audio-port.js";
import { encodeWav, silence, synthVoiceWav } from "../helpers/wav-synth.js";
import { testIO } from "../helpers/test-io.js";

let dir: string;
let home: string;

async function cli(argv: string[], stdin?: string) {
  const t = testIO({ env: { VOICE_ID_HOME: home }, cwd: dir, stdin });
  const code = await main(argv, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "voice-id-audio-cli-"));
  home = mkdtempSync(join(tmpdir(), "voice-id-audio-home-"));
  // about 55 % of the synthetic voice is speech once its glottal pulses' DC is filtered out: 60 s holds over 30 s
  writeFileSync(join(dir, "alice-long.wav"), synthVoiceWav({ seconds: 60, speaker: 1, seed: 1 }));
  writeFileSync(join(dir, "alice-short.wav"), synthVoiceWav({ seconds: 20, speaker: 1, seed: 2 }));
  writeFileSync(join(dir, "bob.wav"), synthVoiceWav({ seconds: 20, speaker: 2, seed: 3 }));
  writeFileSync(join(dir, "call-stereo.wav"), synthVoiceWav({ seconds: 20, speaker: 1, seed: 4, channels: 2, voiceChannel: 1 }));
  writeFileSync(join(dir, "wideband.wav"), synthVoiceWav({ seconds: 5, speaker: 3, sampleRate: 16000 }));
  mkdirSync(join(home, "s3", "calls"), { recursive: true });
  writeFileSync(join(home, "s3", "calls", "bob.wav"), synthVoiceWav({ seconds: 20, speaker: 2, seed: 3 }));
});

describe("local analyze", () => {
  it("prints each file's format, duration, net speech and whether it is enough to enroll or authenticate", async () => {
    const r = await cli(["local", "analyze", "alice-long.wav", "alice-short.wav"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^alice-long\.wav: PCM 16-bit 8000 Hz mono\n {2}duration 60\.00 s, net speech (\d+\.\d\d) s/);
    expect(r.stdout).toContain("enough to enroll or register (30 s): yes; to authenticate (10 s): yes");
    expect(r.stdout).toMatch(/alice-short\.wav: [^\n]*\n[^\n]*\n {2}enough to enroll or register \(30 s\): no; to authenticate \(10 s\): yes/);
  });

  it("reports the same net speech a job measures, as JSON with --output json", async () => {
    const r = await cli(["local", "analyze", "alice-short.wav", "--output", "json"]);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout);
    const job = analyzeRequest({ sources: [{ uri: "x", path: join(dir, "alice-short.wav"), channel: 0 }], minSpeechS: 30 });
    expect(job.ok).toBe(true);
    expect(report).toMatchObject({ name: "alice-short.wav", ok: true, sampleRate: 8000, channels: 1, durationS: 20 });
    expect(report.netSpeechS).toBeCloseTo((job as { netSpeechS: number }).netSpeechS, 2);
  });

  it("reads the channel asked for, refuses audio the service would, and exits 254 when any file is refused", async () => {
    const r = await cli(["local", "analyze", "call-stereo.wav", "wideband.wav", "--channel-id", "1"]);
    expect(r.code).toBe(254);
    expect(r.stdout).toContain("call-stereo.wav: PCM 16-bit 8000 Hz 2 channels, channel 1");
    expect(r.stdout).toContain("wideband.wav: refused (UNSUPPORTED_SAMPLE_RATE): sample rate is 16000 Hz; only 8000 Hz is supported. Convert it first, e.g. sox IN.wav -r 8000 -c 1 -b 16 OUT.wav\n");
    const mono = await cli(["local", "analyze", "bob.wav", "--channel-id", "1"]);
    expect(mono.code).toBe(254);
    expect(mono.stdout).toContain("bob.wav: refused (NO_SUCH_CHANNEL): file has 1 channel; channel 1 does not exist");
  });

  it("prints each file's text report as soon as it is done, in the order given", async () => {
    writeFileSync(join(dir, "first.wav"), synthVoiceWav({ seconds: 5, speaker: 1, seed: 5 }));
    writeFileSync(join(dir, "second.wav"), synthVoiceWav({ seconds: 5, speaker: 2, seed: 6 }));
    const t = testIO({ env: { VOICE_ID_HOME: home }, cwd: dir });
    // the first report's arrival replaces second.wav: only a report printed before second.wav is read sees that
    t.io.stdout.once("data", () => writeFileSync(join(dir, "second.wav"), "not a wav"));
    const code = await main(["local", "analyze", "first.wav", "second.wav"], t.deps);
    expect(code).toBe(254);
    expect(t.stdout()).toMatch(/^first\.wav: PCM 16-bit 8000 Hz mono\n(?: {2}[^\n]*\n){2}second\.wav: refused \(/);
  });

  it("honours a global --output written before `local`", async () => {
    const r = await cli(["--output", "json", "local", "analyze", "bob.wav"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ name: "bob.wav", ok: true });
  });

  it("takes s3:// URIs of the local store", async () => {
    const r = await cli(["local", "analyze", "s3://calls/bob.wav"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^s3:\/\/calls\/bob\.wav: PCM 16-bit 8000 Hz mono/);
    const out = await cli(["local", "analyze", "s3://calls/../../etc/passwd"]);
    expect(out.code).toBe(254);
    expect(out.stdout).toMatch(/^s3:\/\/calls\/\.\.\/\.\.\/etc\/passwd: refused \(BAD_URI\): .*would leave the local S3 root/);
  });

  it("reports a file it cannot read like a refused one and goes on with the others (254); over 20 MB it is refused unread", async () => {
    mkdirSync(join(dir, "a-folder"), { recursive: true });
    const big = join(dir, "huge.wav");
    const fd = openSync(big, "w");
    ftruncateSync(fd, 3 * 1024 ** 3); // 3 GiB, sparse: reading it whole would fail (and take seconds)
    closeSync(fd);
    const r = await cli(["local", "analyze", "nope.wav", "bob.wav", "a-folder", "huge.wav"]);
    expect(r.code).toBe(254);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("nope.wav: refused (NOT_FOUND): no such file");
    expect(lines[1]).toMatch(/^bob\.wav: PCM 16-bit 8000 Hz mono$/);
    expect(r.stdout).toContain("a-folder: refused (NOT_A_FILE): a folder, not a file\n");
    expect(r.stdout).toContain(`huge.wav: refused (TOO_LARGE): file is ${3 * 1024 ** 3} bytes; at most 20971520 bytes (20 MB) are accepted\n`);
    rmSync(big);
  });

  it("gives usage errors (252) for no file or a bad option, without a stack trace", async () => {
    const none = await cli(["local", "analyze"]);
    expect(none.code).toBe(252);
    expect(none.stderr).toMatch(/^voice-id local analyze: give at least one FILE\n\nusage: voice-id local analyze/);
    const bad = await cli(["local", "analyze", "bob.wav", "--channel-id", "two"]);
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain("--channel-id must be 0 or 1, got 'two'");
    expect((await cli(["local", "analyze", "bob.wav", "--channel-id", "2"])).code).toBe(252);
    for (const cmd of [["local", "analyze", "bob.wav"], ["local", "compare", "bob.wav", "bob.wav"]]) {
      // a negative value reaches the range check instead of parseArgs' "argument is ambiguous" advice
      const negative = await cli([...cmd, "--channel-id", "-1"]);
      expect(negative.code).toBe(252);
      expect(negative.stderr).toContain("--channel-id must be 0 or 1, got '-1'");
    }
    const unknown = await cli(["local", "analyze", "--loud", "bob.wav"]);
    expect(unknown.code).toBe(252);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    // the option is named plainly, not with Node's '--' advice and its unbalanced quotes
    expect(unknown.stderr).toMatch(/^voice-id local analyze: unknown option '--loud'\.\n\nusage: voice-id local analyze/);
  });
});

describe("local compare", () => {
  it("prints one 0-100 score, the one a job computes from the same files", async () => {
    const same = await cli(["local", "compare", "alice-long.wav", "alice-short.wav"]);
    const other = await cli(["local", "compare", "alice-long.wav", "bob.wav"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^\d{1,3}\n$/);
    expect(Number(other.stdout)).toBeLessThan(Number(same.stdout));
    const print = (f: string) => {
      const a = analyzeRequest({ sources: [{ uri: f, path: join(dir, f), channel: 0 }], minSpeechS: 0 });
      return (a as { voiceprint: Float32Array }).voiceprint;
    };
    expect(Number(same.stdout)).toBe(similarity(print("alice-long.wav"), print("alice-short.wav")));
    expect(Number(other.stdout)).toBe(similarity(print("alice-long.wav"), print("bob.wav")));
  });

  it("scores a --pairs list, one line per pair in order, from a file or standard input", async () => {
    const list = "# enrollment against calls\nalice-long.wav alice-short.wav\n\nalice-long.wav bob.wav\n";
    writeFileSync(join(dir, "pairs.txt"), list);
    const fromFile = await cli(["local", "compare", "--pairs", "pairs.txt"]);
    expect(fromFile.code).toBe(0);
    const each = await Promise.all([
      cli(["local", "compare", "alice-long.wav", "alice-short.wav"]),
      cli(["local", "compare", "alice-long.wav", "bob.wav"]),
    ]);
    expect(fromFile.stdout).toBe(each.map((r) => r.stdout).join(""));
    const fromStdin = await cli(["local", "compare", "--pairs", "-"], list);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const json = JSON.parse((await cli(["local", "compare", "--pairs", "pairs.txt", "--output", "json"])).stdout);
    expect(json.pairs.map((p: { a: string; b: string }) => `${p.a} ${p.b}`)).toEqual(["alice-long.wav alice-short.wav", "alice-long.wav bob.wav"]);
    expect(json).toMatchObject({ model: "gmm-ubm", acceptanceThreshold: 90, riskThreshold: 50 });
  });

  it("keeps its place for a pair it cannot score ('-', reason on stderr, exit 254) and refuses malformed lists (252)", async () => {
    const r = await cli(["local", "compare", "--pairs", "-"], "alice-long.wav bob.wav\nalice-long.wav wideband.wav\nbob.wav alice-short.wav\n");
    expect(r.code).toBe(254);
    expect(r.stdout).toMatch(/^\d+\n-\n\d+\n$/);
    expect(r.stderr).toContain("cannot score alice-long.wav against wideband.wav: wideband.wav: sample rate is 16000 Hz");
    const bad = await cli(["local", "compare", "--pairs", "-"], "alice-long.wav bob.wav\nalice-long.wav\n");
    expect(bad).toMatchObject({ code: 252, stdout: "" });
    expect(bad.stderr).toContain("--pairs -: line 2: expected two files");
    const endless = await cli(["local", "compare", "--pairs", "/dev/zero"]); // one endless line: refused, not read for ever
    expect(endless).toMatchObject({ code: 252, stdout: "" });
    expect(endless.stderr).toContain("--pairs /dev/zero: a line is longer than 16 KiB; each line is two file names");
    const long = await cli(["local", "compare", "--pairs", "-"], `alice-long.wav bob.wav\n${"a".repeat(20_000)} b\n`);
    expect(long.stderr).toContain("a line is longer than 16 KiB");
    expect((await cli(["local", "compare", "--pairs", "no-such-list"])).stderr).toContain("--pairs no-such-list: no such file");
    const both = await cli(["local", "compare", "a.wav", "b.wav", "--pairs", "-"], "");
    expect(both.code).toBe(252);
    const one = await cli(["local", "compare", "a.wav"]);
    expect(one.code).toBe(252);
    expect(one.stderr).toContain("give exactly two files");
    for (const argv of [["local", "compare", "a.wav", ""], ["local", "analyze", "a.wav", ""]]) {
      const empty = await cli(argv);
      expect([empty.code, empty.stdout]).toEqual([252, ""]);
      expect(empty.stderr).toContain("a FILE is an empty string");
    }
  });

  it("goes on past a file it cannot read or one without speech: '-' in its place, the reason on stderr", async () => {
    writeFileSync(join(dir, "silence.wav"), encodeWav([silence(12)]));
    const r = await cli(["local", "compare", "--pairs", "-"], "alice-long.wav bob.wav\nalice-long.wav missing.wav\nsilence.wav silence.wav\nbob.wav alice-short.wav\n");
    expect(r.code).toBe(254);
    expect(r.stdout).toMatch(/^\d+\n-\n-\n\d+\n$/);
    expect(r.stderr).toContain("cannot score alice-long.wav against missing.wav: missing.wav: no such file");
    expect(r.stderr).toContain("cannot score silence.wav against silence.wav: silence.wav: no speech to compare");
  });

  it("FILE:N picks that file's channel: a stereo call's caller against a mono enrollment scores as a job would", async () => {
    const caller = await cli(["local", "compare", "alice-long.wav", "call-stereo.wav:1"]);
    const viaFlag = await cli(["local", "compare", "alice-long.wav", "call-stereo.wav", "--channel-id", "1"]);
    expect(caller.code).toBe(0);
    expect(viaFlag.code).toBe(254); // the flag applies to both files, and alice-long.wav is mono
    const job = analyzeRequest({ sources: [{ uri: "c", path: join(dir, "call-stereo.wav"), channel: 1 }], minSpeechS: 0 });
    const enrolled = analyzeRequest({ sources: [{ uri: "a", path: join(dir, "alice-long.wav"), channel: 0 }], minSpeechS: 0 });
    const expected = similarity((enrolled as { voiceprint: Float32Array }).voiceprint, (job as { voiceprint: Float32Array }).voiceprint);
    expect(Number(caller.stdout)).toBe(expected);
    const agent = await cli(["local", "compare", "alice-long.wav", "call-stereo.wav:0"]);
    const defaulted = await cli(["local", "compare", "alice-long.wav", "call-stereo.wav"]);
    expect(agent.stdout).toBe(defaulted.stdout);
    // channel 0 of a two-party call by default gets a hint on stderr; a channel chosen either way gets none
    expect(defaulted.stderr).toBe(
      "voice-id local compare: note: call-stereo.wav has 2 channels and channel 0 was scored; call-stereo.wav:1 scores the other\n",
    );
    expect(agent.stderr).toBe("");
    expect(caller.stderr).toBe("");
    // a name that exists as written is taken as written
    writeFileSync(join(dir, "odd-name.wav:1"), readFileSync(join(dir, "bob.wav")));
    const odd = await cli(["local", "analyze", "odd-name.wav:1"]);
    expect(odd.stdout).toMatch(/^odd-name\.wav:1: PCM 16-bit 8000 Hz mono\n/);
  });

  it("notes a file with too little speech to authenticate, and still scores it", async () => {
    writeFileSync(join(dir, "tiny.wav"), synthVoiceWav({ seconds: 6, speaker: 1, seed: 7 }));
    const r = await cli(["local", "compare", "alice-long.wav", "tiny.wav"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\n$/);
    expect(r.stderr).toMatch(/note: tiny\.wav holds only \d\.\d s of net speech; the service needs 10 s to authenticate/);
  });
});

const SHARED = new URL("../../../shared/audio/", import.meta.url);
describe.skipIf(!existsSync(SHARED))("local analyze and compare on shared/audio", () => {
  const path = (p: string) => new URL(p, SHARED).pathname;
  it("measures the noisy call's net speech within 10 % of its ground truth (17.08 s) and tells the fraudster from a customer", async () => {
    const r = await cli(["local", "analyze", "--output", "json", path("speakers/v01/test-1-noisy.wav")]);
    const [noisy] = JSON.parse(r.stdout);
    expect(Math.abs(noisy.netSpeechS - 17.08) / 17.08).toBeLessThan(0.1);
    const fraud = await cli(["local", "compare", path("speakers/v07/enroll.wav"), path("speakers/v07/test-1.wav")]);
    const customer = await cli(["local", "compare", path("speakers/v07/enroll.wav"), path("speakers/v01/test-1.wav")]);
    expect(Number(fraud.stdout)).toBeGreaterThanOrEqual(90);
    expect(Number(customer.stdout)).toBeLessThan(50);
  });
});
