// Bringing a mirror to the OT over a real server: the share code over HTTP, spiegel:share and
// spiegel:decide over real sockets, refusals in Dutch that change nothing, and a restart that keeps
// what was shared. The clock is injected to reach a code's expiry.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../../app/core/protocol";
import { parseEnv } from "../../server/env";
import { type RunningServer, startServer } from "../../server/server";
import { tempDataDir } from "../support/server";
import { call, codeOf, createSession, joinAs, joinHost, must, next } from "./live-helpers";

const HOUR = 3600 * 1000;
const clock = { t: Date.parse("2026-10-06T18:00:00Z") };
const ON = { CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Arbodienst B.V.", PUBLIC_URL: "https://kompas.example.nl" };
const dataDir = tempDataDir();
let server: RunningServer & { base: string };

async function start(env: Record<string, string> = ON, dir = dataDir) {
  const s = await startServer(parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, ...env }), { now: () => new Date(clock.t) });
  return { ...s, base: `http://127.0.0.1:${s.port}` };
}
beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server?.close();
});

type Mirror = { spiegelId: string; key: string };
const auth = (m: Mirror) => ({ Authorization: `Bearer ${m.key}` });

/** A mirror with `answers` client answers, [score, stroefheid] each (3 make one release). */
async function mirror(answers: number[][]): Promise<Mirror> {
  const m = (await (await fetch(`${server.base}/api/spiegel`, { method: "POST" })).json()) as Mirror;
  for (const [v, st] of answers) await mirrorAnswer(m, v, st, "Ze luisterde goed naar mij");
  return m;
}
/** One released batch of three answers. */
const released = () =>
  mirror([
    [6, 3],
    [7, 4],
    [8, 2],
  ]);

/** One more answer on a fresh link of mirror m. */
async function mirrorAnswer(m: Mirror, v: number, st: number, opmerking = "") {
  const res = await fetch(`${server.base}/api/spiegel/${m.spiegelId}/gesprekken`, {
    method: "POST",
    headers: { ...auth(m), "Content-Type": "application/json" },
    body: JSON.stringify({ own: { vertrouwen: 8, "richting-kader": 8, binding: 9, stroefheid: 2 } }),
  });
  const { clientUrl } = (await res.json()) as { clientUrl: string };
  const form = new URLSearchParams({ vertrouwen: String(v), "richting-kader": String(v), binding: String(v), stroefheid: String(st), opmerking });
  const answered = await fetch(`${server.base}${new URL(clientUrl).pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  expect(answered.status).toBe(303);
}

async function shareCode(m: Mirror) {
  return fetch(`${server.base}/api/spiegel/${m.spiegelId}/deelcode`, { method: "POST", headers: auth(m) });
}
async function newCode(m: Mirror): Promise<string> {
  const res = await shareCode(m);
  expect(res.status).toBe(201);
  return ((await res.json()) as { code: string }).code;
}

describe("POST /api/spiegel/:id/deelcode", () => {
  it("gives a short code valid a few hours, only once something was released", async () => {
    const m = await mirror([
      [6, 3],
      [7, 4],
    ]);
    const early = await shareCode(m);
    expect(early.status).toBe(409);
    const refusal = (await early.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe("wrong_phase");
    expect(refusal.error.message).toContain("nog geen vrijgegeven antwoorden");

    expect((await fetch(`${server.base}/api/spiegel/${m.spiegelId}/deelcode`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${server.base}/api/spiegel/${m.spiegelId}/deelcode`, { method: "POST", headers: { Authorization: "Bearer nietdesleutel" } })).status).toBe(403);

    await mirrorAnswer(m, 8, 2);
    const res = await shareCode(m);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { code: string; expiresAt: string };
    expect(body.code).toMatch(/^[ACDEFHJKMNPRTWX2346789]{6}$/);
    expect(Date.parse(body.expiresAt) - clock.t).toBe(4 * HOUR);
  });
});

