// Links meant for phones and the headers that only work on a trustworthy origin, over the wire.
// Every request goes to 127.0.0.1; a LAN address only ever appears as a Host header string or in
// an answer, never as a destination.
import { rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackHost } from "../../app/core/public-links";
import type { CreatedSession } from "../../app/core/session-service";
import { startTestServer } from "../support/server";
import { VIGNETTE } from "./live-helpers";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A request to the test server on loopback that claims the browser used `headers.host`. */
function send(server: Server, path: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: server.port, path, method: options.method ?? "GET", headers: { ...(body ? { "content-type": "application/json" } : {}), ...options.headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function create(server: Server, headers: Record<string, string> = {}): Promise<CreatedSession> {
  const res = await send(server, "/api/sessions", {
    method: "POST",
    headers,
    body: { title: "OT-groep Noord", source: { kind: "vignette", slug: VIGNETTE }, separateRoles: true, nameDisplay: "namen" },
  });
  expect(res.status, res.text).toBe(201);
  return JSON.parse(res.text) as CreatedSession;
}

/** This machine's non-internal IPv4 addresses, as the OS reports them. */
const lanIps = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address);

const servers: Server[] = [];
async function start(env: Record<string, string> = {}): Promise<Server> {
  const server = await startTestServer({ env });
  servers.push(server);
  return server;
}
afterAll(async () => {
  for (const s of servers) {
    await s.close();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
});

describe("POST /api/sessions answers joinUrl as the absolute link phones open", () => {
  let plain: Server;
  let withPublicUrl: Server;
  let behindProxy: Server;
  beforeAll(async () => {
    [plain, withPublicUrl, behindProxy] = await Promise.all([start(), start({ PUBLIC_URL: "https://oefenen.example.nl/niet-nodig" }), start({ TRUST_PROXY: "1" })]);
  });

  it("opened on a loopback name: the machine's LAN address on the listening port", async () => {
    expect(lanIps().length, "this test needs a machine with a network interface").toBeGreaterThan(0);
    for (const host of [`127.0.0.1:${plain.port}`, `localhost:${plain.port}`, `[::1]:${plain.port}`]) {
      const created = await create(plain, { host });
      const url = new URL(created.joinUrl);
      expect(isLoopbackHost(url.host), `${host} → ${created.joinUrl}`).toBe(false);
      expect(lanIps()).toContain(url.hostname);
      expect(url.port).toBe(String(plain.port));
      expect(`${url.pathname}${url.search}`).toBe(`/doe-mee?code=${created.code}`);
    }
  });

  it("opened on a LAN address or name: that same origin", async () => {
    expect((await create(plain, { host: "192.168.1.20:3000" })).joinUrl).toMatch(/^http:\/\/192\.168\.1\.20:3000\/doe-mee\?code=[A-Z0-9]{6}$/);
    expect((await create(plain, { host: "laptop.lan" })).joinUrl).toMatch(/^http:\/\/laptop\.lan\/doe-mee\?code=/);
  });

  it("forwarded headers count only behind TRUST_PROXY", async () => {
    const forged = await create(plain, { host: "192.168.1.20:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(forged.joinUrl).toMatch(/^http:\/\/192\.168\.1\.20:3000\//);
    // Behind a proxy every request arrives on loopback; the public name comes in X-Forwarded-Host.
    const proxied = await create(behindProxy, { host: `127.0.0.1:${behindProxy.port}`, "x-forwarded-host": "alliantie.example.nl", "x-forwarded-proto": "https" });
    expect(proxied.joinUrl).toBe(`https://alliantie.example.nl/doe-mee?code=${proxied.code}`);
  });

  it("with PUBLIC_URL: always PUBLIC_URL's origin, whatever the browser used", async () => {
    for (const host of [`127.0.0.1:${withPublicUrl.port}`, "192.168.1.20:3000"]) {
      const created = await create(withPublicUrl, { host });
      expect(created.joinUrl).toBe(`https://oefenen.example.nl/doe-mee?code=${created.code}`);
    }
  });

  it("the host page's loader hands the same link to the screen (the QR: tests/e2e/join-link.test.ts)", async () => {
    const created = await create(plain, { host: `localhost:${plain.port}` });
    const page = await send(plain, `/sessie/${created.code}/host`, { headers: { host: `localhost:${plain.port}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain(created.joinUrl);
    expect(page.text).not.toContain(`localhost:${plain.port}/doe-mee`);
  });
});

describe("COOP and Origin-Agent-Cluster only where browsers honour them", () => {
  let plain: Server;
  let behindProxy: Server;
  beforeAll(async () => {
    [plain, behindProxy] = await Promise.all([start(), start({ TRUST_PROXY: "1" })]);
  });

  it("sent on a loopback Host (localhost, 127.x, [::1])", async () => {
    for (const host of [`localhost:${plain.port}`, `127.0.0.1:${plain.port}`, `[::1]:${plain.port}`]) {
      const res = await send(plain, "/", { headers: { host } });
      expect(res.headers["cross-origin-opener-policy"], host).toBe("same-origin");
      expect(res.headers["origin-agent-cluster"], host).toBe("?1");
    }
  });

  it("left out over plain http on a LAN address, on pages and the API alike", async () => {
    for (const path of ["/", "/doe-mee", "/healthz"]) {
      const res = await send(plain, path, { headers: { host: "192.168.1.20:3000" } });
      expect(res.status, path).toBe(200);
      expect(res.headers["cross-origin-opener-policy"], path).toBeUndefined();
      expect(res.headers["origin-agent-cluster"], path).toBeUndefined();
      // The rest of the hardening stays.
      expect(res.headers["content-security-policy"], path).toBeTruthy();
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    }
  });

  it("sent over https behind a trusted proxy; a forged X-Forwarded-Proto alone does not count", async () => {
    const proxied = await send(behindProxy, "/", { headers: { host: "alliantie.example.nl", "x-forwarded-proto": "https" } });
    expect(proxied.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(proxied.headers["origin-agent-cluster"]).toBe("?1");
    const forged = await send(plain, "/", { headers: { host: "192.168.1.20:3000", "x-forwarded-proto": "https" } });
    expect(forged.headers["cross-origin-opener-policy"]).toBeUndefined();
  });
});
