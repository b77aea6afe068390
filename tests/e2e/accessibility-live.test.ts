// axe-core (WCAG 2.2 AA rules) on every page of a live OT session, in real Chromium with the
// production CSP, on a phone (360 px) and a desktop (1280 px): the join page (empty, from a link,
// with errors), starting a session, the rater's room and the host screen in each phase (lobby,
// briefing, live with the moment panel open, final, reveal, reflection) and the report.
// Each step fails on its own violations, listed with the page, phase and width.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { type AxeViolation, axeViolations } from "../support/axe";
import { hydrated } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { joinAs, must, type Rater } from "../integration/live-helpers";

const e2e = browserAndServer();
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** axe on this page as it is now, at both widths; fails the step on any violation, naming them all. */
async function check(page: Page, where: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  const found: string[] = [];
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    for (const v of await axeViolations(page)) found.push(describeViolation(`${where} @${viewport.width}px`, v));
  }
  await page.setViewportSize(original);
  expect(found.join("\n")).toBe("");
}

function describeViolation(where: string, v: AxeViolation): string {
  return `${where}: ${v.id} (${v.impact}) ${v.help} → ${v.targets.join(" | ")}`;
}

describe("accessibility of the live session (axe-core, WCAG 2.2 AA rules)", () => {
  let host: Page;
  let phone: Page;
  let code = "";
  let sessionId = "";
  let hostToken = "";
  const raters: Rater[] = [];

  afterAll(() => {
    for (const r of raters) r.socket.close();
  });

  it("the check itself finds a violation when there is one", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    await page.goto(`${e2e.server.url}/doe-mee`);
    await hydrated(page);
    await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<input id="zonder-label" type="text">'));
    expect((await axeViolations(page)).map((v) => v.id)).toContain("label");
  });

  it("the join page: empty, from a link, and with its errors shown", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    await page.goto(`${e2e.server.url}/doe-mee`);
    await check(page, "/doe-mee");
    await page.getByRole("button", { name: "Meedoen" }).click();
    await page.getByText("Vul een naam of schuilnaam in.").waitFor();
    await check(page, "/doe-mee with errors");
  });

  it("starting a session: the form with errors, and the page with the code, QR and host link", async () => {
    host = await e2e.newPage({ viewport: DESKTOP });
    await host.goto(`${e2e.server.url}/sessies/nieuw`);
    await check(host, "/sessies/nieuw");
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByText("Geef de sessie een titel.").waitFor();
    await check(host, "/sessies/nieuw with errors");
    await host.getByLabel("Titel van de sessie").fill("OT-groep Oost");
    await host.getByLabel("Kies het gesprek").selectOption("bezwaar-fml");
    await host.getByLabel("De namen die deelnemers zelf opgeven").check();
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByRole("heading", { name: "De sessie staat klaar" }).waitFor();
    await check(host, "/sessies/nieuw created");
    const hostUrl = new URL(await host.getByRole("textbox", { name: "Begeleiderslink" }).inputValue());
    hostToken = new URLSearchParams(hostUrl.hash.slice(1)).get("token")!;
    code = new URL((await host.locator(".join-url").textContent())!).searchParams.get("code")!;
  });

  it("lobby: the join page from a link, the rater's room and the host screen with participants", async () => {
    phone = await e2e.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto(`${e2e.server.url}/doe-mee?code=${code}`);
    await check(phone, "/doe-mee?code=");
    await phone.getByLabel("Naam of schuilnaam").fill("Sanne");
    await phone.getByRole("radio", { name: /^Arbeidsdeskundige/ }).tap();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: "Welkom, Sanne" }).waitFor();
    for (const [name, role] of [["Bart", "ervaringsdeskundige"], ["Chantal", "arbeidsdeskundige"], ["Dirk", "observator"]] as const) {
      raters.push(await joinAs(e2e.server.url, code, name, role));
    }
    sessionId = raters[0].snapshots[0].sessionId;
    await host.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await host.locator(".lobby .participant-list").getByText("Dirk", { exact: true }).waitFor();
    await host.getByRole("button", { name: "Verdeel de elementen gelijk" }).click();
    await phone.getByText("Jouw focus:").waitFor();
    await check(host, "host lobby");
    await check(phone, "rater lobby");
  });

  it("briefing and live, with the moment panel open", async () => {
    await host.getByRole("button", { name: "Naar de briefing" }).click();
    await phone.getByRole("heading", { name: "Briefing" }).waitFor();
    await check(host, "host briefing");
    await check(phone, "rater briefing");
    await host.getByRole("button", { name: "Start het live beoordelen" }).click();
    await host.getByRole("button", { name: "Start het gesprek" }).click();
    await phone.locator(".turn").first().waitFor();
    for (const r of raters.slice(0, 2)) await must(r.socket, "rating:samples", { samples: [{ seq: 1, element: "binding", value: 6, t: 1 }] });
    await phone.locator(".moment-buttons button").first().tap();
    await phone.getByLabel("Korte notitie (mag leeg)").waitFor();
    // The whole live room with the moment panel open on top of it.
    await check(phone, "rater live, moment panel open");
    await phone.getByRole("button", { name: "Zonder toelichting" }).tap();
    await host.getByRole("heading", { name: /Wie beoordeelt er nu/ }).waitFor();
    await check(host, "host live");
  });

  it("final: the rating form, its errors, the submitted state, and the host's overview", async () => {
    await host.getByRole("button", { name: "Naar het eindoordeel" }).click();
    // Leaving live rating asks first on the control view.
    await host.getByRole("button", { name: "Ja, naar het eindoordeel" }).click();
    await phone.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
    await check(phone, "rater final form");
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByText(/Kies een score voor/).first().waitFor();
    await check(phone, "rater final form with errors");
    for (const [element, score] of Object.entries({ vertrouwen: 7, "richting-kader": 6, binding: 8, stroefheid: 2 })) {
      await phone.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
    }
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
    await check(phone, "rater final submitted");
    for (const r of raters.slice(0, 2)) {
      await must(r.socket, "rating:final", { scores: { vertrouwen: 5, "richting-kader": 5, binding: 6, stroefheid: 3 }, observed: [], notes: { binding: "Goed samengevat." } });
    }
    await host.getByRole("heading", { name: "Eindoordeel: 3 van 3 ingeleverd" }).waitFor();
    await check(host, "host final");
  });

  it("reveal: the results on the host screen and in the rater's room", async () => {
    await host.getByRole("button", { name: "Onthul de resultaten" }).click();
    // On the control view the full results with the host's tools sit behind a disclosure.
    await host.getByText("Alle uitkomsten, tips en reactietijd").click();
    await host.locator(".rv-overview").first().waitFor();
    await phone.locator(".phone-reveal .pr-element").first().waitFor();
    await check(host, "host reveal");
    await check(phone, "rater reveal");
  });

  it("reflection on both screens", async () => {
    // The discussion shows the reveal's results again (checked above); the reflection is new.
    await host.getByRole("button", { name: "Naar de bespreking" }).click();
    await phone.locator(".phase-badge[data-phase=discussion]").waitFor();
    await host.getByRole("button", { name: "Naar de reflectie" }).click();
    await phone.locator(".phase-badge[data-phase=reflection]").waitFor();
    await must(raters[0].socket, "reflection:submit", { learningPoint: "Eerst samenvatten, dan vragen.", action: "Volgende keer de FML samen lezen." });
    await check(host, "host reflection");
    await check(phone, "rater reflection");
  });

  it("the report page, as its host opens it", async () => {
    const cookie = await host.request.post(`${e2e.server.url}/api/sessions/${sessionId}/host-cookie`, { headers: { authorization: `Bearer ${hostToken}` } });
    expect(cookie.status()).toBe(204);
    const response = await host.goto(`${e2e.server.url}/sessie/${code}/verslag`);
    expect(response?.status()).toBe(200);
    await host.locator("main h1").first().waitFor();
    await check(host, "report");
  });
});
