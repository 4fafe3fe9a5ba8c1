// loadSettings over real files: what botocore skips (not a regular file) and what it refuses (a file it cannot parse).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/config/load.js";

describe("loadSettings", () => {
  it("reads a config file's region, and treats a FIFO or a device as no file at all instead of blocking on it", () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-config-"));
    writeFileSync(join(dir, "config"), "[default]\nregion = eu-west-1\n");
    expect(loadSettings({}, { AWS_CONFIG_FILE: join(dir, "config") }, dir).region).toBe("eu-west-1");
    execFileSync("mkfifo", [join(dir, "fifo")]);
    // a FIFO nobody writes to would block readFileSync for ever; /dev/zero would fill the memory
    for (const path of [join(dir, "fifo"), "/dev/zero"]) {
      const s = loadSettings({}, { AWS_CONFIG_FILE: path, AWS_SHARED_CREDENTIALS_FILE: path }, dir);
      expect(s.region).toBeUndefined();
    }
  });

  it("stops on a config file configparser would refuse, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "voice-id-config-"));
    writeFileSync(join(dir, "config"), "[default]\nregion = a\n[default]\n");
    expect(() => loadSettings({}, { AWS_CONFIG_FILE: join(dir, "config") }, dir)).toThrow(`Unable to parse config file: ${join(dir, "config")}`);
  });
});
