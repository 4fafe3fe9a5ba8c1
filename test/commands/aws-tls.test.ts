// The AWS engine over TLS to a loopback server with a self-signed certificate: refused unless a CA bundle
// trusts it, taken from --ca-bundle, AWS_CA_BUNDLE or the profile's ca_bundle (botocore's order); a bundle
// path that does not exist is botocore's error (255). Needs openssl to make the certificate.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "voice-id-tls-"));

describe.skipIf(!hasOpenssl)("TLS and CA bundles", () => {
  let url = "";
  let server: ReturnType<typeof createServer> | undefined;
  const cert = join(dir, "cert.pem");
  beforeAll(async () => {
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", cert]);
    expect(made.status).toBe(0);
    server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(cert) }, (req, res) => {
      req.resume().on("end", () => res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end('{"DomainSummaries":[]}'));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function run(argv: string[], env: Record<string, string> = {}) {
    const t = testIO({ env: { VOICE_ID_HOME: dir, AWS_DEFAULT_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b", AWS_MAX_ATTEMPTS: "1", ...env }, cwd: dir });
    const code = await main(["list-domains", "--endpoint-url", url, ...argv], t.deps);
    return { code, stdout: t.stdout(), stderr: t.stderr() };
  }

  it("refuses the unknown certificate, then trusts it from the flag, the environment or the profile's ca_bundle", async () => {
    const refused = await run([]);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(new RegExp(`^\\nSSL validation failed for ${url.replace(/\./g, "\\.")}/ `));
    const config = join(dir, "config");
    writeFileSync(config, `[default]\nca_bundle = ${cert}\n`);
    for (const [argv, env] of [[["--ca-bundle", cert], {}], [[], { AWS_CA_BUNDLE: cert }], [[], { AWS_CONFIG_FILE: config }]] as const) {
      const ok = await run([...argv], env);
      expect([ok.code, ok.stderr], JSON.stringify(env)).toEqual([0, ""]);
      expect(JSON.parse(ok.stdout)).toEqual({ DomainSummaries: [] });
    }
  });

  it("a CA bundle path that does not exist is botocore's error (255)", async () => {
    const r = await run(["--ca-bundle", join(dir, "nope.pem")]);
    expect(r).toEqual({ code: 255, stdout: "", stderr: `\nCould not find a suitable TLS CA certificate bundle, invalid path: ${join(dir, "nope.pem")}\n` });
  });
});
