// The reveal (ResultsView) in real Chromium, through its preview page /voorbeeld/onthulling: no
// axe violations on a phone and a laptop, the charts in print, and the controls working once the
// page is hydrated (the host screen and the phones mount the same component).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();

async function open(path: string, width: number, errors: string[]): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height: 900 } });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(e2e.server.url + path, { waitUntil: "networkidle" });
  return page;
}

describe("the reveal in the browser", () => {
  it.each([
    ["/voorbeeld/onthulling", 360],
    ["/voorbeeld/onthulling", 1280],
    ["/voorbeeld/onthulling?groep=klein", 360],
  ])("%s at %i px has no axe violations", async (path, width) => {
    const errors: string[] = [];
    const page = await open(path, width, errors);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("jumps into the gesprek and marks a tip as discussed", async () => {
    const errors: string[] = [];
    const page = await open("/voorbeeld/onthulling", 1280, errors);
    const jump = page.locator(".rv-overview .rv-seek").first();
    const label = (await jump.textContent())!;
    const clock = /Spring naar (\d+:\d\d)/.exec(label)![1];
    await jump.click();
    await expect.poll(() => page.locator(".no-print > [role=status]").textContent()).toContain(`naar ${clock}`);

    const firstTip = page.locator(".rv-tip").first();
    const box = firstTip.getByRole("checkbox", { name: /Besproken/ });
    await box.check();
    await expect.poll(() => firstTip.getAttribute("class")).toContain("discussed");
    await box.uncheck();
    await expect.poll(() => firstTip.getAttribute("class")).not.toContain("discussed");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("corrects for reaction time: computed again on the server, kept in the address", async () => {
    const errors: string[] = [];
    const page = await open("/voorbeeld/onthulling", 1280, errors);
    expect(await page.getByText("Gecorrigeerd voor", { exact: false }).count()).toBe(0);
    await page.getByLabel("Reactietijd corrigeren").selectOption({ label: "1 seconde eerder" });
    await page.waitForURL((url) => url.searchParams.get("reactietijd") === "1");
    await page.getByText("Gecorrigeerd voor 1 seconde reactietijd.", { exact: false }).first().waitFor();
    expect(await page.getByLabel("Reactietijd corrigeren").inputValue()).toBe("1");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("prints the charts with their text and without the controls", async () => {
    const errors: string[] = [];
    const page = await e2e.browser.newPage({ viewport: { width: 720, height: 1000 } });
    await page.emulateMedia({ media: "print" });
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling?weergave=print`, { waitUntil: "networkidle" });
    const charts = page.locator("svg.rv-svg");
    expect(await charts.count()).toBeGreaterThanOrEqual(4 * 3);
    for (const selector of [".rv-dotplot", ".rv-timeline"]) {
      const chart = page.locator(selector).first();
      expect(await chart.isVisible()).toBe(true);
      const size = await chart.boundingBox();
      expect(size!.width).toBeGreaterThan(250);
    }
    expect(await page.locator("button.rv-seek, .rv-discussed, .rv-jump").count()).toBe(0);
    expect(await page.locator("text=hoger = stroever").first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the reveal without JavaScript", async () => {
    const context = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/voorbeeld/onthulling`);
    expect(await page.locator("svg.rv-timeline").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText("In één oogopslag").isVisible()).toBe(true);
    await context.close();
  });
});
