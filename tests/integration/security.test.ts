// The security promises we can check over the wire, against a real server:
//   - every page and API answer carries an enforced CSP with a fresh nonce per request (and every
//     inline script carries it), connect-src 'self', no unsafe-inline for scripts, no <style>
//     elements (inline style attributes only), frame-ancestors 'none', plus the other hardening
//     headers;
//   - every cookie we set is httpOnly and SameSite, and Secure when the visitor came over https
//     (seen through a proxy trusted with TRUST_PROXY; a forged header alone does not count);
//   - Socket.IO handshakes from a foreign (or opaque) Origin are refused, on both transports;
//   - oversized bodies are refused early with our own error shape: socket messages (32 KB), API JSON
//     (64 KB) and page forms (1 MB, never buffered whole);
//   - a flooding socket trips its limiter within its first second of events while another rater's
//     acks all go through; the API has a ceiling too;
//   - join-code guessing is limited per address, without revealing whether a code exists, and the
//     limit cannot be dodged by a forged X-Forwarded-For (only behind TRUST_PROXY does it count).
// (Malformed events, per-event size ceilings and media sniffing: live-room-abuse.test.ts, fuzz.test.ts.)
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { GUESS_LIMIT, SOCKET_LIMIT } from "../../server/realtime/index";
import { startTestServer } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must, type Rater, type TestSocket } from "./live-helpers";

let server: Awaited<ReturnType<typeof startTestServer>>;
let created: CreatedSession;

beforeAll(async () => {
  server = await startTestServer();
  created = await createSession(server.url);
});
afterAll(async () => {
  await server?.close();
});

const codeOf = (ack: Ack<unknown>) => (ack.ok ? "ok" : ack.error.code);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

