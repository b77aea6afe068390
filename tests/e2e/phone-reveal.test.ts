// The reveal on a phone, in real Chromium against the real server: an ervaringsdeskundige on a
// 360×740 phone, an arbeidsdeskundige on a 390×844 phone, two more ADs and an observator over
// socket.io-client, the host driving over its own socket. Each phone shows "Jij gaf …" with the
// rater's own numbers beside the group mean, keeps it over a reload, points to the big screen, fits
// the screen, has no axe violations, and shows the single ervaringsdeskundige with no role mark.
// Screenshots go to test-results/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ELEMENT_IDS, type ElementId } from "../../app/core/domain";
import { formatNumber } from "../../app/core/results";
import type { CreatedSession } from "../../app/core/session-service";
import { createSession, joinAs, joinHost, must, type Rater, type TestSocket } from "../integration/live-helpers";
import { axeViolations } from "../support/axe";
import { watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();
const SHOTS = path.resolve(__dirname, "../../test-results/screenshots");
const problems: string[] = [];

// Esra (the only ervaringsdeskundige) on the 360 px phone, Anna on the 390 px phone.
const FINALS: Record<string, Record<ElementId, number>> = {
  Esra: { vertrouwen: 2, "richting-kader": 9, binding: 1, stroefheid: 8 },
  Anna: { vertrouwen: 8, "richting-kader": 4, binding: 6, stroefheid: 3 },
  Bram: { vertrouwen: 7, "richting-kader": 5, binding: 6, stroefheid: 2 },
  Chantal: { vertrouwen: 6, "richting-kader": 5, binding: 7, stroefheid: 4 },
};
const mean = (id: ElementId) => Object.values(FINALS).reduce((sum, f) => sum + f[id], 0) / 4;
const NAMES: Record<ElementId, string> = { vertrouwen: "Vertrouwen", "richting-kader": "Richting & Kader", binding: "Binding", stroefheid: "Stroefheid" };

let created: CreatedSession;
let host: { socket: TestSocket };
const others: Rater[] = [];
let observer: Rater;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  created = await createSession(e2e.server.url, { title: "OT-avond West", nameDisplay: "namen", separateRoles: true });
  host = await joinHost(e2e.server.url, created);
});
afterAll(() => {
  for (const r of [...others, observer]) r?.socket.close();
  host?.socket.close();
});

