// The reveal's charts: SVG drawn with d3-scale and d3-shape during render, so they come from the
// server finished, print as they are and need no JavaScript. Every chart has a fixed viewBox
// (320 wide: about 1:1 on a 360 px phone, scaled up by CSS elsewhere), a <title> and <desc>, and
// a text alternative that states its numbers. Nothing here touches window or document.
import { scaleLinear } from "d3-scale";
import { area, line } from "d3-shape";
import { type ReactNode, useId } from "react";
import type { ElementId } from "~/core/domain";
import { formatClock } from "~/core/format";
import {
  type Agreement,
  type ElementResult,
  formatNumber,
  formatPlain,
  type ReferenceMomentResult,
  type RaterRole,
  type RoleGap,
  type TimelineBin,
} from "~/core/results";

// ---- Shared vocabulary ----

/** Width of every chart's viewBox. */
export const CHART_WIDTH = 320;

/** The role colours of app.css (--role-ad, --role-ed), written out so a saved SVG keeps them. */
export const ROLE_COLOURS: Record<RaterRole, string> = {
  arbeidsdeskundige: "#1d4e5f",
  ervaringsdeskundige: "#c2410c",
};

/** The element colours of app.css (--el-*). */
export const ELEMENT_COLOURS: Record<ElementId, string> = {
  vertrouwen: "#2166ac",
  "richting-kader": "#7b3294",
  binding: "#1a9850",
  stroefheid: "#d6604d",
};

export const INK = "#14232b";
export const MUTED = "#4a5a63";
export const LINE = "#d6dcdf";
/** Text about stroefheid, the negative element. */
export const NEGATIVE_INK = "#8f2d1f";
export const HOTSPOT_FILL = "#f4c95d";
export const HOTSPOT_EDGE = "#8a5a00";

export const ROLE_NAMES: Record<RaterRole, { one: string; many: string }> = {
  arbeidsdeskundige: { one: "arbeidsdeskundige", many: "arbeidsdeskundigen" },
  ervaringsdeskundige: { one: "ervaringsdeskundige", many: "ervaringsdeskundigen" },
};

/** "1 beoordelaar", "3 beoordelaars". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One decimal with a comma: 6.25 → "6,3". */
export const num = (x: number) => formatNumber(x, 1);

/** What the score axis means: the negative element says so, in words. */
export function axisMeaning(negative: boolean): string {
  return negative ? "hoger = stroever (0 = soepel, 10 = zeer stroef)" : "hoger = sterker aanwezig (0 = afwezig, 10 = sterk)";
}

/** The colour of a rater whose role is not shown: part of the group. */
export const GROUP_COLOUR = "#5f6b73";

/** "arbeidsdeskundige", or "deel van de groep" when the role is not shown. */
export function roleName(role: RaterRole | null | undefined): string {
  return role ? ROLE_NAMES[role].one : "deel van de groep";
}

/** Circle for arbeidsdeskundigen, diamond for ervaringsdeskundigen: the shape carries the role
 * for readers who cannot tell the colours apart. A rater whose role is not shown (null) gets a grey
 * ring: part of the group, no role mark at their score. */
export function RoleMark({
  role,
  x,
  y,
  r,
  filled = true,
  children,
}: {
  /** Null: the role is hidden (docs/decisions/013): a neutral group dot. */
  role: RaterRole | null;
  x: number;
  y: number;
  r: number;
  filled?: boolean;
  children?: ReactNode;
}) {
  if (!role) {
    return (
      <circle cx={x} cy={y} r={r * 0.8} fill="#fff" stroke={GROUP_COLOUR} strokeWidth={r * 0.45} className="rv-mark rv-mark-group">
        {children}
      </circle>
    );
  }
  const colour = ROLE_COLOURS[role];
  const paint = filled
    ? { fill: colour, stroke: "#fff", strokeWidth: 1.2 }
    : { fill: "#fff", stroke: colour, strokeWidth: 2.2 };
  if (role === "arbeidsdeskundige") {
    return (
      <circle cx={x} cy={y} r={r} {...paint} className="rv-mark rv-mark-ad">
        {children}
      </circle>
    );
  }
  const d = r * 1.3;
  return (
    <path d={`M${x},${y - d}L${x + d},${y}L${x},${y + d}L${x - d},${y}Z`} {...paint} className="rv-mark rv-mark-ed">
      {children}
    </path>
  );
}

