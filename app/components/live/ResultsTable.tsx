// The reveal, for now: per element a plain table of every rater's final score and the group means.
// The reveal work (issue 5) builds the richer charts; this reads only the fields it needs from the
// results the core computed, and says so when they are not there.
import { z } from "zod";
import { ELEMENT_IDS, type ElementId } from "../../core/domain";
import type { SessionSettings } from "../../core/protocol";
import { ROLE_LABELS, type RoomElement } from "../../realtime/room-content";

const scoresSchema = z.object(
  Object.fromEntries(ELEMENT_IDS.map((id) => [id, z.number()])) as Record<ElementId, z.ZodNumber>,
);
const resultsSchema = z.object({
  raterCount: z.number(),
  finals: z.array(
    z.object({
      displayName: z.string(),
      role: z.enum(["arbeidsdeskundige", "ervaringsdeskundige"]),
      scores: scoresSchema,
    }),
  ),
});

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

const fmt = (v: number | null) => (v === null ? "–" : v.toLocaleString("nl-NL", { maximumFractionDigits: 1 }));

export function ResultsTable({
  results,
  elements,
  settings,
}: {
  results: unknown;
  elements: RoomElement[];
  settings: SessionSettings;
}) {
  if (results === null || results === undefined) {
    return <p className="muted">De resultaten komen eraan…</p>;
  }
  const parsed = resultsSchema.safeParse(results);
  if (!parsed.success) {
    return <p className="alert warn">De resultaten zijn binnen, maar kunnen hier (nog) niet worden getoond.</p>;
  }
  const { finals, raterCount } = parsed.data;
  if (finals.length === 0) {
    return <p className="muted">Niemand heeft een eindoordeel ingeleverd.</p>;
  }
  const groups = settings.separateRoles
    ? (["arbeidsdeskundige", "ervaringsdeskundige"] as const).map((role) => ({
        role,
        finals: finals.filter((f) => f.role === role),
      }))
    : [];
  return (
    <div className="results">
      {raterCount < 3 ? (
        <p className="alert warn">Met minder dan drie beoordelaars zijn deze cijfers vooral een begin van het gesprek.</p>
      ) : null}
      {groups.some((g) => g.finals.length === 1) && !settings.allowSingleRaterGroup ? (
        <p className="hint">Een groep van één beoordelaar krijgt geen eigen gemiddelde (–).</p>
      ) : null}
      {elements.map((element) => {
        const all = mean(finals.map((f) => f.scores[element.id]));
        return (
          <section key={element.id} className={`results-element element-card card el-${element.id}`} aria-labelledby={`res-${element.id}`}>
            <h3 id={`res-${element.id}`}>
              {element.name}
              {element.negative ? <span className="tag negative">hoog = stroef</span> : null}
            </h3>
            <table className="compare-table results-table">
              <caption className="visually-hidden">Eindoordelen voor {element.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Beoordelaar</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {finals.map((f, i) => (
                  <tr key={i}>
                    <td>
                      <span className="rater-name">{f.displayName}</span>{" "}
                      <span className={`role-tag role-${f.role}`}>{ROLE_LABELS[f.role]}</span>
                    </td>
                    <td className="num score">{f.scores[element.id]}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {groups.map(({ role, finals: g }) => (
                  <tr key={role}>
                    <th scope="row">
                      Gemiddelde {ROLE_LABELS[role].toLowerCase()}n ({g.length})
                    </th>
                    <td className="num">
                      {g.length === 1 && !settings.allowSingleRaterGroup ? (
                        <>
                          –<span className="visually-hidden"> (één beoordelaar: geen apart gemiddelde)</span>
                        </>
                      ) : (
                        fmt(mean(g.map((f) => f.scores[element.id])))
                      )}
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Gemiddelde groep ({finals.length})</th>
                  <td className="num">{fmt(all)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
        );
      })}
    </div>
  );
}
