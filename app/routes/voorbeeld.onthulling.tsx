// /voorbeeld/onthulling — a preview of the reveal for a made-up session on one of the vignettes:
// the visual check of ResultsView on a phone, a laptop, the projector and paper. Linked from
// nowhere and not indexed. The ratings are generated from the vignette's reference moments with a
// fixed seed, so the page looks the same on every load; computeResults and the tip rules are the
// real ones. With `?stap=` (one of REVEAL_STEPS) it shows that one step of the projector's reveal
// (RevealPresentation) over the whole window, as a beamer would, with links to the other steps.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { z } from "zod";
import { RevealPresentation } from "~/components/reveal/RevealPresentation";
import { revealStylesHref } from "~/components/reveal/styles";
import { revealContent } from "~/components/results/reveal-content";
import { ResultsView, type ResultsMode } from "~/components/results/ResultsView";
import { resultsStylesHref } from "~/components/results/styles";
import type { Case } from "~/content.server";
import { referenceMoments } from "~/content.server";
import { ELEMENT_IDS, type ElementId, NEGATIVE_ELEMENT, SCORE_MAX, SCORE_MIN } from "~/core/domain";
import { formatClock } from "~/core/format";
import type { FinalRating, LiveSample, MomentMark, ParticipantRecord, ParticipantRole } from "~/core/protocol";
import { REVEAL_STEPS, type RevealStep } from "~/core/presentation";
import { lagPayload } from "~/core/protocol";
import { computeResults, type ResultsInput } from "~/core/results";
import { tipsForSession } from "~/core/tip-rules";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: resultsStylesHref },
  { rel: "stylesheet", href: revealStylesHref },
];

const stepParam = z.enum(REVEAL_STEPS);

