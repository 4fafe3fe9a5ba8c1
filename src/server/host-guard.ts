// DNS rebinding guard: a web page can point a name it controls at 127.0.0.1 and then talk to a server bound
// there through the victim's browser. Such requests carry the page's name in Host, so a server bound to a
// loopback address answers only requests addressed to a loopback name.

import { BlockList, isIP } from "node:net";

let loopback: BlockList | undefined;

/**
 * True for a name or address only this machine can reach: localhost, *.localhost, 127.0.0.0/8 and ::1, in any
 * spelling (bracketed, "0:0:0:0:0:0:0:1", or mapped into IPv6 as ::ffff:127.0.0.1 or ::ffff:7f00:1, the form
 * URLs normalise it to).
 */
export function isLoopbackAddress(host: string): boolean {
  let h = host.toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const family = isIP(h);
  if (family === 0) return false;
  if (!loopback) {
    loopback = new BlockList();
    loopback.addSubnet("127.0.0.0", 8, "ipv4");
    loopback.addAddress("::1", "ipv6");
  }
  return loopback.check(h, family === 6 ? "ipv6" : "ipv4");
}

/** The name in a Host header ("localhost:8765" → "localhost", "[::1]:8765" → "[::1]"). */
function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0]!;
}

/**
 * Why a request to a loopback-bound server is refused, or undefined when its Host is a loopback name
 * (localhost, *.localhost, 127.x.x.x, [::1]) or absent (HTTP/1.0 clients; browsers always send one).
 */
export function foreignHostProblem(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined) return undefined;
  if (isLoopbackAddress(hostName(hostHeader))) return undefined;
  return (
    `Host '${hostHeader.slice(0, 255)}' is not a loopback name. A server bound to a loopback address answers requests ` +
    `addressed to localhost, 127.0.0.1 or [::1] only (a guard against DNS rebinding); to serve other names, ` +
    `bind another address with --host.`
  );
}
