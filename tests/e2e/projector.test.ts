// The OT evening's two host screens in real Chromium against the real server (issue 9): the control
// view drives, the projector view (/sessie/:code/beamer, another window in the same browser) follows.
// Raters are real socket.io-clients. Lobby → briefing → live → final → reveal (stepping through
// REVEAL_STEPS) → discussion → reflection → closed; screenshots of every projector screen at
// 1366×768 and 1920×1080 in test-results/screenshots/, axe on each.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REVEAL_STEPS } from "../../app/core/presentation";
import type { CreatedSession } from "../../app/core/session-service";
import { axeViolations } from "../support/axe";
import { watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { createSession, joinAs, must, type Rater } from "../integration/live-helpers";

const e2e = browserAndServer();
const problems: string[] = [];
const SHOTS = path.resolve("test-results/screenshots");
const PROJECTOR_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const NAMES = [
  ["Anna Bakker", "arbeidsdeskundige"],
  ["Bram Smit", "arbeidsdeskundige"],
  ["Chris Jansen", "ervaringsdeskundige"],
] as const;

/** Screenshots at both projector sizes, axe, and what a projector must never show. */
async function checkProjector(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of PROJECTOR_SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SHOTS, `beamer-${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(PROJECTOR_SIZES[0]);
  expect(await axeViolations(page), name).toEqual([]);
  // No site menu, header or footer; no button of any kind (admin or otherwise); no real names.
  expect(await page.locator('.site-header, .site-footer, nav[aria-label="Hoofdmenu"]').count(), name).toBe(0);
  expect(await page.locator("button, select, input").count(), name).toBe(0);
  const text = await page.locator("body").innerText();
  for (const [real] of NAMES) expect(text, name).not.toContain(real);
  expect(text, name).not.toMatch(/Verwijder|Sessie beheren/);
}

/** The bottom of an element lies within the first 768 px of the page (above the fold). */
async function aboveTheFold(page: Page, locator: ReturnType<Page["getByRole"]>) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  expect(box, "not visible").not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
}

describe("projector view and control view", () => {
  let created: CreatedSession;
  let control: Page;
  let beamer: Page;
  const raters: Rater[] = [];

  it("lobby: the projector shows code, QR and the joined pseudonyms; the control view the real names", async () => {
    created = await createSession(e2e.server.url, { nameDisplay: "pseudoniemen", title: "OT-avond Zuid" });
    control = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    watchPage(control, { origin: e2e.server.url, name: "control", problems });
    await control.goto(`${e2e.server.url}${created.hostUrl}`);
    await control.getByText("Doe mee op je telefoon").waitFor();
    await aboveTheFold(control, control.getByRole("button", { name: "Naar de briefing" }));

    // The link opens the projector in a new window of the same browser, which finds the host token there.
    const opened = control.context().waitForEvent("page");
    await control.getByRole("link", { name: "Open het beamerscherm" }).click();
    beamer = await opened;
    beamer.setDefaultTimeout(10_000);
    watchPage(beamer, { origin: e2e.server.url, name: "beamer", problems });
    await beamer.setViewportSize(PROJECTOR_SIZES[0]);
    expect(new URL(beamer.url()).pathname).toBe(`/sessie/${created.code}/beamer`);
    await beamer.locator(".join-code").waitFor();
    expect((await beamer.locator(".join-code").textContent())!.replace(/\s/g, "")).toBe(created.code);
    expect(await beamer.locator("img.join-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);

    for (const [name, role] of NAMES) raters.push(await joinAs(e2e.server.url, created.code, name, role));
    const names = beamer.locator(".projector-names li");
    await expect.poll(() => names.allTextContents()).toEqual(["Beoordelaar 1", "Beoordelaar 2", "Beoordelaar 3"]);
    // The control view lists the real names with their role and a remove button, apart from the pseudonyms.
    const roster = control.locator(".roster-list li");
    await expect.poll(() => roster.allInnerTexts()).toHaveLength(3);
    const rows = (await roster.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
    expect(rows[0]).toMatch(/^Anna Bakker Arbeidsdeskundige Verwijderen$/);
    expect(rows[2]).toMatch(/^Chris Jansen Ervaringsdeskundige Verwijderen$/);
    expect(await control.locator(".roster").innerText()).not.toContain("Beoordelaar");
    expect(await axeViolations(control)).toEqual([]);
    await checkProjector(beamer, "1-lobby");
  }, 60_000);

  it("briefing and live: the projector shows the question, the gesprek and the clock; play/pause leads the control view", async () => {
    await control.getByRole("button", { name: "Naar de briefing" }).click();
    await beamer.getByRole("heading", { name: "Briefing", level: 1 }).waitFor();
    await beamer.getByRole("heading", { name: "Vraag aan de groep" }).waitFor();
    await aboveTheFold(control, control.getByRole("button", { name: "Start het live beoordelen" }));
    await checkProjector(beamer, "2-briefing");

    await control.getByRole("button", { name: "Start het live beoordelen" }).click();
    await beamer.getByRole("heading", { name: "Live beoordelen", level: 1 }).waitFor();
    const play = control.getByRole("button", { name: "Start het gesprek" });
    await aboveTheFold(control, play);
    // During live rating the step to the final rating is not the prominent button; play/pause is.
    const toFinal = control.getByRole("button", { name: "Naar het eindoordeel" });
    expect(await toFinal.getAttribute("class")).toContain("secondary");
    expect((await play.getAttribute("class")) ?? "").not.toContain("secondary");
    await play.click();
    await beamer.locator(".turn").first().waitFor();
    await expect.poll(() => beamer.locator(".projector-clock").textContent()).not.toMatch(/0:00 /);
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:samples", { samples: [1, 2, 3].map((seq) => ({ seq, element: "binding", value: 3 + i * 2, t: seq })) });
    }
    await control.getByRole("button", { name: "Pauzeer" }).click();
    await checkProjector(beamer, "3-live");
  }, 60_000);

  it("live → final asks first; the projector counts the finals", async () => {
    await control.getByRole("button", { name: "Naar het eindoordeel" }).click();
    const ask = control.getByRole("alertdialog");
    await ask.getByText("Het live beoordelen stopt voor iedereen").waitFor();
    await ask.getByRole("button", { name: "Nee, nog niet" }).click();
    await ask.waitFor({ state: "detached" });
    expect(await control.locator(".phase-track .current").textContent()).toBe("Live beoordelen");
    await control.getByRole("button", { name: "Naar het eindoordeel" }).click();
    await control.getByRole("button", { name: "Ja, naar het eindoordeel" }).click();
    await beamer.getByText("0 van 3 eindoordelen binnen").waitFor();
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:final", { scores: { vertrouwen: 4 + i, "richting-kader": 6, binding: 3 + i * 3, stroefheid: 5 - i }, observed: [] });
    }
    await beamer.getByText("3 van 3 eindoordelen binnen").waitFor();
    await aboveTheFold(control, control.getByRole("button", { name: "Onthul de resultaten" }));
    await checkProjector(beamer, "4-final");
  }, 60_000);

  it("reveal: the host steps through REVEAL_STEPS on the control view and the projector follows in order", async () => {
    await control.getByRole("button", { name: "Onthul de resultaten" }).click();
    const step = beamer.locator(".rp[data-step]");
    await step.waitFor();
    expect(await step.getAttribute("data-step")).toBe("overzicht");
    // One large chart: the four elements' dots take most of the screen below the headline, and all
    // of it is inside the screen (readable from the back of the room, without scrolling).
    const viewport = beamer.viewportSize()!;
    const chart = (await beamer.locator(".rp-step-overzicht .rp-dots").boundingBox())!;
    expect(chart.height, "chart height").toBeGreaterThan(viewport.height * 0.45);
    expect(chart.y + chart.height).toBeLessThanOrEqual(viewport.height);
    await checkProjector(beamer, "5-reveal-overzicht");
    const next = control.getByRole("button", { name: /^Volgende/ });
    await aboveTheFold(control, next);
    for (const expected of REVEAL_STEPS.slice(1)) {
      await next.click();
      await expect.poll(() => step.getAttribute("data-step")).toBe(expected);
      expect(await control.locator('.step-list [aria-current="step"]').count()).toBe(1);
      await beamer.screenshot({ path: path.join(SHOTS, `beamer-5-reveal-${expected}-1366x768.png`) });
    }
    expect(await next.isDisabled()).toBe(true);
    // Back one, and straight to a step from the list.
    await control.getByRole("button", { name: /^← Vorige/ }).click();
    await expect.poll(() => step.getAttribute("data-step")).toBe("tijdlijn");
    await control.locator(".step-list").getByRole("button", { name: "Overzicht" }).click();
    await expect.poll(() => step.getAttribute("data-step")).toBe("overzicht");
    // A reload of the projector shows the same step (the server keeps it).
    await control.locator(".step-list").getByRole("button", { name: "Tips" }).click();
    await expect.poll(() => step.getAttribute("data-step")).toBe("tips");
    await beamer.reload();
    await expect.poll(() => beamer.locator(".rp[data-step]").getAttribute("data-step")).toBe("tips");
    // The full results with the host's tools wait behind a disclosure on the control view.
    await control.getByText("Alle uitkomsten, tips en reactietijd").click();
    await control.locator(".host-results-all .rv").waitFor();
  }, 90_000);

  it("discussion: its own screen with the session's question and the tip being discussed", async () => {
    await control.getByRole("button", { name: "Naar de bespreking" }).click();
    await beamer.getByRole("heading", { name: "Bespreking", level: 1 }).waitFor();
    await beamer.getByRole("heading", { name: "Vraag aan de groep" }).waitFor();
    await checkProjector(beamer, "6-discussion");
    await control.getByLabel("Wat bespreekt de groep nu?").selectOption("tip:eerst-binding");
    const focus = beamer.locator(".projector-focus h2");
    await expect.poll(() => focus.textContent()).toMatch(/^Tip \d: /);
    await checkProjector(beamer, "6-discussion-tip");
    // One laptop, one screen: the strip appears only when asked for, and steps the projector too.
    await beamer.goto(`${e2e.server.url}/sessie/${created.code}/beamer?bediening=1`);
    const strip = beamer.getByRole("complementary", { name: "Bediening (alleen voor de begeleider)" });
    await strip.getByRole("button", { name: "Tijdlijn", exact: true }).click();
    await expect.poll(() => control.locator('.step-list [aria-current="step"]').textContent()).toBe("Tijdlijn");
    // The real names stay behind a toggle on this shared screen.
    expect(await beamer.locator("body").innerText()).not.toContain("Anna Bakker");
    await strip.getByRole("button", { name: "Echte namen (alleen voor jou)" }).click();
    await beamer.locator(".control-strip .roster").getByText("Anna Bakker").waitFor();
    await strip.getByRole("button", { name: "Namen verbergen" }).click();
    await beamer.screenshot({ path: path.join(SHOTS, "beamer-6-discussion-bediening-1366x768.png") });
    expect(await axeViolations(beamer)).toEqual([]);
    await beamer.goto(`${e2e.server.url}/sessie/${created.code}/beamer`);
    await beamer.getByRole("heading", { name: "Bespreking", level: 1 }).waitFor();
  }, 60_000);

  it("reflection, closed and deleted: learning points when projected, thanks, then the projector stops", async () => {
    await control.getByRole("button", { name: "Naar de reflectie" }).click();
    await beamer.getByRole("heading", { name: "Reflectie", level: 1 }).waitFor();
    await must(raters[0].socket, "reflection:submit", { learningPoint: "Eerst de binding, dan het kader.", action: "Ik vraag door." });
    await control.getByRole("button", { name: "Leerpunten projecteren" }).click();
    await beamer.getByText("Eerst de binding, dan het kader.").waitFor();
    await checkProjector(beamer, "7-reflection");
    await control.getByRole("button", { name: "Sessie afsluiten" }).first().click();
    await control.getByRole("button", { name: "Ja, sessie afsluiten" }).click();
    await beamer.getByRole("heading", { name: "Bedankt voor jullie inbreng" }).waitFor();
    await checkProjector(beamer, "8-closed");
    // Deleting asks first; then the projector stops with the server's reason, not a crash.
    await control.getByRole("button", { name: "Sessie verwijderen" }).click();
    await control.getByText("Weet je zeker dat je deze sessie wilt verwijderen?").waitFor();
    await control.getByRole("button", { name: "Ja, verwijder de sessie" }).click();
    await control.getByRole("heading", { name: "De sessie is verwijderd" }).waitFor();
    await beamer.getByRole("heading", { name: "Dit beamerscherm is gestopt" }).waitFor();
    for (const r of raters) r.socket.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
