// One element's course during the gesprek: the chart, a text table, the hotspots and the moments.
import { formatClock } from "~/core/format";
import { type ElementResult, formatPlain } from "~/core/results";
import { count, num, summariseTimeline, TimelineChart } from "./charts";
import { type Ctx, Fold, Seek, TurnRef } from "./parts";

export function TimelinePart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
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