/** A small inline symbol for HTML legends and tables. */
export function RoleSymbol({ role, filled = true }: { role: RaterRole | null; filled?: boolean }) {
  return (
    <svg className="rv-symbol" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <RoleMark role={role} x={8} y={8} r={5.5} filled={filled} />
    </svg>
  );
}

function useIds() {
  const base = useId();
  return { title: `${base}t`, desc: `${base}d` };
}

/** A label anchored so it stays inside the chart. */
function anchorFor(x: number, left: number, right: number, room = 30): "start" | "middle" | "end" {
  if (x - left < room) return "start";
  if (right - x < room) return "end";
  return "middle";
}

// ---- Final scores: one dot per rater ----

const DOT_R = 5.5;
const DOT_STEP = 13;

export function DotPlot({
  element,
  name,
  roleOf = (role) => role,
}: {
  element: ElementResult;
  name: string;
  /** The role this screen may draw for a rater (visibleRole); null draws a neutral group mark. */
  roleOf?: (role: RaterRole | null) => RaterRole | null;
}) {
  const ids = useIds();
  const left = 14;
  const right = CHART_WIDTH - 14;
  const x = scaleLinear().domain([0, 10]).range([left, right]);
  // Stack raters with the same score: arbeidsdeskundigen first, so the picture is stable. Dots carry no names.
  const drawn = element.scores.map((score) => ({ ...score, role: roleOf(score.role) }));
  const stacks = new Map<string, typeof drawn>();
  const sorted = drawn.sort((a, b) => a.value - b.value || (a.role ?? "").localeCompare(b.role ?? ""));
  for (const s of sorted) {
    const key = s.value.toFixed(1);
    stacks.set(key, [...(stacks.get(key) ?? []), s]);
  }
  const tallest = Math.max(3, ...[...stacks.values()].map((list) => list.length));
  const top = 22;
  const baseline = top + tallest * DOT_STEP + 6;
  const height = baseline + 42;
  const s = element.summary;
  const meanX = s ? x(s.mean) : 0;

  const scoreList = drawn.map((r) => (r.role ? `${formatPlain(r.value)} (${roleName(r.role)})` : formatPlain(r.value))).join("; ");
  const desc = s
    ? `${count(s.n, "beoordelaar", "beoordelaars")} op een schaal van 0 tot 10, ${axisMeaning(element.negative)}. ` +
      `Gemiddelde ${num(s.mean)}, mediaan ${formatPlain(s.median)}, van ${formatPlain(s.min)} tot ${formatPlain(s.max)}. ` +
      `De scores: ${scoreList}.`
    : "Nog geen eindscores.";

  return (
    <svg
      className="rv-svg rv-dotplot"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
    >
      <title id={ids.title}>{`Eindscores voor ${name}`}</title>
      <desc id={ids.desc}>{desc}</desc>
      {s ? (
        <>
          {/* The spread: from the lowest to the highest score. */}
          <rect
            x={x(s.min) - DOT_R - 3}
            y={top - 4}
            width={x(s.max) - x(s.min) + 2 * (DOT_R + 3)}
            height={baseline - top + 4}
            rx={6}
            fill={ELEMENT_COLOURS[element.elementId]}
            fillOpacity={0.1}
            stroke={ELEMENT_COLOURS[element.elementId]}
            strokeOpacity={0.45}
          />
          <line x1={x(s.median)} x2={x(s.median)} y1={top - 4} y2={baseline} stroke={MUTED} strokeWidth={1.5} strokeDasharray="4 3" />
          <line x1={meanX} x2={meanX} y1={top - 8} y2={baseline} stroke={INK} strokeWidth={2} />
          <text
            x={meanX}
            y={top - 11}
            fontSize={12.5}
            fontWeight={700}
            fill={INK}
            textAnchor={anchorFor(meanX, left, right, 34)}
          >{`gemiddeld ${num(s.mean)}`}</text>
        </>
      ) : (
        <text x={CHART_WIDTH / 2} y={top + 20} fontSize={12} fill={MUTED} textAnchor="middle">
          Nog geen eindscores
        </text>
      )}
      {[...stacks.values()].flatMap((list) =>
        list.map((r, i) => (
          <RoleMark key={`${r.value}-${i}`} role={r.role} x={x(r.value)} y={baseline - DOT_R - 2 - i * DOT_STEP} r={DOT_R}>
            <title>{r.role ? `${roleName(r.role)}: ${formatPlain(r.value)}` : formatPlain(r.value)}</title>
          </RoleMark>
        )),
      )}
      <line x1={left} x2={right} y1={baseline} y2={baseline} stroke={INK} strokeWidth={1} />
      {Array.from({ length: 11 }, (_, v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={baseline} y2={baseline + 4} stroke={INK} />
          <text x={x(v)} y={baseline + 17} fontSize={12.5} textAnchor="middle" fill={INK}>
            {v}
          </text>
        </g>
      ))}
      <text x={CHART_WIDTH / 2} y={baseline + 35} fontSize={11.5} textAnchor="middle" fill={element.negative ? "#8f2d1f" : MUTED} fontWeight={element.negative ? 700 : 400}>
        {axisMeaning(element.negative)}
      </text>
    </svg>
  );
}

