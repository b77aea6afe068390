// The reveal of one session: what the group sees on the projector, on every phone and in the
// printed report. It only presents RevealResults (app/core/results.ts) and the ranked tips
// (app/core/tip-rules.ts); every number and Dutch line that the core already says is used as is.
// Server-renderable: no browser APIs during render; buttons only appear where a handler is given,
// and `mode: "print"` turns them into plain text.
import { createElement, type ReactNode } from "react";
import { ElementTag } from "~/components/ElementTag";
import { ELEMENT_IDS, type ElementId, LAG_MAX_SECONDS } from "~/core/domain";
import { formatClock } from "~/core/format";
import {
  type ElementResult,
  formatNumber,
  formatPlain,
  RATER_ROLE_IDS,
  type ReferenceMomentResult,
  type RevealResults,
  type RoleGroup,
} from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import {
  AlphaGauge,
  count,
  DotPlot,
  num,
  ReferenceChart,
  RoleGapChart,
  RoleSymbol,
  ROLE_NAMES,
  summariseTimeline,
  TimelineChart,
} from "./charts";
import type { TipInfo } from "./reveal-content";

export type ResultsMode = "screen" | "print" | "projector";

export interface ResultsViewProps {
  results: RevealResults;
  /** The six tips ranked for this session (tipsForSession); no tips section without them. */
  tips?: RankedTip[];
  tipInfo: TipInfo[];
  elementNames: Partial<Record<ElementId, string>>;
  /** Behaviour and stroefheid-signal id → Dutch label. */
  behaviourLabels: Record<string, string>;
  mode: ResultsMode;
  /** Jump the gesprek (transcript or media) to t seconds. Without it, times are plain text. */
  onSeek?: (t: number) => void;
  /** Ids of the tips the facilitator marked as discussed. */
  discussedTips?: string[];
  /** Toggle "besproken" for a tip; without it the state is shown as text only. */
  onToggleTip?: (id: string) => void;
  /** The transcript turns (vignettes), to quote the turn a hotspot or moment falls in. */
  turns?: { speaker: string; text: string }[];
  /** Recompute with another lag correction (0–3 s); shows one control for all elements when given. */
  onLagChange?: (seconds: number) => void;
  /** The lag just chosen while its results are on their way (the control shows it). */
  lagPending?: number | null;
  /** Level of the section headings (default 2); element parts get the next level. */
  headingLevel?: 2 | 3;
}

type Level = 2 | 3 | 4 | 5;

function Heading({ level, id, className, children }: { level: Level; id?: string; className?: string; children: ReactNode }) {
  return createElement(`h${level}`, { id, className }, children);
}

interface Ctx {
  results: RevealResults;
  names: Record<ElementId, string>;
  labels: Record<string, string>;
  mode: ResultsMode;
  print: boolean;
  onSeek?: (t: number) => void;
  turns?: { speaker: string; text: string }[];
  level: Level;
}

const sectionId = (part: string) => `uitkomst-${part}`;

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** "beurt 12 (Ahmed: “Ik weet niet…”)", or nothing when the turn is unknown. */
function TurnRef({ ctx, turnIndex }: { ctx: Ctx; turnIndex: number | null }) {
  if (turnIndex === null) return null;
  const turn = ctx.turns?.[turnIndex];
  return (
    <span className="rv-turn">
      {`beurt ${turnIndex + 1}`}
      {turn ? (
        <>
          {" · "}
          <span className="rv-quote">{`${turn.speaker}: “${truncate(turn.text, 70)}”`}</span>
        </>
      ) : null}
    </span>
  );
}

/**
 * A jump into the gesprek: a button when the page can seek. Without one the time is plain text,
 * and in print nothing at all where the line beside it already says the time (`inText`).
 */
function Seek({ ctx, t, context, inText = true }: { ctx: Ctx; t: number; context?: string; inText?: boolean }) {
  const clock = formatClock(t);
  if (ctx.print || !ctx.onSeek) return inText ? null : <span className="rv-time">{clock}</span>;
  const onSeek = ctx.onSeek;
  return (
    <button type="button" className="rv-seek secondary" onClick={() => onSeek(t)}>
      {`Spring naar ${clock}`}
      {context ? <span className="visually-hidden">{` (${context})`}</span> : null}
    </button>
  );
}

