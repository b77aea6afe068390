// The client's address for the per-address limits, on real requests over loopback: the socket's
// peer without TRUST_PROXY, otherwise counted from the right of X-Forwarded-For; the same answer
// as Express's `trust proxy` with that count (req.ip), which decides req.protocol alongside it.
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, rateLimitKey } from "./client-address";

interface Seen {
  ours: string;
  express: string | undefined;
  key: string;
}

/** One server per TRUST_PROXY value, answering what each rule makes of the request. */
async function serve(trustProxy: number, host: string) {
  const app = express();
  app.set("trust proxy", trustProxy);
  const key = rateLimitKey(trustProxy);
  app.get("/", (req, res) => {
    res.json({ ours: clientAddress(req, trustProxy), express: req.ip, key: key(req) } satisfies Seen);
  });
  const server = app.listen(0, host);
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return { server, port: (server.address() as AddressInfo).port, host };
}

type Served = Awaited<ReturnType<typeof serve>>;

function ask(target: Served, forwardedFor?: string | string[]): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor };
    const req = request({ host: target.host, port: target.port, path: "/", headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(JSON.parse(body) as Seen));
    });
    req.on("error", reject);
    req.end();
  });
}

const servers: Served[] = [];
let v4: Record<0 | 1 | 2, Served>;
let v6: Served;

beforeAll(async () => {
  v4 = { 0: await serve(0, "127.0.0.1"), 1: await serve(1, "127.0.0.1"), 2: await serve(2, "127.0.0.1") };
  v6 = await serve(1, "::1");
  servers.push(...Object.values(v4), v6);
});

afterAll(async () => {
  await Promise.all(servers.map(({ server }) => new Promise((resolve) => server.close(resolve))));
});

describe("clientAddress", () => {
  it.each([
    // [TRUST_PROXY, X-Forwarded-For as received, the client]
    [0, undefined, "127.0.0.1"],
    [0, "203.0.113.7", "127.0.0.1"], // nobody in front: whatever the visitor wrote is ignored
    [1, undefined, "127.0.0.1"], // no header: the proxy is the peer itself
    [1, "203.0.113.7", "203.0.113.7"], // Caddy in front, one client
    [1, "6.6.6.6, 203.0.113.7", "203.0.113.7"], // a forged entry on the left is not believed
    [1, "6.6.6.6,203.0.113.7 ,", "203.0.113.7"], // spaces and an empty entry
    [2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"], // a load balancer and Caddy
    [2, "203.0.113.7", "203.0.113.7"], // fewer entries than proxies: the leftmost
    [1, "2001:db8:1:2::10", "2001:db8:1:2::10"], // an IPv6 client
    [1, "203.0.113.7, ::ffff:198.51.100.4", "::ffff:198.51.100.4"],
  ] as const)("TRUST_PROXY=%s, X-Forwarded-For %j: %s, as Express's req.ip", async (trust, xff, client) => {
    const seen = await ask(v4[trust], xff);
    expect(seen.ours).toBe(client);
    expect(seen.express).toBe(client);
  });

  it("reads X-Forwarded-For sent as several header lines as one chain", async () => {
    const seen = await ask(v4[1], ["6.6.6.6", "203.0.113.7"]);
    expect(seen.ours).toBe("203.0.113.7");
    expect(seen.express).toBe("203.0.113.7");
  });

  it("over IPv6: the peer ::1, or the forwarded client", async () => {
    expect(await ask(v6)).toMatchObject({ ours: "::1", express: "::1" });
    expect(await ask(v6, "198.51.100.4")).toMatchObject({ ours: "198.51.100.4", express: "198.51.100.4" });
  });
});

describe("rateLimitKey", () => {
  it("keeps an IPv4 address, and counts an IPv6 address as its /56 network", async () => {
    expect((await ask(v4[1], "203.0.113.7")).key).toBe("203.0.113.7");
    const a = await ask(v4[1], "2001:db8:1:2::10");
    const b = await ask(v4[1], "2001:db8:1:2f::99"); // same /56
    const c = await ask(v4[1], "2001:db8:1:102::10"); // another /56
    expect(a.key).toBe("2001:db8:1::/56");
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
    expect((await ask(v4[1], "::ffff:198.51.100.4")).key).toBe("198.51.100.4");
    expect((await ask(v6)).key).toBe("::/56");
  });
});
