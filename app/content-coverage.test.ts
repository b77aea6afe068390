// The library's promises, checked from the frontmatter so they stay true as it grows:
// the modules teach the whole factsheet, and the vignettes are spread wide enough for an OT season.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "./content.server";
import { PHASE_IDS, PROFILE_IDS, RESEARCH_QUESTION_IDS, SIDE_IDS, THEME_IDS, TIP_IDS, TRIGGER_IDS } from "./core/domain";

const content = loadContent(path.resolve(__dirname, "../content"));
const covered = (key: keyof (typeof content.modules)[number]["covers"]) =>
  new Set(content.modules.flatMap((m) => m.covers[key] as string[]));

describe("the modules cover the factsheet", () => {
  it("has at least 7 modules of 10–25 minutes, in order, each with 5+ self-check questions and vignettes", () => {
    expect(content.modules.length).toBeGreaterThanOrEqual(7);
    expect(content.modules.map((m) => m.order)).toEqual(content.modules.map((_, i) => i + 1));
    for (const m of content.modules) {
      expect(m.minutes, m.slug).toBeGreaterThanOrEqual(10);
      expect(m.minutes, m.slug).toBeLessThanOrEqual(25);
      expect(m.selfCheck.length, m.slug).toBeGreaterThanOrEqual(5);
      expect(m.cases.length, m.slug).toBeGreaterThan(0);
    }
  });

  it("references every element, behaviour and stroefheid signal", () => {
    const elements = covered("elements");
    for (const e of content.elements.elements) expect(elements.has(e.id), e.id).toBe(true);
    const behaviours = covered("behaviours");
    const missing = [...content.behaviourIndex.keys()].filter((id) => !behaviours.has(id));
    expect(missing).toEqual([]);
  });

  it("references every tip, werkblad theme, research question and side of client-centredness", () => {
    expect([...TIP_IDS].filter((id) => !covered("tips").has(id))).toEqual([]);
    expect([...THEME_IDS].filter((id) => !covered("themes").has(id))).toEqual([]);
    expect([...RESEARCH_QUESTION_IDS].filter((id) => !covered("research").has(id))).toEqual([]);
    expect([...SIDE_IDS].filter((id) => !covered("sides").has(id))).toEqual([]);
  });
});