async function phone(name: string, width: number, height: number, role: RegExp): Promise<Page> {
  const page = await e2e.newPage({ viewport: { width, height }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  watchPage(page, { origin: e2e.server.url, name, problems });
  await page.goto(`${e2e.server.url}/doe-mee?code=${created.code}`);
  await page.getByLabel("Naam of schuilnaam").fill(name);
  await page.getByRole("radio", { name: role }).tap();
  await page.getByRole("button", { name: "Meedoen" }).tap();
  await page.getByRole("heading", { name: `Welkom, ${name}` }).waitFor();
  return page;
}

async function submitFinal(page: Page, scores: Record<ElementId, number>) {
  await page.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
  for (const [element, score] of Object.entries(scores)) await page.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
  await page.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
  await page.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
}

/** The "Jij gaf" line per element as the page shows it. */
const lines = (page: Page) =>
  page.locator(".phone-reveal .pr-element").evaluateAll((items) =>
    Object.fromEntries(items.map((li) => [li.getAttribute("data-element"), (li.querySelector(".pr-numbers")?.textContent ?? "").trim()])),
  );

const expectedLines = (who: string) =>
  Object.fromEntries(ELEMENT_IDS.map((id) => [id, `Jij gaf ${FINALS[who][id]} · de groep gemiddeld ${formatNumber(mean(id))}`]));

async function fitsScreen(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "horizontaal scrollen").toBeLessThanOrEqual(innerWidth);
}

describe("the phone reveal", () => {
  let esra: Page;
  let anna: Page;

  it("two phones and three sockets join, rate and hand in their finals; the host reveals", async () => {
    esra = await phone("Esra", 360, 740, /^Ervaringsdeskundige/);
    anna = await phone("Anna", 390, 844, /^Arbeidsdeskundige/);
    for (const name of ["Bram", "Chantal"]) others.push(await joinAs(e2e.server.url, created.code, name, "arbeidsdeskundige"));
    observer = await joinAs(e2e.server.url, created.code, "Olaf", "observator");
    for (const phase of ["briefing", "live", "final"] as const) await must(host.socket, "session:phase", { phase });
    await Promise.all([submitFinal(esra, FINALS.Esra), submitFinal(anna, FINALS.Anna)]);
    for (const r of others) await must(r.socket, "rating:final", { scores: FINALS[r.name], observed: [] });
    await must(host.socket, "session:phase", { phase: "reveal" });
    for (const page of [esra, anna]) await page.locator(".phone-reveal .pr-element").nth(3).waitFor();
  });

  it("each phone says what that rater gave beside the group mean, points to the big screen and fits", async () => {
    for (const [page, who, width] of [
      [esra, "Esra", 360],
      [anna, "Anna", 390],
    ] as const) {
      expect(await lines(page)).toEqual(expectedLines(who));
      await page.getByText("Kijk mee op het grote scherm").waitFor();
      expect(await page.locator(".pr-element[data-element=stroefheid] .pr-name").innerText()).toContain("hoger = stroever");
      // "jij" sits on the scale at the rater's own score, once per element.
      expect(await page.locator(".pr-line .pr-you").count()).toBe(4);
      for (const id of ELEMENT_IDS) {
        expect(await page.locator(`.pr-element[data-element=${id}] .pr-line`).getAttribute("aria-label")).toContain(`Jij gaf ${FINALS[who][id]}.`);
        expect(await page.locator(`.pr-element[data-element=${id}] .pr-name`).innerText()).toContain(NAMES[id]);
      }
      // No table, and no role marks: with one ervaringsdeskundige the roles are merged, and the page says so.
      expect(await page.locator(".phone-reveal table").count()).toBe(0);
      expect(await page.locator(".rv-mark-ed, .rv-mark-ad").count()).toBe(0);
      await page.getByText("Eén ervaringsdeskundige deed mee; haar of zijn scores tellen mee in de groep en worden niet apart getoond.").waitFor();
      await fitsScreen(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `phone-reveal-${width}.png`) });
      await page.screenshot({ path: path.join(SHOTS, `phone-reveal-${width}-full.png`), fullPage: true });
    }
  });

  it("a reload brings the same numbers back (own final from the snapshot, results from the rejoin)", async () => {
    await esra.reload();
    await esra.locator(".phone-reveal .pr-element").nth(3).waitFor();
    await expect.poll(() => lines(esra)).toEqual(expectedLines("Esra"));
  });

  it("discussion: still the pointer to the big screen; a tip the host marks shows as besproken", async () => {
    await must(host.socket, "session:phase", { phase: "discussion" });
    await esra.getByRole("heading", { name: "Bespreking" }).waitFor();
    await esra.getByText("Kijk mee op het grote scherm").waitFor();
    const tip = await esra.locator(".pr-tip").first().getAttribute("data-tip");
    expect(tip).toBeTruthy();
    await must(host.socket, "tips:discussed", { tipId: tip, discussed: true });
    await esra.locator(`.pr-tip[data-tip="${tip}"] .pr-done`).waitFor();
    await fitsScreen(esra);
    expect(await axeViolations(esra)).toEqual([]);
    await esra.screenshot({ path: path.join(SHOTS, "phone-discussion-360.png"), fullPage: true });
  });

  it("an observator gets the group view, without 'jij'", async () => {
    const page = await e2e.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    watchPage(page, { origin: e2e.server.url, name: "observator", problems });
    // The observator's seat lives in this browser, as after joining.
    await page.goto(`${e2e.server.url}/doe-mee?code=${created.code}`);
    await page.evaluate(
      ([code, token, id]) => localStorage.setItem(`ak:seat:${code}`, JSON.stringify({ resumeToken: token, participantId: id })),
      [created.code, observer.resumeToken, observer.participantId],
    );
    await page.goto(`${e2e.server.url}/sessie/${created.code}`);
    await page.locator(".phone-reveal .pr-element").nth(3).waitFor();
    const seen = await lines(page);
    for (const id of ELEMENT_IDS) expect(seen[id]).toMatch(new RegExp(`^De groep gemiddeld ${formatNumber(mean(id))} · van \\d+ tot \\d+$`));
    expect(await page.locator(".pr-you").count()).toBe(0);
    await fitsScreen(page);
    await page.screenshot({ path: path.join(SHOTS, "phone-reveal-observer-360.png"), fullPage: true });
  });

  it("nothing went wrong on the way (errors, CSP, other origins)", () => {
    expect(problems).toEqual([]);
  });
});
