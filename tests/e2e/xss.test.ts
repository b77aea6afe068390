// An XSS corpus typed into every text a person can type, and rendered in real Chromium on the pages
// that show it: participant names, moment notes, final-rating notes, learning points, session
// titles, the group question, a host's situation sketch, upload file names, the self-study practice
// note, werkblad notes, search queries and join codes. On every page:
//   - no script of ours runs: the payloads assign `window.__xss`, which is a trap that reports;
//   - no dialog opens, no CSP violation happens (a payload that became HTML would trip the CSP,
//     even though the CSP then stops it), no request leaves for another host;
//   - and each text is really shown, as text (the check cannot pass because nothing was rendered).
// The CSV export of the same session escapes cells that a spreadsheet would run as a formula.
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { chooseScore, hydrated } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { silentWav } from "../support/media";
import { joinAs, must, type Rater } from "../integration/live-helpers";

const FLAG = "__xss";

/** Each payload sets the flag (to its number) if it ever runs as script. */
const CORPUS = [
  `<script>${FLAG}=1</script>`,
  `<img src=x onerror=${FLAG}=2>`,
  `<svg onload=${FLAG}=3>`,
  `"><img src=x onerror=${FLAG}=4>`,
  `'-${FLAG}=5-'`,
  `javascript:${FLAG}=6`,
  `<a href=javascript:${FLAG}=7>klik</a>`,
  `{{constructor.constructor('${FLAG}=8')()}}`,
  `</textarea><script>${FLAG}=9</script>`,
  `<img src=//evil.example/x.png>`,
  `=HYPERLINK("http://evil.example")`,
  `<style>@import'//evil.example/x.css'</style>`,
  `<iframe srcdoc="<script>parent.${FLAG}=10</script>">`,
  `<details open ontoggle=${FLAG}=11>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${FLAG}=12>`,
  `<base href="//evil.example/">`,
  `[klik](javascript:${FLAG}=13)`,
  `<object data="data:text/html,<script>parent.${FLAG}=14</script>">`,
  `+SUM(1+1)*cmd|' /C calc'!A0`,
  `@SUM(1+1)`,
  `-2+3`,
];
/** Names: at most 40 characters, no control characters (the protocol's rule). */
const NAMES = CORPUS.filter((p) => p.length <= 40);
/** A text of at most `max` characters made of whole payloads, starting at payload `from`. */
function text(max: number, from = 0): string {
  const out: string[] = [];
  for (let i = 0; i < CORPUS.length; i++) {
    const next = CORPUS[(from + i) % CORPUS.length];
    if ([...out, next].join(" ").length > max) break;
    out.push(next);
  }
  return out.join(" ");
}
const TITLE = text(120);
const QUESTION = text(1000, 3);
const NOTE = text(500, 1);

const e2e = browserAndServer();
const problems: string[] = [];

/** A browser context whose pages report any script that runs, any CSP violation, dialog or foreign request. */
async function open(name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await e2e.newPage(options, async (context) => {
    await context.exposeBinding("__reportXss", (_source, value: string) => problems.push(`${name}: payload ${value} ran`));
    await context.exposeBinding("__reportCsp", (_source, value: string) => problems.push(`${name}: CSP violation ${value}`));
    await context.addInitScript(`
      Object.defineProperty(window, ${JSON.stringify(FLAG)}, { configurable: false, get() { return undefined; }, set(v) { window.__reportXss(String(v)); } });
      document.addEventListener("securitypolicyviolation", (e) => window.__reportCsp(e.violatedDirective + " " + e.blockedURI + " " + location.pathname));
    `);
  });
  page.on("dialog", (d) => {
    problems.push(`${name}: dialog ${d.type()} ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`${name}: pageerror ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) problems.push(`${name}: console ${m.text()}`);
  });
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(e2e.server.url) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`${name}: request to ${url}`);
  });
  return page;
}

/** What a person sees on the page (text, not markup). */
const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);
/** The page's own content as text, folded parts included (not the scripts that carry its data). */
const mainText = (page: Page) => page.evaluate(() => document.querySelector("main")?.textContent ?? "");
/** Elements that only a payload turned into HTML would create (the app itself has none of them). */
const INJECTED = 'img[src="x"], [onerror], [onload], [ontoggle], iframe, object, embed, base, math, a[href^="javascript:"], main style, main script';
const injected = (page: Page) => page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 80)), INJECTED);