export const meta: MetaFunction = () => [
  { title: "Voorbeeld van de onthulling — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

const MODES: { id: ResultsMode; label: string }[] = [
  { id: "screen", label: "Scherm" },
  { id: "projector", label: "Projector" },
  { id: "print", label: "Verslag (print)" },
];
const GROUPS = [
  { id: "groot", label: "Groep van 8" },
  { id: "klein", label: "Groep van 2" },
  { id: "alleen-ad", label: "Alleen arbeidsdeskundigen" },
] as const;
type GroupId = (typeof GROUPS)[number]["id"];
const DEFAULT_CASE = "spoor-2-wie-wil-mij-nog";

/** A small seeded generator (mulberry32): the same page on every load. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clampScore = (x: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, x));

/**
 * A made-up session on a vignette: raters follow a "true" course per element that moves at the
 * reference moments, each with their own bias, reaction time and noise; ervaringsdeskundigen react
 * more strongly to what burdens the client, so the role gap and the hotspots have something to show.
 */
function demoInput(c: Case, group: GroupId, behaviours: ResultsInput["behaviours"]): ResultsInput {
  const random = seeded([...c.slug].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261));
  const roles: ParticipantRole[] =
    group === "klein"
      ? ["arbeidsdeskundige", "ervaringsdeskundige"]
      : group === "alleen-ad"
        ? ["arbeidsdeskundige", "arbeidsdeskundige", "arbeidsdeskundige", "arbeidsdeskundige"]
        : ["arbeidsdeskundige", "arbeidsdeskundige", "ervaringsdeskundige", "arbeidsdeskundige", "ervaringsdeskundige", "arbeidsdeskundige", "arbeidsdeskundige", "ervaringsdeskundige"];
  const participants: ParticipantRecord[] = [
    ...roles.map((role, i) => ({
      id: `p${i + 1}`,
      name: `Deelnemer ${i + 1}`,
      role,
      pseudonym: `Beoordelaar ${i + 1}`,
      focus: ELEMENT_IDS[i % ELEMENT_IDS.length],
      joinedAt: 0,
      removed: false,
    })),
    { id: "obs", name: "Observator", role: "observator", pseudonym: "Beoordelaar 9", focus: null, joinedAt: 0, removed: false },
  ];
  const elementOf = new Map(behaviours.map((b) => [b.id, b.elementId]));
  const refs = referenceMoments(c);

  // The course of each element: steps at the reference moments, from a start chosen so that the
  // course ends near the reference score.
  const steps: { t: number; element: ElementId; delta: number; burdens: boolean }[] = [];
  for (const m of refs) {
    const element = elementOf.get(m.id);
    if (!element) continue;
    const burdens = m.effect === "belast";
    const sign = element === NEGATIVE_ELEMENT ? (m.effect === "belast" ? 1 : -1) : m.effect === "versterkt" ? 1 : -1;
    steps.push({ t: m.t, element, delta: 1.3 * sign, burdens });
    // Whatever burdens the alliance also adds friction; what builds it takes some away.
    if (element !== NEGATIVE_ELEMENT) steps.push({ t: m.t, element: NEGATIVE_ELEMENT, delta: burdens ? 0.9 : -0.9, burdens });
  }
  const start = Object.fromEntries(
    ELEMENT_IDS.map((e) => [
      e,
      Math.min(8.5, Math.max(1.5, c.reference.scores[e] - steps.filter((s) => s.element === e).reduce((sum, s) => sum + s.delta, 0))),
    ]),
  ) as Record<ElementId, number>;
  const course = (element: ElementId, t: number, role: ParticipantRole) =>
    clampScore(
      steps
        .filter((s) => s.element === element && s.t <= t)
        // Ervaringsdeskundigen feel a burden on the client harder.
        .reduce((v, s) => v + s.delta * (role === "ervaringsdeskundige" && s.burdens ? 1.8 : 1), start[element]),
    );

  const samples: LiveSample[] = [];
  const moments: MomentMark[] = [];
  const finals: FinalRating[] = [];
  let seq = 0;
  participants.forEach((p, i) => {
    if (p.role === "observator") return;
    const bias = (random() - 0.5) * 2.4;
    const lag = 1 + random() * 2.5;
    // Each rater follows two elements live: their focus and the next one.
    const live = [ELEMENT_IDS[i % 4], ELEMENT_IDS[(i + 1) % 4]];
    // One phone goes to sleep for a while: a gap in that rater's line.
    const asleep = i === 2 ? [150, 195] : null;
    for (const element of live) {
      for (let t = 8 + i; t <= c.duration; t += 1) {
        if (asleep && t >= asleep[0] && t < asleep[1]) continue;
        const value = Math.round(clampScore(course(element, t - lag, p.role) + bias + (random() - 0.5) * 1.2));
        samples.push({ participantId: p.id, seq: ++seq, element, value, t });
      }
      for (const m of refs) {
        if (elementOf.get(m.id) !== element || random() > 0.3) continue;
        moments.push({
          participantId: p.id,
          seq: ++seq,
          t: Math.min(c.duration, m.t + 2 + random() * 5),
          element,
          behaviourId: random() < 0.75 ? m.id : undefined,
        });
      }
    }
    const edShift: Partial<Record<ElementId, number>> =
      p.role === "ervaringsdeskundige" ? { vertrouwen: -2.2, binding: -1, stroefheid: 2.4 } : {};
    const scores = Object.fromEntries(
      ELEMENT_IDS.map((e) => [e, Math.round(clampScore(c.reference.scores[e] + (edShift[e] ?? 0) + bias * 0.8 + (random() - 0.5) * 1.5))]),
    ) as Record<ElementId, number>;
    const refIds = new Set(refs.map((m) => m.id));
    const observed = behaviours.filter((b) => random() < (refIds.has(b.id) ? 0.6 : 0.12)).map((b) => b.id);
    finals.push({ participantId: p.id, scores, observed, submittedAt: 1000 + i });
  });

  return {
    participants,
    samples,
    moments,
    finals,
    duration: c.duration,
    settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
    reference: {
      scores: { ...c.reference.scores },
      clientView: { ...c.clientView.scores },
      moments: refs.map((m) => ({ turnIndex: m.turnIndex, t: m.t, id: m.id, effect: m.effect })),
    },
    behaviours,
    applicableBehaviours: c.applicableBehaviours,
    turns: c.turns.map((turn) => ({ t: turn.t })),
  };
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const { content, tipRules } = context.services;
  const url = new URL(request.url);
  const c = content.cases.find((x) => x.slug === url.searchParams.get("casus")) ?? content.cases.find((x) => x.slug === DEFAULT_CASE) ?? content.cases[0];
  const mode = MODES.find((m) => m.id === url.searchParams.get("weergave"))?.id ?? "screen";
  const group = GROUPS.find((g) => g.id === url.searchParams.get("groep"))?.id ?? "groot";
  const props = revealContent(content);
  const behaviours = [...content.behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId }));
  // The room's own rule for the correction (0–3 whole seconds); anything else is no correction.
  const lag = lagPayload.safeParse({ seconds: Number(url.searchParams.get("reactietijd") ?? 0) });
  const lagSeconds = lag.success ? lag.data.seconds : 0;
  const step = stepParam.safeParse(url.searchParams.get("stap"));
  const results = computeResults({ ...demoInput(c, group, behaviours), elementNames: props.elementNames, options: { lagSeconds } });
  const speakers = new Map(c.speakers.map((s) => [s.id, s.name]));
  return {
    casus: { slug: c.slug, title: c.title },
    cases: content.cases.map((x) => ({ slug: x.slug, title: x.title })),
    mode,
    group,
    step: step.success ? step.data : null,
    results,
    tips: tipsForSession(tipRules, results, { behaviourLabels: props.behaviourLabels }),
    turns: c.turns.map((turn) => ({ speaker: speakers.get(turn.speaker) ?? turn.speaker, text: turn.text })),
    ...props,
  };
}

