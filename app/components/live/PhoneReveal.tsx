// The reveal on a participant's phone: per element where they stand ("Jij gaf 8 · de groep gemiddeld
// 3,7") on a one-line 0–10 scale among the group's dots, the fitting tips in short, and a pointer to
// the big screen where the host presents. Reads only the shared results (which hold no names and,
// in a small group, no roles: docs/decisions/013-small-group-privacy.md) and the rater's own final
// score from their snapshot. No table: it fits a 360 px phone.
import type { ElementId } from "~/core/domain";
import { formatNumber, formatPlain, type RevealResults } from "~/core/results";
import type { RankedTip } from "~/core/tip-rules";
import type { TipInfo } from "../results/reveal-content";

export interface PhoneRevealRow {
  elementId: ElementId;
  name: string;
  negative: boolean;
  /** The rater's own final score; null for observers and raters without one. */
  own: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Every score in the group, lowest first (the rater's own included). */
  values: number[];
}

/** What the phone shows per element, from the shared results and the rater's own final. */
export function phoneRevealRows(
  results: RevealResults,
  own: Partial<Record<ElementId, number>> | null,
  elementNames: Partial<Record<ElementId, string>> = {},
): PhoneRevealRow[] {
  return results.elements.map((e) => ({
    elementId: e.elementId,
    name: elementNames[e.elementId] ?? e.name,
    negative: e.negative,
    own: own?.[e.elementId] ?? null,
    mean: e.summary?.mean ?? null,
    min: e.summary?.min ?? null,
    max: e.summary?.max ?? null,
    values: e.scores.map((s) => s.value).sort((a, b) => a - b),
  }));
}

export function PhoneReveal({
  results,
  own,
  tips,
  tipInfo,
  elementNames,
  discussedTips,
}: {
  results: RevealResults;
  /** The rater's own final scores (snapshot `you.final.scores`); null for observers or without a final. */
  own: Partial<Record<ElementId, number>> | null;
  tips: RankedTip[] | null;
  tipInfo: TipInfo[];
  elementNames: Partial<Record<ElementId, string>>;
  discussedTips: string[];
}) {
  const rows = phoneRevealRows(results, own, elementNames);
  const fitting = (tips ?? []).filter((t) => t.fits);
  const info = new Map(tipInfo.map((t) => [t.id, t]));
  return (
    <div className="phone-reveal">
      <p className="pr-look" role="note">
        Kijk mee op het grote scherm: daar licht de begeleider de uitkomsten toe.
      </p>
      {results.caution ? <p className="pr-note">{results.caution}</p> : null}
      {results.privacyNote ? <p className="pr-note pr-privacy">{results.privacyNote}</p> : null}
      <h2 className="pr-heading">{own ? "Jij naast de groep" : "De groep"}</h2>
      <p className="pr-legend">
        Elke grijze stip is een eindscore uit de groep, de stippellijn het gemiddelde{own ? "; de gekleurde stip ben jij" : ""}.
      </p>
      <ul className="pr-elements">
        {rows.map((row) => (
          <ElementRow key={row.elementId} row={row} />
        ))}
      </ul>
      <section className="pr-tips" aria-labelledby="pr-tips-h">
        <h2 id="pr-tips-h" className="pr-heading">
          Tips voor het gesprek
        </h2>
        {tips === null ? (
          <p className="muted">De tips komen eraan…</p>
        ) : fitting.length === 0 ? (
          <p>
            Geen tip springt er voor deze sessie uit. <a href="/tips">Lees de zes tips</a>
          </p>
        ) : (
          <ul className="pr-tip-list">
            {fitting.map((t) => {
              const tip = info.get(t.tipId);
              const done = discussedTips.includes(t.tipId);
              return (
                <li key={t.tipId} className="pr-tip" data-tip={t.tipId}>
                  <a href={`/tips#${t.tipId}`}>{tip ? `Tip ${tip.number}: ${tip.title}` : t.tipId}</a>
                  {done ? <span className="pr-done">besproken</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

function ElementRow({ row }: { row: PhoneRevealRow }) {
  const { own, mean } = row;
  const groupText = mean === null ? "nog geen eindscores" : <span className="pr-group">{`de groep gemiddeld ${formatNumber(mean)}`}</span>;
  return (
    <li className={`pr-element el-${row.elementId}`} data-element={row.elementId}>
      <h3 className="pr-name">
        {row.name}
        {row.negative ? <span className="pr-negative"> · hoger = stroever</span> : null}
      </h3>
      <p className="pr-numbers">
        {own !== null ? (
          <>
            <strong className="pr-own">Jij gaf {formatPlain(own)}</strong>
            {" · "}
            {groupText}
          </>
        ) : (
          <>
            <strong className="pr-own">{mean === null ? "Nog geen eindscores" : `De groep gemiddeld ${formatNumber(mean)}`}</strong>
            {row.min !== null && row.max !== null && mean !== null ? ` · van ${formatPlain(row.min)} tot ${formatPlain(row.max)}` : null}
          </>
        )}
      </p>
      <ScoreLine row={row} />
    </li>
  );
}

const W = 300;
const LEFT = 12;
const RIGHT = W - 12;
const x = (v: number) => LEFT + ((RIGHT - LEFT) * v) / 10;

/** One line from 0 to 10: the group's dots (stacked where equal), the mean, and "jij" at the rater's own score. */
function ScoreLine({ row }: { row: PhoneRevealRow }) {
  const { own, values, mean, negative } = row;
  // The rater's own dot is one of the group's: draw it once, as "jij".
  let ownTaken = false;
  const stacks = new Map<number, number>();
  const dots = values.map((v) => {
    const isOwn = !ownTaken && own !== null && v === own;
    if (isOwn) ownTaken = true;
    const level = stacks.get(v) ?? 0;
    stacks.set(v, level + 1);
    return { v, level, isOwn };
  });
  const tallest = Math.max(1, ...stacks.values());
  const base = 26 + Math.min(tallest, 6) * 9;
  const height = base + 30;
  const label =
    (own !== null ? `Jij gaf ${formatPlain(own)}. ` : "") +
    (values.length ? `De scores van de groep: ${values.map(formatPlain).join(", ")}` : "Nog geen scores") +
    (mean !== null ? `; gemiddeld ${formatNumber(mean)}.` : ".") +
    (negative ? " Hoger is stroever." : "");
  return (
    <svg className="pr-line" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label}>
      <line x1={LEFT} x2={RIGHT} y1={base} y2={base} className="pr-axis" />
      {[0, 5, 10].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={base} y2={base + 5} className="pr-axis" />
          <text x={x(v)} y={base + 19} textAnchor={v === 0 ? "start" : v === 10 ? "end" : "middle"} className="pr-tick">
            {v}
          </text>
        </g>
      ))}
      {mean !== null ? <line x1={x(mean)} x2={x(mean)} y1={base - Math.min(tallest, 6) * 9 - 8} y2={base} className="pr-mean" /> : null}
      {dots.map((d, i) =>
        // Above the rater's own (bigger) dot, the others with the same score keep clear of it.
        d.isOwn ? null : <circle key={i} cx={x(d.v)} cy={base - 6 - Math.min(d.level, 5) * 9 - (d.v === own ? 5 : 0)} r={4.5} className="pr-dot" />,
      )}
      {own !== null ? (
        <g className="pr-you">
          <line x1={x(own)} x2={x(own)} y1={16} y2={base - 14} />
          <circle cx={x(own)} cy={base - 6} r={7.5} />
          <text x={x(own)} y={12} textAnchor={own <= 1 ? "start" : own >= 9 ? "end" : "middle"}>
            jij
          </text>
        </g>
      ) : null}
    </svg>
  );
}
