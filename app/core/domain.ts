// The fixed vocabulary of the domain. Names, definitions and behaviours live in content/;
// only the ids that code branches on are fixed here.

export const ELEMENT_IDS = ["vertrouwen", "richting-kader", "binding", "stroefheid"] as const;
export type ElementId = (typeof ELEMENT_IDS)[number];

/** Stroefheid is the negative element: a high score is bad. It is never folded into a total. */
export const NEGATIVE_ELEMENT: ElementId = "stroefheid";

export const TIP_IDS = [
  "vanaf-eerste-contact",
  "evalueer-gesprek",
  "niet-invullen",
  "eerst-binding",
  "in-de-ot",
  "kernwaarden",
] as const;
export type TipId = (typeof TIP_IDS)[number];

export const THEME_IDS = ["ervaringen", "behoeften", "toekomst"] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export const RESEARCH_QUESTION_IDS = ["wensen", "ervaringskennis", "afstemming", "borging"] as const;
export type ResearchQuestionId = (typeof RESEARCH_QUESTION_IDS)[number];

export const SIDE_IDS = ["bejegening", "verwachtingsmanagement"] as const;
export type SideId = (typeof SIDE_IDS)[number];

/** Where friction often arises in AD practice (domain.md); vignettes tag the ones they show. */
export const TRIGGER_IDS = [
  "start-spoor-2",
  "in-behandeling",
  "wia-beoordeling",
  "conflict-partijdigheid",
  "betwiste-fml",
  "wisseling-professional",
  "psychische-klachten",
  "laaggeletterdheid",
  "geldzorgen",
  "eigen-belang",
  "agressie-veiligheid",
  "meningsverschil-professionals",
] as const;
export type TriggerId = (typeof TRIGGER_IDS)[number];

export const SETTING_IDS = [
  "uwv",
  "arbodienst",
  "verzekeraar",
  "re-integratiebedrijf",
  "gemeente",
  "letselschade",
  "zelfstandig",
] as const;
export type SettingId = (typeof SETTING_IDS)[number];

export const PHASE_IDS = [
  "poortwachter",
  "spoor-1",
  "spoor-2",
  "wia-claim",
  "participatiewet",
  "letselschade",
  "herbeoordeling",
  "ziektewet",
  "wajong",
  "deskundigenoordeel",
  "bezwaar",
  "einde-wachttijd",
] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

export const AD_ROLE_IDS = ["adviseur", "beoordelaar", "toetser"] as const;
export type AdRoleId = (typeof AD_ROLE_IDS)[number];

/** How the alliance develops over a vignette. */
export const PROFILE_IDS = ["goed", "breekt", "herstelt"] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export const DIFFICULTY_IDS = ["basis", "gevorderd", "expert"] as const;
export type DifficultyId = (typeof DIFFICULTY_IDS)[number];

export const THIRD_PARTY_IDS = ["partner", "vakbond", "tolk", "familie", "werkgever", "advocaat", "bezwaarbehandelaar", "leidinggevende-ad"] as const;
export type ThirdPartyId = (typeof THIRD_PARTY_IDS)[number];

export const MODE_IDS = ["op-locatie", "videobellen", "telefoon"] as const;
export type ModeId = (typeof MODE_IDS)[number];

/**
 * Sections of the facilitator's guide (content/begeleiden.md) that code relies on: the time budget
 * is shown in `schedule`, and /doe-mee links to `firstTime`. The loader refuses a guide without them.
 */
export const GUIDE_SECTIONS = { schedule: "verloop", firstTime: "eerste-keer", yearPlan: "jaarplan", glossary: "begrippen" } as const;

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
/** Reaction-time correction after the reveal: live ratings move at most this many seconds earlier. */
export const LAG_MAX_SECONDS = 3;

export type Scores = Record<ElementId, number>;

/** Dutch labels for ids that have no content file of their own. */
export const LABELS = {
  setting: {
    uwv: "UWV",
    arbodienst: "Arbodienst",
    verzekeraar: "Verzekeraar",
    "re-integratiebedrijf": "Re-integratiebedrijf",
    gemeente: "Gemeente",
    letselschade: "Letselschadebureau",
    zelfstandig: "Zelfstandig arbeidsdeskundige",
  },
  phase: {
    poortwachter: "Wet verbetering poortwachter",
    "spoor-1": "Spoor 1",
    "spoor-2": "Spoor 2",
    "wia-claim": "WIA-claimbeoordeling",
    participatiewet: "Participatiewet",
    letselschade: "Letselschade",
    herbeoordeling: "Herbeoordeling",
    ziektewet: "Ziektewet (vangnet)",
    wajong: "Wajong",
    deskundigenoordeel: "Deskundigenoordeel",
    bezwaar: "Bezwaar",
    "einde-wachttijd": "Einde van de wachttijd",
  },
  adRole: { adviseur: "Adviseur", beoordelaar: "Beoordelaar", toetser: "Toetser" },
  profile: {
    goed: "De alliantie groeit",
    breekt: "De alliantie loopt vast",
    herstelt: "Weerstand, dan herstel",
  },
  difficulty: { basis: "Basis", gevorderd: "Gevorderd", expert: "Expert" },
  trigger: {
    "start-spoor-2": "Start van spoor 2",
    "in-behandeling": "Beoordeling tijdens behandeling",
    "wia-beoordeling": "WIA-beoordeling",
    "conflict-partijdigheid": "Conflict en schijn van partijdigheid",
    "betwiste-fml": "Betwiste FML",
    "wisseling-professional": "Wisseling van professional",
    "psychische-klachten": "Psychische klachten",
    laaggeletterdheid: "Laaggeletterdheid",
    geldzorgen: "Geldzorgen",
    "eigen-belang": "Cliënt met een eigen belang",
    "agressie-veiligheid": "Agressie en eigen veiligheid",
    "meningsverschil-professionals": "Meningsverschil tussen professionals",
  },
  thirdParty: {
    partner: "Partner",
    vakbond: "Vakbondsadviseur",
    tolk: "Tolk",
    familie: "Familielid",
    werkgever: "Werkgever",
    advocaat: "Advocaat",
    bezwaarbehandelaar: "Bezwaarbehandelaar",
    "leidinggevende-ad": "Leidinggevende van de arbeidsdeskundige",
  },
  mode: { "op-locatie": "Op locatie", videobellen: "Videobellen", telefoon: "Telefoon" },
} as const;
