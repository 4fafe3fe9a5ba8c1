// `voice-id local info | cp | reset`: each module's run(argv, deps) with a captured IO.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LocalEngine, localSettings } from "../../src/engine/local/index.js";
import { findLocalCommand } from "../../src/cli/local/index.js";
import { captureDeps } from "./local-helpers.js";

const BIN = fileURLToPath(new URL("../../bin/voice-id.js", import.meta.url));

async function run(name: string, argv: string[], env: Record<string, string>, cwd?: string) {
  const io = captureDeps(env, cwd ?? tmpdir());
  const cmd = await findLocalCommand(name)!.load();
  const code = await cmd.run(argv, io.deps);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

function home() {
  return mkdtempSync(join(tmpdir(), "voice-id-cmd-"));
}

async function seed(h: string): Promise<void> {
  const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: h }), jobWorkers: "none" });
  await engine.call("CreateDomain", { Name: "d", ServerSideEncryptionConfiguration: { KmsKeyId: "k" }, ClientToken: "t" });
  engine.close();
}

describe("local info", () => {
  it("reports paths before the store exists, without creating it", async () => {
    const h = home();
    const r = await run("info", [], { VOICE_ID_HOME: h });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`home:       ${h}`);
    expect(r.stdout).toContain("(not created yet)");
    expect(existsSync(join(h, "voice-id.db"))).toBe(false);
  });

  it("counts resources", async () => {
    const h = home();
    await seed(h);
    const r = await run("info", [], { VOICE_ID_HOME: h, VOICE_ID_S3_ROOT: "/data/s3" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/domains \(active\):\s+1\n/);
    expect(r.stdout).toMatch(/watchlists:\s+1\n/);
    expect(r.stdout).toMatch(/remembered client tokens:\s+1\n/);
    expect(r.stdout).toContain("s3 root:    /data/s3");
  });

  it("rejects unknown options with a usage error", async () => {
    const r = await run("info", ["--bogus"], { VOICE_ID_HOME: home() });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/^voice-id local info: unknown option '--bogus'\.\n/); // worded as every local command words it
  });
});

