// Every page of the foundation against a real server: status, key content, and the self-study
// flow over plain HTTP (forms, no JavaScript), with the anonymous profile cookie.
import { describe, expect, it } from "vitest";
import { serverForFile } from "../support/file-server";

const server = serverForFile();

async function get(path: string, cookie?: string) {
  const res = await fetch(server.url + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function post(path: string, form: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
  const res = await fetch(server.url + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    redirect: "manual",
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function cookieFrom(headers: Headers): string {
  const setCookie = headers.get("set-cookie");
  expect(setCookie).toMatch(/ak_profiel=/);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  return setCookie!.split(";")[0];
}

describe("pages answer with their key content", () => {
  it.each([
    [
      "/",
      [
        "OT-sessie starten",
        "Meedoen met een code",
        "Zelf studeren",
        "onafhankelijke oefenomgeving",
        "niet van het AKC",
        'href="https://www.arbeidsdeskundigen.nl/akc/clientgerichte-dienstverlening"',
      ],
    ],
    ["/kompas", ["Elementenkaart", "iets anders dan het gesprekskompas", "Vertrouwen", "Richting &amp; Kader", "Binding", "Stroefheid", "negatief element"]],
    ["/kompas/binding", ["Empathie en compassie", "Het gesprek nabespreken"]],
    ["/kompas/stroefheid", ["Druk voordat herstel begon", "nooit als oordeel"]],
    ["/tips", ["Vul niet in voor de ander", "Bij weerstand eerst binding, dan het kader"]],
    ["/werkblad", ["Ons gesprek", "Jouw ervaringen", "Jouw behoeften", "Jouw toekomst"]],
    ["/modules", ["Leerpad", "Binding"]],
    ["/modules/binding", ["Leerdoelen", "Zelftoets", "Reflectie op je eigen praktijk"]],
    ["/casussen", ["Casussen", "Werkveld"]],
    ["/casussen/bezwaar-fml", ["De situatie", "Het gesprek", "Om te bespreken"]],
    ["/casussen/bezwaar-fml/oefenen", ["Jouw beoordeling", "Vergelijk met de referentie"]],
    ["/casussen/probleemanalyse-week-6/rollenspel", ["Briefing voor wie de cliënt speelt", "Briefing voor wie de arbeidsdeskundige speelt"]],
    ["/voortgang", ["Mijn voortgang", "Alles verwijderen"]],
    ["/zoeken?q=cli%C3%ABnt", ["resultaten voor"]],
    [
      "/begeleiden",
      [
        "<h1>Een OT-bijeenkomst begeleiden</h1>",
        '<h2 id="voorbereiden-h">Voorbereiden</h2>',
        '<h2 id="verloop-h">Het verloop van de avond</h2>',
        '<h2 id="na-afloop-h">Na afloop</h2>',
        '<h2 id="eerste-keer-h">Voor wie voor het eerst meedoet</h2>',
        "<h3>Kies het gesprek</h3>",
        "<caption>Een avond van 90 minuten</caption>",
        "Reactietijd corrigeren",
      ],
    ],
  ])("%s", async (path, expected) => {
    const { status, text, headers } = await get(path);
    expect(status).toBe(200);
    for (const fragment of expected) expect(text).toContain(fragment);
    expect(headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  });

  it("prints every role-player's card apart, and a third party's card holds no secret of the client", async () => {
    const { status, text } = await get("/casussen/spoor-2-wie-wil-mij-nog/rollenspel");
    expect(status).toBe(200);
    const cards = [...text.matchAll(/<section class="card briefing"[^>]*data-role="([a-z-]+)"[^>]*>([\s\S]*?)<\/section>/g)].map((m) => ({ role: m[1], html: m[2] }));
    expect(cards.map((c) => c.role)).toEqual(["client", "ad", "gerard"]);
    const gerard = cards.find((c) => c.role === "gerard")!.html;
    expect(gerard).toContain("Briefing voor wie Gerard speelt");
    expect(gerard).not.toContain("computer");
    expect(cards.find((c) => c.role === "client")!.html).toContain("zelfs Gerard niet");
    expect(cards.find((c) => c.role === "client")!.html).not.toContain("speelt die Gerard");
    expect(text).toContain("Voor de observatoren");
    // The observers get a sheet per element, the facilitator the run sheet with the debrief order.
    expect([...text.matchAll(/data-role="observator-([a-z-]+)"/g)].map((m) => m[1])).toEqual(["vertrouwen", "richting-kader", "binding", "stroefheid"]);
    expect([...text.matchAll(/data-round="([a-z]+)"/g)].map((m) => m[1])).toEqual(["client", "ad", "observatoren", "groep"]);
  });

  it.each(["/kompas/onbekend", "/modules/onbekend", "/casussen/onbekend", "/casussen/onbekend/oefenen", "/bestaat-niet", "/casussen/onbekend/rollenspel"])(
    "%s is a Dutch 404",
    async (path) => {
      const { status, text } = await get(path);
      expect(status).toBe(404);
      expect(text).toContain("Deze pagina bestaat niet");
    },
  );

  it("links to the guide from the home page, /sessies/nieuw and /doe-mee, to anchors that exist", async () => {
    const home = await get("/");
    const card = /<section class="card" aria-labelledby="deur-begeleider">([\s\S]*?)<\/section>/.exec(home.text)?.[1] ?? "";
    expect(card).toMatch(/<a class="button secondary"[^>]* href="\/begeleiden">Lees de handleiding<\/a>/);
    expect((await get("/sessies/nieuw")).text).toMatch(/Eerste keer begeleiden\? <a [^>]*href="\/begeleiden">Lees de handleiding<\/a>/);
    expect((await get("/doe-mee")).text).toMatch(/Eerste keer\? <a [^>]*href="\/begeleiden#eerste-keer">Zo werkt meedoen<\/a>/);
    const guide = await get("/begeleiden");
    expect(guide.text).toMatch(/<section id="eerste-keer"[^>]*aria-labelledby="eerste-keer-h"/);
  });

  it("shows the guide's time budget along the phases of the live room", async () => {
    const { text } = await get("/begeleiden");
    const table = /<table class="guide-schedule">([\s\S]*?)<\/table>/.exec(text)?.[1] ?? "";
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)];
    expect(rows.map((r) => r[2])).toEqual(["Lobby", "Briefing", "Live beoordelen", "Eindoordeel", "Onthulling", "Bespreking", "Reflectie", "Afgesloten"]);
    expect(rows.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(90);
    // The table sits in the section about the evening, before the first step is described.
    expect(text.indexOf('<table class="guide-schedule">')).toBeGreaterThan(text.indexOf('id="verloop-h"'));
    expect(text.indexOf('<table class="guide-schedule">')).toBeLessThan(text.indexOf("<h3>Binnenkomst en aanmelden</h3>"));
  });

  it("has only links in the guide that lead somewhere", async () => {
    const { text } = await get("/begeleiden");
    const article = /<article class="guide">([\s\S]*?)<\/article>/.exec(text)?.[1] ?? "";
    const hrefs = [...new Set([...article.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) {
      const [path, anchor] = href.split("#");
      const target = path ? await get(path) : { status: 200, text };
      expect(target.status, href).toBe(200);
      if (anchor) expect(target.text, href).toContain(`id="${anchor}"`);
    }
  });

  it("filters vignettes by setting and element", async () => {
    const all = await get("/casussen");
    const uwv = await get("/casussen?setting=uwv");
    const count = (html: string) => (html.match(/<h2 id="casus-/g) ?? []).length;
    expect(count(uwv.text)).toBeGreaterThan(0);
    expect(count(uwv.text)).toBeLessThan(count(all.text));
    expect(uwv.text).toContain("bezwaar-fml");
    expect(uwv.text).not.toContain("letselschade-na-aanrijding");
  });

  it("searches accent-insensitively", async () => {
    const a = await get("/zoeken?q=client");
    const b = await get("/zoeken?q=cli%C3%ABnt");
    const hits = (html: string) => html.match(/(\d+) resultaten/)?.[1];
    expect(hits(a.text)).toBeDefined();
    expect(hits(a.text)).toBe(hits(b.text));
  });

  it("finds the facilitator's guide too, and links to the section", async () => {
    const res = await get("/zoeken?q=beamer");
    expect(res.text).toContain("Handleiding");
    expect(res.text).toContain('href="/begeleiden#voorbereiden"');
    // The guide page sends its sections' HTML, not their markdown a second time.
    const guide = await get("/begeleiden");
    expect(guide.text).toContain("<strong>Een gesprek uit de bibliotheek.</strong>");
    expect(guide.text).not.toContain("**Een gesprek uit de bibliotheek.**");
  });
});

describe("self-study over plain forms", () => {
  it("practises a vignette, shows the comparison, exports and deletes the data", async () => {
    // A rating with a score out of range is refused and nothing is stored.
    const bad = await post("/casussen/probleemanalyse-week-6/oefenen", {
      "score-vertrouwen": "11",
      "score-richting-kader": "4",
      "score-binding": "2",
      "score-stroefheid": "8",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Kies een score van 0 tot 10.");
    expect(bad.headers.get("set-cookie")).toBeNull();

    const scores = { "score-vertrouwen": "6", "score-richting-kader": "7", "score-binding": "6", "score-stroefheid": "3" };
    // A BSN in the note is never stored; an e-mail address only after a yes.
    const bsn = await post("/casussen/probleemanalyse-week-6/oefenen", { ...scores, note: "BSN 111222333" });
    expect(bsn.status).toBe(400);
    expect(bsn.text).toContain("Dat bewaren we nooit");
    expect(bsn.headers.get("set-cookie")).toBeNull();
    const email = await post("/casussen/probleemanalyse-week-6/oefenen", { ...scores, note: "Mail jan@voorbeeld.nl" });
    expect(email.status).toBe(200);
    expect(email.text).toContain("Ja, toch bewaren");
    expect(email.headers.get("set-cookie")).toBeNull();
    const confirmed = await post("/casussen/probleemanalyse-week-6/oefenen", { ...scores, note: "Mail jan@voorbeeld.nl", bevestig: "ja" });
    expect(confirmed.status).toBe(302);

    const saved = await post("/casussen/probleemanalyse-week-6/oefenen", {
      "score-vertrouwen": "6",
      "score-richting-kader": "7",
      "score-binding": "6",
      "score-stroefheid": "3",
      observed: ["doel-vervolg-rol", "empathie"],
      note: "Viel me op dat er weinig ruimte was.",
    });
    expect(saved.status).toBe(302);
    const cookie = cookieFrom(saved.headers);
    const location = saved.headers.get("location")!;
    expect(location).toMatch(/\/casussen\/probleemanalyse-week-6\/oefenen\?resultaat=/);

    const result = await get(location.split("#")[0], cookie);
    expect(result.status).toBe(200);
    expect(result.text).toContain("Jouw beoordeling naast de referentie");
    expect(result.text).toContain("Momenten die je miste");
    expect(result.text).toContain("Druk voordat herstel begon"); // a friction signal the rater did not tick
    expect(result.text).toMatch(/Tip \d/);
    // Another visitor cannot open this result.
    expect((await get(location.split("#")[0])).status).toBe(404);

    const selfCheck = await post("/modules/binding", { intent: "check", q0: "0", q1: "0", q2: "0", q3: "0", q4: "0", q5: "0" }, cookie);
    expect(selfCheck.status).toBe(200);
    expect(selfCheck.text).toMatch(/Je had \d van de \d vragen goed/);

    const exported = await get("/voortgang/export", cookie);
    expect(exported.headers.get("content-disposition")).toMatch(/attachment/);
    const data = JSON.parse(exported.text);
    expect(data.profile.practice).toHaveLength(1);
    expect(data.profile.practice[0]).toMatchObject({
      caseSlug: "probleemanalyse-week-6",
      scores: { vertrouwen: 6, "richting-kader": 7, binding: 6, stroefheid: 3 },
      observed: ["doel-vervolg-rol", "empathie"],
    });
    expect(Object.keys(data.profile.modules)).toEqual(["binding"]);

    const progress = await get("/voortgang", cookie);
    expect(progress.text).toContain("Oefeningen");
    expect(progress.text).toContain("probleemanalyse-week-6");

    const refused = await post("/voortgang", { intent: "delete" }, cookie);
    expect(refused.status).toBe(400);
    expect(JSON.parse((await get("/voortgang/export", cookie)).text).profile).not.toBeNull();

    const deleted = await post("/voortgang", { intent: "delete", confirm: "ja" }, cookie);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toContain("Al je gegevens zijn verwijderd");
    expect(JSON.parse((await get("/voortgang/export", cookie)).text).profile).toBeNull();
  });

  it("refuses an incomplete self-check with a Dutch message and stores nothing", async () => {
    const res = await post("/modules/binding", { intent: "check", q0: "1" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Vraag 2 is nog niet beantwoord.");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("never stores a BSN from the werkblad: refused with a Dutch message, nothing changes", async () => {
    const res = await post("/werkblad", { intent: "save", ervaringen: "BSN 111222333", behoeften: "Rust", toekomst: "" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Hier staat een burgerservicenummer (BSN). Dat bewaren we nooit");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("stores an e-mail address or phone number on the werkblad only after a yes, and says it stays on this server", async () => {
    const notes = { intent: "save", ervaringen: "Mail: jan@voorbeeld.nl", behoeften: "", toekomst: "" };
    const asked = await post("/werkblad", notes);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain("Weet je zeker dat je dat wilt bewaren?");
    expect(asked.text).toContain("Ja, toch bewaren");
    expect(asked.headers.get("set-cookie")).toBeNull();
    const confirmed = await post("/werkblad", { ...notes, bevestig: "ja" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("Dit blijft op deze server — laat namen en nummers weg.");
    const page = await get("/werkblad", cookieFrom(confirmed.headers));
    expect(page.text).toContain("Mail: jan@voorbeeld.nl");
  });

  it("ignores a forged profile cookie", async () => {
    const res = await get("/voortgang/export", "ak_profiel=eyJ2YWx1ZSI6ImZvcmdlZCJ9");
    expect(JSON.parse(res.text).profile).toBeNull();
  });
});