// ---- ADs beside ervaringsdeskundigen ----

export function RoleGapChart({ gap, name, negative }: { gap: RoleGap; name: string; negative: boolean }) {
  const ids = useIds();
  const left = 14;
  const right = CHART_WIDTH - 14;
  const x = scaleLinear().domain([0, 10]).range([left, right]);
  const ad = gap.arbeidsdeskundigeMean;
  const ed = gap.ervaringsdeskundigeMean;
  const y = 26;
  const adLeft = ad <= ed;
  const label = (value: number, onLeft: boolean) => ({
    x: x(value) + (onLeft ? -10 : 10),
    anchor: (onLeft ? "end" : "start") as "end" | "start",
  });
  // Keep both labels inside the chart: a label that would leave it goes on the other side.
  const fit = (value: number, onLeft: boolean) => {
    const room = onLeft ? x(value) - left : right - x(value);
    return room < 34 ? !onLeft : onLeft;
  };
  const adSide = label(ad, fit(ad, adLeft));
  const edSide = label(ed, fit(ed, !adLeft));
  return (
    <svg className="rv-svg rv-gapchart" viewBox={`0 0 ${CHART_WIDTH} 58`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`}>
      <title id={ids.title}>{`${name}: arbeidsdeskundigen naast ervaringsdeskundigen`}</title>
      <desc id={ids.desc}>
        {`Arbeidsdeskundigen gemiddeld ${num(ad)}, ervaringsdeskundigen gemiddeld ${num(ed)}; verschil ${num(Math.abs(gap.gap))} punt` +
          (negative ? " (hoger = stroever)." : ".")}
      </desc>
      <line x1={left} x2={right} y1={y} y2={y} stroke={LINE} strokeWidth={4} strokeLinecap="round" />
      <line x1={x(ad)} x2={x(ed)} y1={y} y2={y} stroke={gap.large ? "#8f2d1f" : MUTED} strokeWidth={4} />
      <RoleMark role="arbeidsdeskundige" x={x(ad)} y={y} r={7} />
      <RoleMark role="ervaringsdeskundige" x={x(ed)} y={y} r={6.5} />
      <text x={adSide.x} y={y + 4} fontSize={13} fontWeight={700} fill={ROLE_COLOURS.arbeidsdeskundige} textAnchor={adSide.anchor}>
        {num(ad)}
      </text>
      <text x={edSide.x} y={y + 4} fontSize={13} fontWeight={700} fill={ROLE_COLOURS.ervaringsdeskundige} textAnchor={edSide.anchor}>
        {num(ed)}
      </text>
      {[0, 5, 10].map((v) => (
        <text key={v} x={x(v)} y={53} fontSize={11.5} fill={MUTED} textAnchor={v === 0 ? "start" : v === 10 ? "end" : "middle"}>
          {v}
        </text>
      ))}
    </svg>
  );
}

// ---- The timeline ----

/** Nice steps for the time axis, in seconds. */
const TIME_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600];

export function timeTicks(end: number, most = 5): number[] {
  if (!(end > 0)) return [0];
  const step = TIME_STEPS.find((s) => end / s <= most) ?? Math.ceil(end / most / 3600) * 3600;
  const ticks: number[] = [];
  for (let t = 0; t <= end + 1e-9; t += step) ticks.push(t);
  return ticks;
}

export interface TimelineRow {
  from: number;
  to: number;
  /** Most raters in one bin of the row; 0 is a gap. */
  raters: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

/**
 * The timeline as a short table for readers who cannot see the chart: rows of a round length
 * (30 s, 1 min, ...) so a long gesprek still gives at most `maxRows` rows. The row mean weighs each
 * bin by its raters, as the bins' own means do.
 */
export function summariseTimeline(bins: readonly TimelineBin[], binSeconds: number, maxRows = 12): TimelineRow[] {
  if (bins.length === 0) return [];
  const end = bins[bins.length - 1].end;
  const length = [15, 30, 60, 120, 300, 600, 900, 1800, 3600].find((s) => s >= binSeconds && end / s <= maxRows) ?? 3600;
  const per = Math.max(1, Math.round(length / binSeconds));
  const rows: TimelineRow[] = [];
  for (let i = 0; i < bins.length; i += per) {
    const group = bins.slice(i, i + per);
    let sum = 0;
    let weight = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let raters = 0;
    for (const b of group) {
      if (b.mean === null || b.n === 0) continue;
      sum += b.mean * b.n;
      weight += b.n;
      lo = Math.min(lo, b.min ?? b.mean);
      hi = Math.max(hi, b.max ?? b.mean);
      raters = Math.max(raters, b.n);
    }
    rows.push({
      from: group[0].start,
      to: group[group.length - 1].end,
      raters,
      mean: weight > 0 ? sum / weight : null,
      min: weight > 0 ? lo : null,
      max: weight > 0 ? hi : null,
    });
  }
  return rows;
}

/** One sentence about the course of the group mean, for the chart's <desc>. */
export function describeTimeline(element: ElementResult, binSeconds: number): string {
  const rated = element.timeline.bins.filter((b) => b.mean !== null);
  if (rated.length === 0) return "Er is niet live beoordeeld.";
  const lowest = rated.reduce((a, b) => (b.mean! < a.mean! ? b : a));
  const highest = rated.reduce((a, b) => (b.mean! > a.mean! ? b : a));
  const gaps = element.timeline.bins.length - rated.length;
  const parts = [
    `${count(element.timeline.raters, "beoordelaar", "beoordelaars")} live, in tijdvakken van ${formatPlain(binSeconds)} seconden.`,
    `Het groepsgemiddelde was het laagst rond ${formatClock(lowest.start)} (${num(lowest.mean!)}) en het hoogst rond ${formatClock(highest.start)} (${num(highest.mean!)}).`,
  ];
  if (gaps > 0) parts.push(`${count(gaps, "tijdvak", "tijdvakken")} zonder live scores.`);
  const top = element.timeline.hotspots[0];
  if (top) {
    parts.push(
      `De meningen liepen het verst uiteen van ${formatClock(top.start)} tot ${formatClock(top.end)} (gemiddeld ${num(top.meanRange)} punt tussen laagste en hoogste).`,
    );
  }
  return parts.join(" ");
}

export function TimelineChart({
  element,
  name,
  end,
  binSeconds,
  referenceMoments = [],
  behaviourLabels = {},
}: {
  element: ElementResult;
  name: string;
  /** The gesprek's end on the clock (results.timeline.end). */
  end: number;
  binSeconds: number;
  /** Reference moments of this element, marked or missed. */
  referenceMoments?: ReferenceMomentResult[];
  behaviourLabels?: Record<string, string>;
}) {
  const ids = useIds();
  const colour = ELEMENT_COLOURS[element.elementId];
  const left = 26;
  const right = CHART_WIDTH - 8;
  const plotTop = 24;
  const plotBottom = 128;
  const momentRow = plotBottom + 11;
  const referenceRow = momentRow + 15;
  const hasReference = referenceMoments.length > 0;
  const labelRow = (hasReference ? referenceRow : momentRow) + 21;
  const height = labelRow + 7;
  const x = scaleLinear().domain([0, Math.max(end, binSeconds)]).range([left, right]);
  const y = scaleLinear().domain([0, 10]).range([plotBottom, plotTop]);
  const bins = element.timeline.bins;
  const mid = (b: TimelineBin) => x((b.start + b.end) / 2);
  const defined = (b: TimelineBin) => b.mean !== null;
  const meanPath = line<TimelineBin>().defined(defined).x(mid).y((b) => y(b.mean!))(bins) ?? "";
  const bandPath =
    area<TimelineBin>()
      .defined(defined)
      .x(mid)
      .y0((b) => y(b.min ?? b.mean!))
      .y1((b) => y(b.max ?? b.mean!))(bins) ?? "";
  // A rated bin between two gaps draws no line: give it a dot so it is not lost.
  const lonely = bins.filter((b, i) => defined(b) && !(bins[i - 1] && defined(bins[i - 1])) && !(bins[i + 1] && defined(bins[i + 1])));
  const ticks = timeTicks(end);
  const label = (id: string) => behaviourLabels[id] ?? id;
  // Hotspot numbers sit on the top edge; one that would touch an earlier one moves down a row.
  const placed: { x: number; row: number }[] = [];
  const hotspotLabels = element.timeline.hotspots.map((h) => {
    const cx = (x(h.start) + x(h.end)) / 2;
    let row = 0;
    while (placed.some((p) => p.row === row && Math.abs(p.x - cx) < 16)) row++;
    placed.push({ x: cx, row });
    return { cx, cy: plotTop + row * 16 };
  });

  return (
    <svg className="rv-svg rv-timeline" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`}>
      <title id={ids.title}>{`${name} tijdens het gesprek`}</title>
      <desc id={ids.desc}>{describeTimeline(element, binSeconds)}</desc>
      <text x={left} y={12} fontSize={11.5} fill={element.negative ? "#8f2d1f" : MUTED} fontWeight={element.negative ? 700 : 400}>
        {element.negative ? "score · hoger = stroever" : "score · hoger = sterker"}
      </text>
      {/* Hotspots behind everything, numbered as in the list below the chart. */}
      {element.timeline.hotspots.map((h, i) => (
        <g key={`${h.start}-${i}`} className="rv-hotspot">
          <rect
            x={x(h.start)}
            y={plotTop}
            width={Math.max(2, x(h.end) - x(h.start))}
            height={plotBottom - plotTop}
            fill={HOTSPOT_FILL}
            fillOpacity={0.38}
            stroke={HOTSPOT_EDGE}
            strokeWidth={1}
            strokeDasharray="3 2"
          />
          <circle cx={hotspotLabels[i].cx} cy={hotspotLabels[i].cy} r={7.5} fill={HOTSPOT_EDGE} stroke="#fff" strokeWidth={1} />
          <text x={hotspotLabels[i].cx} y={hotspotLabels[i].cy + 3.8} fontSize={10.5} fontWeight={700} fill="#fff" textAnchor="middle">
            {i + 1}
          </text>
        </g>
      ))}
      {[0, 5, 10].map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} stroke={LINE} strokeWidth={v === 0 ? 1.2 : 0.8} />
          <text x={left - 5} y={y(v) + 4} fontSize={12} fill={MUTED} textAnchor="end">
            {v}
          </text>
        </g>
      ))}
      <path d={bandPath} fill={colour} fillOpacity={0.2} stroke="none" />
      <path d={meanPath} fill="none" stroke={colour} strokeWidth={2.2} strokeLinejoin="round" strokeLinecap="round" />
      {lonely.map((b) => (
        <circle key={b.start} cx={mid(b)} cy={y(b.mean!)} r={2.4} fill={colour} />
      ))}
      {/* Moments the raters marked, one tick per cluster; the number says how many raters. */}
      {element.timeline.moments.map((m, i) => {
        const cx = x(m.t);
        const what = m.behaviours.length ? ` (${m.behaviours.map((b) => `${label(b.id)} ×${b.raters}`).join(", ")})` : "";
        return (
          <g key={`${m.t}-${i}`}>
            <path d={`M${cx},${momentRow - 6}L${cx + 5},${momentRow + 3}L${cx - 5},${momentRow + 3}Z`} fill={INK} />
            {m.raters > 1 ? (
              <text x={cx + 6} y={momentRow + 4} fontSize={11.5} fontWeight={700} fill={INK}>
                {m.raters}
              </text>
            ) : null}
            <title>{`${formatClock(m.t)}: ${count(m.raters, "beoordelaar markeerde", "beoordelaars markeerden")} een moment${what}`}</title>
          </g>
        );
      })}
      {referenceMoments.map((r, i) => {
        const cx = x(r.t);
        const d = 5;
        return (
          <path
            key={`${r.id}-${i}`}
            d={`M${cx},${referenceRow - d}L${cx + d},${referenceRow}L${cx},${referenceRow + d}L${cx - d},${referenceRow}Z`}
            fill={r.match ? INK : "#fff"}
            stroke={INK}
            strokeWidth={1.5}
          >
            <title>{`Referentiemoment ${formatClock(r.t)}: ${label(r.id)} (${r.effect}), ${r.match ? "door de groep gemarkeerd" : "gemist"}`}</title>
          </path>
        );
      })}
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={plotBottom} y2={plotBottom + 3} stroke={INK} />
          <text x={x(t)} y={labelRow} fontSize={12} fill={INK} textAnchor={anchorFor(x(t), left, right, 12)}>
            {formatClock(t)}
          </text>
        </g>
      ))}
    </svg>
  );
}

