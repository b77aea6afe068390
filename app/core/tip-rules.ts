// The rules that link a session's results to the six tips. The rules and every threshold are data
// (content/tip-rules.yaml, validated here); this file only knows the kinds of pattern a rule can
// test, and fills each rule's Dutch "why" with this session's numbers.
import { z } from "zod";
import { describeIssues } from "./content-schema";
import { formatClock } from "./format";
import { ELEMENT_IDS, type ElementId, SCORE_MAX, SCORE_MIN, TIP_IDS, type TipId } from "./domain";
import {
  type ElementResult,
  formatNumber,
  formatPlain,
  RATER_ROLE_IDS,
  type RevealResults,
  turnAt,
} from "./results";

const text = z.string().trim().min(1, "mag niet leeg zijn");
const slugId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "alleen kleine letters, cijfers en streepjes");
const elementId = z.enum(ELEMENT_IDS);
const score = z.number().min(SCORE_MIN).max(SCORE_MAX);

const common = {
  id: slugId,
  tips: z.array(z.enum(TIP_IDS)).min(1),
  /** How strongly a firing pushes its tips up the list. */
  weight: z.number().min(0).max(10).default(1),
  /** Dutch discussion prompt; may use the rule's variables. */
  prompt: text,
  /** Dutch template that says why the rule fired, filled with this session's numbers. */
  why: text,
};

const condition = z
  .strictObject({ element: elementId, atLeast: score.optional(), atMost: score.optional() })
  .refine((c) => c.atLeast !== undefined || c.atMost !== undefined, { message: "geef atLeast of atMost" });

const scoresRule = z.strictObject({
  ...common,
  kind: z.literal("scores"),
  /** Which statistic of the final scores the conditions test. */
  stat: z.enum(["mean", "median"]).default("mean"),
  conditions: z.array(condition).min(1),
  /** Behaviours the rule points to; {unseen} and {seen} list them. */
  behaviours: z.array(slugId).default([]),
  minRaters: z.number().int().min(1).default(1),
});

const roleGapRule = z.strictObject({
  ...common,
  kind: z.literal("role-gap"),
  minGap: z.number().min(0).max(SCORE_MAX),
  elements: z.array(elementId).min(1).default([...ELEMENT_IDS]),
  maxFirings: z.number().int().min(1).default(4),
});

const unobservedRule = z.strictObject({
  ...common,
  kind: z.literal("unobserved"),
  elements: z.array(elementId).min(1),
  /** Only these behaviours count (all of the elements' behaviours when empty). */
  behaviours: z.array(slugId).default([]),
  /**
   * Score conditions that must also hold (on the group mean), e.g. some stroefheid before a rule
   * points to a tip about resistance.
   */
  conditions: z.array(condition).default([]),
  /** One unticked behaviour is noise in a short gesprek; the rule needs several. */
  minUnseen: z.number().int().min(1).default(2),
  /**
   * A behaviour counts only when at least this many raters watched its element (their focus, or no
   * focus at all): otherwise "nobody ticked it" only mirrors who was asked to look elsewhere.
   */
  minWatchers: z.number().int().min(1).default(2),
});

const spikeRule = z.strictObject({
  ...common,
  kind: z.literal("spike"),
  element: elementId,
  /**
   * Rise in one bin over the same rater's own mean of the bins just before it, averaged over the
   * raters who rated both: someone who joins late with a high score is not a rise.
   */
  minRise: z.number().positive().max(SCORE_MAX),
  baselineSeconds: z.number().positive().max(300),
  /** Fewer raters with a value in the bin and in its baseline do not count. */
  minRaters: z.number().int().min(1).default(2),
  maxFirings: z.number().int().min(1).default(3),
});

const roleAbsentRule = z.strictObject({
  ...common,
  kind: z.literal("role-absent"),
  role: z.enum(RATER_ROLE_IDS),
  minRaters: z.number().int().min(1).default(2),
});

const ELEMENT_STATS = ["mean", "median", "min", "max", "name"] as const;

