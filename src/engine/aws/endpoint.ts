// Which endpoint the AWS CLI would call, apart from the AWS engine: choosing the engine needs it on every
// command, the SDK-backed engine only when it runs. Also the AWS CLI's two checks of an endpoint URL.
import { isIPv6 } from "node:net";
import { CliError, ExitCode } from "../../errors/index.js";
import type { ConfiguredEndpoints } from "../../config/index.js";

/**
 * The endpoint the AWS CLI would use, in botocore's order: --endpoint-url, AWS_ENDPOINT_URL_VOICE_ID,
 * AWS_ENDPOINT_URL, the profile's [services] voice_id endpoint_url, the profile's endpoint_url. All but the flag
 * are "configured" endpoints, which AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's setting) turns off.
 */
export function endpointFor(flag: string | undefined, env: Record<string, string | undefined>, configured: ConfiguredEndpoints = {}): string | undefined {
  if (flag) return flag;
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== undefined ? env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.toLowerCase() === "true" : configured.ignore;
  if (ignore) return undefined;
  return env.AWS_ENDPOINT_URL_VOICE_ID || env.AWS_ENDPOINT_URL || configured.service || configured.global || undefined;
}

/** A scheme as Python's urlparse finds one: a letter, then letters, digits, `+`, `-` or `.`, then a colon. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * The AWS CLI's check of --endpoint-url as it parses the global options (awscli/customizations/globalargs.py),
 * before anything else runs: a value without a scheme is a usage error (252).
 */
export function checkEndpointFlag(value: string | undefined): void {
  if (value === undefined || SCHEME.test(value)) return;
  throw new CliError(
    `Bad value for --endpoint-url "${withoutPassword(value)}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
    ExitCode.usage,
  );
}

const HOST_LABELS = /^((?!-)[A-Z\d-]{1,63}(?<!-)\.)*((?!-)[A-Z\d-]{1,63}(?<!-))$/i;

/** The host of a URL as Python's urlsplit finds it; none without `//` after the scheme. */
function urlsplitHost(url: string): { host: string; bracketed: boolean } | undefined {
  const rest = url.replace(SCHEME, "");
  if (!rest.startsWith("//")) return undefined;
  const hostinfo = rest.slice(2).split(/[/?#]/)[0].split("@").pop()!;
  const bracketed = hostinfo.includes("[");
  const host = (bracketed ? hostinfo.slice(hostinfo.indexOf("[") + 1).split("]")[0] : hostinfo.split(":")[0]).toLowerCase();
  return host ? { host, bracketed } : undefined;
}

/**
 * botocore's check when it creates a client (is_valid_endpoint_url, or an IPv6 literal), plus an http(s)
 * scheme: `localhost:9999` (scheme "localhost", no host) fails here with "Invalid endpoint: …" (255).
 */
export function checkEndpoint(url: string | undefined): void {
  if (url === undefined) return;
  const scheme = SCHEME.exec(url)?.[1].toLowerCase();
  const parts = /[\t\r\n]/.test(url) ? undefined : urlsplitHost(url);
  const validHost =
    parts !== undefined &&
    (parts.bracketed ? isIPv6(parts.host.split("%")[0]) : parts.host.length <= 255 && HOST_LABELS.test(parts.host.replace(/\.$/, "")));
  if (!validHost || (scheme !== "http" && scheme !== "https") || !URL.canParse(url)) {
    // the last: a URL botocore's looser parse lets through but the SDK cannot use (http://bob:pa/ss@host reads as
    // port "pa"); it would otherwise fail later as a bare "Invalid URL" naming nothing
    throw new CliError(`Invalid endpoint: ${withoutPassword(url)}`, ExitCode.other);
  }
}

/**
 * A URL as messages and --debug show it: its userinfo (user name and password) is a secret and shows as `***`
 * (the AWS CLI prints it). A user name alone is as often a token (https://TOKEN@host), and malformed URLs are masked
 * too, so everything between the scheme and the last '@' goes, unless the authority itself holds an '@': then the
 * path after it stays. The price is that an '@' in a path masks the host as well (http://host/a@b → http://***@b).
 */
export function withoutPassword(url: string): string {
  const at = url.lastIndexOf("@");
  if (at < 0) return url;
  // without '//' what urlparse calls the scheme may be a user name (token:password@host): all of it goes
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  const start = scheme ? scheme[0].length : 0;
  let end = at;
  if (scheme) {
    const rest = url.slice(start);
    const cut = rest.search(/[/?#]/);
    const authority = cut < 0 ? rest : rest.slice(0, cut);
    // a password may hold a raw '@' (http://u:p@ss@host), as URL parsing allows
    if (authority.includes("@")) end = start + authority.lastIndexOf("@");
  }
  return `${url.slice(0, start)}***${url.slice(end)}`;
}
