// Mijn spiegel over HTTP on a real server: the whole contract of docs/protocol.md, with the clock
// injected to reach expiry and retention.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";
import { type RunningServer, startServer } from "../../server/server";
import { tempDataDir } from "../support/server";

const DAY = 24 * 3600 * 1000;
const OWN = { vertrouwen: 8, "richting-kader": 7, binding: 8, stroefheid: 2 };
const clock = { t: Date.parse("2026-03-02T10:00:00Z") };
const dirs: string[] = [];

async function start(env: Record<string, string>, dataDir = tempDataDir()): Promise<RunningServer & { base: string; dataDir: string }> {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const server = await startServer(parseEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ...env }), { now: () => new Date(clock.t) });
  return { ...server, base: `http://127.0.0.1:${server.port}`, dataDir };
}

let on: Awaited<ReturnType<typeof start>>;
let off: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  on = await start({ CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Arbodienst B.V.", PUBLIC_URL: "https://kompas.example.nl" });
  off = await start({});
});
afterAll(async () => {
  await on?.close();
  await off?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;
async function create(base = on.base) {
  const res = await fetch(`${base}/api/spiegel`, { method: "POST" });
  expect(res.status).toBe(201);
  return (await res.json()) as { spiegelId: string; key: string };
}
async function gesprek(m: { spiegelId: string; key: string }, own: unknown = OWN) {
  return fetch(`${on.base}/api/spiegel/${m.spiegelId}/gesprekken`, {
    method: "POST",
    headers: { Authorization: `Bearer ${m.key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ own }),
  });
}
/** The client link on this test server (PUBLIC_URL points elsewhere). */
async function link(m: { spiegelId: string; key: string }, own: unknown = OWN): Promise<string> {
  const res = await gesprek(m, own);
  expect(res.status).toBe(201);
  const body = (await res.json()) as { gesprekId: string; clientUrl: string };
  expect(body.clientUrl).toBe(`https://kompas.example.nl/s/${body.gesprekId}`);
  return `${on.base}${new URL(body.clientUrl).pathname}`;
}
const answer = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
const full = (v: number, st = 3, opmerking = "") => ({ vertrouwen: String(v), "richting-kader": String(v), binding: String(v), stroefheid: String(st), opmerking });
const read = async (m: { spiegelId: string; key: string }) => {
  const res = await fetch(`${on.base}/api/spiegel/${m.spiegelId}`, { headers: { Authorization: `Bearer ${m.key}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    gesprekken: number;
    released: number;
    elements: Record<string, { own: number | null; client: number | null; n: number }>;
    untilFirstRelease: number | null;
    releases: { date: string; n: number; client: Record<string, number>; opmerkingen: string[] }[];
  };
};
const storedFile = (id: string) => path.join(on.dataDir, "spiegels", `${id}.json`);

describe("Mijn spiegel over HTTP", () => {
  it("creates a mirror, registers a gesprek and serves the client's form", async () => {
    const m = await create();
    expect(m.spiegelId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const url = await link(m);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form[^>]*method="post"/);
    for (const name of ["vertrouwen", "richting-kader", "binding", "stroefheid", "opmerking"]) expect(html).toContain(`name="${name}"`);
    expect(html).toContain("Voorbeeld Arbodienst B.V.");
    expect(html).toContain("vertrouwelijk");
    expect(html).toContain("Je kunt dit ook later thuis invullen");
    expect(await read(m)).toEqual({
      gesprekken: 1,
      released: 0,
      elements: {
        vertrouwen: { own: 8, client: null, n: 0 },
        "richting-kader": { own: 7, client: null, n: 0 },
        binding: { own: 8, client: null, n: 0 },
        stroefheid: { own: 2, client: null, n: 0 },
      },
      untilFirstRelease: 3,
      releases: [],
    });
    // The key alone finds its mirror: another device knows only the key (the link or the words).
    expect(m.key).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const found = await fetch(`${on.base}/api/spiegel`, { headers: { Authorization: `Bearer ${m.key}` } });
    expect(found.status).toBe(200);
    expect(found.headers.get("cache-control")).toBe("no-store");
    expect(await found.json()).toEqual({ spiegelId: m.spiegelId });
    expect((await fetch(`${on.base}/api/spiegel`)).status).toBe(401);
    const wrong = await fetch(`${on.base}/api/spiegel`, { headers: { Authorization: `Bearer ${m.key.slice(0, -1)}${m.key.endsWith("A") ? "B" : "A"}` } });
    expect(wrong.status).toBe(404);
    expect(((await json(wrong)).error as { message: string }).message).toMatch(/geen spiegel met deze sleutel/);
  });

  it("refuses bad own estimates, and wrong or missing keys", async () => {
    const m = await create();
    for (const own of [{ ...OWN, binding: 11 }, { ...OWN, binding: 2.5 }, { vertrouwen: 1 }, "x", null, { ...OWN, extra: 1 }]) {
      const res = await gesprek(m, own);
      expect(res.status).toBe(400);
      expect(((await json(res)).error as { message: string }).message).toMatch(/0 tot en met 10/);
    }
    const noKey = await fetch(`${on.base}/api/spiegel/${m.spiegelId}`);
    expect(noKey.status).toBe(401);
    const other = await create();
    const wrong = await fetch(`${on.base}/api/spiegel/${m.spiegelId}`, { headers: { Authorization: `Bearer ${other.key}` } });
    expect(wrong.status).toBe(403);
    const del = await fetch(`${on.base}/api/spiegel/${m.spiegelId}`, { method: "DELETE", headers: { Authorization: `Bearer ${other.key}` } });
    expect(del.status).toBe(403);
    expect((await read(m)).gesprekken).toBe(0);
  });

  it("refuses a bad answer with 400 and the form, then takes one answer and refuses a second with 409", async () => {
    const m = await create();
    const url = await link(m);
    for (const bad of [{ ...full(5), binding: "11" }, { ...full(5), binding: "" }, { ...full(5), stroefheid: "-1" }, { ...full(5), vertrouwen: "4.5" }, { opmerking: "alleen tekst" }]) {
      const res = await answer(url, bad);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("Kies een cijfer van 0 tot en met 10");
      expect(html).toContain('name="binding"');
    }
    expect(JSON.parse(readFileSync(storedFile(m.spiegelId), "utf8")).pending).toEqual([]);
    const ok = await answer(url, full(6, 4, "Mail me op a.b@example.nl of bel 06-12345678."));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/s/bedankt");
    const stored = readFileSync(storedFile(m.spiegelId), "utf8");
    expect(stored).not.toContain("example.nl");
    expect(stored).not.toContain("12345678");
    const again = await answer(url, full(2));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Je hebt al geantwoord");
    expect((await fetch(url)).status).toBe(409);
    const thanks = await fetch(`${on.base}/s/bedankt`);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("Dank je wel");
  });

  it("releases answers only three at a time: two successive reads never reveal one answer", async () => {
    const m = await create();
    const urls = [];
    for (let i = 0; i < 5; i++) urls.push(await link(m, { vertrouwen: 9, "richting-kader": 9, binding: 9, stroefheid: 1 }));
    const values = [2, 9, 4, 7, 5];
    let previous = await read(m);
    const releasedAfter: number[] = [];
    for (let i = 0; i < urls.length; i++) {
      expect((await answer(urls[i], full(values[i], 6))).status).toBe(303);
      const now = await read(m);
      if (now.released !== previous.released) expect(now.released - previous.released).toBeGreaterThanOrEqual(3);
      else expect(now.elements).toEqual(previous.elements);
      releasedAfter.push(now.released);
      previous = now;
    }
    expect(releasedAfter).toEqual([0, 0, 3, 3, 3]);
    expect(previous.untilFirstRelease).toBeNull();
    expect(previous.elements.binding).toEqual({ own: 9, client: 5, n: 3 });
    // The stored release carries no link and no time of answering.
    const doc = JSON.parse(readFileSync(storedFile(m.spiegelId), "utf8"));
    expect(doc.releases[0].date).toBe("2026-03-02");
    expect(JSON.stringify(doc.releases)).not.toMatch(/link|T\d\d:/);
    expect(doc.pending).toHaveLength(2);
  });

  it("shows each release with its means and its remarks, in alphabetical order, and counts down to the first release", async () => {
    const m = await create();
    const urls = [];
    for (let i = 0; i < 3; i++) urls.push(await link(m));
    const remarks = ["Zeg eerder waarom je dat vraagt.", "", "Alles was duidelijk."];
    const counts = [];
    for (let i = 0; i < 3; i++) {
      counts.push((await read(m)).untilFirstRelease);
      expect((await answer(urls[i], full(2 + 2 * i, 5, remarks[i]))).status).toBe(303);
    }
    const after = await read(m);
    expect(counts).toEqual([3, 2, 1]);
    expect(after.untilFirstRelease).toBeNull();
    expect(after.releases).toEqual([
      {
        date: "2026-03-02",
        n: 3,
        client: { vertrouwen: 4, "richting-kader": 4, binding: 4, stroefheid: 5 },
        opmerkingen: ["Alles was duidelijk.", "Zeg eerder waarom je dat vraagt."],
      },
    ]);
  });

  it("the short code on the card leads to the link, until it is answered; a bad code gets a Dutch message", async () => {
    const m = await create();
    const res = await gesprek(m);
    const { gesprekId, code, expiresAt } = (await res.json()) as { gesprekId: string; code: string; expiresAt: string };
    expect(code).toMatch(/^[ACDEFHJKMNPRTWX2346789]{8}$/);
    expect(expiresAt).toBe("2026-03-16T10:00:00.000Z");
    const typed = (value: string) =>
      fetch(`${on.base}/s?index`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ code: value }).toString() });
    expect((await fetch(`${on.base}/s`)).status).toBe(200);
    const found = await typed(` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `);
    expect(found.status).toBe(303);
    expect(found.headers.get("location")).toBe(`/s/${gesprekId}`);
    const pasted = await typed(`https://kompas.example.nl/s/${gesprekId}`);
    expect(pasted.headers.get("location")).toBe(`/s/${gesprekId}`);
    const short = await typed(code.slice(1));
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Een code heeft 8 tekens");
    expect((await answer(`${on.base}/s/${gesprekId}`, full(5))).status).toBe(303);
    const used = await typed(code);
    expect(used.status).toBe(404);
    expect(await used.text()).toContain("geen open vragenlijst");
    expect((await fetch(`${off.base}/s`)).status).toBe(404);
  });

  it("a held-back answer can be withdrawn with the same link, and then it is gone", async () => {
    const m = await create();
    const url = await link(m);
    expect((await answer(url, full(3, 8))).status).toBe(303);
    const held = await fetch(url);
    expect(held.status).toBe(409);
    expect(await held.text()).toContain("Trek mijn antwoord terug");
    const res = await answer(url, { actie: "intrekken" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("teruggetrokken");
    expect(JSON.parse(readFileSync(storedFile(m.spiegelId), "utf8")).pending).toEqual([]);
    expect((await answer(url, full(5))).status).toBe(409);
    expect((await answer(url, { actie: "intrekken" })).status).toBe(409);
  });

  it("an expired link answers 410 and stores nothing", async () => {
    const m = await create();
    const url = await link(m);
    clock.t += 15 * DAY;
    try {
      expect((await fetch(url)).status).toBe(410);
      const res = await answer(url, full(5));
      expect(res.status).toBe(410);
      expect(await res.text()).toContain("verlopen");
      expect(JSON.parse(readFileSync(storedFile(m.spiegelId), "utf8")).pending).toEqual([]);
    } finally {
      clock.t -= 15 * DAY;
    }
  });

  it("an unknown link answers 404", async () => {
    expect((await fetch(`${on.base}/s/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
  });

  it("DELETE removes everything: 204, the file and the links are gone", async () => {
    const m = await create();
    const url = await link(m);
    const res = await fetch(`${on.base}/api/spiegel/${m.spiegelId}`, { method: "DELETE", headers: { Authorization: `Bearer ${m.key}` } });
    expect(res.status).toBe(204);
    expect(readdirSync(path.join(on.dataDir, "spiegels"))).not.toContain(`${m.spiegelId}.json`);
    expect((await fetch(`${on.base}/api/spiegel/${m.spiegelId}`, { headers: { Authorization: `Bearer ${m.key}` } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });

  it("switched off: the API answers 404 and the page explains", async () => {
    const res = await fetch(`${off.base}/api/spiegel`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(((await json(res)).error as { message: string }).message).toMatch(/staat uit/);
    const page = await fetch(`${off.base}/s/AAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("organisatie");
  });

  it("a corrupt mirror file refuses the start, naming it", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await start({ CLIENT_FEEDBACK_CONTROLLER: "Org", PUBLIC_URL: "https://x.example" }, dataDir);
    const m = await create(first.base);
    await first.close();
    const file = path.join(dataDir, "spiegels", `${m.spiegelId}.json`);
    writeFileSync(file, "{ kapot");
    await expect(start({ CLIENT_FEEDBACK_CONTROLLER: "Org", PUBLIC_URL: "https://x.example" }, dataDir)).rejects.toThrow(file);
  });

  it("retention: a mirror unused for 12 months is deleted at start", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await start({ CLIENT_FEEDBACK_CONTROLLER: "Org", PUBLIC_URL: "https://x.example" }, dataDir);
    const old = await create(first.base);
    await first.close();
    clock.t += 370 * DAY;
    try {
      const second = await start({ CLIENT_FEEDBACK_CONTROLLER: "Org", PUBLIC_URL: "https://x.example" }, dataDir);
      await second.close();
      expect(readdirSync(path.join(dataDir, "spiegels"))).not.toContain(`${old.spiegelId}.json`);
    } finally {
      clock.t -= 370 * DAY;
    }
  });
});