/** The variables each kind offers to its templates. */
export function templateVariables(rule: TipRule): Set<string> {
  const vars = new Set(["raters"]);
  const add = (...names: string[]) => names.forEach((n) => vars.add(n));
  switch (rule.kind) {
    case "scores":
      for (const e of ELEMENT_IDS) for (const s of ELEMENT_STATS) add(`${e}.${s}`);
      for (const c of rule.conditions) add(`${c.element}.threshold`);
      add("unseen", "seen");
      break;
    case "role-gap":
      add("element", "gap", "adMean", "edMean", "higher", "lower");
      break;
    case "unobserved":
      add("elements", "unseen", "unseenCount", "total", "watchers");
      for (const c of rule.conditions) add(`${c.element}.mean`, `${c.element}.threshold`);
      break;
    case "spike":
      add("element", "from", "to", "rise", "time", "where", "baselineSeconds");
      break;
    case "role-absent":
      add("adCount", "edCount");
      break;
  }
  return vars;
}

const PLACEHOLDER = /\{([A-Za-z][\w.-]*)\}/g;

const ruleSchema = z
  .discriminatedUnion("kind", [scoresRule, roleGapRule, unobservedRule, spikeRule, roleAbsentRule])
  .superRefine((rule, ctx) => {
    const vars = templateVariables(rule);
    for (const field of ["prompt", "why"] as const) {
      for (const [, name] of rule[field].matchAll(PLACEHOLDER)) {
        if (!vars.has(name)) {
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `onbekende variabele {${name}}; bruikbaar: ${[...vars].map((v) => `{${v}}`).join(", ")}`,
          });
        }
      }
    }
    if (rule.kind === "scores" || rule.kind === "unobserved") {
      rule.conditions.forEach((c, i) => {
        if (c.atLeast !== undefined && c.atMost !== undefined && c.atLeast > c.atMost) {
          ctx.addIssue({ code: "custom", path: ["conditions", i], message: "atLeast is groter dan atMost" });
        }
      });
    }
  });

export const tipRulesFileSchema = z
  .strictObject({ rules: z.array(ruleSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `id "${rule.id}" komt twee keer voor` });
      seen.add(rule.id);
    });
  });

export type TipRule = z.infer<typeof ruleSchema>;
export type TipRulesFile = z.infer<typeof tipRulesFileSchema>;

/** Validates a parsed tip-rules file; the message names the file and the field (`file: rules.2.why: ...`). */
export function parseTipRules(
  file: string,
  raw: unknown,
): { ok: true; rules: TipRule[] } | { ok: false; message: string } {
  const result = tipRulesFileSchema.safeParse(raw);
  return result.success ? { ok: true, rules: result.data.rules } : { ok: false, message: describeIssues(file, result.error) };
}

/**
 * Cross-references a rule set against the behaviours in content: every id must exist, and an
 * "unobserved" rule's behaviours must belong to its elements (the others can never be counted).
 * Returns one Dutch line per problem, `file: rules.i.behaviours.j: ...`.
 */
export function checkTipRuleBehaviours(file: string, rules: TipRule[], behaviourElement: Map<string, ElementId>): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    if (rule.kind !== "scores" && rule.kind !== "unobserved") return;
    rule.behaviours.forEach((id, j) => {
      const element = behaviourElement.get(id);
      if (!element) problems.push(`${file}: rules.${i}.behaviours.${j}: onbekend gedrag "${id}"`);
      else if (rule.kind === "unobserved" && !rule.elements.includes(element)) {
        problems.push(`${file}: rules.${i}.behaviours.${j}: "${id}" hoort bij ${element}, niet bij de elementen van deze regel`);
      }
    });
  });
  return problems;
}

// ---- Evaluation ----

export interface FiredRule {
  ruleId: string;
  kind: TipRule["kind"];
  tips: TipId[];
  weight: number;
  prompt: string;
  why: string;
  elements: ElementId[];
  /** Behaviour ids behind the firing (those nobody saw). */
  behaviours: string[];
  /** Places on the gesprek clock the group can jump to. */
  moments: { t: number; turnIndex: number | null }[];
  /** The numbers the rule tested, by name. */
  numbers: Record<string, number>;
}

