// DNS rebinding guard: a web page can point a name it controls at 127.0.0.1 and then talk to a server bound
// there through the victim's browser. Such requests carry the page's name in Host, so a server bound to a
// loopback address answers only requests addressed to a loopback name.

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** True for a name or address only this machine can reach: localhost, *.localhost, 127.x.x.x, ::1 (bracketed or not). */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || h === "[::1]" || LOOPBACK_V4.test(h);
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
