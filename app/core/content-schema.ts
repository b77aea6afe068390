// The shape of everything in content/. Parsed at startup and in a test, so a broken file
// stops the server with a message that names the file and the field.
import { z } from "zod";
import {
  AD_ROLE_IDS,
  DIFFICULTY_IDS,
  ELEMENT_IDS,
  MODE_IDS,
  PHASE_IDS,
  PROFILE_IDS,
  RESEARCH_QUESTION_IDS,
  SCORE_MAX,
  SCORE_MIN,
  SETTING_IDS,
  SIDE_IDS,
  THEME_IDS,
  THIRD_PARTY_IDS,
  TIP_IDS,
  TRIGGER_IDS,
} from "./domain";
import { PHASES } from "./records";
import { describeIssue } from "./zod-errors";

const text = z.string().trim().min(1, "mag niet leeg zijn");
const slugId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "alleen kleine letters, cijfers en streepjes");
const elementId = z.enum(ELEMENT_IDS);
const score = z.number().int().min(SCORE_MIN).max(SCORE_MAX);

export const behaviourSchema = z.strictObject({
  id: slugId,
  label: text,
  description: text,
});

export const elementSchema = z.strictObject({
  id: elementId,
  name: text,
  polarity: z.enum(["positief", "negatief"]),
  definition: text,
  clientSide: text,
  professionalSide: text,
  /** For stroefheid these are the signals of friction; for the others, the behaviours that build it. */
  behaviours: z.array(behaviourSchema).min(1),
});

export const elementsFileSchema = z.strictObject({
  elements: z.array(elementSchema).length(ELEMENT_IDS.length),
  /** Menger's later findings, shown on the kompas page. */
  notes: z.array(text).default([]),
});

export const tipSchema = z.strictObject({
  id: z.enum(TIP_IDS),
  number: z.number().int().min(1).max(TIP_IDS.length),
  title: text,
  body: text,
  elements: z.array(elementId).min(1),
  behaviours: z.array(slugId).default([]),
});
export const tipsFileSchema = z.strictObject({ tips: z.array(tipSchema).length(TIP_IDS.length) });

export const themeSchema = z.strictObject({
  id: z.enum(THEME_IDS),
  title: text,
  intro: text,
  questions: z.array(text).min(3),
});
export const werkbladFileSchema = z.strictObject({
  title: text,
  intro: text,
  themes: z.array(themeSchema).length(THEME_IDS.length),
});

export const researchFileSchema = z.strictObject({
  questions: z
    .array(z.strictObject({ id: z.enum(RESEARCH_QUESTION_IDS), number: z.number().int(), text: text }))
    .length(RESEARCH_QUESTION_IDS.length),
  sides: z
    .array(z.strictObject({ id: z.enum(SIDE_IDS), name: text, description: text, examples: z.array(text).min(1) }))
    .length(SIDE_IDS.length),
  methods: text,
});

