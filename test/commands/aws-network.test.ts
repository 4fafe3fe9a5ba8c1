// The AWS engine when the endpoint misbehaves, through main() over real loopback sockets: timeouts end the
// call with botocore's words and exit 255 instead of hanging; error answers that are not the service's
// (HTML pages, empty bodies, JSON without __type) read as botocore reads them, exit 254.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { testIO } from "../helpers/test-io.js";
import { silentEndpoint, unreachableEndpoint, type LoopbackEndpoint } from "../helpers/stalled-endpoints.js";

const home = mkdtempSync(join(tmpdir(), "voice-id-aws-network-"));
const env = { VOICE_ID_HOME: home, AWS_DEFAULT_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "b" };

async function run(argv: string[], extraEnv: Record<string, string> = {}) {
  const t = testIO({ env: { ...env, ...extraEnv }, cwd: home });
  const started = Date.now();
  const code = await main(argv, t.deps);
  return { code, stdout: t.stdout(), stderr: t.stderr(), seconds: (Date.now() - started) / 1000 };
}

/** A loopback endpoint answering every request with this status, body and content type; counts requests. */
async function answering(status: number, body: string, contentType?: string): Promise<LoopbackEndpoint> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    req.resume().on("end", () => res.writeHead(status, contentType ? { "content-type": contentType } : {}).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let endpoint: LoopbackEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe("timeouts", () => {
  it("--cli-read-timeout ends a call the endpoint never answers, after each attempt times out (255)", async () => {
    endpoint = await silentEndpoint();
    const r = await run(["list-domains", "--endpoint-url", endpoint.url, "--cli-read-timeout", "1"], { AWS_MAX_ATTEMPTS: "2" });
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nRead timeout on endpoint URL: "${endpoint.url}/"\n`);
    expect(r.stdout).toBe("");
    expect(endpoint.connections()).toBe(2);
    expect(r.seconds).toBeGreaterThanOrEqual(2);
    expect(r.seconds).toBeLessThan(6);
  });

  it("the waiters honour --cli-read-timeout and the other global options, written before or after `wait`", async () => {
    endpoint = await silentEndpoint();
    const ids = ["--domain-id", "abcdefghij0123456789AB", "--job-id", "abcdefghij0123456789AB"];
    const after = await run(["wait", "speaker-enrollment-job-completed", ...ids, "--endpoint-url", endpoint.url, "--cli-read-timeout", "1", "--output", "text"], { AWS_MAX_ATTEMPTS: "1" });
    const before = await run(["--cli-read-timeout", "1", "--endpoint-url", endpoint.url, "wait", "fraudster-registration-job-completed", ...ids], { AWS_MAX_ATTEMPTS: "1" });
    for (const r of [after, before]) {
      expect(r.code).toBe(255);
      expect(r.stderr).toContain(`Read timeout on endpoint URL: "${endpoint.url}/"`);
      expect(r.seconds).toBeLessThan(5);
    }
  });

  it("--cli-connect-timeout ends a connection that never completes (255)", async () => {
    endpoint = await unreachableEndpoint();
    const r = await run(["list-domains", "--endpoint-url", endpoint.url, "--cli-connect-timeout", "1"], { AWS_MAX_ATTEMPTS: "1" });
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nConnect timeout on endpoint URL: "${endpoint.url}/"\n`);
    expect(r.seconds).toBeLessThan(4);
  });
});

describe("retry configuration", () => {
  it("a profile's retry_mode = legacy makes 5 attempts, as botocore's legacy mode does; max_attempts overrides it", async () => {
    endpoint = await answering(503, "busy", "text/plain");
    const config = join(home, "legacy-config");
    writeFileSync(config, "[default]\nretry_mode = legacy\n");
    const legacy = await run(["list-domains", "--endpoint-url", endpoint.url], { AWS_CONFIG_FILE: config });
    expect(legacy.code).toBe(254);
    expect(legacy.stderr).toContain("(reached max retries: 4)");
    expect(endpoint.connections()).toBe(5);
    writeFileSync(config, "[default]\nretry_mode = legacy\nmax_attempts = 2\n");
    const capped = await run(["list-domains", "--endpoint-url", endpoint.url], { AWS_CONFIG_FILE: config });
    expect(capped.stderr).toContain("(reached max retries: 1)");
    expect(endpoint.connections()).toBe(7);
  }, 30_000);

  it("says 'reached max retries' as botocore's standard mode does: whenever the last allowed attempt failed, retryable or not", async () => {
    endpoint = await answering(400, JSON.stringify({ __type: "ResourceNotFoundException", message: "no such domain" }), "application/x-amz-json-1.0");
    const argv = ["describe-domain", "--domain-id", "A".repeat(22), "--endpoint-url", endpoint.url];
    const prefix = "\nAn error occurred (ResourceNotFoundException) when calling the DescribeDomain operation";
    const single = await run(argv, { AWS_MAX_ATTEMPTS: "1" });
    expect(single).toMatchObject({ code: 254, stderr: `${prefix} (reached max retries: 0): no such domain\n` });
    const usual = await run(argv); // 3 attempts allowed, the first answer is final: no suffix
    expect(usual.stderr).toBe(`${prefix}: no such domain\n`);
    const legacy = await run(argv, { AWS_MAX_ATTEMPTS: "1", AWS_RETRY_MODE: "legacy" }); // legacy: only retryable errors
    expect(legacy.stderr).toBe(`${prefix}: no such domain\n`);
    expect(endpoint.connections()).toBe(3);
  }, 30_000);

  it("refuses the retry settings botocore refuses, with its messages, before any request", async () => {
    endpoint = await answering(200, "{}", "application/x-amz-json-1.1");
    const config = join(home, "bad-retry-config");
    const cases: [string, Record<string, string>, string][] = [
      ["[default]\nmax_attempts = three\n", {}, "invalid literal for int() with base 10: 'three'"],
      ["[default]\n", { AWS_MAX_ATTEMPTS: "0" }, 'Value provided to "max_attempts": 0 must be an integer greater than or equal to 1.'],
      ["[default]\nretry_mode = Standard\n", {}, `Invalid value provided to "mode": "Standard" must be one of: ('legacy', 'standard', 'adaptive')`],
      ["[default]\nretry_mode = standard\n", { AWS_RETRY_MODE: "fast" }, 'Invalid value provided to "mode": "fast"'],
      // set but empty counts as set, as in botocore: the variable hides the profile's good value, and int('') fails
      ["[default]\nmax_attempts = 2\n", { AWS_MAX_ATTEMPTS: "" }, "invalid literal for int() with base 10: ''"],
      ["[default]\nretry_mode =\n", {}, 'Invalid value provided to "mode": ""'],
    ];
    for (const [text, extra, message] of cases) {
      writeFileSync(config, text);
      const r = await run(["list-domains", "--endpoint-url", endpoint.url], { AWS_CONFIG_FILE: config, ...extra });
      expect(r.code, text).toBe(255);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe("");
    }
    // the global timeouts are converted first (while the arguments are parsed), the retry settings after
    writeFileSync(config, "[default]\nretry_mode = fast\n");
    const order = await run(["list-domains", "--endpoint-url", endpoint.url, "--cli-read-timeout", "abc"], { AWS_CONFIG_FILE: config });
    expect(order.stderr).toContain("invalid literal for int() with base 10: 'abc'");
    expect(endpoint.connections()).toBe(0);
    writeFileSync(config, "[default]\nretry_mode = adaptive\nmax_attempts = 4\n");
    const fine = await run(["list-domains", "--endpoint-url", endpoint.url], { AWS_CONFIG_FILE: config });
    expect(fine.code).toBe(0);
  }, 30_000);
});

