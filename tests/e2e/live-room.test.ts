// The live OT room in real Chromium against the real server: a facilitator creates a session and
// runs it from the host screen; an arbeidsdeskundige on a laptop rates by keyboard only, and an
// ervaringsdeskundige on a phone (360×740, touch) by tapping. Lobby → briefing → live → final →
// reveal, with a reload of the phone and of the host screen on the way.
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "../support/axe";
import { watchPage } from "../support/browser";
import { browserAndServer, onTestServer } from "../support/e2e";

const e2e = browserAndServer();
const problems: string[] = [];

/** A page that records errors, CSP violations (console errors) and requests to other origins. */
async function open(name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await e2e.newPage(options);
  // Reconnect attempts while the test holds the phone offline fail, as they should.
  watchPage(page, { origin: e2e.server.url, name, problems, ignoreConsole: (text) => text.includes("ERR_INTERNET_DISCONNECTED") });
  return page;
}

const sliderValue = (page: Page, name: string) => page.getByRole("slider", { name }).getAttribute("aria-valuenow");
const ackedSeq = async (page: Page) => Number(await page.locator(".sync-status").getAttribute("data-acked-seq"));
const pending = async (page: Page) => Number(await page.locator(".sync-status").getAttribute("data-pending"));

describe("the live room in the browser", () => {
  let host: Page;
  let ad: Page;
  let ed: Page;
  let joinUrl: string;
  let code: string;

  it("creates a session and shows the join code, QR and host link", async () => {
    host = await open("host", { viewport: { width: 1280, height: 900 } });
    await host.goto(`${e2e.server.url}/sessies/nieuw`);
    // The action validates: no title gets a Dutch error beside the field, and nothing is created.
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByText("Geef de sessie een titel.").waitFor();
    await host.getByLabel("Titel van de sessie").fill("OT-groep Noord");
    await host.getByLabel("Kies het gesprek").selectOption("bezwaar-fml");
    // The group question follows the vignette while the facilitator has not written their own.
    await expect.poll(() => host.getByLabel("Vraag aan de groep").inputValue()).toMatch(/Ingrid/);
    await host.getByLabel("De namen die deelnemers zelf opgeven").check();
    await host.getByRole("button", { name: "Sessie aanmaken" }).click();
    await host.getByRole("heading", { name: "De sessie staat klaar" }).waitFor();
    joinUrl = onTestServer((await host.locator(".join-url").textContent())!, e2e.server);
    code = new URL(joinUrl).searchParams.get("code")!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await host.locator("img.join-qr").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    await host.getByRole("link", { name: "Open het begeleidersscherm" }).click();
    await host.getByText("Doe mee op je telefoon").waitFor();
    // The host token left the address bar (the projector shows this page) but stays in this browser.
    expect(host.url()).not.toContain("token");
  });

  it("two raters join; the host sees them appear with their role, removes a third and spreads the focus", async () => {
    ad = await open("ad", { viewport: { width: 1024, height: 800 } });
    ed = await open("ed", { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

    await ad.goto(joinUrl);
    await ad.getByLabel("Naam of schuilnaam").fill("Anna");
    await ad.getByRole("radio", { name: /^Arbeidsdeskundige/ }).check();
    await ad.getByRole("button", { name: "Meedoen" }).click();
    await ad.getByRole("heading", { name: "Welkom, Anna" }).waitFor();

    // The phone types the code itself, in lower case with a space, and first forgets its name.
    await ed.goto(`${e2e.server.url}/doe-mee`);
    await ed.getByLabel("Code").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    await ed.getByRole("radio", { name: /^Ervaringsdeskundige/ }).tap();
    await ed.getByRole("button", { name: "Meedoen" }).tap();
    await ed.getByText("Vul een naam of schuilnaam in.").waitFor();
    await ed.getByLabel("Naam of schuilnaam").fill("Bram");
    await ed.getByRole("button", { name: "Meedoen" }).tap();
    await ed.getByRole("heading", { name: "Welkom, Bram" }).waitFor();

    const list = host.locator(".lobby .participant-list");
    await list.getByText("Anna", { exact: true }).waitFor();
    await list.getByText("Bram", { exact: true }).waitFor();
    await expect.poll(() => list.locator(".participant", { hasText: "Bram" }).locator(".role-tag").textContent()).toBe("Ervaringsdeskundige");

    // A third person joins as observator and is removed by the host (asked once more first).
    const guest = await open("guest", { viewport: { width: 390, height: 800 } });
    await guest.goto(joinUrl);
    await guest.getByLabel("Naam of schuilnaam").fill("Dirk");
    await guest.getByRole("radio", { name: /^Observator/ }).check();
    await guest.getByRole("button", { name: "Meedoen" }).click();
    await guest.getByText("Als observator kijk je mee").waitFor();
    await list.getByText("Dirk", { exact: true }).waitFor();
    await list.getByRole("button", { name: "Dirk verwijderen" }).click();
    await list.getByRole("button", { name: "Ja, verwijder Dirk" }).click();
    await guest.getByRole("heading", { name: "Je doet niet meer mee in deze sessie" }).waitFor();
    await guest.getByText("De begeleider heeft je uit deze sessie gehaald.").waitFor();
    await list.getByText("Dirk", { exact: true }).waitFor({ state: "detached" });

    await host.getByRole("button", { name: "Verdeel de elementen gelijk" }).click();
    await ad.getByText("Jouw focus:").waitFor();
    await ed.getByText("Jouw focus:").waitFor();
    expect(await axeViolations(host)).toEqual([]);
  });

  it("briefing: everyone sees the question; live: the clock runs and the transcript follows", async () => {
    await host.getByRole("button", { name: "Naar de briefing" }).click();
    await ad.getByRole("heading", { name: "Briefing" }).waitFor();
    await ed.getByRole("heading", { name: "Vraag aan de groep" }).waitFor();

    await host.getByRole("button", { name: "Start het live beoordelen" }).click();
    await host.getByRole("button", { name: "Start het gesprek" }).click();
    await ed.locator(".turn").first().waitFor();
    await ad.locator(".turn").first().waitFor();
  });

  it("the keyboard-only rater sets values with arrows, Page Up/Down, Home/End and number keys; samples are acked", async () => {
    const name = (await ad.locator(".focus-slider label").first().textContent())!;
    const slider = ad.getByRole("slider", { name });
    // Tab from the top of the room to the slider: reachable without a mouse.
    await ad.locator(".room-header").click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 15 && !(await slider.evaluate((el) => el === document.activeElement)); i++) await ad.keyboard.press("Tab");
    expect(await slider.evaluate((el) => el === document.activeElement)).toBe(true);

    await ad.keyboard.press("7");
    expect(await sliderValue(ad, name)).toBe("7");
    await ad.keyboard.press("ArrowRight");
    expect(await sliderValue(ad, name)).toBe("8");
    await ad.keyboard.press("PageDown");
    expect(await sliderValue(ad, name)).toBe("6");
    await ad.keyboard.press("End");
    expect(await sliderValue(ad, name)).toBe("10");
    await ad.keyboard.press("Home");
    expect(await sliderValue(ad, name)).toBe("0");
    await ad.keyboard.press("ArrowLeft");
    expect(await sliderValue(ad, name)).toBe("0");
    await ad.keyboard.press("4");
    expect(await slider.getAttribute("aria-valuetext")).toMatch(/^4 van 10/);

    await expect.poll(() => ackedSeq(ad), { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
  });

  it("the phone rater taps a value, marks a moment with one tap, and the host sees both rating", async () => {
    const name = (await ed.locator(".focus-slider label").first().textContent())!;
    await ed.locator(".focus-slider .rating-slider-taps").getByRole("button", { name: "8", exact: true }).tap();
    expect(await sliderValue(ed, name)).toBe("8");
    await ed.locator(".moment-buttons button").first().tap();
    await ed.getByText(/Moment gemarkeerd bij/).waitFor();
    await ed.getByRole("button", { name: "Zonder toelichting" }).tap();
    await ed.getByText(/Jij markeerde 1 moment/).waitFor();
    await expect.poll(() => ackedSeq(ed), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);

    await host.getByRole("heading", { name: /Wie beoordeelt er nu\s*2 van 2/ }).waitFor({ timeout: 10_000 });
    expect(await axeViolations(ed)).toEqual([]);
  });

  it("a reload of the phone returns to the same seat with its own value", async () => {
    const name = (await ed.locator(".focus-slider label").first().textContent())!;
    await ed.reload();
    await ed.getByRole("slider", { name }).waitFor();
    expect(await sliderValue(ed, name)).toBe("8");
    expect(await ed.locator(".room-meta").textContent()).toContain("Bram");
    await expect.poll(() => pending(ed)).toBeLessThan(30);
  });

  it("offline, the phone shows a chip and keeps recording; back online, all of it is delivered", async () => {
    const name = (await ed.locator(".focus-slider label").first().textContent())!;
    await ed.context().setOffline(true);
    await ed.getByText("Verbinding herstellen…").waitFor();
    const ackedBefore = await ackedSeq(ed);
    await ed.locator(".focus-slider .rating-slider-taps").getByRole("button", { name: "3", exact: true }).tap();
    expect(await sliderValue(ed, name)).toBe("3");
    await ed.getByText(/wachten? op verbinding/).waitFor();
    const waiting = await pending(ed);
    expect(waiting).toBeGreaterThan(0);
    expect(await ackedSeq(ed)).toBe(ackedBefore);

    await ed.context().setOffline(false);
    await ed.getByText("Verbinding herstellen…").waitFor({ state: "hidden" });
    // Seqs are contiguous and the ack is the highest seq stored without a gap: all offline samples are in.
    await expect.poll(() => ackedSeq(ed), { timeout: 10_000 }).toBeGreaterThanOrEqual(ackedBefore + waiting);
  });

  it("final: the keyboard rater and the phone rater submit; the host sees who did", async () => {
    await host.getByRole("button", { name: "Naar het eindoordeel" }).click();
    // Leaving live rating asks first on the control view.
    await host.getByRole("button", { name: "Ja, naar het eindoordeel" }).click();
    await ad.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
    await ed.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
    expect(await axeViolations(ed)).toEqual([]);

    // Keyboard: focus the first option of each scale and move with the arrow keys.
    const adScores = { vertrouwen: 6, "richting-kader": 7, binding: 5, stroefheid: 3 };
    for (const [element, score] of Object.entries(adScores)) {
      await ad.locator(`input[name="score-${element}"]`).first().focus();
      await ad.keyboard.press("Space");
      for (let i = 0; i < score; i++) await ad.keyboard.press("ArrowRight");
      expect(await ad.locator(`input[name="score-${element}"]:checked`).getAttribute("value")).toBe(String(score));
    }
    await ad.getByRole("button", { name: "Eindoordeel inleveren" }).focus();
    await ad.keyboard.press("Enter");
    await ad.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();

    // The phone forgets one element first and is told which.
    for (const [element, score] of Object.entries({ vertrouwen: 9, "richting-kader": 8, binding: 9 })) {
      await ed.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
    }
    await ed.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await ed.getByText("Kies een score voor Stroefheid.").waitFor();
    await ed.locator("fieldset.el-stroefheid .scale label").nth(2).tap();
    await ed.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await ed.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();

    await host.getByRole("heading", { name: "Eindoordeel: 2 van 2 ingeleverd" }).waitFor();
    // Who, never what: no score of a rater is on the host screen before the reveal.
    expect(await host.locator(".submissions .presence-list").textContent()).not.toMatch(/[0-9]/);
  });

  it("a reloaded host screen re-attaches; the reveal reaches everyone", async () => {
    await host.reload();
    await host.getByRole("heading", { name: "Eindoordeel: 2 van 2 ingeleverd" }).waitFor();
    await host.getByRole("button", { name: "Onthul de resultaten" }).click();

    // The control view's full results (ResultsView, behind its disclosure): one AD and one
    // ervaringsdeskundige, so the roles are merged and nobody's scores stand by name
    // (docs/decisions/013): the dots only, and a line that says so.
    await host.getByText("Alle uitkomsten, tips en reactietijd").click();
    await host.locator(".rv-overview").waitFor();
    expect(await host.locator("table.rv-scores").count()).toBe(0);
    await host.getByText("Eén arbeidsdeskundige en één ervaringsdeskundige deden mee", { exact: false }).first().waitFor();
    const dots = await host.locator('.rv-element[data-element="vertrouwen"] .rv-dotplot title').allTextContents();
    expect(dots.slice(1)).toEqual(["6", "9"]);
    // Each phone: its own score beside the group mean (vertrouwen 6 and 9: 7,5).
    for (const [page, own] of [
      [ad, "Jij gaf 6 · de groep gemiddeld 7,5"],
      [ed, "Jij gaf 9 · de groep gemiddeld 7,5"],
    ] as const) {
      await page.locator('.pr-element[data-element="vertrouwen"]').waitFor();
      expect(await page.locator('.pr-element[data-element="vertrouwen"] .pr-numbers').innerText()).toBe(own);
    }
    // With two raters the page says the numbers are only a start for the conversation.
    await ed.locator(".pr-note").getByText(/begin van het gesprek/).waitFor();
    expect(await axeViolations(ed)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