const selfCheckOptionSchema = z.strictObject({
  text: text,
  correct: z.boolean(),
  feedback: text,
});
export const selfCheckQuestionSchema = z
  .strictObject({
    question: text,
    options: z.array(selfCheckOptionSchema).min(2).max(6),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, {
    message: "precies één antwoord moet juist zijn",
    path: ["options"],
  });

export const moduleFrontmatterSchema = z.strictObject({
  title: text,
  order: z.number().int().min(1),
  summary: text,
  minutes: z.number().int().min(5).max(60),
  goals: z.array(text).min(2),
  reflection: z.array(text).min(2),
  selfCheck: z.array(selfCheckQuestionSchema).min(4),
  /** What this module teaches, by id: the coverage test reads these. */
  covers: z
    .strictObject({
      elements: z.array(elementId).default([]),
      behaviours: z.array(slugId).default([]),
      tips: z.array(z.enum(TIP_IDS)).default([]),
      themes: z.array(z.enum(THEME_IDS)).default([]),
      research: z.array(z.enum(RESEARCH_QUESTION_IDS)).default([]),
      sides: z.array(z.enum(SIDE_IDS)).default([]),
    })
    .default({ elements: [], behaviours: [], tips: [], themes: [], research: [], sides: [] }),
  cases: z.array(slugId).default([]),
});

const momentSchema = z.strictObject({
  /** A behaviour id or a stroefheid signal id from content/elements.yaml. */
  id: slugId,
  effect: z.enum(["versterkt", "belast"]),
  note: text,
});

const turnSchema = z.strictObject({
  /** Seconds from the start of the gesprek. */
  t: z.number().min(0),
  speaker: slugId,
  text: text,
  moments: z.array(momentSchema).default([]),
});

export const GENDER_IDS = ["vrouw", "man", "anders"] as const;

const speakerSchema = z.strictObject({
  id: slugId,
  name: text,
  role: z.enum(["ad", "client", "derde"]),
  /** So the library can show that who fails or succeeds is not a matter of gender (spread test). */
  gender: z.enum(GENDER_IDS),
});

const perElementText = z.strictObject({
  vertrouwen: text,
  "richting-kader": text,
  binding: text,
  stroefheid: text,
});
const perElementScore = z.strictObject({
  vertrouwen: score,
  "richting-kader": score,
  binding: score,
  stroefheid: score,
});

const roleplayBriefingSchema = z.strictObject({
  situation: text,
  feels: text,
  holdsBack: text,
  opensUp: text,
});

/** The card of a third role-player (partner, union rep, interpreter): only what that person knows. */
const thirdPartyCardSchema = z.strictObject({
  /** The speaker (role "derde") this card is for. */
  speaker: slugId,
  situation: text,
  feels: text,
  /** How to play the part: when to speak, what to do. */
  task: text,
  /** Something this person keeps to themselves, if anything. */
  holdsBack: text.optional(),
});

export const caseSchema = z
  .strictObject({
    title: text,
    summary: text,
    setting: z.enum(SETTING_IDS),
    phase: z.enum(PHASE_IDS),
    phaseDetail: text,
    adRole: z.enum(AD_ROLE_IDS),
    difficulty: z.enum(DIFFICULTY_IDS),
    profile: z.enum(PROFILE_IDS),
    mode: z.enum(MODE_IDS),
    focus: z.array(elementId).min(1),
    triggers: z.array(z.enum(TRIGGER_IDS)).default([]),
    thirdParties: z.array(z.enum(THIRD_PARTY_IDS)).default([]),
    persona: z.strictObject({
      name: text,
      description: text,
      /** What the AD does not know at the start. */
      hiddenContext: text,
    }),
    situation: text,
    groupQuestion: text,
    speakers: z.array(speakerSchema).min(2),
    turns: z.array(turnSchema).min(8),
    /** End of the gesprek in seconds; at least the last turn's time. */
    duration: z.number().min(60),
    reference: z.strictObject({
      scores: perElementScore,
      justification: perElementText,
    }),
    /**
     * The second reference: how the client in this gesprek would probably rate it, written by the
     * makers from what clients told the cahier's research. Not an ervaringsdeskundige's judgement;
     * the pages say so.
     */
    clientView: z.strictObject({
      scores: perElementScore,
      commentary: perElementText,
    }),
    discussion: z.array(text).min(3).max(6),
    tips: z.array(z.enum(TIP_IDS)).min(1),
    /**
     * The behaviours (ids from elements.yaml) that can occur in this gesprek: the "niemand vinkte aan"
     * tip rules count only these (bringing someone along cannot be missed when the daughter sits at
     * the table).
     */
    applicableBehaviours: z.array(slugId).min(1),
    roleplay: z
      .strictObject({
        /** Minutes the players get to read their card before they start. */
        readingMinutes: z.number().int().min(2).max(20),
        /** What observers watch for in this casus, per element (their sheet adds the behaviours). */
        observers: perElementText,
        client: roleplayBriefingSchema,
        ad: z.strictObject({ situation: text, task: text, watchFor: text }),
        /** One card per third party in speakers, so nobody reads another role's card. */
        thirdParties: z.array(thirdPartyCardSchema).default([]),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const speakerIds = new Set(c.speakers.map((s) => s.id));
    c.turns.forEach((turn, i) => {
      if (!speakerIds.has(turn.speaker)) {
        ctx.addIssue({ code: "custom", path: ["turns", i, "speaker"], message: `onbekende spreker "${turn.speaker}"` });
      }
      if (i > 0 && turn.t <= c.turns[i - 1].t) {
        ctx.addIssue({ code: "custom", path: ["turns", i, "t"], message: "tijden moeten oplopen" });
      }
    });
    if (c.roleplay) {
      const derden = c.speakers.filter((s) => s.role === "derde").map((s) => s.id);
      const cards = c.roleplay.thirdParties.map((card) => card.speaker);
      cards.forEach((id, i) => {
        if (!derden.includes(id)) ctx.addIssue({ code: "custom", path: ["roleplay", "thirdParties", i, "speaker"], message: `"${id}" is geen derde in speakers` });
        else if (cards.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["roleplay", "thirdParties", i, "speaker"], message: `"${id}" heeft al een kaart` });
      });
      for (const id of derden) {
        if (!cards.includes(id)) ctx.addIssue({ code: "custom", path: ["roleplay", "thirdParties"], message: `"${id}" speelt mee maar heeft geen eigen kaart` });
      }
    }
    const last = c.turns[c.turns.length - 1];
    if (last && c.duration < last.t) {
      ctx.addIssue({ code: "custom", path: ["duration"], message: "korter dan de laatste beurt" });
    }
  });

const scheduleStepSchema = z.strictObject({
  phase: z.enum(PHASES),
  title: text,
  minutes: z.number().int().min(1).max(120),
});

/** A time budget along every phase of the live room, in the app's order, adding up to `minutes`. */
function checkSchedule(schedule: { phase: string; minutes: number }[], minutes: number, at: (string | number)[], ctx: z.RefinementCtx) {
  schedule.forEach((step, i) => {
    if (step.phase !== PHASES[i]) {
      ctx.addIssue({ code: "custom", path: [...at, "schedule", i, "phase"], message: `hier hoort de fase "${PHASES[i]}" (elke fase één keer, in de volgorde van de app)` });
    }
  });
  const total = schedule.reduce((sum, step) => sum + step.minutes, 0);
  if (total !== minutes) {
    ctx.addIssue({ code: "custom", path: [...at, "schedule"], message: `de stappen duren samen ${total} minuten, niet de ${minutes} van minutes` });
  }
}

const phaseSchedule = z.array(scheduleStepSchema).length(PHASES.length, `precies ${PHASES.length} stappen: één per fase van de live sessie`);

/**
 * The frontmatter of the facilitator's guide. Its time budgets follow the live room: one step per
 * phase, in the app's order, adding up to the meeting's length, so the guide cannot drift from the
 * phases the app really has. Two formats: a whole evening, and a kijksessie as one part of a meeting.
 */
export const guideFrontmatterSchema = z
  .strictObject({
    title: text,
    summary: text,
    /** Length of the meeting the schedule plans for. */
    minutes: z.number().int().min(30).max(240),
    schedule: phaseSchedule,
    /** The same phases squeezed into one slot of a longer OT meeting (the module's agenda). */
    slot: z.strictObject({ minutes: z.number().int().min(15).max(60), schedule: phaseSchedule }),
    /** Short explanations of the terms an ervaringsdeskundige or a new member meets. */
    glossary: z.array(z.strictObject({ term: text, meaning: text })).min(8),
    /** Four meetings, one element each, with casussen (slugs) that show it. */
    yearPlan: z
      .array(z.strictObject({ element: elementId, title: text, aim: text, cases: z.array(slugId).min(2).max(4) }))
      .length(ELEMENT_IDS.length),
  })
  .superRefine((g, ctx) => {
    checkSchedule(g.schedule, g.minutes, [], ctx);
    checkSchedule(g.slot.schedule, g.slot.minutes, ["slot"], ctx);
    const elements = new Set(g.yearPlan.map((m) => m.element));
    if (elements.size !== ELEMENT_IDS.length) ctx.addIssue({ code: "custom", path: ["yearPlan"], message: "elk element één bijeenkomst" });
    const terms = g.glossary.map((entry) => entry.term.toLowerCase());
    terms.forEach((term, i) => {
      if (terms.indexOf(term) !== i) ctx.addIssue({ code: "custom", path: ["glossary", i, "term"], message: `"${term}" staat er al` });
    });
  });

/** The debrief after a role-play goes round in this order: the client's player first, the group last. */
export const DEBRIEF_ROUNDS = ["client", "ad", "observatoren", "groep"] as const;

/**
 * The frontmatter of content/rollenspel.md: how any role-play is run, written once. The casus brings
 * its own cards and reading time; playing, de-roling and debrief are the same for every casus.
 */
export const roleplayGuideSchema = z
  .strictObject({
    title: text,
    summary: text,
    /** Minutes to play the gesprek. */
    playingMinutes: z.number().int().min(5).max(30),
    deroling: z.strictObject({
      minutes: z.number().int().min(1).max(15),
      intro: text,
      /** What each player says, in order, to step out of the role. */
      steps: z.array(text).min(2),
    }),
    debrief: z.strictObject({
      minutes: z.number().int().min(5).max(60),
      intro: text,
      rounds: z.array(z.strictObject({ who: z.enum(DEBRIEF_ROUNDS), title: text, questions: z.array(text).min(1) })),
    }),
  })
  .superRefine((g, ctx) => {
    const order = g.debrief.rounds.map((r) => r.who).join(",");
    if (order !== DEBRIEF_ROUNDS.join(",")) {
      ctx.addIssue({ code: "custom", path: ["debrief", "rounds"], message: `de rondes gaan in deze volgorde, elk één keer: ${DEBRIEF_ROUNDS.join(", ")}` });
    }
  });

export type Behaviour = z.infer<typeof behaviourSchema>;
export type Element = z.infer<typeof elementSchema>;
export type ElementsFile = z.infer<typeof elementsFileSchema>;
export type Tip = z.infer<typeof tipSchema>;
export type WerkbladFile = z.infer<typeof werkbladFileSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type ResearchFile = z.infer<typeof researchFileSchema>;
export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>;
export type SelfCheckQuestion = z.infer<typeof selfCheckQuestionSchema>;
export type CaseFile = z.infer<typeof caseSchema>;
export type Turn = z.infer<typeof turnSchema>;
export type CaseMoment = z.infer<typeof momentSchema>;
export type GuideFrontmatter = z.infer<typeof guideFrontmatterSchema>;
export type ScheduleStep = z.infer<typeof scheduleStepSchema>;
export type RoleplayGuideFrontmatter = z.infer<typeof roleplayGuideSchema>;

/** Turns a zod error into one Dutch line per problem: `file: field.path: message`. */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => `${file}: ${describeIssue(issue, "(bestand)")}`)
    .join("\n");
}

