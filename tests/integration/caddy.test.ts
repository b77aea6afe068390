// Alliantiekompas hosted as deploy/ describes it: a real Caddy (the proxy block of deploy/Caddyfile,
// with `tls internal` on a loopback port) in front of the app with TRUST_PROXY=1. A whole session
// over https and wss, the host cookie Secure, rate limits per visitor as Caddy forwards the address
// (clients connect from 127.0.0.2, 127.0.0.3, …), the Origin check against the public origin.
// This test starts its own Caddy (never the system service) and installs nothing: without Caddy it
// fails and says how to install it (.ci/run does).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { JoinResult, ParticipantRole } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { GUESS_LIMIT } from "../../server/realtime/index";
import { freePort, startTestServer } from "../support/server";
import { codeOf, call, connect, must, next, samples, type TestSocket } from "./live-helpers";

const REPO = path.resolve(__dirname, "../..");

function caddyPath(): string {
  const candidates = [process.env.CADDY_PATH, ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "caddy"))];
  const found = candidates.find((p): p is string => Boolean(p) && existsSync(p!));
  if (!found) {
    throw new Error(
      "Caddy niet gevonden. Installeer hem met `apt-get install -y caddy` (.ci/run doet dat waar hij ontbreekt) of zet CADDY_PATH naar een caddy-binary. De test start zijn eigen Caddy op 127.0.0.1, nooit de systeemdienst.",
    );
  }
  return found;
}

