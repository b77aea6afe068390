// The reveal on a projector (RevealPresentation), step by step in real Chromium through the preview
// /voorbeeld/onthulling?stap=…, at 1366×768 and 1920×1080: the first screen shows every element's
// dots without scrolling, nothing is wider than the screen, no tile clips its number, axe finds
// nothing. Screenshots go to test-results/screenshots/ (kept as artefacts, not committed).
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ELEMENT_IDS } from "~/core/domain";
import { REVEAL_STEPS } from "~/core/presentation";
import { axeViolations } from "../support/axe";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();
const SHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function open(viewport: { width: number; height: number }, errors: string[]): Promise<Page> {
  const page = await e2e.newPage({ viewport });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return page;
}

/** Boxes of the elements matching `selector`, with the viewport and how far the page is scrolled. */
function boxes(page: Page, selector: string) {
  return page.evaluate((sel) => {
    return {
      scrollY: window.scrollY,
      width: window.innerWidth,
      height: window.innerHeight,
      boxes: [...document.querySelectorAll(sel)].map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, left: r.left, bottom: r.bottom, right: r.right };
      }),
    };
  }, selector);
}

describe.each(VIEWPORTS)("the projector reveal at $width×$height", (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;

  // The steps in the order the host shows them; each on a page of its own, so a slow axe run on
  // two busy cores does not add up to one long test.
  it.each(REVEAL_STEPS.map((step, i) => ({ step, i })))("step $i ($step): readable, inside the screen, no axe violations", async ({ step }) => {
    const errors: string[] = [];
    const page = await open(viewport, errors);
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=${step}`, { waitUntil: "networkidle" });
    await page.locator(`.rp[data-step="${step}"]`).waitFor();
    await page.screenshot({ path: `${SHOTS}reveal-${REVEAL_STEPS.indexOf(step)}-${step}-${size}.png` });
    // Nothing wider than the screen, and no tile clips its text.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const clipped = await page
      .locator(".rp-tile, .rp-tile dt, .rp-tile dd, .rp-headline")
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(clipped).toEqual([]);
    // The next step is one link away, as the host moves on.
    const next = REVEAL_STEPS[REVEAL_STEPS.indexOf(step) + 1];
    if (next) expect(await page.getByRole("navigation", { name: "Stappen van de onthulling" }).locator(`a[href*="stap=${next}"]`).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the dots of all four elements on the first screen, without scrolling", async () => {
    const errors: string[] = [];
    const page = await open(viewport, errors);
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=overzicht`, { waitUntil: "networkidle" });
    for (const id of ELEMENT_IDS) {
      const found = await boxes(page, `.rp-dots [data-element="${id}"] .rv-mark`);
      // The preview's group of 8: eight dots per element.
      expect(found.boxes, id).toHaveLength(8);
      expect(found.scrollY).toBe(0);
      for (const b of found.boxes) {
        expect(b.top, id).toBeGreaterThanOrEqual(0);
        expect(b.left, id).toBeGreaterThanOrEqual(0);
        expect(b.bottom, id).toBeLessThanOrEqual(found.height);
        expect(b.right, id).toBeLessThanOrEqual(found.width);
      }
      // Large enough to see from the back of a room.
      expect(found.boxes[0].bottom - found.boxes[0].top, id).toBeGreaterThanOrEqual(18);
    }
    // The mean of every element, and the key to the marks, are on the screen too.
    const means = await boxes(page, ".rp-dots .rp-mean");
    expect(means.boxes).toHaveLength(4);
    for (const b of means.boxes) expect(b.bottom).toBeLessThanOrEqual(means.height);
    await page.getByText("ervaringsdeskundige", { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("the host's controls on the projector", () => {
  it("jumps into the gesprek from the timeline and marks a tip as discussed", async () => {
    const errors: string[] = [];
    const page = await open({ width: 1366, height: 768 }, errors);
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=tijdlijn`, { waitUntil: "networkidle" });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const jump = page.locator(".rp .rv-seek").first();
    const clock = /Spring naar (\d+:\d\d)/.exec((await jump.textContent())!)![1];
    await jump.click();
    await expect.poll(() => page.locator(".rp-frame [role=status]").textContent()).toContain(`naar ${clock}`);

    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=tips`, { waitUntil: "networkidle" });
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const tip = page.locator(".rp-tip").first();
    await tip.getByRole("checkbox", { name: /Besproken/ }).check();
    await expect.poll(() => tip.getAttribute("class")).toContain("discussed");
    expect(errors).toEqual([]);
  });

  it("sets the vakreferentie and the written cliëntblik beside the ervaringsdeskundigen, on one screen", async () => {
    const errors: string[] = [];
    const page = await open({ width: 1366, height: 768 }, errors);
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=binding`, { waitUntil: "networkidle" });
    const tiles = page.locator(".rp-tile");
    const texts = (await tiles.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    // The casus's vakreferentie and cliëntblik for Binding are both 8.
    expect(texts).toContain("Vakreferentie8");
    expect(texts).toContain("Cliëntblik (makers)8");
    await page.getByText(/^De cliëntblik, geschreven door de makers, geeft 8; de ervaringsdeskundigen hier, de echte cliëntblik, gaven gemiddeld \d,\d\.$/).waitFor();
    const found = await boxes(page, ".rp-tile");
    for (const b of found.boxes) expect(b.bottom).toBeLessThanOrEqual(found.height);
    await page.screenshot({ path: `${SHOTS}reveal-binding-two-references-1366x768.png` });
    // A lone ervaringsdeskundige is not singled out: the written view stands alone (decision 013).
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=binding&groep=klein`, { waitUntil: "networkidle" });
    await page.getByText("De cliëntblik, geschreven door de makers, geeft 8.", { exact: true }).waitFor();
    expect(await page.getByText(/ervaringsdeskundigen hier/).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("shows a lone ervaringsdeskundige as part of the group, and says so", async () => {
    const errors: string[] = [];
    const page = await open({ width: 1366, height: 768 }, errors);
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?stap=overzicht&groep=klein`, { waitUntil: "networkidle" });
    expect(await page.locator(".rp-dots .rv-mark-ed").count()).toBe(0);
    expect(await page.locator(".rp-dots .rv-mark-group").count()).toBe(8);
    await page.locator(".rp-privacy").waitFor();
    await page.screenshot({ path: `${SHOTS}reveal-overzicht-klein-1366x768.png` });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
