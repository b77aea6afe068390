// Every page fits a 360 px phone: no sideways scrolling. The reading pages are found the way a
// visitor finds them (every link from the home page, followed until nothing new turns up: every
// module, casus, its oefenen and rollenspel page, the kompas pages, tips, werkblad …), then the
// pages with a state of their own (a search, the join page with its errors, a new session), and
// the participant's live room in every phase of a session the test runs. A failure names the page
// and the elements that stick out.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { chooseScore, hydrated } from "../support/browser";
import { browserAndServer } from "../support/e2e";
import { createSession, joinAs, joinHost, must, type Rater } from "../integration/live-helpers";

const e2e = browserAndServer();
const PHONE = { width: 360, height: 740 };
/** Pages that are not pages: downloads. */
const NOT_A_PAGE = /\.(csv|json)$|^\/voortgang\/export/;

/**
 * What scrolls sideways on this page as it is now: null when nothing does, otherwise the width and
 * the outermost elements that stick out past the right edge (the ones whose parent does not).
 */
async function sideways(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const describe = (el: Element) => {
      const classes = [...el.classList].map((c) => `.${c}`).join("");
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes}> "${text}" (rechts ${Math.round(el.getBoundingClientRect().right)} px)`;
    };
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (p === document.body || p === document.documentElement) return false;
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el);
    const offenders = [...document.body.querySelectorAll("*")].filter((el) => sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)));
    return `scrollWidth ${document.documentElement.scrollWidth} > ${width}: ${offenders.slice(0, 4).map(describe).join("; ") || "(geen element gevonden)"}`;
  });
}

const problems: string[] = [];
const visited: string[] = [];

async function check(page: Page, where: string): Promise<void> {
  visited.push(where);
  const problem = await sideways(page);
  if (problem) problems.push(`${where}: ${problem}`);
}

describe("every page fits a 360 px phone", () => {
  const raters: Rater[] = [];
  afterAll(() => {
    for (const r of raters) r.socket.close();
  });

  it("the check itself finds a page that scrolls sideways, and names the element", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    await page.goto(`${e2e.server.url}/tips`);
    await hydrated(page);
    expect(await sideways(page)).toBeNull();
    await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<p id="te-breed" style="width: 500px">breed</p>'));
    expect(await sideways(page)).toMatch(/<p#te-breed> "breed"/);
  });

  it("every reading page, found by following the links from the home page", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const origin = e2e.server.url;
    const queue = ["/", "/sessies/nieuw", "/doe-mee", "/zoeken?q=binding", "/voorbeeld/onthulling", "/bestaat-niet"];
    const seen = new Set(queue);
    while (queue.length) {
      const path = queue.shift()!;
      await page.goto(origin + path);
      await check(page, path);
      const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const url = new URL(href);
        const next = url.pathname + url.search;
        if (url.origin !== origin || seen.has(next) || NOT_A_PAGE.test(url.pathname) || url.pathname.startsWith("/sessie/")) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    // The crawl reached every kind of page, so a broken link cannot make the test pass by skipping pages.
    for (const expected of [/^\/modules\/[^/]+$/, /^\/casussen\/[^/]+$/, /^\/casussen\/[^/]+\/oefenen$/, /^\/casussen\/[^/]+\/rollenspel$/, /^\/kompas\/[^/]+$/]) {
      expect(visited.some((p) => expected.test(p)), `geen pagina als ${expected}`).toBe(true);
    }
    for (const expected of ["/tips", "/werkblad", "/voortgang", "/begeleiden", "/kompas", "/modules", "/casussen"]) expect(visited).toContain(expected);
  }, 240_000);

  it("the pages with a state of their own: a practice with its errors, the join page with its errors", async () => {
    const page = await e2e.newPage({ viewport: PHONE });
    const casus = visited.find((p) => /^\/casussen\/[^/]+\/oefenen$/.test(p))!;
    await page.goto(e2e.server.url + casus);
    await hydrated(page);
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).click();
    await page.getByText("Niet alles is goed ingevuld.").waitFor();
    await check(page, `${casus} met fouten`);
    for (const element of ["vertrouwen", "richting-kader", "binding", "stroefheid"]) await chooseScore(page, `score-${element}`, 7);
    await page.getByRole("button", { name: "Vergelijk met de referentie" }).click();
    await page.locator("#vergelijking").waitFor();
    await check(page, `${casus} vergeleken`);

    await page.goto(`${e2e.server.url}/doe-mee`);
    await hydrated(page);
    await page.getByLabel("Code").fill("ZZZ ZZZ");
    await page.getByRole("button", { name: "Meedoen" }).click();
    await page.locator("#code-fout").waitFor();
    await check(page, "/doe-mee met fouten");
  });

  it("the participant's live room in every phase", async () => {
    const created = await createSession(e2e.server.url, { title: "Arbeidsongeschiktheidsverzekeringsbijeenkomst Noord" });
    const host = await joinHost(e2e.server.url, created);
    const phone = await e2e.newPage({ viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto(`${e2e.server.url}/doe-mee?code=${created.code}`);
    await hydrated(phone);
    await phone.getByLabel("Naam of schuilnaam").fill("Ervaringsdeskundige Wilhelmina");
    await phone.getByRole("radio", { name: /^Ervaringsdeskundige/ }).tap();
    await phone.getByRole("button", { name: "Meedoen" }).tap();
    await phone.getByRole("heading", { name: /^Welkom/ }).waitFor();
    raters.push(await joinAs(e2e.server.url, created.code, "Anna", "arbeidsdeskundige"));
    raters.push(await joinAs(e2e.server.url, created.code, "Bram", "arbeidsdeskundige"));
    await check(phone, "live: lobby");

    const phase = async (name: string) => {
      await must(host.socket, "session:phase", { phase: name });
      await phone.locator(`.phase-badge[data-phase=${name}]`).waitFor();
    };
    await phase("briefing");
    await check(phone, "live: briefing");
    await phase("live");
    await must(host.socket, "session:clock", { action: "play", t: 0 });
    await phone.locator(".turn").first().waitFor();
    await check(phone, "live: beoordelen");
    await phone.locator(".moment-buttons button").first().tap();
    await phone.getByRole("button", { name: "Zonder toelichting" }).waitFor();
    await check(phone, "live: moment gemarkeerd");
    await phone.getByRole("button", { name: "Zonder toelichting" }).tap();

    await phase("final");
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByText(/Kies een score voor/).first().waitFor();
    await check(phone, "live: eindoordeel met fouten");
    for (const [element, score] of Object.entries({ vertrouwen: 7, "richting-kader": 6, binding: 8, stroefheid: 2 })) {
      await phone.locator(`fieldset.el-${element} .scale label`).nth(score).tap();
    }
    await phone.getByRole("button", { name: "Eindoordeel inleveren" }).tap();
    await phone.getByRole("heading", { name: "Je eindoordeel is ingeleverd" }).waitFor();
    await check(phone, "live: eindoordeel ingeleverd");
    for (const [i, r] of raters.entries()) {
      await must(r.socket, "rating:final", { scores: { vertrouwen: 5 + i, "richting-kader": 5, binding: 6, stroefheid: 3 }, observed: [] });
    }

    await phase("reveal");
    await phone.locator(".phone-reveal .pr-element").first().waitFor();
    await check(phone, "live: onthulling");
    await phase("discussion");
    await check(phone, "live: bespreking");
    await phase("reflection");
    await check(phone, "live: reflectie");
    await phase("closed");
    await phone.getByRole("heading", { name: "Bedankt voor het meedoen" }).waitFor();
    await check(phone, "live: afgesloten");
    host.socket.close();
  }, 120_000);

  it("nothing scrolls sideways anywhere", () => {
    expect(visited.length).toBeGreaterThan(30);
    expect(problems.join("\n")).toBe("");
  });
});
