// Bringing a mirror to the OT in real Chromium (issue 11 item 6): a mirror with three client answers
// made over HTTP, a 390 px phone in the session types its share code and chooses its name, the host
// accepts on the control view, the projector shows the summary in the discussion at 1366×768, and
// the report says "1 spiegel gedeeld". axe on every changed screen; screenshots in
// test-results/screenshots/spiegel-*.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { axeViolations } from "../support/axe";
import { watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { createSession, joinHost, must, type TestSocket } from "../integration/live-helpers";

const e2e = browserAndServer({ env: { CLIENT_FEEDBACK_CONTROLLER: "Voorbeeld Arbodienst B.V.", PUBLIC_URL: "http://127.0.0.1" } });
const problems: string[] = [];
const SHOTS = path.resolve("test-results/screenshots");
const OWN = { vertrouwen: 8, "richting-kader": 7, binding: 9, stroefheid: 2 };
// Three clients: binding 5, 6, 4 → 5; stroefheid 6, 4, 5 → 5.
const ANSWERS = [
  { vertrouwen: "6", "richting-kader": "7", binding: "5", stroefheid: "6" },
  { vertrouwen: "7", "richting-kader": "6", binding: "6", stroefheid: "4" },
  { vertrouwen: "5", "richting-kader": "8", binding: "4", stroefheid: "5" },
];

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `spiegel-${name}.png`), fullPage: name.startsWith("telefoon") });
}

