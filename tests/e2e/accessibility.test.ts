// axe-core on every foundation page, in real Chromium with the production CSP enforced.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { startTestServer } from "../support/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = [
  "/",
  "/kompas",
  "/kompas/stroefheid",
  "/tips",
  "/werkblad",
  "/modules",
  "/modules/binding",
  "/casussen",
  "/casussen/bezwaar-fml",
  "/casussen/bezwaar-fml/oefenen",
  "/casussen/spoor-2-wie-wil-mij-nog/rollenspel",
  "/voortgang",
  "/zoeken?q=tolk",
  "/bestaat-niet",
];

describe("accessibility (axe-core, WCAG 2.2 AA rules)", () => {
  it.each(PAGES)("%s has no violations, on a phone and a desktop", async (path) => {
    for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
      const page = await browser.newPage({ viewport });
      await page.goto(server.url + path, { waitUntil: "networkidle" });
      const violations = await axeViolations(page);
      expect(violations, `${path} at ${viewport.width}px`).toEqual([]);
      await page.close();
    }
  });
});
