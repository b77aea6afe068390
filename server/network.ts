// What this machine's network looks like, for links meant for phones (app/core/public-links.ts
// decides; this file only reads the OS). Read on every call: a laptop changes Wi-Fi between evenings.
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import type { HostAddress, NetworkView } from "../app/core/public-links";

/** The interface of the default route in the text of /proc/net/route (lowest metric wins), or null. */
export function defaultRouteInterface(routeTable: string): string | null {
  let best: { name: string; metric: number } | null = null;
  for (const line of routeTable.split("\n").slice(1)) {
    const [name, destination, , flags, , , metric, mask] = line.trim().split(/\s+/);
    if (!name || destination !== "00000000" || mask !== "00000000") continue;
    if ((Number.parseInt(flags, 16) & 0x1) === 0) continue; // RTF_UP
    const m = Number(metric);
    if (!best || m < best.metric) best = { name, metric: m };
  }
  return best?.name ?? null;
}

function readDefaultInterface(): string | null {
  try {
    return defaultRouteInterface(readFileSync("/proc/net/route", "utf8"));
  } catch {
    return null; // not Linux (macOS, Windows): the first non-internal IPv4 is used instead
  }
}

export function readNetwork(): NetworkView {
  const addresses: HostAddress[] = [];
  for (const [name, infos] of Object.entries(networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.family !== "IPv4" && info.family !== "IPv6") continue;
      addresses.push({ interface: name, address: info.address, family: info.family, internal: info.internal });
    }
  }
  return { addresses, defaultInterface: readDefaultInterface() };
}