describe("spiegel:share and spiegel:decide", () => {
  it("share → pending for the host → accepted → in every host snapshot; survives a restart; the report counts it", async () => {
    const m = await mirror([
      [5, 6],
      [6, 4],
      [4, 5],
    ]);
    const code = await newCode(m);
    const created = await createSession(server.base, { nameDisplay: "pseudoniemen" });
    const host = await joinHost(server.base, created);
    const anna = await joinAs(server.base, created.code, "Anna de Vries", "arbeidsdeskundige");
    const bram = await joinAs(server.base, created.code, "Bram", "arbeidsdeskundige");

    const hostSees = next(host.socket, "session:state", (s) => (s.spiegels ?? []).length === 1);
    const shared = await must(anna.socket, "spiegel:share", { code: code.slice(0, 3).toLowerCase() + " " + code.slice(3), show: "naam" });
    expect(shared.status).toBe("pending");
    const pending = (await hostSees).spiegels![0];
    // Pending: the host sees who and how many answers, not the numbers yet.
    expect(pending).toMatchObject({ label: "Anna de Vries", status: "pending", answers: 3, summary: null });
    // The sharer sees their own; another participant sees nothing of it.
    await expect.poll(() => anna.snapshots.at(-1)?.spiegels?.[0]?.status).toBe("pending");
    expect(bram.snapshots.at(-1)?.spiegels ?? []).toEqual([]);

    const accepted = next(host.socket, "session:state", (s) => s.spiegels?.[0]?.status === "accepted");
    expect(await must(host.socket, "spiegel:decide", { shareId: shared.shareId, accept: true })).toEqual({ shareId: shared.shareId, accepted: true });
    const view = (await accepted).spiegels![0];
    expect(view.summary).toEqual({
      elements: {
        vertrouwen: { own: 8, client: 5 },
        "richting-kader": { own: 8, client: 5 },
        binding: { own: 9, client: 5 },
        stroefheid: { own: 2, client: 5 },
      },
      answers: 3,
      from: "2026-10",
      to: "2026-10",
    });

    // Only the summary is stored: no text, no day, no single answer.
    const stored = readFileSync(path.join(dataDir, "sessions", created.sessionId, "session.json"), "utf8");
    expect(stored).toContain('"sharedSpiegels"');
    expect(stored).not.toContain("luisterde");
    expect(stored).not.toContain("2026-10-06");
    expect(stored).not.toContain(m.spiegelId);

    // The same code again: used.
    const again = await call(bram.socket, "spiegel:share", { code, show: "pseudoniem" });
    expect(codeOf(again)).toBe("not_found");
    expect(!again.ok && again.error.message).toContain("al gebruikt");
    // A second share by Anna is refused by the session's rules, before a code is used up.
    const second = await newCode(m);
    const twice = await call(anna.socket, "spiegel:share", { code: second, show: "naam" });
    expect(codeOf(twice)).toBe("forbidden");
    expect(!twice.ok && twice.error.message).toContain("al een spiegel gedeeld");
    // ...so the second code still works, for Bram (under his pseudonym).
    const bramShare = await must(bram.socket, "spiegel:share", { code: second, show: "pseudoniem" });
    await must(host.socket, "spiegel:decide", { shareId: bramShare.shareId, accept: false });
    // A participant cannot decide.
    expect(codeOf(await call(anna.socket, "spiegel:decide", { shareId: shared.shareId, accept: false }))).toBe("forbidden");

    for (const s of [host.socket, anna.socket, bram.socket]) s.close();
    await server.close();
    server = await start();
    const back = await joinHost(server.base, created);
    expect(back.state.spiegels).toHaveLength(1);
    expect(back.state.spiegels![0]).toMatchObject({ label: "Anna de Vries", status: "accepted", answers: 3 });
    expect(back.state.spiegels![0].summary?.elements.binding).toEqual({ own: 9, client: 5 });

    // The report: the count only.
    for (const phase of ["briefing", "live", "final", "reveal", "discussion", "reflection", "closed"]) await must(back.socket, "session:phase", { phase });
    const report = await fetch(`${server.base}/sessie/${created.code}/verslag`, { headers: { Authorization: `Bearer ${created.hostToken}` } });
    const html = await report.text();
    expect(html).toContain("1 spiegel gedeeld");
    const json = (await (await fetch(`${server.base}/sessie/${created.code}/verslag.json`, { headers: { Authorization: `Bearer ${created.hostToken}` } })).json()) as {
      session: { sharedSpiegels: number };
    };
    expect(json.session.sharedSpiegels).toBe(1);
    expect(JSON.stringify(json)).not.toMatch(/"client":/);
    back.socket.close();
  });

  it("refuses a bad, an unknown and an expired code in Dutch, and changes nothing", async () => {
    const m = await released();
    const created = await createSession(server.base);
    const host = await joinHost(server.base, created);
    const rater = await joinAs(server.base, created.code, "Cas", "arbeidsdeskundige");
    const before = (await must(host.socket, "session:join", { code: created.code, hostToken: created.hostToken })).state as SessionSnapshot;

    const bad = await call(rater.socket, "spiegel:share", { code: "AB", show: "naam" });
    expect(codeOf(bad)).toBe("invalid_payload");
    expect(!bad.ok && bad.error.message).toContain("6 tekens");
    expect(codeOf(await call(rater.socket, "spiegel:share", { code: "KM47TX", show: "iedereen" }))).toBe("invalid_payload");

    let unknown = "KM47TX";
    const code = await newCode(m);
    if (unknown === code) unknown = "KM47TW";
    const notThere = await call(rater.socket, "spiegel:share", { code: unknown, show: "naam" });
    expect(codeOf(notThere)).toBe("not_found");
    expect(!notThere.ok && notThere.error.message).toContain("bestaat niet");

    clock.t += 4 * HOUR + 1000;
    const late = await call(rater.socket, "spiegel:share", { code, show: "naam" });
    expect(codeOf(late)).toBe("not_found");
    expect(!late.ok && late.error.message).toContain("verlopen");
    // The host cannot share, and an unknown share cannot be decided.
    expect(codeOf(await call(host.socket, "spiegel:share", { code: unknown, show: "naam" }))).toBe("forbidden");
    expect(codeOf(await call(host.socket, "spiegel:decide", { shareId: "onbekend-id-1234", accept: true }))).toBe("not_found");

    const after = (await must(host.socket, "session:join", { code: created.code, hostToken: created.hostToken })).state as SessionSnapshot;
    expect(after.spiegels).toEqual([]);
    expect(before.spiegels).toEqual([]);
    host.socket.close();
    rater.socket.close();
  });

  it("refuses sharing after the discussion, and everything when the feature is off", async () => {
    const m = await released();
    const created = await createSession(server.base);
    const host = await joinHost(server.base, created);
    const rater = await joinAs(server.base, created.code, "Dirk", "arbeidsdeskundige");
    for (const phase of ["briefing", "live", "final", "reveal", "discussion", "reflection"]) await must(host.socket, "session:phase", { phase });
    const code = await newCode(m);
    const late = await call(rater.socket, "spiegel:share", { code, show: "naam" });
    expect(codeOf(late)).toBe("wrong_phase");
    expect(!late.ok && late.error.message).toContain("tot en met de bespreking");
    host.socket.close();
    rater.socket.close();

    const offDir = tempDataDir();
    const off = await start({}, offDir);
    try {
      expect((await fetch(`${off.base}/api/spiegel/abcdefghijklmnopqr/deelcode`, { method: "POST", headers: { Authorization: "Bearer x" } })).status).toBe(404);
      const c = await createSession(off.base);
      const p = await joinAs(off.base, c.code, "Eva", "arbeidsdeskundige");
      const refused = await call(p.socket, "spiegel:share", { code, show: "naam" });
      expect(codeOf(refused)).toBe("not_found");
      expect(!refused.ok && refused.error.message).toContain("staat uit");
      p.socket.close();
    } finally {
      await off.close();
    }
  });
});