describe("connections that end badly", () => {
  /** A loopback endpoint that reads each request, then hangs up without answering (or after half an answer). */
  async function hangingUp(partial: boolean): Promise<LoopbackEndpoint> {
    let count = 0;
    const server = createServer((req, res) => {
      count++;
      req.resume().on("end", () => {
        if (!partial) return req.socket.destroy();
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": "100" });
        res.write('{"Domain');
        setTimeout(() => req.socket.destroy(), 20);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      connections: () => count,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  it.each([false, true])("a server that hangs up (after half an answer: %s) is botocore's ConnectionClosedError (255)", async (partial) => {
    endpoint = await hangingUp(partial);
    const r = await run(["list-domains", "--endpoint-url", endpoint.url], { AWS_MAX_ATTEMPTS: "1" });
    expect(r).toMatchObject({ code: 255, stdout: "", stderr: `\nConnection was closed before we received a valid response from endpoint URL: "${endpoint.url}/".\n` });
  });

  it("a password in the endpoint URL is never printed, in the error or under --debug", async () => {
    endpoint = await hangingUp(false);
    const url = endpoint.url.replace("http://", "http://alice:pa55word@");
    const r = await run(["list-domains", "--endpoint-url", url, "--debug"], { AWS_MAX_ATTEMPTS: "1" });
    expect(r.code).toBe(255);
    expect(r.stderr).toContain(`AWS engine: calling ListDomains in us-east-1 at ${endpoint.url.replace("http://", "http://***@")}`);
    expect(r.stderr).toContain(`endpoint URL: "${endpoint.url.replace("http://", "http://***@")}/".`);
    expect(r.stderr).not.toContain("pa55word");
  });

  it("https to a plain-HTTP server is botocore's SSLError, naming the URL (255)", async () => {
    endpoint = await hangingUp(false);
    const url = endpoint.url.replace("http:", "https:");
    const r = await run(["list-domains", "--endpoint-url", url], { AWS_MAX_ATTEMPTS: "1" });
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(new RegExp(`^\\nSSL validation failed for ${url.replace(/\./g, "\\.")}/ .*wrong version number`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("error answers the SDK cannot type", () => {
  it.each([
    // status, body, content type, requests, (code) and message as the AWS CLI v2 prints them
    [403, "<html><body>Forbidden</body></html>", "text/html", 1, "(403) when calling the ListDomains operation: <html><body>Forbidden</body></html>"],
    [502, "<html><body>Bad Gateway</body></html>", "text/html", 3, "(502) when calling the ListDomains operation (reached max retries: 2): Bad Gateway"],
    [503, "", undefined, 3, "(503) when calling the ListDomains operation (reached max retries: 2): Service Unavailable"],
    [500, "{}", "application/x-amz-json-1.0", 3, "(500) when calling the ListDomains operation (reached max retries: 2): "],
    [404, "", undefined, 1, "(404) when calling the ListDomains operation: "],
    [400, "not json", "text/plain", 1, "(400) when calling the ListDomains operation: not json"],
    [400, '{"Message": "no type"}', "application/x-amz-json-1.0", 1, "(400) when calling the ListDomains operation: no type"],
  ])("%i %j → exit 254, code and message as botocore reads them", async (status, body, contentType, requests, said) => {
    endpoint = await answering(status, body, contentType);
    const r = await run(["list-domains", "--endpoint-url", endpoint.url]);
    expect(r.stderr).toBe(`\nAn error occurred ${said}\n`);
    expect(r.code).toBe(254);
    expect(endpoint.connections()).toBe(requests);
  });
});
