// From the reveal to the end of the evening in real Chromium against the real server: the host
// screen on a projector (1366 px), an arbeidsdeskundige on a laptop and an ervaringsdeskundige on a
// 360×740 touch phone. Live (a little) → final → reveal (results and tips everywhere, a jump into
// the gesprek, a tip marked as discussed) → reflection (learning points, evaluation, projection,
// personal-data flag) → the report for the host only (screen and print) → closed → deleted.
//
// AK_SCREENSHOTS=<folder> saves screenshots of the reveal and the reflection on the projector and
// the phone, for a visual check.
import path from "node:path";
import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { createSession } from "../integration/live-helpers";
import { axeViolations } from "../support/axe";
import { watchPage } from "../support/browser";
import { browserAndServer } from "../support/e2e";

const e2e = browserAndServer();
let created: CreatedSession;
const problems: string[] = [];
const shots = process.env.AK_SCREENSHOTS;

beforeAll(async () => {
  created = await createSession(e2e.server.url, { title: "OT-avond Oost", nameDisplay: "namen" });
});

/** A page that records page errors, CSP violations, console errors and requests to other origins. */
async function open(name: string, options: BrowserContextOptions): Promise<Page> {
  const page = await e2e.newPage(options, async (context) => {
    // Some violations (zod's eval probe, caught in a try) never reach the console: listen for the event too.
    await context.exposeBinding("__akCspViolation", (_source, what: string) => problems.push(`${name} CSP violation: ${what}`));
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (e) =>
        (window as unknown as { __akCspViolation: (what: string) => void }).__akCspViolation(`${e.violatedDirective} ${e.blockedURI} ${location.pathname}`),
      ),
    );
  });
  watch(page, name);
  return page;
}

function watch(page: Page, name: string): void {
  page.setDefaultTimeout(10_000);
  watchPage(page, { origin: e2e.server.url, name, problems });
}

/** The screen as people see it, and optionally some parts of the page (each scrolled into view). */
async function screenshot(page: Page, name: string, parts: Record<string, string> = {}): Promise<void> {
  if (!shots) return;
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  for (const [part, selector] of Object.entries(parts)) {
    await page.locator(selector).first().screenshot({ path: path.join(shots, `${name}-${part}.png`) });
  }
}

const ackedSeq = async (page: Page) => Number(await page.locator(".sync-status").getAttribute("data-acked-seq"));

/** Tip ids in the order the page lists them, and which of them fit this session. */
const tipOrder = (page: Page) =>
  page.locator(".rv-tips .rv-tip").evaluateAll((items) => items.map((li) => ({ id: li.getAttribute("data-tip"), fits: li.classList.contains("fits") })));

