// Role-play for real OT use (issue 10): enough scripts, and each role has what it needs to play or
// to watch; the way every role-play is run (content/rollenspel.md) keeps its debrief order.
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { brokenContentCopy, CONTENT_DIR, contentLoadError } from "../tests/support/content-copy";
import { loadContent, ROLEPLAY_GUIDE_FILE } from "./content.server";
import { DEBRIEF_ROUNDS } from "./core/content-schema";
import { ELEMENT_IDS } from "./core/domain";
import { playerCards } from "./core/roleplay";

const content = loadContent(CONTENT_DIR);
const scripts = content.cases.filter((c) => c.roleplay);

/** The ContentError message for the shipped content with one file changed. */
const loadError = (file: string, change: (text: string) => string) => contentLoadError(brokenContentCopy(file, change));

const words = (text: string) => text.trim().split(/\s+/).length;

describe("role-play scripts", () => {
  it("has at least 8, three of them with a third player", () => {
    expect(scripts.length).toBeGreaterThanOrEqual(8);
    expect(scripts.filter((c) => c.roleplay!.thirdParties.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("gives the client, the AD and every third party a card with enough to play on", () => {
    for (const c of scripts) {
      const rp = c.roleplay!;
      for (const [part, text] of Object.entries(rp.client)) expect(words(text), `${c.slug}: client.${part}`).toBeGreaterThanOrEqual(12);
      for (const [part, text] of Object.entries(rp.ad)) expect(words(text), `${c.slug}: ad.${part}`).toBeGreaterThanOrEqual(12);
      for (const card of rp.thirdParties) {
        for (const part of ["situation", "feels", "task"] as const) expect(words(card[part]), `${c.slug}: ${card.speaker}.${part}`).toBeGreaterThanOrEqual(12);
      }
      // The cards speak to the player: "je", not "u" or "hij/zij".
      expect(rp.client.situation, c.slug).toMatch(/^Je bent /);
      expect(rp.ad.situation, c.slug).toMatch(/^Je bent /);
      for (const card of rp.thirdParties) expect(card.situation, `${c.slug}: ${card.speaker}`).toMatch(/^Je bent /);
    }
  });

  it("gives the observers a focus of their own for every element, naming someone in the casus", () => {
    for (const c of scripts) {
      const names = c.speakers.map((s) => s.name.replace(/\s*\(.*\)$/, ""));
      const focus = c.roleplay!.observers;
      expect(Object.keys(focus).sort(), c.slug).toEqual([...ELEMENT_IDS].sort());
      expect(new Set(Object.values(focus)).size, c.slug).toBe(ELEMENT_IDS.length);
      for (const id of ELEMENT_IDS) {
        expect(words(focus[id]), `${c.slug}: observers.${id}`).toBeGreaterThanOrEqual(12);
        expect(focus[id].endsWith("?") || focus[id].endsWith("."), `${c.slug}: observers.${id}`).toBe(true);
      }
      // A casus-specific focus, not a generic one: at least one element's focus names a player.
      expect(Object.values(focus).some((text) => names.some((name) => text.includes(name))), c.slug).toBe(true);
    }
  });

  it("sets a reading time that fits the cards: longer with more players, never longer than the playing", () => {
    for (const c of scripts) {
      const minutes = c.roleplay!.readingMinutes;
      expect(minutes, c.slug).toBeGreaterThanOrEqual(3);
      expect(minutes, c.slug).toBeLessThan(content.roleplayGuide.playingMinutes);
      const longest = Math.max(
        words(Object.values(c.roleplay!.client).join(" ")),
        words(Object.values(c.roleplay!.ad).join(" ")),
        ...c.roleplay!.thirdParties.map((card) => words(Object.values(card).join(" "))),
      );
      // At a calm 100 words a minute, plus time to settle into the part.
      expect(minutes, c.slug).toBeGreaterThanOrEqual(Math.ceil(longest / 100) + 1);
    }
  });

  it("leaves every behaviour sheet at least something to tick: the casus allows some of each element", () => {
    for (const c of scripts) {
      for (const e of content.elements.elements.filter((x) => x.polarity === "positief")) {
        const possible = e.behaviours.filter((b) => c.applicableBehaviours.includes(b.id));
        expect(possible.length, `${c.slug}: ${e.id}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe("how every role-play is run (content/rollenspel.md)", () => {
  const guide = content.roleplayGuide;

  it("de-roles by name, with one thing about the character and one about oneself", () => {
    expect(guide.deroling.steps).toHaveLength(3);
    expect(guide.deroling.steps[0]).toMatch(/eigen\s+naam/);
    expect(guide.deroling.steps[1]).toMatch(/personage/);
    expect(guide.deroling.steps[2]).toMatch(/over jezelf/);
  });

  it("debriefs the client's player first, then the AD's, then the observers per element, then the group", () => {
    expect(guide.debrief.rounds.map((r) => r.who)).toEqual([...DEBRIEF_ROUNDS]);
    expect(guide.debrief.rounds[2].title).toMatch(/element/);
    expect(guide.playingMinutes + guide.deroling.minutes + guide.debrief.minutes).toBeLessThanOrEqual(45);
  });

  it("refuses a debrief that lets the group speak before the players", () => {
    const message = loadError(ROLEPLAY_GUIDE_FILE, (text) => {
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
      const data = parse(match[1]);
      data.debrief.rounds.reverse();
      return `---\n${stringify(data)}---\n${match[2]}`;
    });
    expect(message).toMatch(/rollenspel\.md: debrief\.rounds: de rondes gaan in deze volgorde/);
  });

  it("refuses a script without reading time or observer focus, naming the casus", () => {
    const file = "cases/bezwaar-fml.yaml";
    const change = (drop: "readingMinutes" | "observers") => (text: string) => {
      const data = parse(text);
      delete data.roleplay[drop];
      return stringify(data);
    };
    expect(loadError(file, change("readingMinutes"))).toMatch(/bezwaar-fml\.yaml: roleplay\.readingMinutes:/);
    expect(loadError(file, change("observers"))).toMatch(/bezwaar-fml\.yaml: roleplay\.observers:/);
  });

  it("refuses a rollenspel.md without frontmatter, naming the file", () => {
    const message = loadError(ROLEPLAY_GUIDE_FILE, () => "geen frontmatter");
    expect(message).toMatch(/rollenspel\.md: \(bestand\): frontmatter/);
  });
});


describe("playerCards", () => {
  it("gives the client, the AD and every third party a card, each with only their own parts", () => {
    const c = content.cases.find((x) => x.slug === "bezwaar-fml")!;
    const cards = playerCards(c);
    expect(cards.map((card) => [card.role, card.label])).toEqual([
      ["client", "Cliënt (Hasan)"],
      ["ad", "Arbeidsdeskundige (Ingrid)"],
      ["petra", "Petra"],
    ]);
    expect(cards[2].heading).toBe("Briefing voor wie Petra speelt");
    // The client's secret is on the client's card and nowhere else.
    const secret = c.roleplay!.client.holdsBack;
    expect(cards.filter((card) => card.parts.some((p) => p.text === secret)).map((card) => card.role)).toEqual(["client"]);
  });

  it("drops a speaker's role note from the name, and gives a casus without a script no cards", () => {
    const tolk = playerCards(content.cases.find((x) => x.slug === "beschut-werk-met-tolk")!).at(-1)!;
    expect(tolk.label).toBe("Senait");
    const { roleplay: _, ...withoutScript } = content.cases[0];
    expect(playerCards(withoutScript)).toEqual([]);
  });
});