/** One of the preview's choices: a plain select, sent with the form (works without JavaScript). */
function Choice({ name, label, value, options }: { name: string; label: string; value: string; options: readonly { id: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const STEP_LABELS: Record<RevealStep, string> = {
  overzicht: "Overzicht",
  vertrouwen: "Vertrouwen",
  "richting-kader": "Richting & Kader",
  binding: "Binding",
  stroefheid: "Stroefheid",
  tijdlijn: "Tijdlijn",
  tips: "Tips",
};

/** One projector step over the whole window, with links through the steps (they keep the other choices). */
function StepPreview({ step, children }: { step: RevealStep; children: ReactNode }) {
  const [params] = useSearchParams();
  const to = (next: RevealStep) => {
    const p = new URLSearchParams(params);
    p.set("stap", next);
    return `?${p}`;
  };
  return (
    <div className="rp-frame">
      {children}
      <nav className="rp-frame-steps" aria-label="Stappen van de onthulling">
        <ol>
          {REVEAL_STEPS.map((s) => (
            <li key={s}>
              <a href={to(s)} aria-current={s === step ? "step" : undefined}>
                {STEP_LABELS[s]}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </div>
  );
}

export default function RevealPreview() {
  const data = useLoaderData<typeof loader>();
  const [discussed, setDiscussed] = useState<string[]>([]);
  const [seekTo, setSeekTo] = useState<number | null>(null);
  const toggle = (id: string) => setDiscussed((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  // The reaction-time control computes again on the server, as in the room: here through the address.
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const lagPending = navigation.state === "loading" ? Number(new URLSearchParams(navigation.location.search).get("reactietijd") ?? 0) : null;
  const changeLag = (seconds: number) => {
    const next = new URLSearchParams(params);
    next.set("reactietijd", String(seconds));
    setParams(next, { replace: true, preventScrollReset: true });
  };
  // What the reveal shows, the same in both views.
  const shown = {
    results: data.results,
    tips: data.tips,
    tipInfo: data.tipInfo,
    elementNames: data.elementNames,
    behaviourLabels: data.behaviourLabels,
    turns: data.turns,
    discussedTips: discussed,
  };
  if (data.step) {
    return (
      <StepPreview step={data.step}>
        <RevealPresentation {...shown} step={data.step} onSeek={setSeekTo} onToggleTip={toggle} />
        <p className="visually-hidden" role="status">
          {seekTo === null ? "" : `In de sessie springt het gesprek nu naar ${formatClock(seekTo)}.`}
        </p>
      </StepPreview>
    );
  }
  return (
    <div className="reveal-preview">
      <div className="no-print">
        <p className="breadcrumb">Voorbeeld · niet gelinkt</p>
        <h1>Onthulling: {data.casus.title}</h1>
        <p className="lead">
          Zo ziet de groep de uitkomsten na het kijken. De scores hieronder zijn verzonnen; de berekening en de tips zijn
          echt.
        </p>
        <form method="get" className="card">
          <div className="filter-grid">
            <Choice name="casus" label="Casus" value={data.casus.slug} options={data.cases.map((x) => ({ id: x.slug, label: x.title }))} />
            <Choice name="groep" label="Groep" value={data.group} options={GROUPS} />
            <Choice name="weergave" label="Weergave" value={data.mode} options={MODES} />
          </div>
          <button type="submit">Toon</button>
        </form>
        <p className="rv-small" role="status">
          {seekTo === null ? "" : `In de sessie springt het gesprek nu naar ${formatClock(seekTo)}.`}
        </p>
      </div>
      {data.mode === "print" ? <h1 className="print-only">Uitkomsten: {data.casus.title}</h1> : null}
      <ResultsView
        {...shown}
        mode={data.mode}
        onSeek={data.mode === "print" ? undefined : setSeekTo}
        onToggleTip={data.mode === "print" ? undefined : toggle}
        onLagChange={data.mode === "print" ? undefined : changeLag}
        lagPending={lagPending}
      />
    </div>
  );
}