describe("the vignettes are spread wide", () => {
  const cases = content.cases;

  it("has at least 20 vignettes in at least 5 settings, every phase of AD work among them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.setting)).size).toBeGreaterThanOrEqual(5);
    const phases = new Set(cases.map((c) => c.phase));
    expect([...PHASE_IDS].filter((p) => !phases.has(p))).toEqual([]);
  });

  it("has the employer at the table, a telephone conversation and a video call", () => {
    expect(cases.some((c) => c.thirdParties.includes("werkgever"))).toBe(true);
    expect(cases.some((c) => c.mode === "telefoon")).toBe(true);
    expect(cases.some((c) => c.mode === "videobellen")).toBe(true);
  });

  it("shows every stroefheid trigger at least once", () => {
    const seen = new Set(cases.flatMap((c) => c.triggers));
    expect([...TRIGGER_IDS].filter((t) => !seen.has(t))).toEqual([]);
  });

  it("has at least 3 vignettes of each alliance profile", () => {
    for (const profile of PROFILE_IDS) {
      expect(cases.filter((c) => c.profile === profile).length, profile).toBeGreaterThanOrEqual(3);
    }
  });

  it("has a third party in 2+, a video call in 1+ and a role-play script in 4+", () => {
    expect(cases.filter((c) => c.thirdParties.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(cases.filter((c) => c.mode === "videobellen").length).toBeGreaterThanOrEqual(1);
    expect(cases.filter((c) => c.roleplay).length).toBeGreaterThanOrEqual(4);
  });

  it("marks strain and strength in every vignette, and friction where the alliance breaks", () => {
    for (const c of cases) {
      const moments = c.turns.flatMap((t) => t.moments);
      expect(moments.length, c.slug).toBeGreaterThanOrEqual(4);
      if (c.profile === "breekt") {
        expect(moments.some((m) => content.behaviourIndex.get(m.id)?.elementId === "stroefheid"), c.slug).toBe(true);
        expect(c.reference.scores.stroefheid, c.slug).toBeGreaterThanOrEqual(6);
      }
      if (c.profile === "goed") expect(c.reference.scores.stroefheid, c.slug).toBeLessThanOrEqual(4);
    }
  });

  it("mixes the gender of the arbeidsdeskundige and of the client over every outcome", () => {
    for (const profile of PROFILE_IDS) {
      const inProfile = cases.filter((c) => c.profile === profile);
      for (const role of ["ad", "client"] as const) {
        const genders = new Set(inProfile.map((c) => c.speakers.find((s) => s.role === role)!.gender));
        expect([...genders].sort(), `${role} in ${profile}`).toEqual(expect.arrayContaining(["man", "vrouw"]));
      }
    }
  });

  it("never gives two people the same first name, across every casus and role", () => {
    const first = (name: string) => name.replace(/\s*\(.*\)$/, "").trim();
    const seen = new Map<string, string>();
    for (const c of cases) {
      for (const s of c.speakers) {
        const name = first(s.name);
        expect(seen.get(name), `${name} in ${c.slug} en ${seen.get(name)}`).toBeUndefined();
        seen.set(name, c.slug);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(cases.length * 2);
  });

  it("gives every role-player a card of their own, and no card carries another role's secret", () => {
    /** Runs of five words: enough to spot a secret copied onto another card. */
    const runs = (text: string) => {
      const words = text.toLowerCase().match(/[\p{L}\d']+/gu) ?? [];
      return new Set(words.slice(0, Math.max(0, words.length - 4)).map((_, i) => words.slice(i, i + 5).join(" ")));
    };
    const withThird = cases.filter((c) => c.roleplay && c.speakers.some((s) => s.role === "derde"));
    expect(withThird.length).toBeGreaterThanOrEqual(2);
    for (const c of cases.filter((x) => x.roleplay)) {
      const rp = c.roleplay!;
      const derden = c.speakers.filter((s) => s.role === "derde").map((s) => s.id);
      expect(rp.thirdParties.map((card) => card.speaker).sort(), c.slug).toEqual(derden.sort());
      const cards: { who: string; text: string; secret?: string }[] = [
        { who: "cliënt", text: Object.values(rp.client).join(" "), secret: rp.client.holdsBack },
        { who: "arbeidsdeskundige", text: Object.values(rp.ad).join(" ") },
        ...rp.thirdParties.map((card) => ({ who: card.speaker, text: Object.values(card).join(" "), secret: card.holdsBack })),
      ];
      for (const owner of cards.filter((card) => card.secret)) {
        const secret = runs(owner.secret!);
        for (const other of cards.filter((card) => card !== owner)) {
          const leaked = [...runs(other.text)].filter((run) => secret.has(run));
          expect(leaked, `${c.slug}: het geheim van ${owner.who} staat op de kaart van ${other.who}`).toEqual([]);
        }
      }
      // The client's card tells the client how to play, not how the third party plays.
      for (const id of derden) {
        const name = c.speakers.find((s) => s.id === id)!.name.replace(/\s*\(.*\)$/, "");
        expect(rp.client.situation + rp.client.opensUp, c.slug).not.toMatch(new RegExp(`speelt (iemand )?${name}|speel je met drie`, "i"));
      }
    }
  });

  it("keeps the role-play briefing for the AD free of the client's hidden context", () => {
    for (const c of cases.filter((x) => x.roleplay)) {
      const ad = JSON.stringify(c.roleplay!.ad).toLowerCase();
      expect(ad.includes(c.persona.hiddenContext.toLowerCase().slice(0, 40)), c.slug).toBe(false);
    }
  });
});
