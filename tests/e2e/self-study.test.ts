// A professional studying alone, in real Chromium: a module with its self-check, a vignette
// practised and compared with the vakreferentie and the cliëntblik, and the werkblad's personal-data warning.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseScore, watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();

function watch(page: Page) {
  const problems: string[] = [];
  watchPage(page, { origin: e2e.server.url, problems });
  return problems;
}

describe("self-study in the browser", () => {
  it("reads a module, answers the self-check and sees the feedback", async () => {
    const page = await e2e.browser.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.server.url}/modules`);
    await page.getByRole("link", { name: "Binding" }).first().click();
    await page.waitForURL(/\/modules\/binding$/);
    await expect.poll(() => page.getByRole("heading", { name: "Zelftoets" }).isVisible()).toBe(true);
    const questions = page.locator("fieldset.self-check-question");
    const count = await questions.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) await questions.nth(i).locator("input[type=radio]").first().check();
    await page.getByRole("button", { name: "Nakijken" }).click();
    await page.getByText(/Je had \d van de \d vragen goed/).waitFor();
    // Every option now explains why it is right or wrong.
    expect(await page.locator(".feedback-right").count()).toBe(count);
    expect(await page.locator(".feedback-wrong").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("practises a vignette on a phone and compares with both references", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.server.url}/casussen/nog-in-behandeling/oefenen`);
    // The transcript plays on a clock: the first turn is current, later ones hidden until reached.
    await page.getByRole("button", { name: "Afspelen" }).click();
    await expect.poll(() => page.locator(".turn.current").count()).toBe(1);
    await page.getByRole("button", { name: "Pauze" }).click();
    expect(await page.locator(".transcript .turn").last().isVisible()).toBe(false);
    await page.getByRole("button", { name: "Volgende beurt" }).click();
    await page.getByRole("button", { name: "Alles tonen" }).click();
    expect(await page.locator(".turn[hidden]").count()).toBe(0);

    const scores = { vertrouwen: 8, "richting-kader": 9, binding: 7, stroefheid: 1 };
    for (const [element, value] of Object.entries(scores)) {
      await chooseScore(page, `score-${element}`, value);
    }
    await page.getByText("Welk gedrag voor vertrouwen zag je?").click();
    await page.getByLabel("Geen druk zetten").check();
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).click();
    await page.getByRole("heading", { name: "Jouw beoordeling naast de referenties" }).waitFor();
    const rows = page.locator(".compare-table tbody tr");
    expect(await rows.count()).toBe(4);
    // Jij, vakreferentie, cliëntblik: in this casus the client would rate richting & kader lower.
    expect(await rows.first().locator("td.num").allTextContents()).toEqual(["8", "8", "8"]);
    expect(await rows.nth(1).locator("td.num").allTextContents()).toEqual(["9", "8", "7"]);
    const headers = (await page.locator(".compare-table thead th").allTextContents()).map((h) => h.replace(/\u00ad/g, ""));
    expect(headers).toEqual(["Element", "Jij", "Vakreferentie", "Cliëntblik"]);
    await page.getByText("Cliëntblik: Zo beleeft de cliënt het waarschijnlijk — geschreven door de makers, geen oordeel van een ervaringsdeskundige.").waitFor();
    // Both commentaries per element, each in its own words.
    const views = page.locator(".practice-views");
    expect(await views.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      expect(await views.nth(i).locator("dt").allTextContents()).toEqual(["Vakreferentie", "Cliëntblik"]);
      const [expert, client] = await views.nth(i).locator("dd").allTextContents();
      expect(client.length).toBeGreaterThan(40);
      expect(client).not.toBe(expert);
    }
    await page.getByRole("heading", { name: "Momenten die je miste" }).waitFor();
    // Usable at 360 px: nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("warns when a werkblad note holds a BSN, and keeps the note over a reload", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.server.url}/werkblad`);
    const note = page.getByLabel("Aantekeningen: jouw ervaringen");
    await note.fill("Cliënt werkte 20 jaar in de zorg.");
    expect(await page.locator("#waarschuwing-ervaringen").textContent()).toBe("");
    await note.fill("Cliënt werkte 20 jaar in de zorg. BSN 111222333");
    await page.locator("#waarschuwing-ervaringen").getByText(/burgerservicenummer/).waitFor();
    // A nine-digit number that fails the 11-proef is not a BSN.
    await note.fill("Dossiernummer 123456789");
    await expect.poll(() => page.locator("#waarschuwing-ervaringen").textContent()).toBe("");
    await page.reload();
    await expect.poll(() => note.inputValue()).toBe("Dossiernummer 123456789");
    expect(problems).toEqual([]);
    await context.close();
  });
});
