import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { brokenContentCopy, CONTENT_DIR as CONTENT, contentLoadError } from "../tests/support/content-copy";
import { type Content, loadContent } from "./content.server";
import { CLIENT_VIEW_LABEL } from "./core/client-view";
import { ELEMENT_IDS } from "./core/domain";
import { PHASES } from "./core/protocol";


function yamlEdit(change: (data: any) => void) {
  return (text: string) => {
    const data = parse(text);
    change(data);
    return stringify(data);
  };
}


describe("shipped content", () => {
  let content: Content;
  beforeAll(() => {
    content = loadContent(CONTENT);
  });

  it("validates", () => {
    expect(content.elements.elements.map((e) => e.id)).toEqual(["vertrouwen", "richting-kader", "binding", "stroefheid"]);
    expect(content.tips).toHaveLength(6);
    expect(content.werkblad.themes.map((t) => t.id)).toEqual(["ervaringen", "behoeften", "toekomst"]);
    expect(content.research.questions).toHaveLength(4);
    expect(content.modules.length).toBeGreaterThanOrEqual(3);
    expect(content.cases.length).toBeGreaterThanOrEqual(3);
  });

  it("carries every behaviour and friction signal of the factsheet, with unique ids", () => {
    const counts = Object.fromEntries(content.elements.elements.map((e) => [e.id, e.behaviours.length]));
    expect(counts).toEqual({ vertrouwen: 7, "richting-kader": 6, binding: 8, stroefheid: 4 });
    expect(content.behaviourIndex.size).toBe(25);
  });

  it("gives every module a self-check whose every option explains itself", () => {
    for (const m of content.modules) {
      expect(m.selfCheck.length, m.slug).toBeGreaterThanOrEqual(4);
      for (const q of m.selfCheck) {
        expect(q.options.filter((o) => o.correct)).toHaveLength(1);
        for (const o of q.options) expect(o.feedback.length).toBeGreaterThan(10);
      }
    }
  });

  it("keeps the right answer from being guessable by its length", () => {
    const questions = content.modules.flatMap((m) => m.selfCheck.map((q) => ({ slug: m.slug, q })));
    const ranks = { longest: 0, shortest: 0, middle: 0 };
    for (const { q } of questions) {
      const lengths = q.options.map((o) => o.text.length);
      const right = lengths[q.options.findIndex((o) => o.correct)];
      if (right === Math.max(...lengths)) ranks.longest++;
      else if (right === Math.min(...lengths)) ranks.shortest++;
      else ranks.middle++;
    }
    // At most 40 % longest, and no other length rule ("pick the shortest", "pick the middle one") wins half the time.
    expect(ranks.longest / questions.length, JSON.stringify(ranks)).toBeLessThanOrEqual(0.4);
    expect(ranks.shortest / questions.length, JSON.stringify(ranks)).toBeLessThanOrEqual(0.5);
    expect(ranks.middle / questions.length, JSON.stringify(ranks)).toBeLessThanOrEqual(0.5);
  });

  it("explains each wrong option on its own, not with the right answer's text", () => {
    for (const m of content.modules) {
      for (const q of m.selfCheck) {
        const right = q.options.find((o) => o.correct)!;
        const feedback = q.options.filter((o) => !o.correct).map((o) => o.feedback);
        expect(new Set(feedback).size, `${m.slug}: ${q.question}`).toBe(feedback.length);
        for (const f of feedback) expect(f, `${m.slug}: ${q.question}`).not.toBe(right.feedback);
      }
    }
  });

  it("gives every case a timed transcript of 4–10 minutes with reference moments", () => {
    for (const c of content.cases) {
      expect(c.duration, c.slug).toBeGreaterThanOrEqual(240);
      expect(c.duration, c.slug).toBeLessThanOrEqual(600);
      expect(c.turns.length, c.slug).toBeGreaterThanOrEqual(30);
      expect(c.turns.length, c.slug).toBeLessThanOrEqual(80);
      expect(c.turns.some((t) => t.moments.length > 0), c.slug).toBe(true);
    }
  });

  it("gives every casus a client view beside the expert reference, labelled as the makers' estimate", () => {
    for (const c of content.cases) {
      expect(Object.keys(c.clientView.scores), c.slug).toEqual(["vertrouwen", "richting-kader", "binding", "stroefheid"]);
      for (const text of Object.values(c.clientView.commentary)) expect(text.length, c.slug).toBeGreaterThan(40);
    }
    // Where a client would see it differently, the client view says so: it is not a copy of the reference.
    const differing = content.cases.filter((c) => ELEMENT_IDS.some((e) => c.clientView.scores[e] !== c.reference.scores[e]));
    expect(differing.length).toBeGreaterThanOrEqual(Math.ceil(content.cases.length / 2));
    expect(CLIENT_VIEW_LABEL).toMatch(/^Zo beleeft de cliënt het waarschijnlijk/);
    expect(CLIENT_VIEW_LABEL).toContain("geschreven door de makers, geen oordeel van een ervaringsdeskundige");
  });

  it("sanitises rendered markdown", () => {
    for (const m of content.modules) expect(m.html).not.toMatch(/<script|\son[a-z]+=/i);
    for (const s of content.guide.sections) expect(s.html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it("loads the facilitator's guide: its sections with anchors and a time budget along every phase", () => {
    const { guide } = content;
    expect(guide.title).toBe("Een OT-bijeenkomst begeleiden");
    expect(guide.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(["voorbereiden", "rollen", "ervaringsdeskundige", "verloop", "na-afloop", "toetsing", "jaarplan", "begrippen", "eerste-keer", "feedback-van-de-client"]),
    );
    expect(guide.sections.map((s) => s.title)).toContain("Voor wie voor het eerst meedoet");
    // The anchor is taken off the title, and the ## heading is not rendered twice.
    for (const s of guide.sections) {
      expect(s.title).not.toContain("{#");
      expect(s.html).not.toMatch(/<h2/);
    }
    expect(guide.schedule.map((step) => step.phase)).toEqual([...PHASES]);
    expect(guide.schedule.reduce((sum, step) => sum + step.minutes, 0)).toBe(guide.minutes);
  });
});

describe("broken content is refused with file and field", () => {
  it("names the file and field of a wrong element polarity", () => {
    const dir = brokenContentCopy("elements.yaml", yamlEdit((d) => (d.elements[0].polarity = "neutraal")));
    expect(contentLoadError(dir)).toMatch(/elements\.yaml: elements\.0\.polarity:/);
  });

  it("names an unknown field in a case", () => {
    const dir = brokenContentCopy("cases/bezwaar-fml.yaml", yamlEdit((d) => (d.onbekend = 1)));
    expect(contentLoadError(dir)).toMatch(/cases\/bezwaar-fml\.yaml: .*onbekend/);
  });

  it("names a reference score outside 0–10", () => {
    const dir = brokenContentCopy("cases/bezwaar-fml.yaml", yamlEdit((d) => (d.reference.scores.binding = 11)));
    expect(contentLoadError(dir)).toMatch(/bezwaar-fml\.yaml: reference\.scores\.binding:/);
  });

  it("refuses a casus without a client view", () => {
    const dir = brokenContentCopy("cases/bezwaar-fml.yaml", yamlEdit((d) => delete d.clientView));
    expect(contentLoadError(dir)).toMatch(/bezwaar-fml\.yaml: clientView:/);
  });

  it("names a client-view score outside 0–10", () => {
    const dir = brokenContentCopy("cases/bezwaar-fml.yaml", yamlEdit((d) => (d.clientView.scores.stroefheid = -1)));
    expect(contentLoadError(dir)).toMatch(/bezwaar-fml\.yaml: clientView\.scores\.stroefheid:/);
  });

  it("refuses turn times that go backwards", () => {
    const dir = brokenContentCopy("cases/bezwaar-fml.yaml", yamlEdit((d) => (d.turns[3].t = 0)));
    expect(contentLoadError(dir)).toMatch(/bezwaar-fml\.yaml: turns\.3\.t: tijden moeten oplopen/);
  });

  it("refuses a moment that points to an unknown behaviour", () => {
    const dir = brokenContentCopy(
      "cases/bezwaar-fml.yaml",
      yamlEdit((d) => {
        d.turns[2].moments = [{ id: "bestaat-niet", effect: "belast", note: "x" }];
      }),
    );
    expect(contentLoadError(dir)).toMatch(/bezwaar-fml\.yaml: turns\.2\.moments\.0\.id: onbekend gedrag "bestaat-niet"/);
  });

  it("refuses a tip that points to an unknown behaviour", () => {
    const dir = brokenContentCopy("tips.yaml", yamlEdit((d) => d.tips[0].behaviours.push("verzonnen")));
    expect(contentLoadError(dir)).toMatch(/tips\.yaml: vanaf-eerste-contact\.behaviours\.\d+: onbekend gedrag "verzonnen"/);
  });

  it("refuses a self-check question with two right answers", () => {
    const file = "modules/binding.md";
    const dir = brokenContentCopy(file, (text) => text.replace(/correct: false/, "correct: true"));
    expect(contentLoadError(dir)).toMatch(/modules\/binding\.md: selfCheck\.\d+\.options: precies één antwoord/);
  });

  it("refuses a module without frontmatter", () => {
    const dir = brokenContentCopy("modules/binding.md", (text) => text.replace(/^---/, ""));
    expect(contentLoadError(dir)).toMatch(/modules\/binding\.md: \(bestand\): frontmatter/);
  });

  it("refuses a guide whose time budget does not add up", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace(/^minutes: 90$/m, "minutes: 120"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: schedule: de stappen duren samen 90 minuten, niet de 120/);
  });

  it("refuses a guide that skips or reorders a phase of the live room", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace("phase: final", "phase: reveal"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: schedule\.3\.phase: hier hoort de fase "final"/);
  });

  it("refuses a guide with an unknown field", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace(/^minutes: 90$/m, "minutes: 90\nduur: lang"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: .*duur/);
  });

  it("refuses a guide section without an anchor, naming the heading", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace("## Na afloop {#na-afloop}", "## Na afloop"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: ## Na afloop: kop zonder anker/);
  });

  it("refuses a guide without the part /doe-mee links to", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace("{#eerste-keer}", "{#nieuw}"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: sections: .*\{#eerste-keer\}.*ontbreekt/);
  });

  it("refuses a guide with the same anchor twice", () => {
    const dir = brokenContentCopy("begeleiden.md", (text) => text.replace("{#na-afloop}", "{#voorbereiden}"));
    expect(contentLoadError(dir)).toMatch(/begeleiden\.md: ## Na afloop \{#voorbereiden\}: anker "voorbereiden" komt twee keer voor/);
  });

  it("refuses a guide without frontmatter or with text before its first section", () => {
    expect(contentLoadError(brokenContentCopy("begeleiden.md", (text) => text.replace(/^---/, "")))).toMatch(/begeleiden\.md: \(bestand\): frontmatter/);
    const intro = brokenContentCopy("begeleiden.md", (text) => text.replace("## Voorbereiden", "Een losse inleiding.\n\n## Voorbereiden"));
    expect(contentLoadError(intro)).toMatch(/begeleiden\.md: \(tekst\): tekst vóór de eerste ##-kop/);
  });

  it("refuses a module linking a case that does not exist", () => {
    const dir = brokenContentCopy("modules/binding.md", (text) => text.replace(/^cases:\n/m, "cases:\n  - bestaat-niet\n"));
    expect(contentLoadError(dir)).toMatch(/modules\/binding\.md: cases\.0: onbekende casus "bestaat-niet"/);
  });
});