describe("reveal, reflection and report in the live room", () => {
  let host: Page;
  let ad: Page;
  let ed: Page;

  it("the host opens the screen, two raters join, and the group rates a little", async () => {
    host = await open("host", { viewport: { width: 1366, height: 768 } });
    ad = await open("ad", { viewport: { width: 1024, height: 800 } });
    ed = await open("ed", { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

    const hostCookie = host.waitForResponse((r) => r.url().endsWith(`/api/sessions/${created.sessionId}/host-cookie`) && r.request().method() === "POST");
    await host.goto(`${e2e.server.url}${created.hostUrl}`);
    await host.getByText("Doe mee op je telefoon").waitFor();
    // The page traded the host token for the report's cookie, once.
    expect((await hostCookie).status()).toBe(204);

    const join = async (page: Page, name: string, role: RegExp, touch: boolean) => {
      await page.goto(`${e2e.server.url}/doe-mee?code=${created.code}`);
      await page.getByLabel("Naam of schuilnaam").fill(name);
      const radio = page.getByRole("radio", { name: role });
      await (touch ? radio.tap() : radio.check());
      const button = page.getByRole("button", { name: "Meedoen" });
      await (touch ? button.tap() : button.click());
      await page.getByRole("heading", { name: `Welkom, ${name}` }).waitFor();
    };
    await Promise.all([join(ad, "Anna", /^Arbeidsdeskundige/, false), join(ed, "Bram", /^Ervaringsdeskundige/, true)]);
    await host.locator(".lobby .participant-list").getByText("Bram", { exact: true }).waitFor();
    await host.getByRole("button", { name: "Verdeel de elementen gelijk" }).click();
    await ad.getByText("Jouw focus:").waitFor();
    await ed.getByText("Jouw focus:").waitFor();

    await host.getByRole("button", { name: "Naar de briefing" }).click();
    await host.getByRole("button", { name: "Start het live beoordelen" }).click();
    await host.getByRole("button", { name: "Start het gesprek" }).click();
    await ad.locator(".focus-slider .rating-slider-taps").getByRole("button", { name: "6", exact: true }).click();
    await ed.locator(".focus-slider .rating-slider-taps").getByRole("button", { name: "3", exact: true }).tap();
    await expect.poll(() => ackedSeq(ad), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => ackedSeq(ed), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
  });

  it("final: both submit; reveal: the projector and both phones show the results and the tips, fitting tips first", async () => {
    await host.getByRole("button", { name: "Naar het eindoordeel" }).click();
    // Leaving live rating asks first on the control view.
    await host.getByRole("button", { name: "Ja, naar het eindoordeel" }).click();
    // Much friction, little binding: the rule behind tip 4 ("eerst binding") fires.
    const finals: [Page, Record<string, number>, boolean][] = [
      [ad, { vertrouwen: 6, "richting-kader": 7, binding: 4, stroefheid: 7 }, false],
      [ed, { vertrouwen: 3, "richting-kader": 6, binding: 2, stroefheid: 9 }, true],
    ];
    await Promise.all(
      finals.map(async ([page, scores, touch]) => {
        await page.getByRole("heading", { name: "Je eindoordeel" }).waitFor();
        for (const [element, score] of Object.entries(scores)) {
          const option = page.locator(`fieldset.el-${element} .scale label`).nth(score);
          await (touch ? option.tap() : option.click());
        }
        const submit = page.getByRole("button", { name: "Eindoordeel inleveren" });
        await (touch ? submit.tap() : submit.click());
        await page.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
      }),
    );
    await host.getByRole("heading", { name: "Eindoordeel: 2 van 2 ingeleverd" }).waitFor();
    await host.getByRole("button", { name: "Onthul de resultaten" }).click();
    // On the control view the full results with the host's tools sit behind a disclosure.
    await host.getByText("Alle uitkomsten, tips en reactietijd").click();

    // The projector: the whole reveal (ResultsView).
    for (const page of [host]) {
      const view = page.locator(".rv");
      await view.waitFor();
      // A dot plot per element, the four elements, and the six tips.
      await expect.poll(() => view.locator(".rv-element").count()).toBe(4);
      for (const element of ["vertrouwen", "richting-kader", "binding", "stroefheid"]) {
        expect(await view.locator(`.rv-element[data-element="${element}"] .rv-final svg`).count(), element).toBeGreaterThanOrEqual(1);
      }
      await expect.poll(() => tipOrder(page).then((t) => t.length)).toBe(6);
      const order = await tipOrder(page);
      const lastFit = order.map((t) => t.fits).lastIndexOf(true);
      const firstOther = order.findIndex((t) => !t.fits);
      expect(order.find((t) => t.id === "eerst-binding")?.fits).toBe(true);
      expect(firstOther === -1 || lastFit < firstOther, JSON.stringify(order)).toBe(true);
    }
    expect(await host.locator(".rv").getAttribute("data-mode")).toBe("projector");
    // The participants: the phone reveal (docs/decisions/013), their own score beside the group's
    // and the fitting tips in short, eerst-binding among them.
    for (const [page, own] of [
      [ad, "Jij gaf 6 · de groep gemiddeld 4,5"],
      [ed, "Jij gaf 3 · de groep gemiddeld 4,5"],
    ] as const) {
      await expect.poll(() => page.locator(".phone-reveal .pr-element").count()).toBe(4);
      expect(await page.locator('.pr-element[data-element="vertrouwen"] .pr-numbers').innerText()).toBe(own);
      await page.locator('.pr-tip[data-tip="eerst-binding"]').waitFor();
      expect(await page.locator(".rv").count()).toBe(0);
    }
    // With two raters the group is told the numbers are only a start for the conversation.
    await ed.locator(".pr-note").getByText(/begin van het gesprek/).waitFor();
    // Phones get times as text, no jumps and no tip switches; the host gets both.
    expect(await ed.getByRole("button", { name: /^Spring naar/ }).count()).toBe(0);
    expect(await ed.getByRole("checkbox", { name: /Besproken/ }).count()).toBe(0);
    expect(await host.getByRole("link", { name: /Verslag openen/ }).getAttribute("href")).toBe(`/sessie/${created.code}/verslag`);
    await screenshot(host, "host-reveal-1366", { element: ".rv-element", tips: ".rv-tip.fits" });
    await screenshot(ed, "phone-reveal-360", { element: ".pr-element", tips: ".pr-tips" });
  });

  it("the host jumps into the gesprek and marks a tip as discussed; the phones follow", async () => {
    // A jump (here: a reference moment) moves the clock for everyone and shows the turns there.
    await host.getByRole("button", { name: /^Spring naar/ }).first().click();
    await host.locator(".revisit-dock .turn.current").waitFor();
    await ed.locator(".revisit-dock .turn.current").waitFor();
    await screenshot(host, "host-revisit-1366");
    await screenshot(ed, "phone-revisit-360");
    expect(await ed.locator(".revisit-dock .revisit-time").textContent()).toBe(await host.locator(".revisit-dock .revisit-time").textContent());
    await ed.getByRole("button", { name: /^Sluiten/ }).tap();
    await ed.locator(".revisit-dock").waitFor({ state: "detached" });

    const tip = host.locator('.rv-tip[data-tip="eerst-binding"]');
    await tip.getByRole("checkbox", { name: /Besproken/ }).check();
    for (const page of [ad, ed]) {
      await page.locator('.pr-tip[data-tip="eerst-binding"] .pr-done').waitFor();
      expect(await page.locator(".pr-done").count()).toBe(1);
    }
    expect(await tip.getByRole("checkbox", { name: /Besproken/ }).isChecked()).toBe(true);
  });

  it("the host corrects for reaction time: the charts are computed again, on the projector and the phones", async () => {
    const lag = host.getByLabel("Reactietijd corrigeren");
    expect(await lag.inputValue()).toBe("0");
    expect(await ed.getByLabel("Reactietijd corrigeren").count()).toBe(0);
    await lag.selectOption({ label: "2 seconden eerder" });
    // The timeline is the projector's; the phones show final scores, which a lag does not move.
    await host.getByText("Gecorrigeerd voor 2 seconden reactietijd.", { exact: false }).first().waitFor();
    expect(await lag.inputValue()).toBe("2");
    await screenshot(host, "host-lag-1366", { lag: ".rv-lag" });
    // Still the same discussed tip: only the numbers were computed again.
    expect(await ed.locator('.pr-tip[data-tip="eerst-binding"] .pr-done').count()).toBe(1);
    expect(await ed.locator('.pr-element[data-element="vertrouwen"] .pr-numbers').innerText()).toBe("Jij gaf 3 · de groep gemiddeld 4,5");
    await lag.selectOption("0");
    await expect.poll(() => host.getByText("Gecorrigeerd voor", { exact: false }).count()).toBe(0);
  });

  it("reflection: each rater writes a learning point and an action and evaluates; nothing typed is lost on a reload", async () => {
    await host.getByRole("button", { name: "Naar de bespreking" }).click();
    await ed.getByRole("heading", { name: "Bespreking" }).waitFor();
    await host.getByRole("button", { name: "Naar de reflectie" }).click();
    await host.getByRole("heading", { name: "Reflectie", level: 1 }).waitFor();

    // The phone: empty is refused beside the field, in Dutch; a draft survives a reload.
    await ed.getByRole("heading", { name: "Wat neem je mee?" }).waitFor();
    await ed.getByRole("button", { name: "Leerpunt bewaren" }).tap();
    await ed.getByText("Schrijf op wat je uit deze sessie meeneemt.").waitFor();
    await ed.getByLabel("Mijn leerpunt").fill("Eerst luisteren naar wat de FML met iemand doet.");
    await ed.reload();
    await ed.getByRole("heading", { name: "Wat neem je mee?" }).waitFor();
    expect(await ed.getByLabel("Mijn leerpunt").inputValue()).toBe("Eerst luisteren naar wat de FML met iemand doet.");
    // The results came again with the rejoin, discussed tip included (folded away under the form).
    await ed.locator('.room-results-again .rv-tip[data-tip="eerst-binding"] .rv-badge-done').waitFor({ state: "attached" });
    // An action with a phone number in it: warned under the field, flagged to the host later.
    await ed.getByLabel("Eén concrete actie").fill("Na het gesprek bellen: 06-12345678.");
    await ed.getByText("telefoonnummer", { exact: false }).first().waitFor();
    await ed.getByText("Vanuit de cliënt bekeken").tap();
    await ed.getByLabel("Ervaringen van de cliënt").fill("Hij voelde zich niet gehoord door de keuringsarts.");
    await screenshot(ed, "phone-reflection-form-360", { form: ".reflection-form", evaluation: ".evaluation-form" });
    await ed.getByRole("button", { name: "Leerpunt bewaren" }).tap();
    // A phone number goes out only after a yes (decision 014).
    await ed.getByText("Ja, toch bewaren").tap();
    await ed.getByRole("heading", { name: "Je leerpunt is bewaard" }).waitFor();

    // The laptop, by keyboard where it counts.
    await ad.getByLabel("Mijn leerpunt").fill("Samenvatten voordat ik het kader uitleg.");
    await ad.getByLabel("Eén concrete actie").fill("Volgende keer de FML samen doorlezen.");
    await ad.getByRole("button", { name: "Leerpunt bewaren" }).click();
    await ad.getByRole("heading", { name: "Je leerpunt is bewaard" }).waitFor();
    // Editing and then cancelling puts back what was sent, and sends nothing.
    await ad.getByRole("button", { name: "Leerpunt aanpassen" }).click();
    await ad.getByLabel("Mijn leerpunt").fill("Toch iets anders.");
    await ad.getByRole("button", { name: "Annuleren" }).click();
    await ad.getByRole("heading", { name: "Je leerpunt is bewaard" }).waitFor();
    await ad.getByRole("button", { name: "Leerpunt aanpassen" }).click();
    expect(await ad.getByLabel("Mijn leerpunt").inputValue()).toBe("Samenvatten voordat ik het kader uitleg.");
    expect(await ad.getByRole("button", { name: "Leerpunt bijwerken" }).count()).toBe(1);
    await ad.getByRole("button", { name: "Annuleren" }).click();
    await ad.getByRole("heading", { name: "Je leerpunt is bewaard" }).waitFor();

    const evaluate = async (page: Page, values: number[], touch: boolean) => {
      const questions = page.locator(".evaluation-question");
      expect(await questions.count()).toBe(values.length);
      for (const [i, v] of values.entries()) {
        const option = questions.nth(i).locator(".scale label").nth(v);
        await (touch ? option.tap() : option.click());
      }
      const submit = page.getByRole("button", { name: "Evaluatie versturen" });
      await (touch ? submit.tap() : submit.click());
      await page.getByRole("heading", { name: "Bedankt, je evaluatie is bewaard" }).waitFor();
    };
    await evaluate(ed, [8, 9, 7, 8], true);
    await evaluate(ad, [7, 6, 9, 8], false);
    await screenshot(ed, "phone-reflection-360", { evaluation: ".evaluation-done" });
    expect(await axeViolations(ed)).toEqual([]);
  });

  it("the host sees the counts, projects the learning points without names, and sees the personal-data flag", async () => {
    const counts = host.locator(".reflection-counts");
    await expect.poll(() => counts.innerText()).toMatch(/Leerpunten\s*2 van 2[\s\S]*Evaluaties\s*2 van 2/);
    await host.getByRole("button", { name: "Leerpunten projecteren" }).click();
    const projected = host.locator(".projected-points");
    await expect.poll(() => projected.locator(".projected-point").count()).toBe(2);
    const text = await projected.innerText();
    expect(text).toContain("Samenvatten voordat ik het kader uitleg.");
    expect(text).toContain("Eerst luisteren naar wat de FML met iemand doet.");
    for (const name of ["Anna", "Bram", "Arbeidsdeskundige", "Ervaringsdeskundige"]) expect(text).not.toContain(name);
    await host.locator(".host-flags").getByText(/Actie bij leerpunt \d: lijkt een telefoonnummer te bevatten/).waitFor();
    // The flag names the item, never the text.
    expect(await host.locator(".host-flags").innerText()).not.toContain("06-12345678");
    await screenshot(host, "host-reflection-1366", { report: ".host-report" });
    expect(await axeViolations(host)).toEqual([]);
  });

  it("the report opens for the host (the cookie works), shows the learning points and prints its charts; a rater gets no access", async () => {
    const report = await host.context().newPage();
    watch(report, "report");
    const res = await report.goto(`${e2e.server.url}/sessie/${created.code}/verslag`);
    expect(res?.status()).toBe(200);
    await report.getByRole("heading", { name: "Verslag: OT-avond Oost", level: 1 }).waitFor();
    const body = await report.locator("body").innerText();
    expect(body).toContain("Samenvatten voordat ik het kader uitleg.");
    expect(body).toContain("Eerst luisteren naar wat de FML met iemand doet.");
    expect(body).toContain("Tip 4: Bij weerstand eerst binding, dan het kader");
    // The flagged action is withheld unless the host chooses otherwise.
    expect(body).not.toContain("06-12345678");

    await report.emulateMedia({ media: "print" });
    const widths = await report.locator(".report svg").evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(widths.filter((w) => w > 200).length, JSON.stringify(widths)).toBeGreaterThanOrEqual(4);
    await report.close();

    // A rater's browser has no host cookie: the report and its downloads stay shut.
    for (const suffix of ["verslag", "verslag.csv", "verslag.json"]) {
      const denied = await ad.request.get(`${e2e.server.url}/sessie/${created.code}/${suffix}`);
      expect([401, 403], suffix).toContain(denied.status());
    }
  });

  it("closing ends the evening calmly everywhere; the host can then delete the session", async () => {
    await host.getByRole("button", { name: "Sessie afsluiten" }).click();
    await host.getByRole("button", { name: "Ja, sessie afsluiten" }).click();
    await host.getByRole("heading", { name: "De sessie is afgesloten" }).waitFor();
    for (const page of [ad, ed]) await page.getByRole("heading", { name: "Bedankt voor het meedoen" }).waitFor();
    expect(await ed.locator(".closed-room").innerText()).toContain("Eerst luisteren naar wat de FML met iemand doet.");
    expect(await host.getByRole("link", { name: /Verslag openen/ }).isVisible()).toBe(true);
    await screenshot(host, "host-closed-1366");
    await screenshot(ed, "phone-closed-360");

    await host.getByRole("button", { name: "Sessie verwijderen" }).click();
    await host.getByText("Weet je zeker dat je deze sessie wilt verwijderen?").waitFor();
    await host.getByRole("button", { name: "Ja, verwijder de sessie" }).click();
    await host.getByRole("heading", { name: "De sessie is verwijderd" }).waitFor();
    await ed.getByText("De begeleider heeft deze sessie verwijderd.").waitFor();
    // The cookie went with it: the report is shut (401), and the session is gone for a token too (404).
    expect((await host.request.get(`${e2e.server.url}/sessie/${created.code}/verslag`)).status()).toBe(401);
    const api = await host.request.get(`${e2e.server.url}/api/sessions/${created.sessionId}`, { headers: { authorization: `Bearer ${created.hostToken}` } });
    expect(api.status()).toBe(404);

    expect(problems).toEqual([]);
  });
});
