// Step "tijdlijn": the gesprek in four lanes and the moments where the group differed most. On a
// host screen (onSeek given) each moment jumps the gesprek there, so the room can look back together.
import { formatClock } from "~/core/format";
import { count, num } from "../results/charts";
import { type Ctx, Seek, TurnRef } from "../results/parts";
import { GroupTimeline } from "./GroupTimeline";

/** The hotspots the room looks at: the widest first, at most this many. */
export const TIMELINE_HOTSPOTS = 3;

export function TimelineStep({ ctx }: { ctx: Ctx }) {
  const { results, names } = ctx;
  const hotspots = results.hotspots.slice(0, TIMELINE_HOTSPOTS);
  const rated = results.elements.some((e) => e.timeline.bins.some((b) => b.mean !== null));
  return (
    <>
      <header className="rp-head">
        <h2 className="rp-title">Tijdens het gesprek</h2>
        <p className="rp-headline">
          {hotspots.length
            ? `Op ${count(hotspots.length, "moment", "momenten")} liepen de meningen het verst uiteen.`
            : rated
              ? "Nergens liepen de live scores duidelijk uiteen."
              : "Er is niet live beoordeeld: alleen de eindscores zijn er."}
        </p>
      </header>
      <div className="rp-timeline-grid">
        <figure className="rp-figure">
          <GroupTimeline elements={results.elements} names={names} end={results.timeline.end} hotspots={hotspots} />
        </figure>
        {hotspots.length ? (
          <ol className="rp-hotspots">
            {hotspots.map((h, i) => (
              <li key={`${h.elementId}-${h.start}`}>
                <span className="rp-hot-number" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <p className="rp-hot-what">
                    <strong>{names[h.elementId]}</strong>
                    {` · ${formatClock(h.start)}–${formatClock(h.end)}`}
                  </p>
                  <p className="rp-hot-why">
                    {`${num(h.meanRange)} punt tussen laagste en hoogste`}
                    {h.turnIndex !== null ? (
                      <>
                        {" · "}
                        <TurnRef ctx={ctx} turnIndex={h.turnIndex} />
                      </>
                    ) : null}
                  </p>
                  <Seek ctx={ctx} t={h.start} context={names[h.elementId]} />
                </div>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </>
  );
}
