// Mijn spiegel for the AD in real Chromium, end to end: a desktop creates a mirror (the key shown
// once, as words that decode to the key in the link) and registers gesprekken (own estimate first;
// the label never leaves the browser); a 390 px phone WITHOUT JavaScript opens the link decoded from
// the QR code (or types the card's code at /s), answers and sees the thank-you page; after three
// answers the desktop sees the clients' means; another device opens the mirror with the words or
// the link; export, and delete. axe finds nothing on every new page.
// PUBLIC_URL is this test server's own loopback address, so the QR's link is what the phone opens.
import { rmSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { wordsToKey } from "../../app/core/spiegel-key";
import { axeViolations } from "../support/axe";
import { decodeQr } from "../support/qr";
import { chooseScore, hydrated, watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { freePort, startTestServer } from "../support/server";

const port = await freePort();
const PUBLIC_URL = `http://127.0.0.1:${port}`;
const e2e = browserAndServer({ env: { PORT: String(port), CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Arbodienst B.V.", PUBLIC_URL } });
const DESKTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, javaScriptEnabled: false };
const LABEL = "dinsdag, herbeoordeling";

const readQr = (page: Page) => decodeQr(page, "img.spiegel-qr", 240);

/** Every request a context sends, with everything that could carry a label. */
function recordRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on("request", (r) => seen.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ""}`));
  return seen;
}

async function registerGesprek(page: Page, own: Record<string, number>, label: string): Promise<{ qrUrl: string; code: string }> {
  await page.goto(`${e2e.server.url}/spiegel/gesprek`);
  await hydrated(page);
  await page.getByRole("button", { name: "Bewaar mijn inschatting en maak de link" }).waitFor();
  // Nothing any client said is on this screen.
  expect(await page.getByText("Cliënten").count()).toBe(0);
  for (const [name, value] of Object.entries(own)) await chooseScore(page, name, value);
  await page.getByLabel("Label voor jezelf").fill(label);
  await page.getByRole("button", { name: "Bewaar mijn inschatting en maak de link" }).click();
  await page.getByRole("heading", { name: "Hoe was ons gesprek?" }).waitFor();
  await page.getByText("Geef de link of het kaartje mee voor later.").waitFor();
  const code = (await page.locator(".spiegel-card-code").textContent())!.replace(" ", "");
  // The image appears once the browser has drawn the code.
  const qrUrl = (await readQr(page))!;
  expect(qrUrl).toMatch(/\/s\/[A-Za-z0-9_-]{16,}$/);
  return { qrUrl, code };
}

async function answerOnPhone(phone: Page, values: [number, number, number, number], remark: string): Promise<void> {
  for (const [i, name] of ["vertrouwen", "richting-kader", "binding", "stroefheid"].entries()) {
    await phone.locator(`input[name="${name}"][value="${values[i]}"]`).check();
  }
  await phone.locator("#opmerking").fill(remark);
  await phone.getByRole("button", { name: "Versturen" }).click();
  await phone.waitForURL(/\/s\/bedankt$/);
  expect(await phone.locator("h1").textContent()).toBe("Dank je wel!");
}

describe("Mijn spiegel for the AD", { timeout: 600_000 }, () => {
  it("creates a mirror, registers three gesprekken, clients answer on phones without JS, and the mirror shows them", async () => {
    const problems: string[] = [];
    const desk = await e2e.newPage(DESKTOP);
    const sent = recordRequests(desk.context());
    watchPage(desk, { origin: e2e.server.url, problems });
    await desk.goto(`${e2e.server.url}/spiegel`);
    await hydrated(desk);
    await desk.getByRole("button", { name: "Maak mijn spiegel" }).waitFor();
    expect(await axeViolations(desk)).toEqual([]);

    // The key, once: words that decode to the key in the link.
    await desk.getByRole("button", { name: "Maak mijn spiegel" }).click();
    await desk.getByRole("heading", { name: "Je persoonlijke sleutel: bewaar hem nu" }).waitFor();
    const link = (await desk.locator(".spiegel-link a").textContent())!;
    expect(link).toMatch(new RegExp(`^${e2e.server.url}/spiegel#sleutel=[A-Za-z0-9_-]{20}$`));
    const words = await desk.locator(".spiegel-words li").allTextContents();
    expect(words).toHaveLength(16);
    expect(wordsToKey(words.join(" "))).toEqual({ ok: true, key: link.split("#sleutel=")[1] });
    expect(await axeViolations(desk)).toEqual([]);
    await desk.getByRole("button", { name: "Ik heb mijn sleutel bewaard" }).click();
    await desk.getByText("Nog 3 antwoorden tot de eerste vrijgave.").waitFor();
    expect(await axeViolations(desk)).toEqual([]);

    // Three gesprekken: the first and third link from the QR code, the second by the card's code at /s.
    const phone = await e2e.newPage(PHONE);
    const own = { vertrouwen: 8, "richting-kader": 8, binding: 9, stroefheid: 2 };
    const first = await registerGesprek(desk, own, LABEL);
    expect(first.qrUrl.startsWith(`${PUBLIC_URL}/s/`)).toBe(true);
    expect(await axeViolations(desk)).toEqual([]);
    await phone.goto(first.qrUrl);
    await answerOnPhone(phone, [6, 5, 5, 6], "Ik wist niet goed wat er na het gesprek zou gebeuren.");

    const second = await registerGesprek(desk, own, "woensdag");
    // axe runs scripts in the page: it checks /s on a phone with JavaScript; the client's phone has none.
    const checker = await e2e.newPage({ viewport: PHONE.viewport });
    await checker.goto(`${e2e.server.url}/s`);
    expect(await axeViolations(checker)).toEqual([]);
    await phone.goto(`${e2e.server.url}/s`);
    await phone.getByLabel("Code").fill(`${second.code.slice(0, 4).toLowerCase()} ${second.code.slice(4)}`);
    await phone.getByRole("button", { name: "Open de vragenlijst" }).click();
    await phone.getByRole("heading", { name: "Hoe was het gesprek?" }).waitFor();
    await answerOnPhone(phone, [7, 6, 6, 4], "");

    await desk.goto(`${e2e.server.url}/spiegel`);
    await hydrated(desk);
    await desk.getByText("Nog 1 antwoord tot de eerste vrijgave.").waitFor();
    expect(await desk.locator(".spiegel-bar.client .spiegel-bar-value").allTextContents()).toEqual(["nog niet", "nog niet", "nog niet", "nog niet"]);

    const third = await registerGesprek(desk, own, "donderdag");
    await phone.goto(third.qrUrl);
    await answerOnPhone(phone, [5, 4, 4, 8], "Er was weinig tijd voor mijn vragen.");

    await desk.goto(`${e2e.server.url}/spiegel`);
    await hydrated(desk);
    await desk.getByRole("heading", { name: "Wat cliënten schreven" }).waitFor();
    expect(await desk.locator(".spiegel-bar.client .spiegel-bar-value").allTextContents()).toEqual(["6,0", "5,0", "5,0", "6,0"]);
    expect(await desk.locator(".spiegel-bar.own .spiegel-bar-value").allTextContents()).toEqual(["8,0", "8,0", "9,0", "2,0"]);
    await desk.getByText("Je schat binding gemiddeld 4,0 hoger in dan je cliënten.").waitFor();
    expect((await desk.locator(".spiegel-remarks li").allTextContents()).sort()).toEqual([
      "Er was weinig tijd voor mijn vragen.",
      "Ik wist niet goed wat er na het gesprek zou gebeuren.",
    ]);
    // Client binding 5 with stroefheid 6: the factsheet's "eerst binding" tip.
    await desk.getByRole("link", { name: /Bij weerstand eerst binding/ }).waitFor();
    await desk.getByText(LABEL).waitFor();
    expect(await axeViolations(desk)).toEqual([]);

    // Bring it to the OT: a one-time share code, made from the mirror (tests/e2e/spiegel-share.test.ts uses one in a session).
    await desk.getByRole("button", { name: "Deelcode maken" }).click();
    expect((await desk.locator(".share-code-value").textContent())!.trim()).toMatch(/^[A-Z0-9]{3} [A-Z0-9]{3}$/);
    await desk.getByText("één keer te gebruiken").waitFor();
    expect(await axeViolations(desk)).toEqual([]);

    // The label stayed in this browser: no request carried it.
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.filter((r) => r.includes("dinsdag") || r.includes("herbeoordeling") || r.includes("woensdag"))).toEqual([]);
    expect(problems).toEqual([]);

    // The mirror on a phone, with JavaScript: axe at 390 px.
    const mobile = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await mobile.goto(link);
    await hydrated(mobile);
    await mobile.getByRole("heading", { name: "Wat cliënten schreven" }).waitFor();
    expect(mobile.url()).toBe(`${e2e.server.url}/spiegel`);
    expect(await axeViolations(mobile)).toEqual([]);
  });

  it("opens the mirror on another device with the words; exports; forgets; deletes after confirmation", async () => {
    const made = (await (await fetch(`${e2e.server.url}/api/spiegel`, { method: "POST" })).json()) as { spiegelId: string; key: string };
    const first = await e2e.newPage(DESKTOP);
    await first.goto(`${e2e.server.url}/spiegel#sleutel=${made.key}`);
    await hydrated(first);
    await first.getByText("Nog 3 antwoorden tot de eerste vrijgave.").waitFor();
    const { keyToWords } = await import("../../app/core/spiegel-key");
    const words = keyToWords(made.key)!;

    const other = await e2e.newPage({ viewport: { width: 360, height: 740 } });
    await other.goto(`${e2e.server.url}/spiegel`);
    await hydrated(other);
    await other.getByLabel("Je 16 woorden, op volgorde").fill(words.slice(0, 15).join(" "));
    await other.getByRole("button", { name: "Open mijn spiegel" }).click();
    await other.getByText("Je sleutel heeft 16 woorden; je vulde er 15 in.").waitFor();
    expect(await axeViolations(other)).toEqual([]);
    await other.getByLabel("Je 16 woorden, op volgorde").fill(words.map((w) => w.slice(0, 4).toUpperCase()).join("\n"));
    await other.getByRole("button", { name: "Open mijn spiegel" }).click();
    await other.getByText("Nog 3 antwoorden tot de eerste vrijgave.").waitFor();

    const download = other.waitForEvent("download");
    await other.getByRole("button", { name: "Download mijn spiegel (JSON)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("mijn-spiegel.json");
    const exported = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
    expect(exported.spiegelId).toBe(made.spiegelId);
    expect(exported.spiegel.gesprekken).toBe(0);

    await other.getByRole("button", { name: "Vergeet op dit apparaat" }).click();
    await other.getByText("Deze browser is je spiegel vergeten.").waitFor();
    expect(await other.evaluate(() => localStorage.getItem("ak-spiegel"))).toBeNull();

    await first.getByRole("button", { name: "Spiegel verwijderen" }).click();
    await first.getByText("Vink aan dat je je spiegel echt wilt verwijderen.").waitFor();
    expect((await fetch(`${e2e.server.url}/api/spiegel`, { headers: { Authorization: `Bearer ${made.key}` } })).status).toBe(200);
    await first.getByLabel("Ja, verwijder mijn spiegel").check();
    await first.getByRole("button", { name: "Spiegel verwijderen" }).click();
    await first.getByText("Je spiegel is verwijderd").waitFor();
    expect((await fetch(`${e2e.server.url}/api/spiegel`, { headers: { Authorization: `Bearer ${made.key}` } })).status).toBe(404);
    expect(await first.evaluate(() => localStorage.getItem("ak-spiegel"))).toBeNull();
  });

  it("prints only the card", async () => {
    const made = (await (await fetch(`${e2e.server.url}/api/spiegel`, { method: "POST" })).json()) as { spiegelId: string; key: string };
    const page = await e2e.newPage(DESKTOP);
    await page.goto(`${e2e.server.url}/spiegel#sleutel=${made.key}`);
    await hydrated(page);
    await page.getByText("Nog 3 antwoorden tot de eerste vrijgave.").waitFor();
    await registerGesprek(page, { vertrouwen: 5, "richting-kader": 5, binding: 5, stroefheid: 5 }, "");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".spiegel-card").isVisible()).toBe(true);
    for (const hidden of [".site-header", "h1", "#link-titel", ".site-footer"]) expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
  });

  it("switched off: /spiegel and /s explain, axe finds nothing", async () => {
    const off = await startTestServer();
    try {
      const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`${off.url}/spiegel`);
      await page.getByRole("heading", { name: "Mijn spiegel staat uit op deze server" }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const res = await page.goto(`${off.url}/s`);
      expect(res?.status()).toBe(404);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await off.close();
      rmSync(off.dataDir, { recursive: true, force: true });
    }
  });
});
