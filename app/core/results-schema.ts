// The one schema of the reveal results, wherever they travel: written to and read from disk
// (results.json), sent on the wire (session:results) and taken in by the browser; and of the
// ranked tips that follow them (session:tips). The types stay the interfaces in results.ts and
// tip-rules.ts, where each field is explained; the checks at the bottom make the build fail when
// a schema and its type ever differ (docs/decisions/026).
import { z } from "zod";
import { ELEMENT_IDS, TIP_IDS } from "./domain";
import { RATER_ROLE_IDS, type RevealResults } from "./results";
import type { RankedTip } from "./tip-rules";

const elementId = z.enum(ELEMENT_IDS);
const raterRole = z.enum(RATER_ROLE_IDS);
const perElement = z.record(elementId, z.number());

const summary = z.object({ n: z.number(), mean: z.number(), median: z.number(), min: z.number(), max: z.number(), sd: z.number().nullable() });

const roleGroup = z.object({ role: raterRole, n: z.number(), shown: z.boolean(), summary: summary.nullable(), note: z.string().nullable() });

const roleGap = z.object({
  arbeidsdeskundigeMean: z.number(),
  ervaringsdeskundigeMean: z.number(),
  gap: z.number(),
  large: z.boolean(),
  line: z.string().nullable(),
});

const agreement = z.object({
  alpha: z.number().nullable(),
  band: z.enum(["betrouwbaar", "voorlopig", "verschillend"]).nullable(),
  raters: z.number(),
  bins: z.number(),
  line: z.string(),
  caution: z.string().nullable(),
});

const behaviourCount = z.object({ id: z.string(), raters: z.number(), inFinal: z.number(), inMoments: z.number() });

const timelineBin = z.object({
  start: z.number(),
  end: z.number(),
  n: z.number(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

const momentCluster = z.object({
  t: z.number(),
  from: z.number(),
  to: z.number(),
  turnIndex: z.number().nullable(),
  raters: z.number(),
  count: z.number(),
  behaviours: z.array(z.object({ id: z.string(), raters: z.number() })),
});

const hotspot = z.object({
  elementId,
  start: z.number(),
  end: z.number(),
  spread: z.number(),
  meanRange: z.number(),
  raters: z.number(),
  turnIndex: z.number().nullable(),
});

const elementResult = z.object({
  elementId,
  name: z.string(),
  negative: z.boolean(),
  scores: z.array(z.object({ role: raterRole.nullable(), value: z.number() })),
  summary: summary.nullable(),
  roles: z.record(raterRole, roleGroup).nullable(),
  gap: roleGap.nullable(),
  gapNote: z.string().nullable(),
  agreement,
  behaviours: z.object({ seen: z.array(behaviourCount), unseen: z.array(z.string()) }),
  reference: z
    .object({
      score: z.number(),
      groupMean: z.number().nullable(),
      difference: z.number().nullable(),
      clientView: z.number().nullable().optional(),
      edMean: z.number().nullable().optional(),
    })
    .nullable(),
  timeline: z.object({
    raters: z.number(),
    bins: z.array(timelineBin),
    moments: z.array(momentCluster),
    hotspots: z.array(hotspot),
    series: z.array(z.array(z.number().nullable())).optional(),
  }),
});

const referenceMoment = z.object({
  turnIndex: z.number(),
  t: z.number(),
  id: z.string(),
  elementId: elementId.nullable(),
  effect: z.enum(["versterkt", "belast"]),
  from: z.number(),
  to: z.number(),
  match: z.enum(["gedrag", "element"]).nullable(),
  raters: z.number(),
  inFinal: z.number(),
});

export const revealResultsSchema = z.object({
  raterCount: z.number(),
  finals: z.array(z.object({ pseudonym: z.string(), displayName: z.string(), role: raterRole.nullable(), scores: perElement })),
  roleCounts: z.record(raterRole, z.number()),
  rolesShown: z.boolean(),
  privacyNote: z.string().nullable(),
  fewRaters: z.boolean(),
  caution: z.string().nullable(),
  // Every element exactly once: the pages look each one up by id.
  elements: z.array(elementResult).refine((list) => list.length === ELEMENT_IDS.length && ELEMENT_IDS.every((id) => list.some((e) => e.elementId === id)), {
    message: `moet elk van de ${ELEMENT_IDS.length} elementen precies één keer bevatten`,
  }),
  timeline: z.object({
    binSeconds: z.number(),
    lagSeconds: z.number(),
    holdSeconds: z.number(),
    end: z.number(),
    binCount: z.number(),
    turnTimes: z.array(z.number()).nullable(),
  }),
  hotspots: z.array(hotspot),
  reference: z.object({ marked: z.array(referenceMoment), missed: z.array(referenceMoment) }).nullable(),
  applicableBehaviours: z.array(z.string()).nullable().optional(),
  clientViewLine: z.string().nullable().optional(),
  focus: z.object({ all: z.number(), elements: perElement }).optional(),
});

const moment = z.object({ t: z.number(), turnIndex: z.number().nullable() });

const firedRule = z.object({
  ruleId: z.string(),
  kind: z.enum(["scores", "role-gap", "unobserved", "spike", "role-absent"]),
  tips: z.array(z.enum(TIP_IDS)),
  weight: z.number(),
  prompt: z.string(),
  why: z.string(),
  elements: z.array(elementId),
  behaviours: z.array(z.string()),
  moments: z.array(moment),
  numbers: z.record(z.string(), z.number()),
});

/** session:tips: all six tips ranked for the results (tipsForSession in tip-rules.ts). */
export const rankedTipsSchema = z.array(
  z.object({ tipId: z.enum(TIP_IDS), fits: z.boolean(), weight: z.number(), rules: z.array(firedRule), elements: z.array(elementId), moments: z.array(moment) }),
);

// Each schema's type and its interface are the same type: a field added, dropped or changed on one
// side only is a type error here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameShape: Same<z.infer<typeof revealResultsSchema>, RevealResults> = true;
const sameTips: Same<z.infer<typeof rankedTipsSchema>, RankedTip[]> = true;
void sameShape;
void sameTips;
