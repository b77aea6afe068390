// OT methods as session templates in real Chromium against the real server (issue 10): a facilitator
// starts a session from the incidentmethode on /sessies/nieuw; the control view lists the rounds and
// moves on; the projector shows the current round, its instruction and its time in a band (lobby,
// live, reveal); a reload keeps the round; the report names the method and the rounds held. An eigen
// casus shows its checklist, leervraag, the four elements and the 7-day warning. Screenshots in
// test-results/screenshots/ (projector 1366×768, control view, 390 px and 360 px).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { axeViolations } from "../support/axe";
import { hydrated, watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { createSession, joinAs, joinHost, must, type Rater, type TestSocket } from "../integration/live-helpers";

const e2e = browserAndServer();
const problems: string[] = [];
const SHOTS = path.resolve("test-results/screenshots");
const PROJECTOR = { width: 1366, height: 768 };

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: name.includes("control") });
}

/** The projector's band: on screen, whole, and telling the round. */
async function band(beamer: Page, round: string) {
  const el = beamer.locator(".agenda-band");
  await el.getByText(round, { exact: true }).waitFor();
  const box = (await el.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(PROJECTOR.height + 1);
  expect(box.y).toBeGreaterThan(PROJECTOR.height / 2);
  return (await el.innerText()).replace(/\s+/g, " ");
}

describe("a live session from the incidentmethode", () => {
  let code: string;
  let hostToken: string;
  let control: Page;
  let beamer: Page;
  let host: TestSocket;
  const raters: Rater[] = [];

  it("is started from the template on /sessies/nieuw", async () => {
    const page = await e2e.newPage({ viewport: PROJECTOR });
    watchPage(page, { origin: e2e.server.url, name: "nieuw", problems });
    await page.goto(`${e2e.server.url}/sessies/nieuw`);
    await hydrated(page);
    await page.getByLabel("Titel van de sessie").fill("OT-groep Oost, incidentmethode");
    await page.getByRole("radio", { name: /^Incidentmethode/ }).check();
    await page.getByText(/^Wanneer: /).waitFor();
    await page.getByRole("button", { name: "Sessie aanmaken" }).click();
    const hostLink = await page.getByRole("textbox", { name: "Begeleiderslink" }).inputValue();
    const url = new URL(hostLink);
    code = url.pathname.split("/")[2];
    hostToken = new URLSearchParams(url.hash.slice(1)).get("token")!;
    control = page;
    await control.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await control.getByRole("heading", { name: "Incidentmethode: ronde 1 van 8" }).waitFor();
  });

  it("lobby: the host starts round 1; the projector shows round, instruction and time", async () => {
    await control.getByRole("button", { name: "Start ronde 1" }).click();
    await control.getByText(/nog \d+:\d\d van 5 min/).waitFor();
    await control.getByText("Voor jou als voorzitter:").waitFor();
    beamer = await e2e.newPage({ viewport: PROJECTOR }, async (context) => {
      await context.addInitScript(([c, t]) => window.localStorage.setItem(`ak:host:${c}`, t), [code, hostToken] as const);
    });
    watchPage(beamer, { origin: e2e.server.url, name: "beamer", problems });
    await beamer.goto(`${e2e.server.url}/sessie/${code}/beamer`);
    const text = await band(beamer, "Opening en rollen");
    expect(text).toContain("Incidentmethode · ronde 1 van 8");
    expect(text).toContain("We verdelen de rollen");
    expect(text).toMatch(/[45]:\d\d nog/);
    // The chair's note is for the control view only.
    expect(await beamer.locator("body").innerText()).not.toContain("Voor jou als voorzitter");
    expect(await axeViolations(beamer)).toEqual([]);
    await shot(beamer, "ot-method-beamer-lobby-1366x768");
    await shot(control, "ot-method-control-lobby-1366");
  });

  it("the host moves on; the projector follows; a reload of the projector keeps the round", async () => {
    host = (await joinHost(e2e.server.url, { code, hostToken } as CreatedSession)).socket;
    for (const [name, role] of [
      ["Anna Bakker", "arbeidsdeskundige"],
      ["Chris Jansen", "ervaringsdeskundige"],
    ] as const) {
      raters.push(await joinAs(e2e.server.url, code, name, role));
    }
    await control.getByRole("button", { name: "Volgende ronde" }).click();
    await band(beamer, "Het incident");
    await must(host, "session:phase", { phase: "briefing" });
    await must(host, "session:phase", { phase: "live" });
    await control.getByRole("button", { name: "Volgende ronde" }).click();
    await band(beamer, "Kijken en live beoordelen");
    await beamer.reload();
    const text = await band(beamer, "Kijken en live beoordelen");
    expect(text).toContain("ronde 3 van 8");
    await beamer.getByRole("heading", { name: "Live beoordelen", level: 1 }).waitFor();
    expect(await axeViolations(beamer)).toEqual([]);
    await shot(beamer, "ot-method-beamer-live-1366x768");
    await control.getByText("Deze ronde hoort bij de fase").count().then((n) => expect(n).toBe(0));
  });

  it("reveal: the band sits under the chart; the control view lists the rounds with the current one marked", async () => {
    for (const r of raters) await must(r.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: 6, t: 2 }] });
    await must(host, "session:phase", { phase: "final" });
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:final", { scores: { vertrouwen: 6 + i, "richting-kader": 5, binding: 7 - i, stroefheid: 3 }, observed: [] });
    }
    await must(host, "round:set", { index: 5 });
    await must(host, "session:phase", { phase: "reveal" });
    await beamer.locator(".projector-reveal svg").first().waitFor();
    const text = await band(beamer, "Analyse");
    expect(text).toContain("ronde 6 van 8");
    const chart = (await beamer.locator(".projector-reveal").boundingBox())!;
    const bandBox = (await beamer.locator(".agenda-band").boundingBox())!;
    expect(chart.y + chart.height).toBeLessThanOrEqual(bandBox.y + 1);
    expect(await axeViolations(beamer)).toEqual([]);
    await shot(beamer, "ot-method-beamer-reveal-1366x768");

    await control.getByText("Alle rondes").click();
    const current = control.locator(".agenda-rounds li[aria-current='step']");
    expect(await current.locator(".agenda-rounds-title").innerText()).toBe("Analyse");
    expect(await control.locator(".agenda-rounds li").count()).toBe(8);
    expect(await axeViolations(control)).toEqual([]);
    await shot(control, "ot-method-control-reveal-1366");
    for (const width of [390, 360]) {
      await control.setViewportSize({ width, height: 844 });
      const overflow = await control.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
      await shot(control, `ot-method-control-reveal-${width}`);
    }
    await control.setViewportSize(PROJECTOR);
  });

  it("the report names the method and the rounds held", async () => {
    await must(host, "session:phase", { phase: "closed" });
    await control.goto(`${e2e.server.url}/sessie/${code}/verslag`);
    await control.getByRole("heading", { name: "Werkvorm: Incidentmethode" }).waitFor();
    const rows = control.locator("#method-h + table tbody tr");
    const titles = await rows.locator("th").allInnerTexts();
    expect(titles).toEqual(["Opening en rollen", "Het incident", "Kijken en live beoordelen", "Analyse"]);
    expect(await rows.nth(3).locator("td").nth(2).innerText()).toBe("15 min");
    host.close();
    for (const r of raters) r.socket.close();
    expect(problems).toEqual([]);
  });
});

