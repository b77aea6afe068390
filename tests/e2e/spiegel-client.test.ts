// The client's page of Mijn spiegel in real Chromium: a 390 px phone WITHOUT JavaScript answers and
// lands on the thank-you page; axe finds nothing on the form (also with errors), the "already
// answered" page, the thank-you page and the explaining page when the feature is off.
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { browserAndServer } from "../support/e2e";
import { startTestServer } from "../support/server";

const e2e = browserAndServer({ env: { CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Arbodienst B.V.", PUBLIC_URL: "https://kompas.example.nl" } });
const PHONE = { viewport: { width: 390, height: 844 } };

async function newLink(): Promise<string> {
  const base = e2e.server.url;
  const m = (await (await fetch(`${base}/api/spiegel`, { method: "POST" })).json()) as { spiegelId: string; key: string };
  const res = await fetch(`${base}/api/spiegel/${m.spiegelId}/gesprekken`, {
    method: "POST",
    headers: { Authorization: `Bearer ${m.key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ own: { vertrouwen: 8, "richting-kader": 7, binding: 8, stroefheid: 2 } }),
  });
  return base + new URL(((await res.json()) as { clientUrl: string }).clientUrl).pathname;
}

describe("the client's page", () => {
  it("a phone without JavaScript answers and sees the thank-you page", async () => {
    const url = await newLink();
    const page = await e2e.newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto(url);
    await page.getByRole("button", { name: "Versturen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Nog niet alles is ingevuld");
    for (const [name, value] of [["vertrouwen", "6"], ["richting-kader", "5"], ["binding", "7"], ["stroefheid", "4"]]) {
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
    }
    await page.locator("#opmerking").fill("Meer tijd om vragen te stellen.");
    await page.getByRole("button", { name: "Versturen" }).click();
    await page.waitForURL(/\/s\/bedankt$/);
    expect(await page.locator("h1").textContent()).toBe("Dank je wel!");
  });

  it("axe finds no violations on the form, its errors, the answered and the thank-you page", async () => {
    const url = await newLink();
    for (const viewport of [{ width: 360, height: 740 }, { width: 1366, height: 768 }]) {
      const page = await e2e.newPage({ viewport });
      await page.goto(url, { waitUntil: "networkidle" });
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${e2e.server.url}/s/bedankt`, { waitUntil: "networkidle" });
      expect(await axeViolations(page)).toEqual([]);
    }
    const withErrors = await e2e.newPage(PHONE);
    await withErrors.goto(url, { waitUntil: "networkidle" });
    await withErrors.locator('input[name="binding"][value="3"]').check();
    await withErrors.getByRole("button", { name: "Versturen" }).click();
    await withErrors.getByRole("alert").waitFor();
    expect(await axeViolations(withErrors)).toEqual([]);
    // What was chosen is still chosen.
    expect(await withErrors.locator('input[name="binding"][value="3"]').isChecked()).toBe(true);
    for (const [name, value] of [["vertrouwen", "6"], ["richting-kader", "5"], ["stroefheid", "4"]]) {
      await withErrors.locator(`input[name="${name}"][value="${value}"]`).check();
    }
    await withErrors.getByRole("button", { name: "Versturen" }).click();
    await withErrors.waitForURL(/\/s\/bedankt$/);
    await withErrors.goto(url, { waitUntil: "networkidle" });
    expect(await withErrors.locator("h1").textContent()).toBe("Je hebt al geantwoord");
    expect(await axeViolations(withErrors)).toEqual([]);
  });

  it("switched off, the page explains and axe finds nothing", async () => {
    const off = await startTestServer();
    try {
      const page = await e2e.newPage(PHONE);
      const res = await page.goto(`${off.url}/s/AAAAAAAAAAAAAAAAAAAAAAAA`, { waitUntil: "networkidle" });
      expect(res?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Mijn spiegel staat uit");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await off.close();
      rmSync(off.dataDir, { recursive: true, force: true });
    }
  });
});