describe("local cp", () => {
  it("--recursive copies a folder tree into the store and back out, keeping the paths; --quiet prints nothing", async () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    mkdirSync(join(work, "calls", "v1"), { recursive: true });
    writeFileSync(join(work, "calls", "a.wav"), "A");
    writeFileSync(join(work, "calls", "v1", "b.wav"), "BB");
    symlinkSync(join(work, "calls"), join(work, "calls", "v1", "loop")); // a link to a folder is not followed
    let r = await run("cp", ["--recursive", "calls", "s3://samples/in/"], { VOICE_ID_HOME: h }, work);
    expect(r).toEqual({
      code: 0,
      stderr: "",
      stdout: `upload: calls/a.wav to s3://samples/in/a.wav\nupload: calls/v1/b.wav to s3://samples/in/v1/b.wav\n`, // aws s3 cp's lines
    });
    expect(readFileSync(join(h, "s3", "samples", "in", "v1", "b.wav"), "utf8")).toBe("BB");
    r = await run("cp", ["--recursive", "--quiet", "s3://samples/in", "back"], { VOICE_ID_HOME: h }, work);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(work, "back", "v1", "b.wav"), "utf8")).toBe("BB");
    expect(readdirSync(join(work, "back"))).toEqual(["a.wav", "v1"]);
    // a link in the store to a file outside it is not copied out; the rest still is
    writeFileSync(join(work, "secret.txt"), "outside");
    symlinkSync(join(work, "secret.txt"), join(h, "s3", "samples", "in", "leak.wav"));
    r = await run("cp", ["--recursive", "--quiet", "s3://samples/in/", "again"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/^voice-id local cp: cannot copy s3:\/\/samples\/in\/leak\.wav to again\/leak\.wav: .*outside the local S3 root/);
    expect(existsSync(join(work, "again", "leak.wav"))).toBe(false);
    expect(readFileSync(join(work, "again", "v1", "b.wav"), "utf8")).toBe("BB");
    // a prefix no object has copies nothing, as aws s3 cp --recursive does; a local file is not a folder
    expect(await run("cp", ["--recursive", "s3://samples/none/", "none"], { VOICE_ID_HOME: h }, work)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(existsSync(join(work, "none"))).toBe(false);
    r = await run("cp", ["--recursive", "calls/a.wav", "s3://samples/x/"], { VOICE_ID_HOME: h }, work);
    expect([r.code, r.stderr]).toEqual([252, "voice-id local cp: calls/a.wav is not a folder.\n"]);
    // the flags aws s3 cp scripts pass are accepted; an unknown one is named plainly
    r = await run("cp", ["--only-show-errors", "--no-progress", "calls/a.wav", "s3://samples/one.wav"], { VOICE_ID_HOME: h }, work);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    r = await run("cp", ["--sse", "aws:kms", "calls/a.wav", "s3://samples/one.wav"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/^voice-id local cp: unknown option '--sse'\.\n/);
  });

  it("copies a file into the store and back out", async () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    writeFileSync(join(work, "a.wav"), "RIFF-data");
    let r = await run("cp", ["a.wav", "s3://samples/in/a.wav"], { VOICE_ID_HOME: h }, work);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(h, "s3", "samples", "in", "a.wav"), "utf8")).toBe("RIFF-data");
    r = await run("cp", ["a.wav", "s3://samples/folder/"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(0);
    expect(existsSync(join(h, "s3", "samples", "folder", "a.wav"))).toBe(true);
    r = await run("cp", ["a.wav", "s3://bucket-root"], { VOICE_ID_HOME: h }, work);
    expect(r.stdout).toBe("upload: a.wav to s3://bucket-root/a.wav\n");
    expect(existsSync(join(h, "s3", "bucket-root", "a.wav"))).toBe(true);
    r = await run("cp", ["s3://samples/in/a.wav", "back.wav"], { VOICE_ID_HOME: h }, work);
    expect(r).toMatchObject({ code: 0, stdout: "download: s3://samples/in/a.wav to back.wav\n" });
    expect((await run("cp", ["s3://samples/in/a.wav", "s3://samples/copy/"], { VOICE_ID_HOME: h }, work)).stdout).toBe("copy: s3://samples/in/a.wav to s3://samples/copy/a.wav\n");
    expect(readFileSync(join(work, "back.wav"), "utf8")).toBe("RIFF-data");
    mkdirSync(join(work, "dir"));
    r = await run("cp", ["s3://samples/in/a.wav", "dir"], { VOICE_ID_HOME: h }, work);
    expect(readFileSync(join(work, "dir", "a.wav"), "utf8")).toBe("RIFF-data");
    // a local destination ending in '/' is a folder, made if need be, as for s3:// URIs and aws s3 cp
    r = await run("cp", ["s3://samples/in/a.wav", "fresh/sub/"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(0);
    expect(readFileSync(join(work, "fresh", "sub", "a.wav"), "utf8")).toBe("RIFF-data");
  });

  it("leaves no temp file when Ctrl-C or SIGTERM interrupts a copy (the real command, from dist/)", async () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    const big = join(work, "big.bin");
    const chunk = Buffer.alloc(1 << 20, 7);
    const fd = openSync(big, "w");
    for (let i = 0; i < 150; i++) writeSync(fd, chunk);
    closeSync(fd);
    const bucket = join(h, "s3", "bkt");
    let interrupted = 0;
    for (let attempt = 0; attempt < 6 && interrupted < 2; attempt++) {
      const signal = attempt % 2 ? "SIGTERM" : "SIGINT";
      const child = spawn(process.execPath, [BIN, "local", "cp", big, `s3://bkt/big-${attempt}.bin`], { env: { ...process.env, VOICE_ID_HOME: h }, stdio: "ignore" });
      const ended = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, sig) => resolve(sig ?? code)));
      // interrupt as soon as the temp file exists: mid-copy
      for (let i = 0; i < 5000 && child.exitCode === null && !(existsSync(bucket) && readdirSync(bucket).some((f) => f.includes(".voice-id-tmp-"))); i++) await new Promise((r) => setTimeout(r, 1));
      child.kill(signal);
      const how = await ended;
      if (how === signal) {
        interrupted++;
        expect(existsSync(join(bucket, `big-${attempt}.bin`))).toBe(false);
      } else expect(how).toBe(0); // the copy won the race: a whole file
      expect(readdirSync(bucket).filter((f) => f.includes(".voice-id-tmp-"))).toEqual([]);
    }
    expect(interrupted).toBeGreaterThan(0);
    rmSync(work, { recursive: true, force: true });
    rmSync(h, { recursive: true, force: true });
  }, 60_000);

  it("the next copy to a key removes the temp files a SIGKILLed copy left, not those of a copy still running", async () => {
    const h = home();
    const bucket = join(h, "s3", "bkt");
    mkdirSync(bucket, { recursive: true });
    const gone = spawn(process.execPath, ["-e", "0"]);
    await new Promise((r) => gone.on("exit", r));
    const alive = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      writeFileSync(join(bucket, `obj.bin.voice-id-tmp-${gone.pid}`), "half a file");
      writeFileSync(join(bucket, `obj.bin.voice-id-tmp-${alive.pid}`), "a copy in progress");
      writeFileSync(join(bucket, `other.bin.voice-id-tmp-${gone.pid}`), "another key's: left to its own next copy");
      const src = join(h, "obj.bin");
      writeFileSync(src, "whole");
      expect((await run("cp", [src, "s3://bkt/obj.bin"], { VOICE_ID_HOME: h })).code).toBe(0);
      expect(readdirSync(bucket).sort()).toEqual(["obj.bin", `obj.bin.voice-id-tmp-${alive.pid}`, `other.bin.voice-id-tmp-${gone.pid}`].sort());
    } finally {
      alive.kill();
    }
  });

  it("takes '-' for standard input or output, as aws s3 cp does", async () => {
    const h = home();
    const io = captureDeps({ VOICE_ID_HOME: h }, tmpdir());
    io.deps.io.stdin = Readable.from([Buffer.from('{"Version": '), Buffer.from('"1.0"}\n')]);
    const cmd = await findLocalCommand("cp")!.load();
    expect(await cmd.run(["-", "s3://bkt/in/m.json"], io.deps)).toBe(0);
    expect(io.stdout()).toBe(""); // nothing but the data ever goes to standard output
    expect(readFileSync(join(h, "s3", "bkt", "in", "m.json"), "utf8")).toBe('{"Version": "1.0"}\n');
    const out = await run("cp", ["s3://bkt/in/m.json", "-"], { VOICE_ID_HOME: h });
    expect(out).toEqual({ code: 0, stdout: '{"Version": "1.0"}\n', stderr: "" });
    expect(await run("cp", ["-", "local.txt"], { VOICE_ID_HOME: h })).toMatchObject({ code: 252, stderr: "voice-id local cp: with '-', the other side must be an s3:// URI.\n" });
    expect((await run("cp", ["-", "s3://bkt/in/"], { VOICE_ID_HOME: h })).code).toBe(252);
    expect((await run("cp", ["s3://bkt/none.json", "-"], { VOICE_ID_HOME: h })).stderr).toBe("voice-id local cp: s3://bkt/none.json does not exist.\n");
    expect((await run("cp", ["-", "s3://bkt/../../x"], { VOICE_ID_HOME: h })).code).toBe(252);
  });

  it("writes into a FIFO and replaces a link to a regular file, as aws s3 cp does (never renaming over a special file)", async () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    writeFileSync(join(work, "m.json"), "{}\n");
    expect((await run("cp", ["m.json", "s3://bkt/m.json"], { VOICE_ID_HOME: h }, work)).code).toBe(0);
    writeFileSync(join(work, "target.txt"), "old");
    symlinkSync("target.txt", join(work, "link"));
    expect((await run("cp", ["s3://bkt/m.json", "link"], { VOICE_ID_HOME: h }, work)).code).toBe(0);
    expect(lstatSync(join(work, "link")).isFile()).toBe(true); // s3transfer renames its temp file over the path
    expect(readFileSync(join(work, "link"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(work, "target.txt"), "utf8")).toBe("old");
    execFileSync("mkfifo", [join(work, "pipe")]);
    const reader = spawn("cat", [join(work, "pipe")]);
    let read = "";
    reader.stdout.on("data", (b: Buffer) => (read += b.toString()));
    const closed = new Promise((done) => reader.on("close", done));
    expect((await run("cp", ["s3://bkt/m.json", "pipe"], { VOICE_ID_HOME: h }, work)).code).toBe(0);
    await closed;
    expect(read).toBe("{}\n");
    expect(lstatSync(join(work, "pipe")).isFIFO()).toBe(true);
    expect(readdirSync(work).sort()).toEqual(["link", "m.json", "pipe", "target.txt"]);
  });

  it("writes /dev/stdout through the descriptor, so a redirect with >> appends (the real command, from dist/)", () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    mkdirSync(join(h, "s3", "bkt"), { recursive: true });
    writeFileSync(join(h, "s3", "bkt", "k.txt"), "object\n");
    writeFileSync(join(work, "app.log"), "a\nb\n");
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" local cp --quiet s3://bkt/k.txt /dev/stdout >> app.log`], { cwd: work, env: { PATH: process.env.PATH, VOICE_ID_HOME: h }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(work, "app.log"), "utf8")).toBe("a\nb\nobject\n");
  });

  it("honours VOICE_ID_S3_ROOT", async () => {
    const root = mkdtempSync(join(tmpdir(), "voice-id-root-"));
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    writeFileSync(join(work, "m.json"), "{}");
    const r = await run("cp", [join(work, "m.json"), "s3://bkt/m.json"], { VOICE_ID_HOME: home(), VOICE_ID_S3_ROOT: root });
    expect(r.code).toBe(0);
    expect(existsSync(join(root, "bkt", "m.json"))).toBe(true);
  });

  it("refuses traversal, symlinks out of the root, missing files and two local paths", async () => {
    const h = home();
    const work = mkdtempSync(join(tmpdir(), "voice-id-work-"));
    writeFileSync(join(work, "a.wav"), "x");
    let r = await run("cp", ["a.wav", "s3://bkt/../../escape.wav"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/would leave the local S3 root/);
    expect(existsSync(join(h, "escape.wav"))).toBe(false);
    r = await run("cp", ["s3://bkt/%2e%2e/%2e%2e/etc/passwd", "out"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
    mkdirSync(join(h, "s3", "bkt"), { recursive: true });
    symlinkSync(work, join(h, "s3", "bkt", "link"));
    r = await run("cp", ["a.wav", "s3://bkt/link/overwrite.wav"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/outside the local S3 root/);
    expect(existsSync(join(work, "overwrite.wav"))).toBe(false);
    r = await run("cp", ["s3://bkt/none.wav", "x"], { VOICE_ID_HOME: h }, work);
    expect(r).toMatchObject({ code: 252, stderr: "voice-id local cp: s3://bkt/none.wav does not exist.\n" });
    r = await run("cp", ["a", "b"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
    r = await run("cp", ["a"], { VOICE_ID_HOME: h }, work);
    expect(r.code).toBe(252);
  });
});

describe("local reset", () => {
  it("refuses without --yes and leaves everything in place", async () => {
    const h = home();
    await seed(h);
    const r = await run("reset", [], { VOICE_ID_HOME: h });
    expect(r.code).toBe(252);
    expect(r.stderr).toMatch(/--yes/);
    expect((await run("info", [], { VOICE_ID_HOME: h })).stdout).toMatch(/domains \(active\):\s+1/);
  });

  it("empties the store and the default s3 root, but never a VOICE_ID_S3_ROOT folder", async () => {
    const h = home();
    await seed(h);
    mkdirSync(join(h, "s3", "b"), { recursive: true });
    writeFileSync(join(h, "s3", "b", "k"), "x");
    let r = await run("reset", ["--yes"], { VOICE_ID_HOME: h });
    expect(r.code).toBe(0);
    expect(existsSync(join(h, "s3"))).toBe(false);
    expect((await run("info", [], { VOICE_ID_HOME: h })).stdout).toMatch(/domains \(active\):\s+0/);
    // The same ClientToken now creates afresh.
    await seed(h);
    const own = mkdtempSync(join(tmpdir(), "voice-id-own-"));
    writeFileSync(join(own, "keep"), "x");
    r = await run("reset", ["--yes"], { VOICE_ID_HOME: h, VOICE_ID_S3_ROOT: own });
    expect(r.code).toBe(0);
    expect(existsSync(join(own, "keep"))).toBe(true);
    expect(r.stdout).toContain("untouched");
  });
});

describe("local purge", () => {
  it("erases deleted domains now (or only those older than --older-than days) and frees the quota", async () => {
    const h = home();
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: h }), jobWorkers: "none" });
    const mk = async (n: string) =>
      ((await engine.call("CreateDomain", { Name: n, ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })).Domain as { DomainId: string }).DomainId;
    const a = await mk("a");
    await mk("b");
    await mk("c");
    await engine.call("DeleteDomain", { DomainId: a });
    let r = await run("purge", ["--older-than", "1"], { VOICE_ID_HOME: h });
    expect(r).toMatchObject({ code: 0, stdout: "purged 0 deleted domains\n" });
    r = await run("purge", [], { VOICE_ID_HOME: h });
    expect(r).toMatchObject({ code: 0, stdout: "purged 1 deleted domain\n" });
    await expect(engine.call("DescribeDomain", { DomainId: a })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    await mk("d");
    engine.close();
    // a negative number gets the same check as a word, not parseArgs' "argument is ambiguous" advice
    for (const value of ["soon", "-1"]) {
      r = await run("purge", ["--older-than", value], { VOICE_ID_HOME: h });
      expect([r.code, r.stderr]).toEqual([252, `voice-id local purge: --older-than must be a number of days ≥ 0, got '${value}'.\n`]);
    }
  });

  it("gives the disk space back when no other process uses the store", async () => {
    const h = home();
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: h }), jobWorkers: "none" });
    const { DomainId } = ((await engine.call("CreateDomain", { Name: "big", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })) as { Domain: { DomainId: string } }).Domain;
    for (let i = 0; i < 1500; i++) await engine.call("OptOutSpeaker", { DomainId, SpeakerId: `customer-${i}-${"x".repeat(100)}` });
    await engine.call("DeleteDomain", { DomainId });
    engine.ctx.db.pragma("wal_checkpoint(TRUNCATE)");
    engine.close();
    const size = () => statSync(join(h, "voice-id.db")).size + (existsSync(join(h, "voice-id.db-wal")) ? statSync(join(h, "voice-id.db-wal")).size : 0);
    const before = size();
    expect(await run("purge", [], { VOICE_ID_HOME: h })).toMatchObject({ code: 0, stdout: "purged 1 deleted domain\n" });
    expect(size()).toBeLessThan(before / 3);
  });

  it("honours VOICE_ID_DOMAIN_RETENTION_DAYS for the automatic purge", async () => {
    const h = home();
    const engine = LocalEngine.open({ settings: localSettings({ VOICE_ID_HOME: h, VOICE_ID_DOMAIN_RETENTION_DAYS: "0" }), jobWorkers: "none" });
    const { Domain } = (await engine.call("CreateDomain", { Name: "a", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } })) as { Domain: { DomainId: string } };
    await engine.call("DeleteDomain", { DomainId: Domain.DomainId });
    await expect(engine.call("DescribeDomain", { DomainId: Domain.DomainId })).rejects.toMatchObject({ code: "ResourceNotFoundException" });
    engine.close();
  });
});
