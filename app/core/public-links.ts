// Links meant for another device (the join link and its QR): which origin a phone in the room can
// open. Pure: the request's host and protocol, PUBLIC_URL, the listening port and the machine's
// network addresses come in; server/ reads them (docs/decisions/010-public-links.md).
//
//   PUBLIC_URL set                       → PUBLIC_URL
//   the browser used a loopback name     → the machine's LAN address (the interface with the default
//     (localhost, 127.x, [::1])            route first; the others as alternatives) on the listening port
//   anything else (a LAN address, a name → the request's own origin (behind a proxy every request
//     a proxy forwards)                    arrives on loopback, but its Host is the public name)

/** One IP address of this machine, as os.networkInterfaces() describes it. */
export interface HostAddress {
  interface: string;
  address: string;
  family: "IPv4" | "IPv6";
  internal: boolean;
}

export interface NetworkView {
  addresses: HostAddress[];
  /** The interface that holds the default route (/proc/net/route), when known. */
  defaultInterface: string | null;
}

export interface LinkInput {
  /** The host the browser used, with port when not the default ("localhost:3000", "[::1]:3000"). */
  host: string | null;
  protocol: "http" | "https";
  publicUrl: string | null;
  /** The port this server listens on: phones reach the laptop there, not through a local proxy. */
  port: number;
  network: NetworkView;
}

export type LinkSource = "public_url" | "lan" | "request";

export interface LinkBase {
  /** An origin without a trailing slash, e.g. "http://192.168.1.20:3000". */
  origin: string;
  /** Other origins a phone might reach this machine on (further LAN addresses), best first. */
  alternatives: string[];
  source: LinkSource;
}

/** The hostname of a host header, lower-cased, without port ("[::1]:3000" → "[::1]"). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.replace(/:\d*$/, "");
}

/** True for a name only this machine can open: localhost (and *.localhost), 127.0.0.0/8, ::1, 0.0.0.0. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (/^127(\.\d{1,3}){3}$/.test(name) || name === "0.0.0.0") return true;
  if (name.startsWith("[")) {
    const v6 = name.slice(1, -1);
    return v6 === "::1" || v6 === "0:0:0:0:0:0:0:1" || v6 === "::" || /^::ffff:127(\.\d{1,3}){3}$/.test(v6) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(v6);
  }
  return false;
}

/** The IPv4 addresses phones on the same network might use, the default-route interface first. */
export function lanAddresses(network: NetworkView): string[] {
  const candidates = network.addresses.filter((a) => a.family === "IPv4" && !a.internal && !a.address.startsWith("127."));
  const first = candidates.filter((a) => a.interface === network.defaultInterface);
  const rest = candidates.filter((a) => a.interface !== network.defaultInterface);
  return [...new Set([...first, ...rest].map((a) => a.address))];
}

/** Origins of this machine on its LAN addresses and port, best first (printed at start). */
export function lanOrigins(network: NetworkView, port: number): string[] {
  return lanAddresses(network).map((address) => `http://${address}:${port}`);
}

/** PUBLIC_URL as an origin (no path, no trailing slash), or null. */
export function publicOrigin(publicUrl: string | null): string | null {
  return publicUrl ? new URL(publicUrl).origin : null;
}

export function linkBase(input: LinkInput): LinkBase {
  const configured = publicOrigin(input.publicUrl);
  if (configured) return { origin: configured, alternatives: [], source: "public_url" };
  const host = input.host?.trim() || null;
  if (host && !isLoopbackHost(host)) {
    return { origin: new URL(`${input.protocol}://${host}`).origin, alternatives: [], source: "request" };
  }
  const [lan, ...others] = lanOrigins(input.network, input.port);
  // No network at all (a laptop in flight mode): the address the browser used is all there is.
  if (!lan) return { origin: new URL(`${input.protocol}://${host ?? `localhost:${input.port}`}`).origin, alternatives: [], source: "request" };
  return { origin: lan, alternatives: others, source: "lan" };
}

/** The join link of a session on an origin. */
export function joinUrlOn(origin: string, code: string): string {
  return `${origin}/doe-mee?code=${encodeURIComponent(code)}`;
}

/** True when a link points straight at a machine on the local network over plain http (an IPv4 literal). */
export function isLanLink(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) && !isLoopbackHost(hostname);
}

/** The hint for the host screen when phones must reach this laptop over the room's network. */
export function lanHint(url: string): string | null {
  return isLanLink(url) ? `Telefoons bereiken deze laptop op ${new URL(url).origin} — test het eerst met één telefoon.` : null;
}

/** What routes and the HTTP API ask (context.services.links): the origin for links to other devices,
 * given the host and protocol the request came in on. */
export interface PublicLinks {
  base(host: string | null, protocol: "http" | "https"): LinkBase;
}
