// Links meant for other devices, from the request's host and this machine's network: the rule is
// app/core/public-links.ts, the OS reading server/network.ts.
import type { Request } from "express";
import { isLoopbackHost, lanOrigins, linkBase, type NetworkView, type PublicLinks } from "../app/core/public-links";
import { readNetwork } from "./network";

export function createPublicLinks(options: { publicUrl: string | null; port: () => number; network?: () => NetworkView }): PublicLinks {
  const network = options.network ?? readNetwork;
  return {
    base: (host, protocol) => linkBase({ host, protocol, publicUrl: options.publicUrl, port: options.port(), network: network() }),
  };
}

/** The host and protocol the browser used, as Remix builds request.url (X-Forwarded-* only under TRUST_PROXY). */
export function requestHost(req: Request): { host: string | null; protocol: "http" | "https" } {
  const trusted = (req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
  const forwarded = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return { host: forwarded || req.get("host") || null, protocol: req.protocol === "https" ? "https" : "http" };
}

/** What `npm start` prints under "luistert op": every address phones can use. */
export function phoneAddressLines(options: { publicUrl: string | null; host: string; port: number; network: NetworkView }): string[] {
  const lines: string[] = [];
  if (options.publicUrl) lines.push(`Deelnemers gebruiken ${options.publicUrl} (PUBLIC_URL)`);
  const everywhere = ["0.0.0.0", "::", ""].includes(options.host);
  if (!everywhere && isLoopbackHost(options.host.includes(":") ? `[${options.host}]` : options.host)) {
    lines.push(`Telefoons kunnen deze laptop niet bereiken: de server luistert alleen op ${options.host} (zet HOST=0.0.0.0).`);
    return lines;
  }
  const [first, ...others] = lanOrigins(options.network, options.port);
  if (!first) {
    lines.push("Geen netwerk gevonden: verbind de laptop met de wifi van de zaal (of de hotspot van een telefoon) en start opnieuw.");
    return lines;
  }
  lines.push(`Telefoons bereiken deze laptop op ${first}`);
  if (others.length) lines.push(`  of, op een ander netwerk van deze laptop: ${others.join(", ")}`);
  return lines;
}
