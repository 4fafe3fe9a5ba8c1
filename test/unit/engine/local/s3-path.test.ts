// s3:// → local path mapping never escapes the root.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { S3PathError, parseS3Uri, s3UriToPath } from "../../../../src/engine/local/s3-path.js";

function setup() {
  const base = mkdtempSync(join(tmpdir(), "voice-id-s3-"));
  const s3Root = join(base, "s3");
  const outside = join(base, "outside");
  mkdirSync(join(s3Root, "bucket"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "x");
  return { base, s3Root, outside };
}

describe("s3UriToPath", () => {
  it("maps bucket and key under the root", () => {
    const { s3Root } = setup();
    expect(s3UriToPath({ s3Root }, "s3://bucket/a/b.wav")).toBe(join(s3Root, "bucket", "a", "b.wav"));
    expect(s3UriToPath({ s3Root }, "s3://bucket/out/")).toBe(join(s3Root, "bucket", "out") + sep); // "out/" is not the key "out"
    expect(s3UriToPath({ s3Root }, "s3://new-bucket.x/k")).toBe(join(s3Root, "new-bucket.x", "k"));
    expect(s3UriToPath({ s3Root }, "s3://bucket/weird name..wav")).toBe(join(s3Root, "bucket", "weird name..wav"));
  });

  it("works when the root does not exist yet", () => {
    const s3Root = join(mkdtempSync(join(tmpdir(), "voice-id-s3-")), "missing", "s3");
    expect(s3UriToPath({ s3Root }, "s3://bucket/k")).toBe(join(s3Root, "bucket", "k"));
  });

  it.each([
    ["s3://bucket/../outside/secret.txt", /not allowed/],
    ["s3://bucket/a/../../x", /not allowed/],
    ["s3://bucket/./x", /not allowed/],
    ["s3://bucket/%2e%2e/x", /not allowed/],
    ["s3://bucket/%2E%2e/%2e%2E/x", /not allowed/],
    ["s3://bucket/a%2f..%2fb", /not allowed/],
    ["s3://bucket//etc/passwd", /empty key segment/],
    ["s3://bucket/a//b", /empty key segment/],
    ["s3://bucket/a\\..\\b", /backslash/],
    ["s3://bucket/a\0b", /NUL/],
    ["s3://../x", /not a valid bucket/],
    ["s3://Bucket/x", /not a valid bucket/],
    ["/etc/passwd", /not an s3:\/\/ URI/],
    ["file:///etc/passwd", /not an s3:\/\/ URI/],
  ])("refuses %s", (uri, message) => {
    const { s3Root } = setup();
    expect(() => s3UriToPath({ s3Root }, uri)).toThrow(S3PathError);
    expect(() => s3UriToPath({ s3Root }, uri)).toThrow(message);
  });

  it("refuses symbolic links that resolve outside the root, even dangling ones", () => {
    const { s3Root, outside } = setup();
    symlinkSync(outside, join(s3Root, "bucket", "escape"));
    // the messages reach `local serve` clients: they name URIs, never the server's folders
    expect(() => s3UriToPath({ s3Root }, "s3://bucket/escape/secret.txt")).toThrow(/^'s3:\/\/bucket\/escape\/secret\.txt' resolves outside the local S3 root \(through a symbolic link\)\.$/);
    expect(() => s3UriToPath({ s3Root }, "s3://bucket/escape/new/file")).toThrow(/outside the local S3 root/);
    symlinkSync(outside, join(s3Root, "evil-bucket"));
    expect(() => s3UriToPath({ s3Root }, "s3://evil-bucket/secret.txt")).toThrow(/outside the local S3 root/);
    symlinkSync(join(outside, "nope"), join(s3Root, "bucket", "dangling"));
    expect(() => s3UriToPath({ s3Root }, "s3://bucket/dangling/x")).toThrow(/^'s3:\/\/bucket\/dangling\/x' goes through a broken symbolic link \(s3:\/\/bucket\/dangling\)\.$/);
  });

  it("accepts symbolic links that stay inside the root, and a root that is itself a link", () => {
    const { base, s3Root } = setup();
    mkdirSync(join(s3Root, "bucket", "real"));
    symlinkSync(join(s3Root, "bucket", "real"), join(s3Root, "bucket", "alias"));
    expect(s3UriToPath({ s3Root }, "s3://bucket/alias/x")).toBe(join(s3Root, "bucket", "alias", "x"));
    symlinkSync(s3Root, join(base, "root-link"));
    expect(s3UriToPath({ s3Root: join(base, "root-link") }, "s3://bucket/x")).toBe(join(base, "root-link", "bucket", "x"));
  });

  it("parses bucket and key", () => {
    expect(parseS3Uri("s3://bkt/a/b")).toEqual({ bucket: "bkt", key: "a/b" });
    expect(parseS3Uri("s3://bkt")).toEqual({ bucket: "bkt", key: "" });
  });
});