export interface TipRuleContext {
  /** Behaviour id → Dutch label, for {unseen} and {seen}; the id otherwise. */
  behaviourLabels?: Record<string, string>;
}

/** Rules compare the one-decimal numbers people read, so "5,0" never fails an "at most 5". */
const round1 = (x: number) => Math.round(x * 10) / 10;

type Condition = z.infer<typeof condition>;

/** Tests score conditions on the group's final scores; records each tested value in `numbers`. */
function conditionsHold(
  conditions: readonly Condition[],
  stat: "mean" | "median",
  element: (id: ElementId) => ElementResult,
  numbers: Record<string, number>,
): boolean {
  return conditions.every((c) => {
    const s = element(c.element).summary;
    if (!s) return false;
    const value = round1(stat === "median" ? s.median : s.mean);
    numbers[`${c.element}.${stat}`] = value;
    return (c.atLeast === undefined || value >= c.atLeast) && (c.atMost === undefined || value <= c.atMost);
  });
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole);
}

function listLabels(ids: readonly string[], ctx: TipRuleContext): string {
  return ids.length ? ids.map((id) => ctx.behaviourLabels?.[id] ?? id).join("; ") : "geen";
}

/** Every firing of every rule against these results, in rule order. */
export function evaluateTipRules(rules: readonly TipRule[], results: RevealResults, ctx: TipRuleContext = {}): FiredRule[] {
  const byElement = new Map(results.elements.map((e) => [e.elementId, e]));
  const element = (id: ElementId) => byElement.get(id)!;
  const applicable = results.applicableBehaviours ? new Set(results.applicableBehaviours) : null;
  const fired: FiredRule[] = [];
  const fire = (
    rule: TipRule,
    vars: Record<string, string>,
    rest: Pick<FiredRule, "elements" | "behaviours" | "moments" | "numbers">,
  ) => {
    const all = { raters: String(results.raterCount), ...vars };
    fired.push({
      ruleId: rule.id,
      kind: rule.kind,
      tips: rule.tips,
      weight: rule.weight,
      prompt: fill(rule.prompt, all),
      why: fill(rule.why, all),
      ...rest,
    });
  };

  for (const rule of rules) {
    switch (rule.kind) {
      case "scores": {
        if (results.raterCount < rule.minRaters) break;
        const numbers: Record<string, number> = {};
        if (!conditionsHold(rule.conditions, rule.stat, element, numbers)) break;
        const vars: Record<string, string> = {};
        for (const e of ELEMENT_IDS) {
          const r = element(e);
          vars[`${e}.name`] = r.name;
          if (r.summary) {
            vars[`${e}.mean`] = formatNumber(r.summary.mean);
            vars[`${e}.median`] = formatNumber(r.summary.median);
            vars[`${e}.min`] = formatPlain(r.summary.min);
            vars[`${e}.max`] = formatPlain(r.summary.max);
          }
        }
        for (const c of rule.conditions) vars[`${c.element}.threshold`] = formatPlain((c.atMost ?? c.atLeast)!);
        const counts = new Map(results.elements.flatMap((e) => e.behaviours.seen.map((b) => [b.id, b.raters] as const)));
        // Behaviours that cannot occur in this casus are neither seen nor missed.
        const pointed = applicable ? rule.behaviours.filter((id) => applicable.has(id)) : rule.behaviours;
        const unseen = pointed.filter((id) => !counts.has(id));
        const seen = pointed.filter((id) => counts.has(id));
        vars.unseen = listLabels(unseen, ctx);
        vars.seen = seen.length
          ? seen.map((id) => `${ctx.behaviourLabels?.[id] ?? id} (${counts.get(id)})`).join("; ")
          : "geen";
        fire(rule, vars, {
          elements: [...new Set(rule.conditions.map((c) => c.element))],
          behaviours: unseen,
          moments: [],
          numbers,
        });
        break;
      }
      case "role-gap": {
        const gaps = rule.elements
          .map((id) => element(id))
          .filter((e): e is ElementResult & { gap: NonNullable<ElementResult["gap"]> } => e.gap !== null)
          .filter((e) => Math.abs(round1(e.gap.gap)) >= rule.minGap)
          .sort((a, b) => Math.abs(b.gap.gap) - Math.abs(a.gap.gap))
          .slice(0, rule.maxFirings);
        for (const e of gaps) {
          const edHigher = e.gap.gap > 0;
          fire(
            rule,
            {
              element: e.name,
              gap: formatNumber(Math.abs(e.gap.gap)),
              adMean: formatNumber(e.gap.arbeidsdeskundigeMean),
              edMean: formatNumber(e.gap.ervaringsdeskundigeMean),
              higher: edHigher ? "ervaringsdeskundigen" : "arbeidsdeskundigen",
              lower: edHigher ? "arbeidsdeskundigen" : "ervaringsdeskundigen",
            },
            {
              elements: [e.elementId],
              behaviours: [],
              moments: [],
              numbers: {
                gap: e.gap.gap,
                adMean: e.gap.arbeidsdeskundigeMean,
                edMean: e.gap.ervaringsdeskundigeMean,
              },
            },
          );
        }
        break;
      }
      case "unobserved": {
        // Without a casus nobody said which behaviours this gesprek could show: "nobody ticked it"
        // would then say more about the list than about the gesprek.
        if (!applicable) break;
        const numbers: Record<string, number> = {};
        if (!conditionsHold(rule.conditions, "mean", element, numbers)) break;
        const elementOf = new Map(
          rule.elements.flatMap((id) => [...element(id).behaviours.seen.map((b) => b.id), ...element(id).behaviours.unseen].map((b) => [b, id] as const)),
        );
        // Results stored before focus was counted: everyone as having watched all four.
        const focus = results.focus ?? { all: results.finals.length, elements: { vertrouwen: 0, "richting-kader": 0, binding: 0, stroefheid: 0 } };
        const watchers = (id: ElementId) => focus.all + focus.elements[id];
        // In the rule's own order when it names behaviours.
        const listed = rule.behaviours.length ? rule.behaviours.filter((id) => elementOf.has(id)) : [...elementOf.keys()];
        const candidates = listed.filter((id) => applicable.has(id) && watchers(elementOf.get(id)!) >= rule.minWatchers);
        const unseenIds = new Set(rule.elements.flatMap((id) => element(id).behaviours.unseen));
        const unseen = candidates.filter((id) => unseenIds.has(id));
        if (unseen.length < rule.minUnseen) break;
        const watching = focus.all + rule.elements.reduce((n, id) => n + focus.elements[id], 0);
        const vars: Record<string, string> = {
          elements: rule.elements.map((id) => element(id).name).join(", "),
          unseen: listLabels(unseen, ctx),
          unseenCount: String(unseen.length),
          total: String(candidates.length),
          watchers: String(watching),
        };
        for (const c of rule.conditions) {
          vars[`${c.element}.mean`] = formatNumber(numbers[`${c.element}.mean`]);
          vars[`${c.element}.threshold`] = formatPlain((c.atMost ?? c.atLeast)!);
        }
        fire(rule, vars, {
          elements: [...rule.elements],
          behaviours: unseen,
          moments: [],
          numbers: { ...numbers, unseen: unseen.length, total: candidates.length, watchers: watching },
        });
        break;
      }
      case "spike": {
        const e = element(rule.element);
        for (const spike of findSpikes(e, results.timeline.binSeconds, rule)) {
          const turnIndex = results.timeline.turnTimes ? turnAt(results.timeline.turnTimes, spike.t) : null;
          const time = formatClock(spike.t);
          fire(
            rule,
            {
              element: e.name,
              from: formatNumber(spike.from),
              to: formatNumber(spike.to),
              rise: formatNumber(spike.rise),
              time,
              where: turnIndex !== null ? `na beurt ${turnIndex + 1} (${time})` : `rond ${time}`,
              baselineSeconds: formatPlain(rule.baselineSeconds),
            },
            {
              elements: [rule.element],
              behaviours: [],
              moments: [{ t: spike.t, turnIndex }],
              numbers: { from: spike.from, to: spike.to, rise: spike.rise, t: spike.t },
            },
          );
        }
        break;
      }
      case "role-absent": {
        if (results.raterCount < rule.minRaters || results.roleCounts[rule.role] > 0) break;
        fire(
          rule,
          {
            adCount: String(results.roleCounts.arbeidsdeskundige),
            edCount: String(results.roleCounts.ervaringsdeskundige),
          },
          { elements: [], behaviours: [], moments: [], numbers: { ...results.roleCounts } },
        );
        break;
      }
    }
  }
  return fired;
}

