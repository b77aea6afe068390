// The gesprek on the projector: one lane per element with the group mean over time and the band from
// lowest to highest, and the moments where the group differed most, numbered as in the list beside
// it. A shared time axis, so the room sees where in the gesprek things happened.
import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { useId } from "react";
import { formatClock } from "~/core/format";
import type { ElementResult, Hotspot, TimelineBin } from "~/core/results";
import { ELEMENT_COLOURS, HOTSPOT_EDGE as HOT_EDGE, HOTSPOT_FILL as HOT_FILL, INK, MUTED, NEGATIVE_INK as NEGATIVE, num, timeTicks } from "../results/charts";

const WIDTH = 1200;
const LABEL = 270;
const AXIS = 44;

export function GroupTimeline({
  elements,
  names,
  end,
  hotspots,
  laneHeight = 120,
}: {
  elements: ElementResult[];
  names: Record<string, string>;
  /** The gesprek's end on the clock. */
  end: number;
  /** The hotspots to number, in their order. */
  hotspots: Hotspot[];
  laneHeight?: number;
}) {
  const base = useId();
  const ids = { title: `${base}t`, desc: `${base}d` };
  const height = elements.length * laneHeight + AXIS;
  const x = scaleLinear().domain([0, Math.max(end, 1)]).range([LABEL, WIDTH - 16]);
  const defined = (b: TimelineBin) => b.mean !== null;
  const desc =
    hotspots.length === 0
      ? "Er is te weinig live beoordeeld om plekken met veel verschil te vinden."
      : hotspots
          .map((h, i) => `${i + 1}: ${names[h.elementId]} van ${formatClock(h.start)} tot ${formatClock(h.end)}, gemiddeld ${num(h.meanRange)} punt tussen laagste en hoogste.`)
          .join(" ");
  return (
    <svg className="rp-svg rp-timeline" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`}>
      <title id={ids.title}>De vier elementen tijdens het gesprek, met de plekken waar de groep het meest verschilde</title>
      <desc id={ids.desc}>{desc}</desc>
      {elements.map((e, lane) => {
        const top = lane * laneHeight;
        const y = scaleLinear().domain([0, 10]).range([top + laneHeight - 10, top + 12]);
        const mid = (b: TimelineBin) => x((b.start + b.end) / 2);
        const colour = ELEMENT_COLOURS[e.elementId];
        const bins = e.timeline.bins;
        const meanPath = line<TimelineBin>().defined(defined).x(mid).y((b) => y(b.mean!))(bins) ?? "";
        const band =
          area<TimelineBin>()
            .defined(defined)
            .x(mid)
            .y0((b) => y(b.min ?? b.mean!))
            .y1((b) => y(b.max ?? b.mean!))(bins) ?? "";
        const rated = bins.some(defined);
        return (
          <g key={e.elementId} data-element={e.elementId}>
            {lane % 2 === 0 ? <rect x={0} y={top} width={WIDTH} height={laneHeight} fill="#f2f4f5" /> : null}
            <rect x={0} y={top + 10} width={10} height={laneHeight - 20} rx={4} fill={colour} />
            <text x={22} y={top + laneHeight / 2 + (e.negative ? 0 : 9)} fontSize={26} fontWeight={800} fill={e.negative ? NEGATIVE : INK}>
              {names[e.elementId]}
            </text>
            {e.negative ? (
              <text x={22} y={top + laneHeight / 2 + 28} fontSize={19} fontWeight={700} fill={NEGATIVE}>
                hoger = stroever
              </text>
            ) : null}
            {hotspots.map((h, i) =>
              h.elementId === e.elementId ? (
                <g key={`${h.start}-${i}`} className="rp-hotspot">
                  <rect
                    x={x(h.start)}
                    y={top + 4}
                    width={Math.max(6, x(h.end) - x(h.start))}
                    height={laneHeight - 8}
                    fill={HOT_FILL}
                    fillOpacity={0.55}
                    stroke={HOT_EDGE}
                    strokeWidth={2}
                    strokeDasharray="6 4"
                  />
                </g>
              ) : null,
            )}
            {rated ? (
              <>
                <path d={band} fill={colour} fillOpacity={0.22} />
                <path d={meanPath} fill="none" stroke={colour} strokeWidth={4} strokeLinejoin="round" strokeLinecap="round" />
              </>
            ) : (
              <text x={LABEL + 12} y={top + laneHeight / 2 + 8} fontSize={22} fill={MUTED}>
                niet live beoordeeld
              </text>
            )}
            {hotspots.map((h, i) =>
              h.elementId === e.elementId ? (
                <g key={`n-${h.start}-${i}`}>
                  <circle cx={(x(h.start) + x(h.end)) / 2} cy={top + 22} r={17} fill={HOT_EDGE} stroke="#fff" strokeWidth={2} />
                  <text x={(x(h.start) + x(h.end)) / 2} y={top + 30} fontSize={22} fontWeight={800} fill="#fff" textAnchor="middle">
                    {i + 1}
                  </text>
                </g>
              ) : null,
            )}
          </g>
        );
      })}
      {timeTicks(end, 6).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={height - AXIS} y2={height - AXIS + 8} stroke={INK} strokeWidth={2} />
          <text x={x(t)} y={height - 8} fontSize={24} fontWeight={600} fill={INK} textAnchor={t === 0 ? "start" : x(t) > WIDTH - 50 ? "end" : "middle"}>
            {formatClock(t)}
          </text>
        </g>
      ))}
    </svg>
  );
}