// ---- Agreement ----

export function AlphaGauge({ agreement, name }: { agreement: Agreement; name: string }) {
  const ids = useIds();
  if (agreement.alpha === null) return null;
  const left = 8;
  // Room on the right for "betrouwbaar", written from the 0,80 mark.
  const right = CHART_WIDTH - 16;
  const x = scaleLinear().domain([0, 1]).range([left, right]).clamp(true);
  const y = 24;
  const zones = [
    { from: 0, to: 0.667, fill: "#f6d5d2", label: "verschillend" },
    { from: 0.667, to: 0.8, fill: "#fbe7b0", label: "voorlopig" },
    { from: 0.8, to: 1, fill: "#cfe8d8", label: "betrouwbaar" },
  ];
  const ax = x(agreement.alpha);
  return (
    <svg className="rv-svg rv-gauge" viewBox={`0 0 ${CHART_WIDTH} 66`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`}>
      <title id={ids.title}>{`Overeenstemming bij ${name}`}</title>
      <desc id={ids.desc}>{agreement.line}</desc>
      {zones.map((z) => (
        <rect key={z.label} x={x(z.from)} y={y - 7} width={x(z.to) - x(z.from)} height={14} fill={z.fill} />
      ))}
      <rect x={left} y={y - 7} width={right - left} height={14} fill="none" stroke={MUTED} strokeWidth={0.8} />
      <line x1={ax} x2={ax} y1={y - 10} y2={y + 9} stroke={INK} strokeWidth={3} />
      <text x={ax} y={y - 13} fontSize={12.5} fontWeight={700} fill={INK} textAnchor={anchorFor(ax, left, right, 18)}>
        {`α ${agreement.alpha < 0 ? "onder 0" : formatNumber(agreement.alpha, 2)}`}
      </text>
      {/* The thresholds under the bar, the band names under those. */}
      {[0, 0.667, 0.8, 1].map((v) => (
        <text key={v} x={x(v)} y={y + 22} fontSize={11} fill={MUTED} textAnchor={v === 0 ? "start" : v === 1 ? "end" : "middle"}>
          {v === 0 ? "0" : v === 1 ? "1" : formatNumber(v, v === 0.8 ? 2 : 3)}
        </text>
      ))}
      <text x={left} y={y + 36} fontSize={11} fill={INK}>
        verschillend
      </text>
      <text x={x(0.8) - 3} y={y + 36} fontSize={11} fill={INK} textAnchor="end">
        voorlopig
      </text>
      <text x={x(0.8) + 3} y={y + 36} fontSize={11} fill={INK}>
        betrouwbaar
      </text>
    </svg>
  );
}

// ---- The group beside the reference rating ----

export function ReferenceChart({ elements, names }: { elements: ElementResult[]; names: Record<ElementId, string> }) {
  const ids = useIds();
  const rows = elements.filter((e) => e.reference !== null);
  const left = 128;
  const right = CHART_WIDTH - 10;
  const x = scaleLinear().domain([0, 10]).range([left, right]);
  const rowHeight = 34;
  const top = 14;
  const height = top + rows.length * rowHeight + 14;
  const desc = rows
    .map((e) => {
      const ref = e.reference!;
      const client = typeof ref.clientView === "number" ? `, cliëntblik ${formatPlain(ref.clientView)}` : "";
      return `${names[e.elementId]}: groep ${ref.groupMean === null ? "geen score" : num(ref.groupMean)}, vakreferentie ${formatPlain(ref.score)}${client}`;
    })
    .join("; ");
  return (
    <svg className="rv-svg rv-refchart" viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`}>
      <title id={ids.title}>De groep naast de vakreferentie en de cliëntblik</title>
      <desc id={ids.desc}>{`${desc}.`}</desc>
      {[0, 5, 10].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={top - 4} y2={height - 16} stroke={LINE} />
          <text x={x(v)} y={height - 3} fontSize={11.5} fill={MUTED} textAnchor="middle">
            {v}
          </text>
        </g>
      ))}
      {rows.map((e, i) => {
        const ref = e.reference!;
        const cy = top + i * rowHeight + 12;
        const colour = ELEMENT_COLOURS[e.elementId];
        return (
          <g key={e.elementId}>
            <text x={0} y={cy + 1} fontSize={12.5} fontWeight={700} fill={INK}>
              {names[e.elementId]}
            </text>
            {e.negative ? (
              <text x={0} y={cy + 14} fontSize={10.5} fill="#8f2d1f">
                hoger = stroever
              </text>
            ) : null}
            {ref.groupMean !== null ? (
              <line x1={x(ref.groupMean)} x2={x(ref.score)} y1={cy} y2={cy} stroke={MUTED} strokeWidth={2} />
            ) : null}
            <rect x={x(ref.score) - 5.5} y={cy - 5.5} width={11} height={11} fill="#fff" stroke={INK} strokeWidth={2} />
            {typeof ref.clientView === "number" ? (
              // The client view: a diamond, so it never hides the square when both give the same score.
              <path
                className="rv-client-mark"
                d={`M${x(ref.clientView)},${cy - 9}L${x(ref.clientView) + 7},${cy}L${x(ref.clientView)},${cy + 9}L${x(ref.clientView) - 7},${cy}Z`}
                fill="none"
                stroke="#8a5a00"
                strokeWidth={2}
              />
            ) : null}
            {ref.groupMean !== null ? <circle cx={x(ref.groupMean)} cy={cy} r={6.5} fill={colour} stroke="#fff" strokeWidth={1.2} /> : null}
          </g>
        );
      })}
    </svg>
  );
}