/**
 * Rises within raters: for bin k, every rater with a value in k and in at least one of the bins in
 * the baselineSeconds before it counts with their own rise (value in k minus their own baseline
 * mean); a rater who starts or stops rating in between does not count. A spike needs minRaters such
 * raters and a mean rise of at least minRise. After a rise the next baseline window is skipped, so
 * one climb fires once. The largest maxFirings, in time order. Results without per-rater series
 * (stored before they existed) give no spikes.
 */
export function findSpikes(
  e: Pick<ElementResult, "timeline">,
  binSeconds: number,
  rule: { minRise: number; baselineSeconds: number; minRaters: number; maxFirings: number },
): { t: number; from: number; to: number; rise: number }[] {
  const { bins, series } = e.timeline;
  if (!series) return [];
  const width = Math.max(1, Math.round(rule.baselineSeconds / binSeconds));
  const spikes: { t: number; from: number; to: number; rise: number }[] = [];
  for (let k = 1; k < bins.length; k++) {
    const froms: number[] = [];
    const tos: number[] = [];
    for (const row of series) {
      const now = row[k];
      if (now == null) continue;
      const before = row.slice(Math.max(0, k - width), k).filter((v): v is number => v != null);
      if (before.length === 0) continue;
      froms.push(before.reduce((a, b) => a + b, 0) / before.length);
      tos.push(now);
    }
    if (tos.length < rule.minRaters) continue;
    const from = froms.reduce((a, b) => a + b, 0) / froms.length;
    const to = tos.reduce((a, b) => a + b, 0) / tos.length;
    if (round1(to - from) >= rule.minRise) {
      spikes.push({ t: bins[k].start, from, to, rise: to - from });
      k += width;
    }
  }
  return spikes
    .sort((a, b) => b.rise - a.rise || a.t - b.t)
    .slice(0, rule.maxFirings)
    .sort((a, b) => a.t - b.t);
}