describe("security headers on every page", () => {
  const pages = () => [
    "/",
    "/kompas",
    "/kompas/binding",
    "/modules/binding",
    "/casussen",
    "/casussen/bezwaar-fml",
    "/casussen/bezwaar-fml/oefenen",
    "/casussen/probleemanalyse-week-6/rollenspel",
    "/werkblad",
    "/voortgang",
    "/tips",
    "/zoeken?q=tolk",
    "/doe-mee",
    `/doe-mee?code=${created.code}`,
    "/sessies/nieuw",
    `/sessie/${created.code}`,
    `/sessie/${created.code}/host`,
    `/sessie/${created.code}/verslag`,
    "/voorbeeld/onthulling",
    "/bestaat-niet",
    "/voortgang/export",
    `/api/sessions/${created.sessionId}`,
    "/healthz",
  ];

  it("an enforced CSP: nonce per request, connect-src 'self', no unsafe-inline scripts, frame-ancestors 'none'", async () => {
    for (const path of pages()) {
      const responses = [await fetch(server.url + path, { redirect: "manual" }), await fetch(server.url + path, { redirect: "manual" })];
      const nonces: string[] = [];
      for (const res of responses) {
        const csp = res.headers.get("content-security-policy");
        expect(csp, path).toBeTruthy();
        expect(res.headers.get("content-security-policy-report-only"), path).toBeNull();
        const d = directives(csp!);
        expect(d.get("default-src"), path).toEqual(["'self'"]);
        expect(d.get("connect-src"), path).toEqual(["'self'"]);
        expect(d.get("frame-ancestors"), path).toEqual(["'none'"]);
        expect(d.get("object-src"), path).toEqual(["'none'"]);
        expect(d.get("base-uri"), path).toEqual(["'self'"]);
        expect(d.get("form-action"), path).toEqual(["'self'"]);
        const script = d.get("script-src")!;
        expect(script, path).toContain("'self'");
        for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:"]) expect(script, `${path} script-src`).not.toContain(loose);
        // Styles: our own sheets only, no <style> element; only style attributes may be inline.
        expect(d.get("style-src"), path).toEqual(["'self'"]);
        expect(d.get("style-src-attr"), path).toEqual(["'unsafe-inline'"]);
        const nonce = script.find((v) => v.startsWith("'nonce-"));
        expect(nonce, path).toMatch(/^'nonce-[A-Za-z0-9+/]{22}==?'$/);
        nonces.push(nonce!.slice(7, -1));
        // Every inline script in the page carries this response's nonce.
        const body = await res.text();
        if ((res.headers.get("content-type") ?? "").startsWith("text/html")) {
          const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
          for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce!.slice(7, -1)}"`);
        }
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
        expect(res.headers.get("cross-origin-opener-policy"), path).toBe("same-origin");
        expect(res.headers.get("x-powered-by"), path).toBeNull();
      }
      expect(nonces[0], `${path}: the nonce must differ per request`).not.toBe(nonces[1]);
    }
  });

  it("the HTML pages really contain nonce'd scripts (so the check above is not empty)", async () => {
    const body = await (await fetch(`${server.url}/casussen/bezwaar-fml/oefenen`)).text();
    expect([...body.matchAll(/<script\b[^>]*nonce="[^"]+"/g)].length).toBeGreaterThan(1);
  });
});

describe("cookies", () => {
  function setCookies(res: Response): string[] {
    return res.headers.getSetCookie();
  }
  /** A page form posted the way a browser without JavaScript does. */
  const form = (url: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${url}${body.__path}`, {
      method: "POST",
      body: new URLSearchParams(Object.fromEntries(Object.entries(body).filter(([k]) => k !== "__path"))),
      headers,
      redirect: "manual",
    });
  const WERKBLAD = { __path: "/werkblad", intent: "save", ervaringen: "x", behoeften: "", toekomst: "" };
  const DELETE = { __path: "/voortgang", intent: "delete", confirm: "ja" };

  it("every cookie we set is HttpOnly and SameSite, with a path", async () => {
    const seen: string[] = [];
    // The anonymous profile: made on the first save, removed on delete.
    const saved = await form(server.url, WERKBLAD);
    seen.push(...setCookies(saved));
    const profile = setCookies(saved)[0].split(";")[0];
    seen.push(...setCookies(await form(server.url, DELETE, { cookie: profile })));
    // The host's cookie for the report pages.
    const hostCookie = await api(server.url, `/api/sessions/${created.sessionId}/host-cookie`, { method: "POST", token: created.hostToken });
    if (hostCookie.status !== 404) {
      expect(hostCookie.status).toBe(204);
      seen.push(...setCookies(hostCookie));
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const cookie of seen) {
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
    }
    // The host's key is for its own session's pages only, and never sent along by another site.
    const host = seen.find((c) => c.startsWith("ak_begeleider="));
    if (host) {
      expect(host).toMatch(/SameSite=Strict/i);
      expect(host).toContain(`Path=/sessie/${created.code}`);
    }
    // Plain http (an OT evening on a LAN): not Secure, or the browser would drop them.
    for (const cookie of seen) expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("are Secure when the visitor came over https through a trusted proxy; a forged header alone changes nothing", async () => {
    const https = { "x-forwarded-proto": "https" };
    // Without TRUST_PROXY the header is anybody's to send: ignored.
    expect(setCookies(await form(server.url, WERKBLAD, https))[0]).not.toMatch(/;\s*Secure/i);

    const proxied = await startTestServer({ env: { TRUST_PROXY: "1" } });
    try {
      const saved = setCookies(await form(proxied.url, WERKBLAD, https));
      expect(saved[0]).toMatch(/^ak_profiel=.*;\s*Secure/i);
      const removed = setCookies(await form(proxied.url, DELETE, { ...https, cookie: saved[0].split(";")[0] }));
      expect(removed[0]).toMatch(/^ak_profiel=;.*Secure/i);
      const session = await createSession(proxied.url);
      const host = await api(proxied.url, `/api/sessions/${session.sessionId}/host-cookie`, { method: "POST", token: session.hostToken, headers: https });
      expect(host.status).toBe(204);
      expect(setCookies(host)[0]).toMatch(/^ak_begeleider=.*;\s*Secure/i);
      // The same proxy passing plain http: not Secure.
      expect(setCookies(await form(proxied.url, WERKBLAD))[0]).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });
});

describe("Socket.IO handshakes from another origin", () => {
  it("are refused over WebSocket for a foreign, look-alike, other-port or opaque origin; our own is let in", async () => {
    const port = new URL(server.url).port;
    for (const origin of ["https://evil.example", `http://127.0.0.1:${port}.evil.example`, `http://127.0.0.1:${Number(port) + 1}`, "null", "file://"]) {
      await expect(connect(server.url, { extraHeaders: { origin }, reconnection: false }), origin).rejects.toThrow();
    }
    const own = await connect(server.url, { extraHeaders: { origin: server.url }, reconnection: false });
    expect(own.connected).toBe(true);
    own.close();
  });

  it("are refused over HTTP long-polling too: no session id for a foreign origin", async () => {
    const handshake = (origin?: string) => fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: origin ? { origin } : {} });
    const foreign = await handshake("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).not.toContain("sid");
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const own = await handshake(server.url);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('"sid"');
  });
});