/** A wide table that may scroll sideways on a phone: keyboard users can reach and scroll it too. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table: folded away on screen, printed open (a closed <details> does not print). */
function Fold({ ctx, summary, children }: { ctx: Ctx; summary: string; children: ReactNode }) {
  if (ctx.print) {
    return (
      <div className="rv-fold-open">
        <p className="rv-subtitle">{summary}</p>
        {children}
      </div>
    );
  }
  return (
    <details className="rv-fold">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

// ---- The whole reveal ----

export function ResultsView(props: ResultsViewProps) {
  const { results, mode } = props;
  const names = Object.fromEntries(
    ELEMENT_IDS.map((id) => [id, props.elementNames[id] ?? results.elements.find((e) => e.elementId === id)?.name ?? id]),
  ) as Record<ElementId, string>;
  const level = (props.headingLevel ?? 2) as Level;
  const ctx: Ctx = {
    results,
    names,
    labels: props.behaviourLabels,
    mode,
    print: mode === "print",
    onSeek: props.onSeek,
    turns: props.turns,
    level,
  };
  const hasReference = results.reference !== null && results.elements.some((e) => e.reference !== null);
  return (
    <div className={`rv rv-${mode}`} data-mode={mode}>
      {mode !== "print" ? (
        <nav className="rv-jump" aria-label="Onderdelen van de uitkomsten">
          <ul>
            <li>
              <a href={`#${sectionId("overzicht")}`}>Overzicht</a>
            </li>
            {results.elements.map((e) => (
              <li key={e.elementId}>
                <a href={`#${sectionId(e.elementId)}`}>{names[e.elementId]}</a>
              </li>
            ))}
            {hasReference ? (
              <li>
                <a href={`#${sectionId("referentie")}`}>Referentie</a>
              </li>
            ) : null}
            {props.tips ? (
              <li>
                <a href={`#${sectionId("tips")}`}>Tips</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}

      <Overview ctx={ctx} />
      {props.onLagChange && !ctx.print && results.elements.some((e) => e.timeline.bins.some((b) => b.mean !== null)) ? (
        <LagControl lagSeconds={results.timeline.lagSeconds} pending={props.lagPending ?? null} onChange={props.onLagChange} />
      ) : null}
      {results.elements.map((e) => (
        <ElementSection key={e.elementId} ctx={ctx} element={e} />
      ))}
      {hasReference ? <ReferenceSection ctx={ctx} /> : null}
      {props.tips ? (
        <TipsSection
          ctx={ctx}
          tips={props.tips}
          tipInfo={props.tipInfo}
          discussed={props.discussedTips}
          onToggle={props.onToggleTip}
        />
      ) : null}
    </div>
  );
}

// ---- Overview ----

function roleMean(group: RoleGroup | undefined): string {
  if (!group || !group.shown || !group.summary) return "–";
  return num(group.summary.mean);
}

function Overview({ ctx }: { ctx: Ctx }) {
  const { results, names } = ctx;
  const showRoles = results.rolesShown;
  const hasReference = results.elements.some((e) => e.reference !== null);
  const id = sectionId("overzicht");
  const roleLine =
    `${count(results.raterCount, "beoordelaar", "beoordelaars")} met een eindscore: ` +
    `${count(results.roleCounts.arbeidsdeskundige, "arbeidsdeskundige", "arbeidsdeskundigen")} en ` +
    `${count(results.roleCounts.ervaringsdeskundige, "ervaringsdeskundige", "ervaringsdeskundigen")}.`;
  const top = results.hotspots.slice(0, 3);
  return (
    <section className="rv-section rv-overview" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        In één oogopslag
      </Heading>
      <p className="rv-lead">{roleLine}</p>
      {results.caution ? (
        <p className="alert warn rv-caution" role="note">
          {results.caution}
        </p>
      ) : null}
      <p className="rv-negative-note">
        <strong>Stroefheid</strong> is het negatieve element: hoe hoger, hoe stroever het gesprek liep. We tellen de vier
        elementen daarom nooit op tot één totaal.
      </p>
      <Scroll label="Eindscores per element">
        <table className="compare-table rv-table rv-overview-table">
          <caption>Eindscores per element (0 tot 10)</caption>
          <thead>
            <tr>
              <th scope="col">Element</th>
              <th scope="col" className="num">
                Gemiddelde
              </th>
              <th scope="col" className="num">
                Mediaan
              </th>
              <th scope="col" className="num">
                Laagste–hoogste
              </th>
              {showRoles ? (
                <>
                  <th scope="col" className="num">
                    Arbeids&shy;deskundigen
                  </th>
                  <th scope="col" className="num">
                    Ervarings&shy;deskundigen
                  </th>
                </>
              ) : null}
              <th scope="col" className="num">
                Overeen&shy;stemming (α)
              </th>
              {hasReference ? (
                <th scope="col" className="num">
                  Referentie
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {results.elements.map((e) => (
              <tr key={e.elementId} className={`el-${e.elementId}`}>
                <th scope="row">
                  <span className="rv-swatch" aria-hidden="true" />
                  {names[e.elementId]}
                  {e.negative ? <span className="rv-neg-mark"> (hoger = stroever)</span> : null}
                </th>
                <td className="num">{e.summary ? num(e.summary.mean) : "–"}</td>
                <td className="num">{e.summary ? formatPlain(e.summary.median) : "–"}</td>
                <td className="num">{e.summary ? `${formatPlain(e.summary.min)}–${formatPlain(e.summary.max)}` : "–"}</td>
                {showRoles ? (
                  <>
                    <td className="num">{roleMean(e.roles?.arbeidsdeskundige)}</td>
                    <td className="num">
                      {roleMean(e.roles?.ervaringsdeskundige)}
                      {e.gap?.large ? <span className="rv-gap-flag">{` verschil ${num(Math.abs(e.gap.gap))}`}</span> : null}
                    </td>
                  </>
                ) : null}
                <td className="num">{e.agreement.alpha === null ? "–" : formatNumber(e.agreement.alpha, 2)}</td>
                {hasReference ? <td className="num">{e.reference ? formatPlain(e.reference.score) : "–"}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {results.finals.length ? (
        <Fold ctx={ctx} summary={`Alle eindscores per persoon (${results.finals.length})`}>
          <Scroll label="Eindscores per persoon">
            <table className="compare-table rv-table rv-scores">
              <caption className="visually-hidden">Eindscores per persoon</caption>
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Rol</th>
                  {results.elements.map((e) => (
                    <th key={e.elementId} scope="col" className="num">
                      {names[e.elementId]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.finals.map((f, i) => (
                  <tr key={`${f.pseudonym}-${i}`}>
                    <th scope="row">{f.displayName}</th>
                    <td>
                      {f.role ? (
                        <>
                          <RoleSymbol role={f.role} /> {ROLE_NAMES[f.role].one}
                        </>
                      ) : (
                        "–"
                      )}
                    </td>
                    {results.elements.map((e) => (
                      <td key={e.elementId} className="num">
                        {formatPlain(f.scores[e.elementId])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </Fold>
      ) : null}
      {top.length ? (
        <div className="rv-top-hotspots">
          <Heading level={(ctx.level + 1) as Level}>Waar de meningen het verst uiteenliepen</Heading>
          <ol className="rv-hotspots">
            {top.map((h, i) => (
              <li key={`${h.elementId}-${h.start}-${i}`}>
                <span className="rv-hotspot-what">
                  <strong>{names[h.elementId]}</strong>
                  {` ${formatClock(h.start)}–${formatClock(h.end)}: gemiddeld ${num(h.meanRange)} punt tussen laagste en hoogste`}
                  {h.turnIndex !== null ? (
                    <>
                      {", "}
                      <TurnRef ctx={ctx} turnIndex={h.turnIndex} />
                    </>
                  ) : null}
                </span>
                <Seek ctx={ctx} t={h.start} context={names[h.elementId]} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

// ---- Reaction time ----

/**
 * One control for the whole reveal: raters react a moment after what they see, so the host can move
 * every live rating and moment up to three seconds earlier; the server computes everything again.
 */
function LagControl({ lagSeconds, pending, onChange }: { lagSeconds: number; pending: number | null; onChange: (seconds: number) => void }) {
  return (
    <div className="rv-lag card">
      <p className="rv-lag-field">
        <label htmlFor="rv-lag">Reactietijd corrigeren</label>
        <select id="rv-lag" value={String(pending ?? lagSeconds)} aria-describedby="rv-lag-uitleg" onChange={(ev) => onChange(Number(ev.target.value))}>
          {Array.from({ length: LAG_MAX_SECONDS + 1 }, (_, s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? "geen correctie" : `${s} seconde${s === 1 ? "" : "n"} eerder`}
            </option>
          ))}
        </select>
        <span role="status" className="rv-small">
          {pending !== null ? "Wordt opnieuw berekend…" : ""}
        </span>
      </p>
      <p id="rv-lag-uitleg" className="rv-small">
        Wie live beoordeelt, reageert meestal een paar tellen na wat er gebeurt. Met deze correctie schuiven alle live scores
        en gemarkeerde momenten tot drie seconden naar voren; de lijnen, de plekken met het meeste verschil en de tips worden
        opnieuw berekend, voor iedereen. Eindscores veranderen niet.
      </p>
    </div>
  );
}

// ---- One element ----

function ElementSection({ ctx, element }: { ctx: Ctx; element: ElementResult }) {
  const name = ctx.names[element.elementId];
  const id = sectionId(element.elementId);
  const sub = (ctx.level + 1) as Level;
  const s = element.summary;
  return (
    <section
      className={`rv-section rv-element el-${element.elementId}${element.negative ? " rv-negative" : ""}`}
      aria-labelledby={`${id}-h`}
      id={id}
      data-element={element.elementId}
    >
      <div className="rv-element-head">
        <Heading level={ctx.level} id={`${id}-h`}>
          {name}
        </Heading>
        {element.negative ? <span className="tag negative rv-neg-tag">negatief element: hoger = stroever</span> : null}
      </div>
      <div className="rv-element-grid">
        <div className="rv-part rv-final">
          <Heading level={sub}>Eindscores</Heading>
          <figure className="rv-figure">
            <DotPlot element={element} name={name} />
            <figcaption className="rv-legend">
              <span>
                <RoleSymbol role="arbeidsdeskundige" /> arbeidsdeskundige
              </span>
              <span>
                <RoleSymbol role="ervaringsdeskundige" /> ervaringsdeskundige
              </span>
              <span>
                <span className="rv-key rv-key-mean" aria-hidden="true" /> gemiddelde
              </span>
              <span>
                <span className="rv-key rv-key-median" aria-hidden="true" /> mediaan
              </span>
              <span>
                <span className="rv-key rv-key-range" aria-hidden="true" /> spreiding
              </span>
            </figcaption>
          </figure>
          {s ? (
            <dl className="rv-stats">
              <div>
                <dt>Gemiddelde</dt>
                <dd>{num(s.mean)}</dd>
              </div>
              <div>
                <dt>Mediaan</dt>
                <dd>{formatPlain(s.median)}</dd>
              </div>
              <div>
                <dt>Spreiding</dt>
                <dd>{`${formatPlain(s.min)} tot ${formatPlain(s.max)}`}</dd>
              </div>
              {s.sd !== null ? (
                <div>
                  <dt>Standaard&shy;afwijking</dt>
                  <dd>{num(s.sd)}</dd>
                </div>
              ) : null}
              {element.reference ? (
                <div>
                  <dt>Referentie</dt>
                  <dd>{formatPlain(element.reference.score)}</dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p className="muted">Niemand heeft voor {name} een eindscore gegeven.</p>
          )}
          <RoleComparison ctx={ctx} element={element} name={name} />
        </div>
        <div className="rv-part rv-live">
          <Heading level={sub}>Verloop tijdens het gesprek</Heading>
          <TimelinePart ctx={ctx} element={element} name={name} />
        </div>
        <div className="rv-part rv-agree">
          <Heading level={sub}>Overeenstemming</Heading>
          <AgreementPart ctx={ctx} element={element} name={name} />
        </div>
      </div>
      <BehaviourPart ctx={ctx} element={element} name={name} />
    </section>
  );
}

function RoleComparison({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  if (!element.roles) {
    return element.gapNote ? <p className="muted rv-role-note">{element.gapNote}</p> : null;
  }
  const roles = element.roles;
  const gap = element.gap;
  return (
    <div className={`rv-roles${gap?.large ? " rv-roles-large" : ""}`}>
      <p className="rv-roles-title">Arbeidsdeskundigen naast ervaringsdeskundigen</p>
      <dl className="rv-role-means">
        {RATER_ROLE_IDS.map((role) => {
          const group = roles[role];
          return (
            <div key={role}>
              <dt>
                <RoleSymbol role={role} /> {`${capital(ROLE_NAMES[role].many)} (${group.n})`}
              </dt>
              {group.shown && group.summary ? (
                <dd>{num(group.summary.mean)}</dd>
              ) : (
                <dd className="rv-not-shown">{group.n === 0 ? "niemand" : "niet apart getoond"}</dd>
              )}
            </div>
          );
        })}
      </dl>
      {gap ? (
        <p className="rv-gap">
          <span className="rv-why-label">Verschil: </span>
          {gap.gap === 0
            ? "geen"
            : `${num(Math.abs(gap.gap))} punt, de ${gap.gap > 0 ? "ervaringsdeskundigen" : "arbeidsdeskundigen"} ${element.negative ? "ervaren meer stroefheid" : "scoren hoger"}`}
        </p>
      ) : null}
      {gap ? <RoleGapChart gap={gap} name={name} negative={element.negative} /> : null}
      {gap?.line ? (
        <p className="rv-gap-line" role="note">
          {gap.line}
        </p>
      ) : null}
      {RATER_ROLE_IDS.map((role) =>
        roles[role].note && roles[role].n > 0 ? (
          <p key={role} className="muted rv-role-note">
            {roles[role].note}
          </p>
        ) : null,
      )}
      {/* "No comparison" says nothing new when a role note already says why. */}
      {!gap && element.gapNote && !RATER_ROLE_IDS.some((role) => roles[role].note && roles[role].n > 0) ? (
        <p className="muted rv-role-note">{element.gapNote}</p>
      ) : null}
    </div>
  );
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function TimelinePart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  const { timeline } = ctx.results;
  const bins = element.timeline.bins;
  const rated = bins.some((b) => b.mean !== null);
  const referenceMoments = ctx.results.reference
    ? [...ctx.results.reference.marked, ...ctx.results.reference.missed]
        .filter((m) => m.elementId === element.elementId)
        .sort((a, b) => a.t - b.t)
    : [];
  if (!rated) {
    return <p className="muted">{`${name} is niet live beoordeeld.`}</p>;
  }
  const rows = summariseTimeline(bins, timeline.binSeconds);
  return (
    <>
      <figure className="rv-figure">
        <TimelineChart
          element={element}
          name={name}
          end={timeline.end}
          binSeconds={timeline.binSeconds}
          referenceMoments={referenceMoments}
          behaviourLabels={ctx.labels}
        />
        <figcaption className="rv-legend">
          <span>
            <span className="rv-key rv-key-line" aria-hidden="true" /> groepsgemiddelde
          </span>
          <span>
            <span className="rv-key rv-key-band" aria-hidden="true" /> laagste tot hoogste
          </span>
          <span>
            <span className="rv-key rv-key-hot" aria-hidden="true" /> meeste verschil
          </span>
          <span>
            <span className="rv-key rv-key-tick" aria-hidden="true">
              ▲
            </span>{" "}
            gemarkeerd moment (getal: aantal mensen)
          </span>
          {referenceMoments.length ? (
            <span>
              <span className="rv-key rv-key-tick" aria-hidden="true">
                ◆
              </span>{" "}
              referentiemoment (open: gemist)
            </span>
          ) : null}
        </figcaption>
      </figure>
      <p className="rv-small">
        {`${count(element.timeline.raters, "beoordelaar", "beoordelaars")} live, in tijdvakken van ${formatPlain(timeline.binSeconds)} seconden. Een onderbroken lijn is een stuk zonder live scores.`}
        {timeline.lagSeconds > 0 ? ` Gecorrigeerd voor ${formatPlain(timeline.lagSeconds)} ${timeline.lagSeconds === 1 ? "seconde" : "seconden"} reactietijd.` : null}
      </p>
      {/* A table ignores width: 1px, so the wrapper hides it. */}
      <div className="visually-hidden">
        <table>
          <caption>{`${name} tijdens het gesprek: groepsgemiddelde per stuk`}</caption>
          <thead>
            <tr>
              <th scope="col">Tijd</th>
              <th scope="col">Gemiddelde</th>
              <th scope="col">Laagste tot hoogste</th>
              <th scope="col">Beoordelaars</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.from}>
                <td>{`${formatClock(r.from)}–${formatClock(r.to)}`}</td>
                <td>{r.mean === null ? "geen live scores" : num(r.mean)}</td>
                <td>{r.min === null || r.max === null ? "–" : `${num(r.min)} tot ${num(r.max)}`}</td>
                <td>{r.raters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {element.timeline.hotspots.length ? (
        <>
          <p className="rv-subtitle">Hier liepen de meningen het verst uiteen</p>
          <ol className="rv-hotspots">
            {element.timeline.hotspots.map((h, i) => (
              <li key={`${h.start}-${i}`}>
                <span className="rv-hotspot-what">
                  <span className="rv-hot-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  {`${formatClock(h.start)}–${formatClock(h.end)}: gemiddeld ${num(h.meanRange)} punt tussen laagste en hoogste, ${count(h.raters, "beoordelaar", "beoordelaars")}`}
                  {h.turnIndex !== null ? (
                    <>
                      {"; "}
                      <TurnRef ctx={ctx} turnIndex={h.turnIndex} />
                    </>
                  ) : null}
                </span>
                <Seek ctx={ctx} t={h.start} context={name} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {element.timeline.moments.length ? (
        <Fold ctx={ctx} summary={`Gemarkeerde momenten (${element.timeline.moments.length})`}>
          <ul className="rv-moments">
            {element.timeline.moments.map((m, i) => (
              <li key={`${m.t}-${i}`}>
                <span>
                  <strong>{m.to - m.from >= 1 ? `${formatClock(m.from)}–${formatClock(m.to)}` : formatClock(m.from)}</strong>
                  {` ${count(m.raters, "persoon", "mensen")}`}
                  {m.behaviours.length ? `: ${m.behaviours.map((b) => `${ctx.labels[b.id] ?? b.id} (${b.raters})`).join("; ")}` : null}
                  {m.turnIndex !== null ? (
                    <>
                      {" · "}
                      <TurnRef ctx={ctx} turnIndex={m.turnIndex} />
                    </>
                  ) : null}
                </span>
                <Seek ctx={ctx} t={m.from} context={name} />
              </li>
            ))}
          </ul>
        </Fold>
      ) : null}
    </>
  );
}

function AgreementPart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  const a = element.agreement;
  const s = element.summary;
  return (
    <div className={`rv-agreement${a.band ? ` rv-band-${a.band}` : ""}`}>
      <AlphaGauge agreement={a} name={name} />
      <p className="rv-alpha-line">{a.line}</p>
      {a.caution ? (
        <p className="rv-small">{a.caution}</p>
      ) : a.alpha !== null ? (
        <p className="rv-small">{`Gebaseerd op ${a.raters} beoordelaars en ${a.bins} tijdvakken van ${formatPlain(ctx.results.timeline.binSeconds)} seconden.`}</p>
      ) : null}
      {s ? (
        <p className="rv-small">
          {s.n >= 2
            ? `De eindscores liepen uiteen van ${formatPlain(s.min)} tot ${formatPlain(s.max)}${s.sd !== null ? ` (standaardafwijking ${num(s.sd)})` : ""}.`
            : `Eén eindscore: ${formatPlain(s.min)}.`}
        </p>
      ) : null}
    </div>
  );
}

function BehaviourPart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  const { seen, unseen } = element.behaviours;
  const sub = (ctx.level + 1) as Level;
  const base = Math.max(ctx.results.raterCount, ...seen.map((b) => b.raters), 1);
  const label = (id: string) => ctx.labels[id] ?? id;
  return (
    <div className="rv-part rv-behaviours">
      <Heading level={sub}>{element.negative ? "Signalen van stroefheid" : "Gedrag dat mensen zagen"}</Heading>
      {seen.length ? (
        <ul className="rv-bars">
          {seen.map((b) => (
            <li key={b.id}>
              <span className="rv-bar-label">{label(b.id)}</span>
              <span className="rv-bar-track" aria-hidden="true">
                <span className="rv-bar-fill" style={{ width: `${Math.round((b.raters / base) * 100)}%` }} />
              </span>
              <span className="rv-bar-count">
                {`${b.raters} van ${base}`}
                <span className="visually-hidden">{b.raters === 1 ? " beoordelaar" : " beoordelaars"}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{element.negative ? "Niemand zag een signaal van stroefheid." : `Niemand vinkte gedrag bij ${name} aan.`}</p>
      )}
      {unseen.length ? (
        <div className="rv-unseen">
          <p className="rv-subtitle">{element.negative ? "Signalen die niemand zag" : "Gedrag dat niemand zag"}</p>
          <ul>
            {unseen.map((id) => (
              <li key={id}>{label(id)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

// ---- The reference rating ----

function referenceSentence(e: ElementResult): string {
  const ref = e.reference!;
  if (ref.difference === null) return "geen eindscores";
  const diff = Math.abs(ref.difference);
  if (diff < 0.5) return "ongeveer gelijk";
  const more = ref.difference > 0;
  if (e.negative) return `${num(diff)} punt ${more ? "meer" : "minder"} stroef`;
  return `${num(diff)} punt ${more ? "hoger" : "lager"}`;
}

function ReferenceSection({ ctx }: { ctx: Ctx }) {
  const { results, names } = ctx;
  const reference = results.reference!;
  const id = sectionId("referentie");
  const sub = (ctx.level + 1) as Level;
  const rows = results.elements.filter((e) => e.reference !== null);
  return (
    <section className="rv-section rv-reference" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        De groep naast de referentie
      </Heading>
      <p className="rv-lead">
        De casus heeft een referentiebeoordeling: hoe de makers het gesprek zien. Geen juist antwoord, wel een tweede blik.
      </p>
      <div className="rv-reference-grid">
        <figure className="rv-figure">
          <ReferenceChart elements={results.elements} names={names} />
          <figcaption className="rv-legend">
            <span>
              <span className="rv-key rv-key-group" aria-hidden="true" /> gemiddelde van de groep
            </span>
            <span>
              <span className="rv-key rv-key-ref" aria-hidden="true" /> referentie
            </span>
          </figcaption>
        </figure>
        <Scroll label="De groep naast de referentie">
          <table className="compare-table rv-table">
            <caption className="visually-hidden">De groep naast de referentie per element</caption>
            <thead>
              <tr>
                <th scope="col">Element</th>
                <th scope="col" className="num">
                  Groep
                </th>
                <th scope="col" className="num">
                  Referentie
                </th>
                <th scope="col">Verschil</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.elementId}>
                  <th scope="row">{names[e.elementId]}</th>
                  <td className="num">{e.reference!.groupMean === null ? "–" : num(e.reference!.groupMean)}</td>
                  <td className="num">{formatPlain(e.reference!.score)}</td>
                  <td>{referenceSentence(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </div>
      <div className="rv-moment-lists">
        <div>
          <Heading level={sub}>{`Momenten die niemand markeerde (${reference.missed.length})`}</Heading>
          {reference.missed.length ? (
            <ul className="rv-refmoments">
              {reference.missed.map((m, i) => (
                <ReferenceMoment key={`${m.id}-${m.t}-${i}`} ctx={ctx} moment={m} />
              ))}
            </ul>
          ) : (
            <p className="muted">De groep zag alle referentiemomenten.</p>
          )}
        </div>
        <div>
          <Heading level={sub}>{`Momenten die de groep zag (${reference.marked.length})`}</Heading>
          {reference.marked.length ? (
            <ul className="rv-refmoments">
              {reference.marked.map((m, i) => (
                <ReferenceMoment key={`${m.id}-${m.t}-${i}`} ctx={ctx} moment={m} />
              ))}
            </ul>
          ) : (
            <p className="muted">De groep markeerde geen van de referentiemomenten.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ReferenceMoment({ ctx, moment: m }: { ctx: Ctx; moment: ReferenceMomentResult }) {
  const label = ctx.labels[m.id] ?? m.id;
  const element = m.elementId ? ctx.names[m.elementId] : null;
  const who =
    m.match === "gedrag"
      ? `${count(m.raters, "persoon markeerde", "mensen markeerden")} dit gedrag`
      : m.match === "element"
        ? `${count(m.raters, "persoon markeerde", "mensen markeerden")} hier ${element ?? "dit element"}, niet dit gedrag`
        : "niemand markeerde dit";
  const ticked = m.inFinal > 0 ? `; ${count(m.inFinal, "persoon vinkte", "mensen vinkten")} het aan in het eindoordeel` : "";
  return (
    <li className={`rv-refmoment ${m.match ? "marked" : "missed"}`}>
      <span>
        <span className="rv-ref-what">
          <strong>{label}</strong>
          {element ? ` (${element})` : null}{" "}
          <span className={`rv-effect rv-effect-${m.effect}`}>{m.effect === "versterkt" ? "versterkt" : "belast"}</span>
        </span>
        <span className="rv-small rv-ref-who">
          {`${formatClock(m.t)} · beurt ${m.turnIndex + 1} · ${who}${ticked}`}
        </span>
      </span>
      <Seek ctx={ctx} t={m.t} context={label} />
    </li>
  );
}

// ---- Tips ----

function TipsSection({
  ctx,
  tips,
  tipInfo,
  discussed = [],
  onToggle,
}: {
  ctx: Ctx;
  tips: RankedTip[];
  tipInfo: TipInfo[];
  discussed?: string[];
  onToggle?: (id: string) => void;
}) {
  const id = sectionId("tips");
  const info = new Map(tipInfo.map((t) => [t.id, t]));
  const fitting = tips.filter((t) => t.fits);
  const others = tips.filter((t) => !t.fits);
  const sub = (ctx.level + 1) as Level;
  const item = (tip: RankedTip) => (
    <TipItem
      key={tip.tipId}
      ctx={ctx}
      tip={tip}
      info={info.get(tip.tipId)}
      discussed={discussed.includes(tip.tipId)}
      showDiscussed={discussed.length > 0 || Boolean(onToggle)}
      onToggle={onToggle}
    />
  );
  return (
    <section className="rv-section rv-tips" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        De zes tips bij deze sessie
      </Heading>
      {fitting.length ? (
        <>
          <Heading level={sub}>{`Past bij wat jullie zagen (${fitting.length})`}</Heading>
          <ol className="rv-tip-list">{fitting.map(item)}</ol>
        </>
      ) : (
        <p className="muted">Geen van de regels wees naar een tip: bespreek de tips die de groep zelf het meest aanspreken.</p>
      )}
      {others.length ? (
        <>
          <Heading level={sub}>{fitting.length ? "De andere tips" : "Alle tips"}</Heading>
          <ol className="rv-tip-list rv-tip-others" start={fitting.length + 1}>
            {others.map(item)}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function TipItem({
  ctx,
  tip,
  info,
  discussed,
  showDiscussed,
  onToggle,
}: {
  ctx: Ctx;
  tip: RankedTip;
  info: TipInfo | undefined;
  discussed: boolean;
  showDiscussed: boolean;
  onToggle?: (id: string) => void;
}) {
  const title = info ? `Tip ${info.number}: ${info.title}` : tip.tipId;
  const headingId = `tip-${tip.tipId}-h`;
  const elements = tip.elements.length ? tip.elements : (info?.elements ?? []);
  const modules = info?.modules ?? [];
  const checkboxId = `tip-${tip.tipId}-besproken`;
  return (
    <li
      className={`rv-tip card${tip.fits ? " fits" : ""}${discussed ? " discussed" : ""}`}
      data-tip={tip.tipId}
    >
      <div className="rv-tip-head">
        <Heading level={(ctx.level + 2) as Level} id={headingId}>
          {title}
        </Heading>
        {tip.fits ? <span className="rv-badge">Past bij deze sessie</span> : null}
        {onToggle && !ctx.print ? (
          <label className="rv-discussed" htmlFor={checkboxId}>
            <input id={checkboxId} type="checkbox" checked={discussed} onChange={() => onToggle(tip.tipId)} />
            <span>
              Besproken<span className="visually-hidden">{` (${title})`}</span>
            </span>
          </label>
        ) : showDiscussed ? (
          <span className={`rv-badge ${discussed ? "rv-badge-done" : "rv-badge-open"}`}>{discussed ? "Besproken" : "Nog niet besproken"}</span>
        ) : null}
      </div>
      {info?.body ? <p className="rv-tip-body">{info.body}</p> : null}
      {tip.rules.length ? (
        <ul className="rv-why">
          {tip.rules.map((rule, i) => (
            <li key={`${rule.ruleId}-${i}`}>
              <p className="rv-why-line">
                <span className="rv-why-label">Waarom: </span>
                {rule.why}
              </p>
              <p className="rv-prompt">
                <span className="rv-why-label">Bespreek: </span>
                {rule.prompt}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted rv-small">Geen regel wees voor deze sessie naar deze tip.</p>
      )}
      {tip.moments.length ? (
        <div className="rv-tip-moments">
          <span className="rv-why-label">Kijk samen terug:</span>
          <ul className="rv-inline">
            {tip.moments.map((m) => (
              <li key={m.t}>
                <Seek ctx={ctx} t={m.t} context={title} inText={false} />
                {m.turnIndex !== null ? <span className="rv-small">{` beurt ${m.turnIndex + 1}`}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="rv-tip-links">
        <li>
          <a href={`/tips#${tip.tipId}`}>{info ? `Lees tip ${info.number}` : "Lees de tip"}</a>
        </li>
        {elements.length ? (
          <li>
            <span className="rv-links-label">Kompas:</span>
            {elements.map((el) => (
              <a key={el} href={`/kompas/${el}`} className="rv-tag-link">
                <ElementTag id={el} name={ctx.names[el]} />
              </a>
            ))}
          </li>
        ) : null}
        {modules.length ? (
          <li>
            <span className="rv-links-label">{modules.length === 1 ? "Module:" : "Modules:"}</span>
            {modules.map((m, i) => (
              <span key={m.slug}>
                <a href={`/modules/${m.slug}`}>{m.title}</a>
                {i < modules.length - 1 ? "," : null}
              </span>
            ))}
          </li>
        ) : null}
      </ul>
    </li>
  );
}