// ---- The tips, fitting ones first ----

export interface RankedTip {
  tipId: TipId;
  /** At least one rule fired for this tip. */
  fits: boolean;
  /** Sum of the weights of the firings behind it. */
  weight: number;
  rules: FiredRule[];
  elements: ElementId[];
  moments: { t: number; turnIndex: number | null }[];
}

/** All six tips: those with firings first (heaviest first), then the rest, each in tip order. */
export function rankTips(fired: readonly FiredRule[], order: readonly TipId[] = TIP_IDS): RankedTip[] {
  const ranked = order.map((tipId): RankedTip => {
    const rules = fired.filter((f) => f.tips.includes(tipId));
    const moments = new Map<number, { t: number; turnIndex: number | null }>();
    for (const f of rules) for (const m of f.moments) moments.set(m.t, m);
    return {
      tipId,
      fits: rules.length > 0,
      weight: rules.reduce((sum, f) => sum + f.weight, 0),
      rules,
      elements: ELEMENT_IDS.filter((id) => rules.some((f) => f.elements.includes(id))),
      moments: [...moments.values()].sort((a, b) => a.t - b.t),
    };
  });
  const position = new Map(order.map((id, i) => [id, i]));
  return ranked.sort(
    (a, b) => Number(b.fits) - Number(a.fits) || b.weight - a.weight || position.get(a.tipId)! - position.get(b.tipId)!,
  );
}

/** Evaluate and rank in one go: what the tips page of a session shows. */
export function tipsForSession(rules: readonly TipRule[], results: RevealResults, ctx: TipRuleContext = {}): RankedTip[] {
  return rankTips(evaluateTipRules(rules, results, ctx));
}
