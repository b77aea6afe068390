// The report in real Chromium: the host's browser holds the cookie (from POST …/host-cookie, as the
// host page obtains it) and opens /sessie/:code/verslag; on screen it has its options and downloads,
// in print it shows the SVG charts and the record without any controls; axe finds nothing; and
// a browser without the cookie gets the Dutch 401 page.
import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { axeViolations } from "../support/axe";
import { browserAndServer } from "../support/e2e";
import { api, createSession, joinAs, joinHost, must } from "../integration/live-helpers";

const e2e = browserAndServer();
let created: CreatedSession;

beforeAll(async () => {
  // A short session: two ADs and an ervaringsdeskundige rate, reveal, reflect, close.
  created = await createSession(e2e.server.url, { title: "OT Zuid" });
  const host = await joinHost(e2e.server.url, created);
  const raters = [
    await joinAs(e2e.server.url, created.code, "Anna", "arbeidsdeskundige"),
    await joinAs(e2e.server.url, created.code, "Bram", "arbeidsdeskundige"),
    await joinAs(e2e.server.url, created.code, "Esra", "ervaringsdeskundige"),
  ];
  await must(host.socket, "session:phase", { phase: "briefing" });
  await must(host.socket, "session:phase", { phase: "live" });
  for (const [i, r] of raters.entries()) {
    const samples = Array.from({ length: 60 }, (_, k) => ({ seq: k + 1, element: "binding", value: (i * 3 + Math.floor(k / 10)) % 11, t: k }));
    await must(r.socket, "rating:samples", { samples });
  }
  await must(host.socket, "session:phase", { phase: "final" });
  for (const [i, r] of raters.entries()) {
    await must(r.socket, "rating:final", { scores: { vertrouwen: 4 + i, "richting-kader": 6, binding: 3 + 2 * i, stroefheid: 7 - i }, observed: ["empathie"] });
  }
  await must(host.socket, "session:phase", { phase: "reveal" });
  await must(host.socket, "tips:discussed", { tipId: "eerst-binding", discussed: true });
  await must(host.socket, "session:phase", { phase: "discussion" });
  await must(host.socket, "session:phase", { phase: "reflection" });
  for (const [i, r] of raters.entries()) {
    await must(r.socket, "reflection:submit", { learningPoint: `Leerpunt nummer ${i + 1}`, action: "Doorvragen bij weerstand" });
    await must(r.socket, "evaluation:submit", { answers: { nuttig: 8, clientperspectief: 7, veilig: 9, werkvorm: 8 } });
  }
  await must(host.socket, "session:phase", { phase: "closed" });
  for (const s of [host.socket, ...raters.map((r) => r.socket)]) s.close();
});

/** A browser context holding the host cookie, set by the server's own answer. */
async function hostContext(): Promise<BrowserContext> {
  const res = await api(e2e.server.url, `/api/sessions/${created.sessionId}/host-cookie`, { method: "POST", token: created.hostToken });
  expect(res.status).toBe(204);
  const [pair] = res.headers.get("set-cookie")!.split(";");
  const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
  const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: `/sessie/${created.code}`, httpOnly: true, sameSite: "Strict" }]);
  return context;
}

describe("the report in Chromium", () => {
  it("renders for the host on a phone, with its options, and without names", async () => {
    const context = await hostContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const res = await page.goto(`${e2e.server.url}/sessie/${created.code}/verslag`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Verslag: OT Zuid");
    expect(await page.getByRole("checkbox", { name: /Presentielijst/ }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: /CSV/ }).getAttribute("href")).toBe(`/sessie/${created.code}/verslag.csv`);
    const body = await page.locator("body").innerText();
    for (const n of ["Anna", "Bram", "Esra"]) expect(body).not.toContain(n);
    expect(body).toContain("Tip 4: Bij weerstand eerst binding, dan het kader");
    expect(body).toContain("Doorvragen bij weerstand");
    // Both references, the client view labelled as the makers' estimate and Esra as the real client view here.
    expect(body).toContain("De groep naast de vakreferentie en de cliëntblik");
    expect(body).toContain("Cliëntblik: Zo beleeft de cliënt het waarschijnlijk — geschreven door de makers, geen oordeel van een ervaringsdeskundige.");
    expect(body).toContain("Eén ervaringsdeskundige beoordeelde mee: die is de echte cliëntblik in deze ruimte.");
    const referenceTable = page.getByRole("region", { name: "De groep naast de referenties" });
    const headers = (await referenceTable.locator("thead th").allTextContents()).map((h) => h.replace(/\u00ad/g, ""));
    expect(headers).toEqual(["Element", "Groep", "Vakreferentie", "Verschil", "Cliëntblik"]);
    // Mobile first: nothing makes the phone scroll sideways (wide tables scroll in their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    // The options form is a plain GET: ticking the presence list adds the names for PE.
    await page.getByRole("checkbox", { name: /Presentielijst/ }).check();
    await Promise.all([page.waitForURL(/presentie=1/), page.getByRole("button", { name: "Verslag bijwerken" }).click()]);
    const withPresence = await page.getByRole("table", { name: /Aanwezig op/ }).innerText();
    for (const n of ["Anna", "Bram", "Esra"]) expect(withPresence).toContain(n);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints as a clean record: SVG charts visible, no controls", async () => {
    const context = await hostContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 1400 });
    await page.goto(`${e2e.server.url}/sessie/${created.code}/verslag`, { waitUntil: "networkidle" });
    await page.emulateMedia({ media: "print" });
    // The charts (dot plots, timelines, gaps): SVGs of real size, visible on paper.
    const sizes = await page.locator(".report svg").evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    const charts = sizes.filter((w) => w > 200);
    expect(charts.length, JSON.stringify(sizes)).toBeGreaterThanOrEqual(4);
    for (const selector of [".report-options", ".report .actions", "button", ".breadcrumb"]) {
      const all = page.locator(selector);
      for (let i = 0; i < (await all.count()); i++) expect(await all.nth(i).isVisible(), selector).toBe(false);
    }
    // Every chart has a text alternative.
    const unlabelled = await page.locator(".report svg").evaluateAll((svgs) =>
      svgs.filter((s) => !(s.getAttribute("aria-label") || s.getAttribute("aria-labelledby") || s.getAttribute("aria-hidden") === "true" || s.querySelector("title"))).length,
    );
    expect(unlabelled).toBe(0);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });

  it("carries both references in the JSON download", async () => {
    const context = await hostContext();
    const res = await context.request.get(`${e2e.server.url}/sessie/${created.code}/verslag.json`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    const references = body.results.elements.map((e: { reference: unknown }) => e.reference);
    expect(references).toHaveLength(4);
    for (const ref of references) {
      expect(typeof ref.score).toBe("number");
      expect(typeof ref.clientView).toBe("number");
      // One ervaringsdeskundige: no mean of their own (decision 013).
      expect(ref.edMean).toBeNull();
    }
    expect(body.results.clientViewLine).toMatch(/^Eén ervaringsdeskundige beoordeelde mee/);
    await context.close();
  });

  it("a browser without the host cookie gets the Dutch 401 page", async () => {
    const page = await e2e.browser.newPage();
    const res = await page.goto(`${e2e.server.url}/sessie/${created.code}/verslag`);
    expect(res?.status()).toBe(401);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Alleen voor de begeleider");
    expect(await page.locator("body").innerText()).toContain("Open het verslag vanaf de begeleiderspagina");
    await page.close();
  });
});
