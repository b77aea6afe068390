// The role-play set in real Chromium: a card per player and a sheet per element, each on its own
// printed page, and the host's live panel with every player's card (issue 10).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../app/content.server";
import { hydrated } from "../support/browser";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();
const content = loadContent(path.resolve(__dirname, "../../content"));
const SLUG = "bezwaar-fml";
const casus = content.cases.find((c) => c.slug === SLUG)!;

/** Pages in a PDF Chromium made: one page object per sheet of paper. */
const pageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
/** A4 less 15 mm margins, in CSS pixels (96 per inch). */
const A4 = { width: Math.floor((180 / 25.4) * 96), height: Math.floor((267 / 25.4) * 96) };

describe("/casussen/:slug/rollenspel", () => {
  it("shows a card per player and an observation sheet per element with the behaviours this casus can show", async () => {
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${e2e.server.url}/casussen/${SLUG}/rollenspel`);
    const roles = await page.locator("section.briefing").evaluateAll((els) => els.map((el) => el.getAttribute("data-role")));
    expect(roles).toEqual(["begeleider", "client", "ad", "petra", "observator-vertrouwen", "observator-richting-kader", "observator-binding", "observator-stroefheid"]);

    await expect.poll(() => page.locator("[data-role=petra] h2").textContent()).toBe("Briefing voor wie Petra speelt");
    // Hasan's secret (lying down every afternoon) is on his card only.
    expect(await page.locator("[data-role=client]").textContent()).toContain("gaan liggen");
    for (const role of ["ad", "petra"]) expect(await page.locator(`[data-role=${role}]`).textContent(), role).not.toContain("gaan liggen");

    for (const element of content.elements.elements) {
      const sheet = page.locator(`[data-role=observator-${element.id}]`);
      expect(await sheet.locator("p", { hasText: casus.roleplay!.observers[element.id] }).count(), element.id).toBe(1);
      const expected = element.behaviours.filter((b) => element.polarity === "negatief" || casus.applicableBehaviours.includes(b.id)).map((b) => b.id);
      expect(await sheet.locator("[data-behaviour]").evaluateAll((els) => els.map((el) => el.getAttribute("data-behaviour"))), element.id).toEqual(expected);
    }
    // Nothing sticks out sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  it("prints every card and sheet on a page of its own, without the buttons", async () => {
    const page = await e2e.newPage({ viewport: { width: A4.width, height: A4.height } });
    for (const slug of content.cases.filter((c) => c.roleplay).map((c) => c.slug)) {
      await page.goto(`${e2e.server.url}/casussen/${slug}/rollenspel`);
      await page.emulateMedia({ media: "print" });
      expect(await page.getByRole("button", { name: "Kaarten en kijkbladen printen" }).isVisible()).toBe(false);
      const sheets = await page.locator("section.briefing").evaluateAll((els) => els.map((el) => ({ role: el.getAttribute("data-role"), breakAfter: getComputedStyle(el).breakAfter, height: el.getBoundingClientRect().height })));
      for (const sheet of sheets) {
        expect(sheet.breakAfter, `${slug}: ${sheet.role}`).toBe("page");
        // As wide as A4 between the margins, each sheet fits the height of one page.
        expect(sheet.height, `${slug}: ${sheet.role}`).toBeLessThanOrEqual(A4.height);
      }
      if (slug === SLUG) {
        // And Chromium's own PDF agrees: as many sheets of A4 as people to hand one to.
        const pdf = await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } });
        expect(pageCount(pdf)).toBe(sheets.length);
      }
    }
  }, 90_000);

  it("shows the host every player's card in a live role-play session, with the printable set a click away", async () => {
    const page = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${e2e.server.url}/sessies/nieuw`);
    await hydrated(page);
    await page.getByLabel("Titel van de sessie").fill("Rollenspel bezwaar");
    await page.getByRole("radio", { name: /Een rollenspel in de zaal/ }).check();
    await page.getByLabel("Rollenspelscript (mag leeg)").selectOption(SLUG);
    await page.getByRole("button", { name: "Sessie aanmaken" }).click();
    await page.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    const panel = page.locator("details.roleplay-script");
    await panel.locator("summary").click();
    expect(await panel.locator("section[data-role]").evaluateAll((els) => els.map((el) => el.getAttribute("data-role")))).toEqual(["client", "ad", "petra"]);
    expect(await panel.locator("[data-role=petra]").textContent()).toContain(casus.roleplay!.thirdParties[0].task);
    expect(await panel.getByRole("link", { name: /kaarten, kijkbladen en het draaiboek/ }).getAttribute("href")).toBe(`/casussen/${SLUG}/rollenspel`);
  }, 60_000);
});