// ---- OT methods as session templates (content/methods/*.yaml, issue 10) ----

const methodRoundSchema = z.strictObject({
  id: slugId,
  title: text,
  minutes: z.number().int().min(1).max(120),
  /** The session phase this round runs alongside. */
  phase: z.enum(PHASES),
  /** For the group, on the projector: two lines of its band at most. */
  instruction: text.max(140, "past niet in de band op het beamerscherm: hoogstens 140 tekens"),
  /** For the chair, on the control view only. */
  chairNote: text,
});

/** An OT method: what it is, when to use it, and an agenda of timed rounds beside the session's phases. */
export const methodSchema = z
  .strictObject({
    title: text,
    summary: text,
    whenToUse: text,
    /** Order in the list on /sessies/nieuw. */
    order: z.number().int().min(1),
    rounds: z.array(methodRoundSchema).min(2).max(12),
    /** Only for "eigen casus": the inbrenger's own gesprek, played as a role-play. */
    ownCase: z
      .strictObject({
        /** What the inbrenger leaves out or changes before telling. */
        checklist: z.array(text).min(3),
        /** Hint beside the leervraag field. */
        leervraag: text,
        /** "Hoe beleefde de cliënt dit?" with its prompt. */
        clientQuestion: text,
        clientPrompt: text,
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    m.rounds.forEach((round, i) => {
      if (m.rounds.findIndex((r) => r.id === round.id) !== i) ctx.addIssue({ code: "custom", path: ["rounds", i, "id"], message: `"${round.id}" komt twee keer voor` });
      const previous = m.rounds[i - 1];
      if (previous && PHASES.indexOf(round.phase) < PHASES.indexOf(previous.phase)) {
        ctx.addIssue({ code: "custom", path: ["rounds", i, "phase"], message: "de rondes volgen de fasen van de sessie: deze fase komt eerder dan die van de ronde ervoor" });
      }
    });
  });
export type MethodFile = z.infer<typeof methodSchema>;