function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("the XSS corpus in self-study", () => {
  it("the watchers themselves catch a script that runs, a CSP violation and an injected element", async () => {
    try {
      const page = await open("probe");
      await page.goto(`${e2e.server.url}/tips`);
      await hydrated(page);
      await page.evaluate(`window.${FLAG} = "proef"`);
      await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<img src="x" onerror="1">'));
      await expect.poll(() => problems.some((p) => p === "probe: payload proef ran")).toBe(true);
      await expect.poll(() => problems.some((p) => p.startsWith("probe: CSP violation script-src"))).toBe(true);
      await expect.poll(() => problems.some((p) => p.startsWith("probe: console") && /Content Security Policy/.test(p))).toBe(true);
      expect(await injected(page)).toHaveLength(1);
    } finally {
      // Only the probe's own reports: take them out again, also when the probe failed.
      for (let i = problems.length - 1; i >= 0; i--) if (problems[i].startsWith("probe:")) problems.splice(i, 1);
    }
  });

  it("a practice note: shown back in the comparison and on the progress page, as text", async () => {
    const page = await open("oefenen", { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const note = text(2000);
    await page.goto(`${e2e.server.url}/casussen/bezwaar-fml/oefenen`);
    for (const [element, value] of Object.entries({ vertrouwen: 6, "richting-kader": 5, binding: 7, stroefheid: 3 })) {
      await chooseScore(page, `score-${element}`, value);
    }
    await page.getByLabel("Notitie voor jezelf (optioneel)").fill(note);
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).click();
    await page.getByRole("heading", { name: "Jouw beoordeling naast de referentie" }).waitFor();
    expect(await visibleText(page)).toContain(`Jouw notitie: ${note}`);
    expect(await injected(page)).toEqual([]);
    await page.goto(`${e2e.server.url}/voortgang`);
    await page.getByRole("heading", { name: "Mijn voortgang" }).waitFor();
    const exported = await page.request.get(`${e2e.server.url}/voortgang/export`);
    expect((await exported.json()).profile.practice[0].note).toBe(note);
  });

  it("werkblad notes: kept over a reload, in the fields and in the print version, as text", async () => {
    const page = await open("werkblad");
    await page.goto(`${e2e.server.url}/werkblad`);
    const notes = { ervaringen: text(10_000), behoeften: text(3000, 5), toekomst: NAMES.join("\n") };
    for (const [theme, value] of Object.entries(notes)) await page.getByLabel(`Aantekeningen: jouw ${theme}`).fill(value);
    await page.getByRole("button", { name: "Bewaren in mijn profiel" }).click();
    await page.getByRole("status").getByText("Bewaard.").waitFor();
    await page.reload();
    for (const [theme, value] of Object.entries(notes)) {
      expect(await page.getByLabel(`Aantekeningen: jouw ${theme}`).inputValue()).toBe(value);
    }
    const printed = await page.locator(".print-note").allTextContents();
    expect(printed).toEqual(Object.values(notes));
    expect(await injected(page)).toEqual([]);
  });

  it("a search query and a join code from the address bar or typed in, shown back as text", async () => {
    const page = await open("zoeken-meedoen");
    const query = CORPUS[1];
    await page.goto(`${e2e.server.url}/zoeken?q=${encodeURIComponent(query)}`);
    expect(await page.locator("#zoekterm").inputValue()).toBe(query);
    await page.locator("#zoekterm").fill(CORPUS[0]);
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === CORPUS[0]);
    await page.getByText(CORPUS[0]).first().waitFor();
    expect(await injected(page)).toEqual([]);

    await page.goto(`${e2e.server.url}/doe-mee?code=${encodeURIComponent(CORPUS[2])}`);
    await page.getByLabel("Code").fill(CORPUS[3]);
    await page.getByLabel("Naam of schuilnaam").fill(CORPUS[4]);
    await page.getByRole("radio", { name: /^Observator/ }).check();
    await page.getByRole("button", { name: "Meedoen" }).click();
    await page.getByText(/Deze code kan niet kloppen/).waitFor();
    expect(await page.getByLabel("Naam of schuilnaam").inputValue()).toBe(CORPUS[4]);
  });

  it("ran no payload, opened no dialog, broke no CSP rule and asked no other host for anything", () => {
    expect(problems).toEqual([]);
  });
});