describe("oversized payloads", () => {
  it("a socket message over 32 KB closes only that connection; the other raters carry on", async () => {
    const host = await joinHost(server.url, created);
    await must(host.socket, "session:phase", { phase: "briefing" }).catch(() => undefined);
    await must(host.socket, "session:phase", { phase: "live" }).catch(() => undefined);
    const honest = await joinAs(server.url, created.code, "Ria", "arbeidsdeskundige");
    const big = await connect(server.url, { reconnection: false });
    const closed = new Promise<string>((resolve) => big.once("disconnect", (reason) => resolve(reason)));
    (big.emit as (...args: unknown[]) => void)("moment:mark", { seq: 1, t: 1, element: "binding", note: "x".repeat(33 * 1024) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    expect((await must(honest.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: 4, t: 1 }] })).lastSeq).toBe(1);
    honest.socket.close();
    host.socket.close();
  });

  it("API JSON over 64 KB: 413 with our error shape and a Dutch message, nothing created", async () => {
    const res = await api(server.url, "/api/sessions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "T", setting: "x".repeat(70 * 1024), source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen" }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, error: { code: "payload_too_large" } });
    expect(body.error.message).toMatch(/te groot/);
  });

  it("API body that is not JSON: 400 invalid_payload in our error shape, no stack trace", async () => {
    const res = await api(server.url, "/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: '{"title": "T",' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.js:\d+/);
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
  });

  it("a page form over 1 MB is refused from its Content-Length, before the body is read", async () => {
    // 20 MB announced, 1 byte sent: the answer must come without waiting for the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/werkblad`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(20 * 1024 * 1024) } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("i");
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/te groot/);
  });

  it("a page form without a length (chunked) is refused; a normal form still works", async () => {
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/werkblad`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("intent=save");
    });
    expect(chunked).toBe(411);
    const normal = await fetch(`${server.url}/werkblad`, {
      method: "POST",
      // The biggest form a person can fill in: three full werkblad notes (10 000 characters each).
      body: new URLSearchParams({ intent: "save", ervaringen: "é".repeat(10_000), behoeften: "ü".repeat(10_000), toekomst: "ë".repeat(10_000) }),
      redirect: "manual",
    });
    expect(normal.status).toBe(200);
  });
});

describe("floods", () => {
  let host: TestSocket;
  let flooder: Rater;
  let honest: Rater;

  beforeAll(async () => {
    const own = await createSession(server.url);
    host = (await joinHost(server.url, own)).socket;
    await must(host, "session:phase", { phase: "briefing" });
    await must(host, "session:phase", { phase: "live" });
    flooder = await joinAs(server.url, own.code, "Vloed", "arbeidsdeskundige");
    honest = await joinAs(server.url, own.code, "Rustig", "ervaringsdeskundige");
  });
  afterAll(() => {
    for (const s of [host, flooder?.socket, honest?.socket]) s?.close();
  });

  it("a flooding socket is refused within its first second of events, while another rater's acks all succeed", async () => {
    // Baseline: the honest rater alone.
    const timed = async (seq: number) => {
      const started = performance.now();
      const ack = await call(honest.socket, "rating:samples", { samples: [{ seq, element: "binding", value: seq % 11, t: seq / 10 }] });
      return { ack, ms: performance.now() - started };
    };
    const baseline: number[] = [];
    for (let seq = 1; seq <= 10; seq++) baseline.push((await timed(seq)).ms);

    // 400 events at once from the flooder, the honest rater sending one batch after the other meanwhile.
    const FLOOD = 400;
    const flood = Array.from({ length: FLOOD }, (_, i) => call(flooder.socket, "rating:samples", { samples: [{ seq: i + 1, element: "binding", value: 5, t: i / 10 }] }));
    const during: { ack: Ack<{ lastSeq: number }>; ms: number }[] = [];
    let floodDone = false;
    const floodAcks = Promise.all(flood).finally(() => (floodDone = true));
    for (let seq = 11; !floodDone || seq < 21; seq++) {
      during.push(await timed(seq));
      // Paced like a (very busy) phone, well inside its own limit: only the flooder may be refused.
      await new Promise((r) => setTimeout(r, 60));
    }
    const codes = (await floodAcks).map(codeOf);

    // The limiter tripped inside the first second's budget: capacity plus one second of refill.
    const firstLimited = codes.indexOf("rate_limited");
    expect(firstLimited).toBeGreaterThanOrEqual(0);
    expect(firstLimited).toBeLessThanOrEqual(SOCKET_LIMIT.capacity + SOCKET_LIMIT.perSecond);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThan(FLOOD / 2);
    expect(codes.every((c) => c === "ok" || c === "rate_limited")).toBe(true);

    // The other rater: every ack ok and in order, while the flood ran.
    expect(during.map((d) => codeOf(d.ack))).toEqual(during.map(() => "ok"));
    expect(during.map((d) => (d.ack.ok ? d.ack.data.lastSeq : 0))).toEqual(during.map((_, i) => 11 + i));
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
    console.log(
      `flood: first rate_limited at event ${firstLimited + 1} of ${FLOOD}; other rater ack p50/max alone ${p(baseline, 0.5).toFixed(1)}/${Math.max(...baseline).toFixed(1)} ms, during the flood ${p(during.map((d) => d.ms), 0.5).toFixed(1)}/${Math.max(...during.map((d) => d.ms)).toFixed(1)} ms (${during.length} batches)`,
    );
  });

  it("the HTTP API has a ceiling per address (300 a minute), answered in our error shape", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 305; i++) statuses.push((await api(server.url, `/api/sessions/${created.sessionId}`, { token: created.hostToken })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await api(server.url, `/api/sessions/${created.sessionId}`, { token: created.hostToken });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });
});

describe("join-code guessing", () => {
  /** A code in the right format that is not in use (Z and 0 are not in the code alphabet). */
  const wrong = (i: number) => `ZZ${String(i).padStart(4, "0")}`;

  it("is limited per address, answers a right code like a wrong one once limited, and leaves other addresses alone", async () => {
    const behindProxy = await startTestServer({ env: { TRUST_PROXY: "1" } });
    try {
      const session = await createSession(behindProxy.url);
      const from = (ip: string) => connect(behindProxy.url, { extraHeaders: { "x-forwarded-for": ip }, reconnection: false });
      const guesser = await from("203.0.113.7");
      for (let i = 0; i < GUESS_LIMIT.capacity; i++) expect(codeOf(await call(guesser, "session:join", { code: wrong(i), name: "Gok", role: "observator" }))).toBe("not_found");
      // Now even the right code is refused, with the same answer as a wrong one: no oracle.
      const right = await call(guesser, "session:join", { code: session.code, name: "Gok", role: "observator" });
      const wrongAgain = await call(guesser, "session:join", { code: wrong(99), name: "Gok", role: "observator" });
      expect(codeOf(right)).toBe("rate_limited");
      expect(right).toEqual(wrongAgain);
      // Wrong host tokens count as guesses as well (the host's powers are not brute-forced either).
      const tokenGuesser = await from("203.0.113.8");
      for (let i = 0; i < GUESS_LIMIT.capacity; i++) expect(codeOf(await call(tokenGuesser, "session:join", { code: session.code, hostToken: `${"h".repeat(20)}${i}x` }))).toBe("unauthorized");
      expect(codeOf(await call(tokenGuesser, "session:join", { code: session.code, hostToken: session.hostToken }))).toBe("rate_limited");
      // Someone else, from another address, joins as usual.
      const member = await from("198.51.100.4");
      expect(codeOf(await call(member, "session:join", { code: session.code, name: "Lid", role: "arbeidsdeskundige" }))).toBe("ok");
      for (const s of [guesser, tokenGuesser, member]) s.close();
    } finally {
      await behindProxy.close();
    }
  });

  it("cannot be dodged with a forged X-Forwarded-For when no proxy is trusted", async () => {
    const direct = await startTestServer();
    try {
      const session = await createSession(direct.url);
      const results: string[] = [];
      for (let i = 0; i < GUESS_LIMIT.capacity + 3; i++) {
        const socket = await connect(direct.url, { extraHeaders: { "x-forwarded-for": `192.0.2.${i + 1}` }, reconnection: false });
        results.push(codeOf(await call(socket, "session:join", { code: i < GUESS_LIMIT.capacity + 2 ? wrong(i) : session.code, name: "Gok", role: "observator" })));
        socket.close();
      }
      expect(results.slice(0, GUESS_LIMIT.capacity)).toEqual(Array(GUESS_LIMIT.capacity).fill("not_found"));
      expect(results.slice(GUESS_LIMIT.capacity)).toEqual(["rate_limited", "rate_limited", "rate_limited"]);
    } finally {
      await direct.close();
    }
  });
});
