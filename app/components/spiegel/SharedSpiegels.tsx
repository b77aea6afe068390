// The accepted shared mirrors on the projector, in the discussion: per element the AD's own mean
// (open diamond) beside the clients' mean (filled circle) on one 0–10 line, with both numbers
// written out. Calm: one line per element, no totals, no single answers (there are none to show).
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { formatPlain } from "~/core/results";
import { monthSpan, type SpiegelShareView, type SpiegelSummary } from "~/core/spiegel-share-values";

const W = 400;
const H = 28;
const PAD = 12;
const x = (v: number) => PAD + (v / 10) * (W - 2 * PAD);

function ScaleLine({ own, client, label }: { own: number | null; client: number; label: string }) {
  return (
    <svg className="spiegel-scale" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line className="spiegel-axis" x1={x(0)} x2={x(10)} y1={H / 2} y2={H / 2} />
      {[0, 5, 10].map((t) => (
        <line key={t} className="spiegel-tick" x1={x(t)} x2={x(t)} y1={H / 2 - 5} y2={H / 2 + 5} />
      ))}
      {own !== null ? <line className="shared-spiegel-gap" x1={x(own)} x2={x(client)} y1={H / 2} y2={H / 2} /> : null}
      <circle className="spiegel-client" cx={x(client)} cy={H / 2} r={7} />
      {own !== null ? (
        <rect className="spiegel-own" x={x(own) - 6} y={H / 2 - 6} width={12} height={12} transform={`rotate(45 ${x(own)} ${H / 2})`} />
      ) : null}
    </svg>
  );
}

export function SpiegelSummaryCard({
  label,
  summary,
  elementNames,
  headingLevel = 2,
}: {
  label: string;
  summary: SpiegelSummary;
  elementNames: Partial<Record<ElementId, string>>;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="shared-spiegel-card" aria-label={`Spiegel van ${label}`}>
      <Heading className="shared-spiegel-card-title">Spiegel van {label}</Heading>
      <p className="shared-spiegel-card-meta">
        {summary.answers} antwoorden van cliënten · {monthSpan(summary.from, summary.to)}
      </p>
      <dl className="spiegel-rows">
        {ELEMENT_IDS.map((id) => {
          const { own, client } = summary.elements[id];
          const name = elementNames[id] ?? id;
          const ownText = own === null ? "–" : formatPlain(own);
          return (
            <div key={id} className="spiegel-row" data-element={id}>
              <dt>
                {name}
                {id === "stroefheid" ? <span className="spiegel-note"> (hoger = stroever)</span> : null}
              </dt>
              <dd>
                <ScaleLine own={own} client={client} label={`${name}: eigen inschatting ${ownText}, cliënten ${formatPlain(client)}`} />
                <span className="spiegel-numbers" aria-hidden="true">
                  <span className="spiegel-own-n">{ownText}</span>
                  <span className="spiegel-client-n">{formatPlain(client)}</span>
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** The legend once, then a card per accepted mirror. */
export function SharedSpiegels({ spiegels, elementNames }: { spiegels: readonly SpiegelShareView[]; elementNames: Partial<Record<ElementId, string>> }) {
  const shown = spiegels.filter((s): s is SpiegelShareView & { summary: SpiegelSummary } => s.status === "accepted" && s.summary !== null);
  if (shown.length === 0) return null;
  return (
    <section className="shared-spiegels" aria-labelledby="spiegels-h">
      <div className="shared-spiegels-head">
        <h2 id="spiegels-h">{shown.length === 1 ? "Een spiegel uit de praktijk" : "Spiegels uit de praktijk"}</h2>
        <p className="spiegel-legend">
          <svg viewBox="0 0 20 20" aria-hidden="true" className="spiegel-legend-mark">
            <rect className="spiegel-own" x={4} y={4} width={12} height={12} transform="rotate(45 10 10)" />
          </svg>{" "}
          eigen inschatting{" "}
          <svg viewBox="0 0 20 20" aria-hidden="true" className="spiegel-legend-mark">
            <circle className="spiegel-client" cx={10} cy={10} r={7} />
          </svg>{" "}
          gemiddelde van de cliënten, 0–10
        </p>
      </div>
      <div className={`spiegel-cards n${Math.min(shown.length, 3)}`}>
        {shown.map((s) => (
          <SpiegelSummaryCard key={s.id} label={s.label} summary={s.summary} elementNames={elementNames} headingLevel={3} />
        ))}
      </div>
    </section>
  );
}