describe("the XSS corpus in a live session", () => {
  let host: Page;
  let phone: Page;
  let code = "";
  let sessionId = "";
  let hostToken = "";
  const raters: Rater[] = [];
  const phoneName = NAMES[1];

  afterAll(() => {
    for (const r of raters) r.socket.close();
  });

  it("a title and group question typed by the host show as text on the host screen", async () => {
    host = await open("host", { viewport: { width: 1280, height: 900 } });
    await host.goto(`${e2e.server.url}/sessies/nieuw`);
    await host.getByLabel("Titel van de sessie").fill(TITLE);
    await host.getByLabel("Kies het gesprek").selectOption("bezwaar-fml");
    await host.getByLabel("Vraag aan de groep").fill(QUESTION);
    await host.getByLabel("De namen die deelnemers zelf opgeven").check();
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByRole("heading", { name: "De sessie staat klaar" }).waitFor();
    const hostUrl = new URL(await host.getByRole("textbox", { name: "Begeleiderslink" }).inputValue());
    hostToken = new URLSearchParams(hostUrl.hash.slice(1)).get("token")!;
    code = new URL((await host.locator(".join-url").textContent())!).searchParams.get("code")!;
    await host.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await host.getByText("Doe mee op je telefoon").waitFor();
    expect(await host.locator(".room-title").textContent()).toBe(TITLE);
  });

  it("raters with payload names join (one typing hers on a phone); every name shows as text", async () => {
    for (const [i, name] of NAMES.entries()) {
      if (name === phoneName) continue;
      raters.push(await joinAs(e2e.server.url, code, name, i % 2 ? "ervaringsdeskundige" : "arbeidsdeskundige"));
    }
    sessionId = raters[0].snapshots[0].sessionId;
    phone = await open("phone", { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await phone.goto(`${e2e.server.url}/doe-mee?code=${code}`);
    await phone.getByLabel("Naam of schuilnaam").fill(phoneName);
    await phone.getByRole("radio", { name: /^Ervaringsdeskundige/ }).tap();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: `Welkom, ${phoneName}` }).waitFor();
    expect(await phone.locator(".room-title").textContent()).toBe(TITLE);

    const list = host.locator(".lobby .participant-list");
    for (const name of NAMES) await list.getByText(name, { exact: true }).waitFor();
    expect(await injected(host)).toEqual([]);
    expect(await injected(phone)).toEqual([]);
  });

  it("briefing and live: the question as text; a moment note typed on the phone and sent by the others", async () => {
    await host.getByRole("button", { name: "Naar de briefing" }).click();
    await phone.getByRole("heading", { name: "Vraag aan de groep" }).waitFor();
    expect(await phone.locator(".group-question").textContent()).toBe(QUESTION);
    expect(await host.locator(".group-question").textContent()).toBe(QUESTION);
    expect(await injected(phone)).toEqual([]);

    await host.getByRole("button", { name: "Start het live beoordelen" }).click();
    await host.getByRole("button", { name: "Start het gesprek" }).click();
    await phone.locator(".moment-buttons button").first().tap();
    await phone.getByLabel("Korte notitie (mag leeg)").fill(NOTE);
    await phone.getByRole("button", { name: "Bewaar" }).tap();
    await phone.getByText(/Jij markeerde 1 moment/).waitFor();
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: i % 11, t: 1 }] });
      await must(r.socket, "moment:mark", { seq: 1, t: 2, element: "vertrouwen", note: text(500, i) });
    }
    const presence = host.locator(".presence-list");
    for (const name of NAMES) await presence.getByText(name, { exact: false }).first().waitFor();
    expect(await injected(host)).toEqual([]);
    expect(await injected(phone)).toEqual([]);
  });

  it("final: notes typed on the phone; the host sees who submitted", async () => {
    await host.getByRole("button", { name: "Naar het eindoordeel" }).click();
    // Leaving live rating asks first on the control view.
    await host.getByRole("button", { name: "Ja, naar het eindoordeel" }).click();
    await phone.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
    for (const [element, score] of Object.entries({ vertrouwen: 7, "richting-kader": 6, binding: 8, stroefheid: 2 })) {
      await phone.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
    }
    for (const [i, name] of ["Vertrouwen", "Binding"].entries()) await phone.getByLabel(`Notitie bij ${name} (mag leeg)`).fill(text(500, i + 4));
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:final", {
        scores: { vertrouwen: i % 11, "richting-kader": 5, binding: 6, stroefheid: 1 },
        observed: [],
        notes: { vertrouwen: text(500, i), stroefheid: CORPUS[i % CORPUS.length] },
      });
    }
    await host.getByRole("heading", { name: `Eindoordeel: ${NAMES.length} van ${NAMES.length} ingeleverd` }).waitFor();
    for (const name of NAMES) await host.locator(".submissions").getByText(name, { exact: false }).first().waitFor();
    expect(await injected(host)).toEqual([]);
    expect(await injected(phone)).toEqual([]);
  });

  it("reveal: the results with every name, as text, on the host screen; the phone shows no names", async () => {
    await host.getByRole("button", { name: "Onthul de resultaten" }).click();
    // On the control view the full results with the host's tools sit behind a disclosure.
    await host.getByText("Alle uitkomsten, tips en reactietijd").click();
    await host.locator(".rv-overview").first().waitFor();
    // Per person in a fold, so all of main's text, folded parts included.
    const shown = await mainText(host);
    for (const name of NAMES) expect(shown, name).toContain(name);
    expect(await injected(host)).toEqual([]);
    // The phone reveal (docs/decisions/013) holds the rater's own numbers and the group's, no one's name.
    await phone.locator(".phone-reveal .pr-element").first().waitFor();
    const onPhone = (await mainText(phone)).replace(/^[\s\S]*?Kijk mee op het grote scherm/, "");
    for (const name of NAMES) expect(onPhone, name).not.toContain(name);
    expect(await injected(phone)).toEqual([]);
  });

  it("learning points (when the server takes them) and the report show every text as text", async () => {
    // Through discussion to reflection, as the host does it.
    await host.getByRole("button", { name: "Naar de bespreking" }).click();
    await host.getByRole("button", { name: "Naar de reflectie" }).click();
    // The click only sends the command: submit once the phase has changed (the phone shows it).
    await phone.locator(".phase-badge[data-phase=reflection]").waitFor();
    await must(raters[0].socket, "reflection:submit", { learningPoint: text(1000, 2), action: text(1000, 6), themes: { ervaringen: text(1000, 9) } });
    for (const [i, r] of raters.slice(1).entries()) await must(r.socket, "reflection:submit", { learningPoint: CORPUS[i % CORPUS.length], action: text(1000, i) });

    // The report is for the host: the cookie the host page trades the token for.
    const cookie = await host.request.post(`${e2e.server.url}/api/sessions/${sessionId}/host-cookie`, { headers: { authorization: `Bearer ${hostToken}` } });
    expect(cookie.status()).toBe(204);
    await host.goto(`${e2e.server.url}/sessie/${code}/verslag`);
    await host.locator("main h1").first().waitFor();
    const shown = await mainText(host);
    expect(shown).toContain(TITLE);
    for (const name of NAMES) expect(shown, name).toContain(name);
    expect(shown).toContain(text(1000, 2));
    expect(await injected(host)).toEqual([]);

    // The CSV export: no cell a spreadsheet would run as a formula.
    const csv = await (await fetch(`${e2e.server.url}/sessie/${code}/verslag.csv`, { headers: { authorization: `Bearer ${hostToken}` } })).text();
    const cells = parseCsv(csv).flat();
    expect(cells.length).toBeGreaterThan(10);
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(formulas).toEqual([]);
  });

  it("a situation sketch typed for a free role-play shows as text in the briefing", async () => {
    const page = await open("rollenspel", { viewport: { width: 1280, height: 900 } });
    const setting = CORPUS.slice(0, 12).join("\n\n");
    await page.goto(`${e2e.server.url}/sessies/nieuw`);
    await page.getByLabel("Titel van de sessie").fill(CORPUS[6]);
    await page.getByRole("radio", { name: /Een rollenspel in de zaal/ }).check();
    await page.getByLabel("De situatie (mag leeg)").fill(setting);
    await page.getByRole("button", { name: "Sessie aanmaken" }).click();
    await page.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await page.getByRole("button", { name: "Naar de briefing" }).click();
    await page.locator(".briefing").waitFor();
    const shown = await visibleText(page);
    for (const paragraph of CORPUS.slice(0, 12)) expect(shown).toContain(paragraph);
    expect(await injected(page)).toEqual([]);
  });

  it("an upload whose file name is a payload: uploaded, and nothing runs", async () => {
    const page = await open("opname", { viewport: { width: 1280, height: 900 } });
    await page.goto(`${e2e.server.url}/sessies/nieuw`);
    await page.getByLabel("Titel van de sessie").fill("Eigen opname");
    await page.getByRole("radio", { name: /Een eigen opname/ }).check();
    await page.locator("#media").setInputFiles({ name: `${CORPUS[1]}${CORPUS[0]}.wav`, mimeType: "audio/wav", buffer: Buffer.from(silentWav()) });
    await page.getByRole("button", { name: "Sessie aanmaken" }).click();
    await page.getByText("De opname is geüpload.").first().waitFor();
    await page.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await page.getByText("Doe mee op je telefoon").waitFor();
    expect(await injected(page)).toEqual([]);
  });

  it("ran no payload, opened no dialog, broke no CSP rule and asked no other host for anything", () => {
    expect(problems).toEqual([]);
  });
});
