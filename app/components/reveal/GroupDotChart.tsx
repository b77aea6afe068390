// The reveal's big picture: one row per element, every rater's final score as a mark (circle for
// arbeidsdeskundigen, diamond for ervaringsdeskundigen, grey ring when the role is not shown), the
// group mean as a bar. Drawn in a wide viewBox that CSS scales to the screen: a projector row is
// readable from the back of the room. SVG only, so it comes from the server finished.
import { scaleLinear } from "d3-scale";
import { useId } from "react";
import { formatPlain, type ElementResult, type RaterRole } from "~/core/results";
import { count, ELEMENT_COLOURS, INK, LINE, MUTED, NEGATIVE_INK as NEGATIVE, num, RoleMark, roleName } from "../results/charts";

const WIDTH = 1200;
/** Room for the element names on the left and the mean on the right. */
const LABEL = 250;
const MEAN = 150;
const AXIS = 52;


export function GroupDotChart({
  elements,
  names,
  roleOf,
  rowHeight = 132,
  showNames = true,
  title,
}: {
  elements: ElementResult[];
  names: Record<string, string>;
  /** The role this screen may draw for a rater (visibleRole). */
  roleOf: (role: RaterRole | null) => RaterRole | null;
  rowHeight?: number;
  /** Off when the screen's heading already names the one element drawn. */
  showNames?: boolean;
  title: string;
}) {
  const base = useId();
  const ids = { title: `${base}t`, desc: `${base}d` };
  const left = showNames ? LABEL : 24;
  const x = scaleLinear().domain([0, 10]).range([left + 24, WIDTH - MEAN - 20]);
  const meanX = WIDTH - MEAN / 2;
  const height = elements.length * rowHeight + AXIS;
  const r = Math.min(15, rowHeight / 10);
  const desc = elements
    .map((e) => {
      const name = names[e.elementId] ?? e.name;
      if (!e.summary) return `${name}: nog geen eindscores.`;
      const scores = e.scores.map((s) => `${formatPlain(s.value)} (${roleName(roleOf(s.role))})`).join(", ");
      return `${name}${e.negative ? " (hoger = stroever)" : ""}: gemiddeld ${num(e.summary.mean)}, van ${formatPlain(e.summary.min)} tot ${formatPlain(e.summary.max)}; ${count(e.summary.n, "score", "scores")}: ${scores}.`;
    })
    .join(" ");
  return (
    <svg
      className="rp-svg rp-dots"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{desc}</desc>
      {Array.from({ length: 11 }, (_, v) => (
        <line key={v} x1={x(v)} x2={x(v)} y1={6} y2={height - AXIS + 6} stroke={LINE} strokeWidth={v % 5 === 0 ? 2 : 1} />
      ))}
      {elements.map((e, row) => {
        const top = row * rowHeight;
        const mid = top + rowHeight / 2;
        const name = names[e.elementId] ?? e.name;
        const colour = ELEMENT_COLOURS[e.elementId];
        // Raters with the same score stack around the middle; a tall stack moves closer together.
        const stacks = new Map<number, { role: RaterRole | null; label: string }[]>();
        for (const s of [...e.scores].sort((a, b) => a.value - b.value)) {
          const role = roleOf(s.role);
          stacks.set(s.value, [...(stacks.get(s.value) ?? []), { role, label: role ? `${roleName(role)}: ${formatPlain(s.value)}` : formatPlain(s.value) }]);
        }
        for (const list of stacks.values()) list.sort((a, b) => (a.role ?? "~").localeCompare(b.role ?? "~"));
        const tallest = Math.max(1, ...[...stacks.values()].map((l) => l.length));
        const step = Math.min(2 * r + 4, (rowHeight - 2 * r - 8) / Math.max(1, tallest - 1));
        return (
          <g key={e.elementId} className="rp-row" data-element={e.elementId}>
            {row % 2 === 0 ? <rect x={0} y={top} width={WIDTH} height={rowHeight} fill="#f2f4f5" /> : null}
            <rect x={0} y={top + 10} width={10} height={rowHeight - 20} rx={4} fill={colour} />
            {showNames ? (
              <text x={24} y={e.negative ? mid - 6 : mid + 9} fontSize={30} fontWeight={800} fill={e.negative ? NEGATIVE : INK}>
                {name}
              </text>
            ) : null}
            {showNames && e.negative ? (
              <text x={24} y={mid + 24} fontSize={21} fontWeight={700} fill={NEGATIVE}>
                hoger = stroever
              </text>
            ) : null}
            {e.summary ? (
              <g className="rp-mean">
                <line x1={x(e.summary.mean)} x2={x(e.summary.mean)} y1={top + 8} y2={top + rowHeight - 8} stroke={INK} strokeWidth={5} />
                <text x={meanX} y={mid + 13} fontSize={38} fontWeight={800} fill={INK} textAnchor="middle">
                  {num(e.summary.mean)}
                </text>
              </g>
            ) : (
              <text x={x(5)} y={mid + 8} fontSize={22} fill={MUTED} textAnchor="middle">
                nog geen eindscores
              </text>
            )}
            {[...stacks].flatMap(([value, list]) =>
              list.map((m, i) => (
                <RoleMark key={`${value}-${i}`} role={m.role} x={x(value)} y={mid + (i - (list.length - 1) / 2) * step} r={r}>
                  <title>{m.label}</title>
                </RoleMark>
              )),
            )}
          </g>
        );
      })}
      {Array.from({ length: 11 }, (_, v) => (
        <text key={v} x={x(v)} y={height - 14} fontSize={26} fontWeight={600} fill={INK} textAnchor="middle">
          {v}
        </text>
      ))}
      <text x={meanX} y={height - 14} fontSize={22} fontWeight={700} fill={MUTED} textAnchor="middle">
        gemiddeld
      </text>
    </svg>
  );
}