/** A mirror with three released answers, and a share code for it, all over HTTP. */
async function mirrorWithCode(): Promise<string> {
  const base = e2e.server.url;
  const m = (await (await fetch(`${base}/api/spiegel`, { method: "POST" })).json()) as { spiegelId: string; key: string };
  for (const answer of ANSWERS) {
    const res = await fetch(`${base}/api/spiegel/${m.spiegelId}/gesprekken`, {
      method: "POST",
      headers: { Authorization: `Bearer ${m.key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ own: OWN }),
    });
    const link = new URL(((await res.json()) as { clientUrl: string }).clientUrl).pathname;
    const form = new URLSearchParams({ ...answer, opmerking: "Fijn dat er tijd was." });
    const sent = await fetch(`${base}${link}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect(sent.status).toBe(303);
  }
  const read = (await (await fetch(`${base}/api/spiegel/${m.spiegelId}`, { headers: { Authorization: `Bearer ${m.key}` } })).json()) as { released: number };
  expect(read.released).toBe(3);
  const made = await fetch(`${base}/api/spiegel/${m.spiegelId}/deelcode`, { method: "POST", headers: { Authorization: `Bearer ${m.key}` } });
  expect(made.status).toBe(201);
  return ((await made.json()) as { code: string }).code;
}

describe("a mirror in the OT", () => {
  let created: CreatedSession;
  let host: TestSocket;
  let control: Page;
  let beamer: Page;
  let phone: Page;
  let code: string;

  it("the phone shares the mirror under its name; the host sees the request", async () => {
    code = await mirrorWithCode();
    created = await createSession(e2e.server.url, { nameDisplay: "pseudoniemen", title: "OT-avond Oost" });
    host = (await joinHost(e2e.server.url, created)).socket;

    control = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    watchPage(control, { origin: e2e.server.url, name: "control", problems });
    await control.goto(`${e2e.server.url}${created.hostUrl}`);
    await control.getByText("Doe mee op je telefoon").waitFor();
    beamer = await control.context().newPage();
    beamer.setDefaultTimeout(10_000);
    watchPage(beamer, { origin: e2e.server.url, name: "beamer", problems });
    await beamer.goto(`${e2e.server.url}/sessie/${created.code}/beamer`);
    await beamer.locator(".join-code").waitFor();

    phone = await e2e.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    watchPage(phone, { origin: e2e.server.url, name: "phone", problems });
    await phone.goto(`${e2e.server.url}/doe-mee?code=${created.code}`);
    await phone.getByLabel("Naam of schuilnaam").fill("Anna de Vries");
    await phone.getByRole("radio", { name: /Arbeidsdeskundige/ }).tap();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: "Welkom, Anna de Vries" }).waitFor();

    await phone.getByText("Je spiegel uit de praktijk delen").tap();
    // A mistyped code: a Dutch refusal, nothing shared.
    await phone.getByLabel("Deelcode").fill("ABC");
    await phone.getByRole("button", { name: "Spiegel delen" }).tap();
    await expect.poll(() => phone.getByRole("alert").textContent()).toContain("6 tekens");
    expect(await axeViolations(phone)).toEqual([]);

    await phone.getByLabel("Deelcode").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    await phone.getByRole("radio", { name: "je naam (Anna de Vries)" }).check();
    await shot(phone, "telefoon-delen-390x844");
    await phone.getByRole("button", { name: "Spiegel delen" }).tap();
    await phone.getByText("De begeleider beslist nog").waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await shot(phone, "telefoon-gedeeld-390x844");

    const request = control.locator(".spiegel-requests li[data-status='pending']");
    await request.getByText("Anna de Vries", { exact: true }).waitFor();
    expect(await request.textContent()).toContain("3 antwoorden van cliënten");
    // Pending: no numbers of the mirror on a screen that may be projected.
    expect(await control.locator(".shared-spiegel-card").count()).toBe(0);
    expect(await axeViolations(control)).toEqual([]);
    await shot(control, "begeleider-verzoek-1366x768");
  }, 90_000);

  it("the host accepts; in the discussion the projector shows own vs clients per element", async () => {
    await control.getByRole("button", { name: /^Accepteren.*spiegel van Anna de Vries$/ }).click();
    await control.getByText("Gedeelde spiegels (1)").waitFor();
    expect(await control.locator(".spiegel-requests li[data-status='pending']").count()).toBe(0);
    await phone.getByText("De begeleider heeft je spiegel geaccepteerd").waitFor();
    // Not before the discussion.
    expect(await beamer.locator(".shared-spiegel-card").count()).toBe(0);

    for (const phase of ["briefing", "live", "final", "reveal", "discussion"]) await must(host, "session:phase", { phase });
    const card = beamer.locator(".shared-spiegel-card");
    await card.waitFor();
    expect(await card.getByRole("heading").textContent()).toBe("Spiegel van Anna de Vries");
    expect(await card.textContent()).toContain("3 antwoorden van cliënten");
    const rows = await card.locator(".spiegel-row").evaluateAll((items) =>
      Object.fromEntries(items.map((row) => [row.getAttribute("data-element"), row.querySelector(".spiegel-numbers")?.textContent?.trim()])),
    );
    expect(rows).toEqual({ vertrouwen: "86", "richting-kader": "77", binding: "95", stroefheid: "25" });
    expect(await card.getByRole("img", { name: /Binding: eigen inschatting 9, cliënten 5/i }).count()).toBe(1);
    await shot(beamer, "beamer-bespreking-1366x768");
    // Readable from the back: the whole card is on the first screen, in large type.
    await beamer.evaluate(() => window.scrollTo(0, 0));
    const box = await card.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    const size = await card.locator(".spiegel-row dt").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    expect(await beamer.locator("body").innerText()).not.toContain("Fijn dat er tijd was");
    expect(await axeViolations(beamer)).toEqual([]);
    // In the discussion the control view lists what the beamer shows, with the way to take it off.
    await control.getByRole("button", { name: /^Van de beamer halen/ }).waitFor();
    expect(await axeViolations(control)).toEqual([]);
    await shot(control, "begeleider-bespreking-1366x768");
  }, 90_000);

  it("the report counts the mirror and holds none of its numbers", async () => {
    for (const phase of ["reflection", "closed"]) await must(host, "session:phase", { phase });
    const report = await control.context().newPage();
    await report.goto(`${e2e.server.url}/sessie/${created.code}/verslag`);
    await report.getByRole("heading", { name: "Besproken tips" }).waitFor();
    const text = await report.locator("main").innerText();
    expect(text).toContain("1 spiegel gedeeld");
    expect(text).not.toContain("Spiegel van");
    host.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