describe("an eigen casus", () => {
  let created: CreatedSession;

  it("the control view shows the warning, the checklist, the leervraag, the four elements and the client's view", async () => {
    created = await createSession(e2e.server.url, {
      title: "OT Oost, eigen casus",
      method: "eigen-casus",
      source: { kind: "roleplay" },
      question: "Hoe had ik de weerstand in het begin kunnen benoemen?",
      setting: "Een gesprek in het tweede ziektejaar, over passend werk bij de eigen werkgever.",
    });
    const control = await e2e.newPage({ viewport: PROJECTOR });
    watchPage(control, { origin: e2e.server.url, name: "control-eigen", problems });
    await control.goto(`${e2e.server.url}${created.hostUrl}`);
    await control.getByRole("heading", { name: "Eigen casus inbrengen: ronde 1 van 7" }).waitFor();
    const card = control.locator(".own-case");
    await card.getByRole("heading", { name: "Anonimiseren: loop dit na voordat je vertelt" }).waitFor();
    const text = await card.innerText();
    expect(text).toContain("Hoe had ik de weerstand in het begin kunnen benoemen?");
    expect(text).toContain("Hoe beleefde de cliënt dit?");
    expect(text).toContain("na 7 dagen gewist");
    for (const element of ["Vertrouwen", "Richting & Kader", "Binding", "Stroefheid"]) expect(text).toContain(element);
    expect(await axeViolations(control)).toEqual([]);
    await shot(control, "ot-method-control-eigen-casus-1366");
  });

  it("the projector warns in the lobby, and shows the leervraag, checklist and elements in the briefing", async () => {
    const beamer = await e2e.newPage({ viewport: PROJECTOR }, async (context) => {
      await context.addInitScript(([c, t]) => window.localStorage.setItem(`ak:host:${c}`, t), [created.code, created.hostToken] as const);
    });
    watchPage(beamer, { origin: e2e.server.url, name: "beamer-eigen", problems });
    await beamer.goto(`${e2e.server.url}/sessie/${created.code}/beamer`);
    await beamer.locator(".own-case-warning").getByText("na 7 dagen gewist", { exact: false }).waitFor();
    const host = (await joinHost(e2e.server.url, created)).socket;
    await must(host, "round:set", { index: 1 });
    await must(host, "session:phase", { phase: "briefing" });
    await beamer.getByRole("heading", { name: "Leervraag van de inbrenger" }).waitFor();
    await beamer.getByRole("heading", { name: "Waar de groep op let: de vier elementen" }).waitFor();
    await band(beamer, "Inbreng en leervraag");
    expect(await axeViolations(beamer)).toEqual([]);
    await shot(beamer, "ot-method-beamer-eigen-casus-briefing-1366x768");
    host.close();
    expect(problems).toEqual([]);
  });
});