/** The directives of deploy/Caddyfile's site block, proxying to the test's app instead of port 3000. */
function deployedSiteBody(appPort: number): string {
  const lines = readFileSync(path.join(REPO, "deploy/Caddyfile"), "utf8").split("\n");
  const start = lines.findIndex((l) => /^[^\s#{].*\{\s*$/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^\}\s*$/.test(l));
  const body = lines.slice(start + 1, end).filter((l) => l.trim() && !l.trim().startsWith("#"));
  // The unit's environment (HOST=127.0.0.1, PORT=3000) is what the Caddyfile proxies to.
  expect(body.map((l) => l.trim())).toContain("reverse_proxy 127.0.0.1:3000");
  return body.join("\n").replace("127.0.0.1:3000", `127.0.0.1:${appPort}`);
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let caddy: ChildProcess | undefined;
let caddyOutput = "";
let caddyDir = "";
let app: Awaited<ReturnType<typeof startTestServer>> | undefined;
let origin = "";
let ca = "";
const sockets: TestSocket[] = [];

/** An https request through Caddy, trusting only Caddy's local root, from a loopback address of our choice. */
function request(pathname: string, from: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${origin}${pathname}`, { method: init.method ?? "GET", headers: init.headers, ca, localAddress: from, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A socket over wss through Caddy, from `from`, sent by a page of `pageOrigin` (the public origin unless a test says otherwise). */
async function socketFrom(from: string, pageOrigin = origin, extraHeaders: Record<string, string> = {}): Promise<TestSocket> {
  const socket = await connect(origin, { ca, localAddress: from, reconnection: false, extraHeaders: { origin: pageOrigin, ...extraHeaders } });
  sockets.push(socket);
  return socket;
}

async function newSession(from: string): Promise<CreatedSession> {
  const made = await request("/api/sessions", from, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "OT-groep Zuid", source: { kind: "vignette", slug: "bezwaar-fml" }, separateRoles: true, nameDisplay: "namen" }),
  });
  expect(made.status, made.body).toBe(201);
  return JSON.parse(made.body) as CreatedSession;
}

async function joinFrom(from: string, code: string, name: string, role: ParticipantRole) {
  const socket = await socketFrom(from);
  const joined = (await must(socket, "session:join", { code, name, role })) as JoinResult;
  return { socket, joined };
}

beforeAll(async () => {
  const caddyBinary = caddyPath();
  const [httpsPort, httpPort, appPort] = [await freePort(), await freePort(), await freePort()];
  origin = `https://127.0.0.1:${httpsPort}`;
  app = await startTestServer({ env: { PORT: String(appPort), TRUST_PROXY: "1", ALLOWED_ORIGINS: origin } });

  caddyDir = mkdtempSync(path.join(tmpdir(), "ak-caddy-"));
  const storage = path.join(caddyDir, "storage");
  const config = path.join(caddyDir, "Caddyfile");
  writeFileSync(
    config,
    `{
\tadmin off
\tskip_install_trust
\thttp_port ${httpPort}
\thttps_port ${httpsPort}
\tauto_https disable_redirects
\tstorage file_system {
\t\troot ${storage}
\t}
}

${origin} {
\tbind 127.0.0.1
\ttls internal
${deployedSiteBody(appPort)}
}
`,
  );
  const child = spawn(caddyBinary, ["run", "--config", config, "--adapter", "caddyfile"], {
    // Caddy keeps its state under HOME/XDG folders: all of it in the temp folder.
    env: { ...process.env, HOME: caddyDir, XDG_DATA_HOME: path.join(caddyDir, "data"), XDG_CONFIG_HOME: path.join(caddyDir, "config") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  caddy = child;
  child.stdout.on("data", (chunk: Buffer) => (caddyOutput += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (caddyOutput += chunk.toString()));
  const root = path.join(storage, "pki/authorities/local/root.crt");
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`Caddy stopte:\n${caddyOutput}`);
      expect(existsSync(root), "Caddy's local root certificate").toBe(true);
      ca = readFileSync(root, "utf8");
      expect((await request("/healthz", "127.0.0.2")).status).toBe(200);
    },
    { timeout: 30_000, interval: 200 },
  );
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  if (caddy && caddy.exitCode === null) {
    const exited = new Promise((resolve) => caddy!.once("exit", resolve));
    caddy.kill("SIGTERM");
    const killer = setTimeout(() => caddy!.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  }
  await app?.close();
  if (app) rmSync(app.dataDir, { recursive: true, force: true });
  if (caddyDir) rmSync(caddyDir, { recursive: true, force: true });
});

describe("behind Caddy with tls internal", () => {
  let created: CreatedSession;
  let hostCookie = "";

  it("serves pages and the API over https; the host cookie is Secure", async () => {
    const home = await request("/", "127.0.0.2");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Alliantiekompas");
    // Caddy adds HSTS (deploy/Caddyfile); the app's own headers pass through.
    expect(home.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(home.headers["content-security-policy"]).toContain("script-src 'self' 'nonce-");

    created = await newSession("127.0.0.2");

    const cookie = await request(`/api/sessions/${created.sessionId}/host-cookie`, "127.0.0.2", { method: "POST", headers: { authorization: `Bearer ${created.hostToken}` } });
    expect(cookie.status).toBe(204);
    const setCookie = cookie.headers["set-cookie"] ?? [];
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^ak_begeleider=[^;]+;.*;\s*Secure/i);
    expect(setCookie[0]).toMatch(/HttpOnly/i);
    hostCookie = setCookie[0].split(";")[0];
  });

  it("runs a whole session over wss: host and raters from their own addresses, live rating, finals, reveal, the report", async () => {
    const host = await socketFrom("127.0.0.2");
    await must(host, "session:join", { code: created.code, hostToken: created.hostToken });
    const ad = await joinFrom("127.0.0.3", created.code, "Ilse", "arbeidsdeskundige");
    const ed = await joinFrom("127.0.0.4", created.code, "Bram", "ervaringsdeskundige");
    await must(host, "session:phase", { phase: "briefing" });
    await must(host, "session:phase", { phase: "live" });

    for (const [rater, element] of [[ad, "binding"], [ed, "stroefheid"]] as const) {
      await must(rater.socket, "rating:samples", { samples: samples(1, 20, element) });
    }
    await must(host, "session:phase", { phase: "final" });
    for (const [rater, score] of [[ad, 7], [ed, 4]] as const) {
      await must(rater.socket, "rating:final", { scores: { vertrouwen: score, "richting-kader": score, binding: score, stroefheid: 10 - score }, observed: [] });
    }
    const revealed = [ad, ed].map((r) => next(r.socket, "session:results"));
    await must(host, "session:phase", { phase: "reveal" });
    await Promise.all(revealed);

    // The host's report, with the Secure cookie, over https.
    const csv = await request(`/sessie/${created.code}/verslag.csv`, "127.0.0.2", { headers: { cookie: hostCookie } });
    expect(csv.status, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const rows = csv.body.split("\n");
    expect(rows.filter((r) => r.includes(",sample,"))).toHaveLength(40);
    expect(rows.filter((r) => r.includes(",final,"))).toHaveLength(8);
    // Without the cookie: not the host.
    expect((await request(`/sessie/${created.code}/verslag.csv`, "127.0.0.3")).status).toBe(401);
  });

  it("limits join-code guessing per visitor as Caddy forwards the address, which a visitor cannot forge", async () => {
    const wrong = (i: number) => `ZZ${String(i).padStart(4, "0")}`;
    const lobby = await newSession("127.0.0.2");
    // The guesser claims another address: Caddy replaces X-Forwarded-For with the real one.
    const guesser = await socketFrom("127.0.0.5", origin, { "x-forwarded-for": "198.51.100.9" });
    for (let i = 0; i < GUESS_LIMIT.capacity; i++) {
      expect(codeOf(await call(guesser, "session:join", { code: wrong(i), name: "Gok", role: "observator" }))).toBe("not_found");
    }
    expect(codeOf(await call(guesser, "session:join", { code: lobby.code, name: "Gok", role: "observator" }))).toBe("rate_limited");
    // Another connection from the same address is the same visitor.
    const again = await socketFrom("127.0.0.5", origin, { "x-forwarded-for": "198.51.100.10" });
    expect(codeOf(await call(again, "session:join", { code: lobby.code, name: "Gok", role: "observator" }))).toBe("rate_limited");
    // Everyone else comes through the same Caddy, from their own address, and is not held up.
    const member = await socketFrom("127.0.0.6");
    expect(codeOf(await call(member, "session:join", { code: lobby.code, name: "Lid", role: "observator" }))).toBe("ok");
  });

  it("lets sockets in from the public origin only: a foreign origin and the app's own port are refused", async () => {
    for (const foreign of ["https://evil.example", `${origin}.evil.example`, `http://127.0.0.1:${app!.port}`]) {
      await expect(socketFrom("127.0.0.7", foreign), foreign).rejects.toThrow();
    }
    const own = await socketFrom("127.0.0.7", origin);
    expect(own.connected).toBe(true);
  });
});
