// The small frictions of the OT evening (issue 9), each as the person who met it, in real Chromium
// on a 360×740 phone against the real server: the join page's messages, "focus-element" explained
// where it is chosen, the moment buttons in reach during live rating, an error that goes as soon
// as it is fixed, the learning point and the evaluation as one flow, and the host's count of who
// is still busy.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { chooseScore, hydrated, watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { createSession, joinAs, joinHost, must, type Rater, type TestSocket } from "../integration/live-helpers";
import type { SessionSnapshot } from "../../app/core/protocol";

const e2e = browserAndServer();
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const problems: string[] = [];

async function phonePage(): Promise<Page> {
  const page = await e2e.newPage(PHONE);
  watchPage(page, { origin: e2e.server.url, problems });
  return page;
}

describe("the frictions of the OT evening", () => {
  let phone: Page;
  let host: { socket: TestSocket; snapshots: SessionSnapshot[] };
  let code = "";
  let hostToken = "";
  const raters: Rater[] = [];
  afterAll(() => {
    for (const r of raters) r.socket.close();
    host?.socket.close();
  });

  it("the join page says what is wrong with a code: no '6 tekens' for six, and 'Er is geen sessie' for an unknown one", async () => {
    const created = await createSession(e2e.server.url, { title: "OT-groep Zuid" });
    code = created.code;
    hostToken = created.hostToken;
    host = await joinHost(e2e.server.url, created);
    phone = await phonePage();
    await phone.goto(`${e2e.server.url}/doe-mee`);
    await hydrated(phone);
    await phone.getByLabel("Code").fill("ZZZ ZZZ");
    await phone.getByLabel("Naam of schuilnaam").fill("Fatima");
    await phone.getByRole("radio", { name: /^Ervaringsdeskundige/ }).tap();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    const codeError = phone.locator("#code-fout");
    await codeError.waitFor();
    expect(await codeError.textContent()).toMatch(/“Z” komt in geen enkele code voor/);
    expect(await codeError.textContent()).not.toMatch(/6 tekens/);

    // Well-formed, but no session has it (a code from the alphabet that differs from this one).
    const unknown = code.startsWith("AAA") ? "CCC234" : "AAA234".replace(/A/g, code[0] === "A" ? "C" : "A");
    await phone.getByLabel("Code").fill(unknown);
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByText(`Er is geen sessie met code ${unknown.slice(0, 3)} ${unknown.slice(3)}.`).waitFor();

    await phone.getByLabel("Code").fill(code);
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: "Welkom, Fatima" }).waitFor();
  }, 60_000);

  it("'focus-element' is explained where it is chosen", async () => {
    const select = phone.getByRole("combobox", { name: "Focus-element kiezen" });
    await select.waitFor();
    const describedBy = (await select.getAttribute("aria-describedby"))!;
    const explanation = await phone.locator(`[id="${describedBy}"]`).textContent();
    expect(explanation).toMatch(/element waar jij tijdens het gesprek extra op let/);
    expect(await phone.locator(`[id="${describedBy}"]`).isVisible()).toBe(true);
  });

  it("during live rating the four moment buttons are on the screen without scrolling, and on top", async () => {
    raters.push(await joinAs(e2e.server.url, code, "Anna", "arbeidsdeskundige"));
    await must(host.socket, "participant:focus", { spread: true });
    await must(host.socket, "session:phase", { phase: "briefing" });
    await must(host.socket, "session:phase", { phase: "live" });
    await must(host.socket, "session:clock", { action: "play", t: 0 });
    await phone.locator(".turn").first().waitFor();
    await phone.locator(".focus-slider").waitFor();
    expect(await phone.evaluate(() => window.scrollY)).toBe(0);
    const buttons = phone.locator(".moment-buttons button");
    expect(await buttons.count()).toBe(4);
    for (const button of await buttons.all()) {
      const name = (await button.textContent()) ?? "";
      const box = (await button.boundingBox())!;
      expect(box.y, name).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, name).toBeLessThanOrEqual(740);
      expect(box.height).toBeGreaterThanOrEqual(44);
      // Nothing covers it: the point at its middle belongs to the button.
      const onTop = await button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && el.contains(hit);
      });
      expect(onTop, name).toBe(true);
    }
    // Scrolled down to the other elements, a moment is still one tap away.
    await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await buttons.nth(2).tap();
    await phone.getByText(/Moment gemarkeerd bij/).waitFor();
    await phone.getByRole("button", { name: "Zonder toelichting" }).tap();
    await phone.getByText(/Jij markeerde 1 moment/).waitFor();
  });

  it("an error on the final form goes as soon as the field is fixed, before sending again", async () => {
    await must(host.socket, "session:phase", { phase: "final" });
    await phone.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
    for (const [element, score] of Object.entries({ vertrouwen: 7, "richting-kader": 6, binding: 8 })) {
      await phone.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
    }
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    const error = phone.getByText("Kies een score voor Stroefheid.");
    await error.waitFor();
    await phone.locator("fieldset.el-stroefheid .scale label").nth(2).tap();
    await error.waitFor({ state: "detached" });
    expect(await phone.locator("fieldset.el-stroefheid").getAttribute("aria-describedby")).not.toMatch(/fout/);
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
  });

  it("the learning point and the evaluation are one flow; the host sees how many are still busy", async () => {
    await must(raters[0].socket, "rating:final", { scores: { vertrouwen: 5, "richting-kader": 5, binding: 6, stroefheid: 3 }, observed: [] });
    for (const phase of ["reveal", "discussion", "reflection"]) await must(host.socket, "session:phase", { phase });
    await phone.locator(".phase-badge[data-phase=reflection]").waitFor();
    const hostView = () => host.snapshots.at(-1)?.host;
    await expect.poll(() => hostView()?.finished).toBe(0);
    expect(hostView()?.participants).toBe(2);

    const steps = phone.getByRole("list", { name: "Wat je nog doet" });
    expect(await steps.textContent()).toMatch(/De evaluatie: \d+ korte vragen/);
    await phone.getByLabel("Mijn leerpunt").fill("Eerst samenvatten, dan pas het kader.");
    await phone.getByLabel("Eén concrete actie").fill("De FML samen met de cliënt lezen.");
    await phone.getByRole("button", { name: "Leerpunt bewaren" }).tap();
    // The phone goes on to the evaluation by itself.
    const next = phone.getByText("Stap 2 van 2 · nog één ding: de evaluatie");
    await next.waitFor();
    await expect.poll(() => next.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await next.boundingBox())!;
    expect(box.y).toBeGreaterThan(-1);
    expect(box.y).toBeLessThan(740);
    await steps.getByText("Je leerpunt is bewaard").waitFor();
    await expect.poll(() => hostView()?.reflections).toBe(1);
    expect(hostView()?.finished).toBe(0);

    for (const question of await phone.locator(".evaluation-question").all()) await question.locator(".scale label").nth(8).tap();
    await phone.getByRole("button", { name: "Evaluatie versturen" }).tap();
    await steps.getByText("Je evaluatie is verstuurd").waitFor();
    await phone.getByText("Klaar, dank je wel.").waitFor();
    await expect.poll(() => hostView()?.finished).toBe(1);
  });

  it("the host screen says 'Nog 1 van 2 bezig' before closing, and 'Iedereen is klaar' when the last one is done", async () => {
    const hostPage = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    watchPage(hostPage, { origin: e2e.server.url, problems });
    await hostPage.goto(`${e2e.server.url}/sessie/${code}/host#token=${hostToken}`);
    // The host screen's first load (its bundle, then the socket) is the slowest step on a busy machine.
    await hostPage.getByText("Nog 1 van 2 bezig").waitFor({ timeout: 30_000 });
    await must(raters[0].socket, "reflection:submit", { learningPoint: "Doorvragen.", action: "Stiltes laten vallen." });
    await expect.poll(() => host.snapshots.at(-1)?.host?.reflections).toBe(2);
    await hostPage.getByText("Nog 1 van 2 bezig").waitFor();
    await must(raters[0].socket, "evaluation:submit", { answers: { nuttig: 8, clientperspectief: 7, veilig: 9, werkvorm: 8 } });
    await hostPage.getByText("Iedereen is klaar: 2 van 2").waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it("an error on the practice form goes as soon as the score is chosen", async () => {
    const page = await phonePage();
    await page.goto(`${e2e.server.url}/casussen/bezwaar-fml/oefenen`);
    await hydrated(page);
    for (const element of ["vertrouwen", "richting-kader", "binding"]) await chooseScore(page, `score-${element}`, 6, { tap: true });
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).tap();
    const error = page.locator("fieldset.el-stroefheid .feedback-wrong");
    await error.waitFor();
    await page.getByText("Niet alles is goed ingevuld.").waitFor();
    await chooseScore(page, "score-stroefheid", 2, { tap: true });
    await error.waitFor({ state: "detached" });
    await page.getByText("Niet alles is goed ingevuld.").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).tap();
    await page.locator("#vergelijking").waitFor();
  });
});
