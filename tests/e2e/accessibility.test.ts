// axe-core on every foundation page, in real Chromium with the production CSP enforced.
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();

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
  "/begeleiden",
  "/bestaat-niet",
];

describe("accessibility (axe-core, WCAG 2.2 AA rules)", () => {
  it.each(PAGES)("%s has no violations, on a phone and a desktop", async (path) => {
    for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
      const page = await e2e.browser.newPage({ viewport });
      await page.goto(e2e.server.url + path, { waitUntil: "networkidle" });
      const violations = await axeViolations(page);
      expect(violations, `${path} at ${viewport.width}px`).toEqual([]);
      await page.close();
    }
  });
});
