import type { RoleplayGuideFrontmatter } from "~/core/content-schema";
import type { RunStep } from "./set";

type Guide = Pick<RoleplayGuideFrontmatter, "deroling" | "debrief"> & { html: string };

/** The facilitator's page: the timings, how players step out of their role, and the debrief rounds. */
export function RunSheet({ steps, guide, casus }: { steps: RunStep[]; guide: Guide; casus: string }) {
  const total = steps.reduce((sum, step) => sum + step.minutes, 0);
  return (
    <section className="card briefing run-sheet" aria-labelledby="draaiboek" data-role="begeleider">
      <p className="card-kind">{`Voor de begeleider · ${casus}`}</p>
      <h2 id="draaiboek">Draaiboek</h2>
      <table className="run-steps">
        <tbody>
          {steps.map((step) => (
            <tr key={step.title}>
              <th scope="row">{step.title}</th>
              <td className="num">{`${step.minutes} min`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Samen</th>
            <td className="num">{`${total} min`}</td>
          </tr>
        </tfoot>
      </table>
      <h3>Uit de rol stappen</h3>
      <p>{guide.deroling.intro}</p>
      <ol>
        {guide.deroling.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h3>Nabespreken</h3>
      <p>{guide.debrief.intro}</p>
      <ol className="debrief-rounds">
        {guide.debrief.rounds.map((round) => (
          <li key={round.who} data-round={round.who}>
            <strong>{round.title}</strong>
            <ul>
              {round.questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {/* Read before the evening; the printed sheet keeps to what is needed in the room. Trusted content,
          rendered by marked and sanitised at load (app/core/markdown.ts). */}
      <div className="prose no-print" dangerouslySetInnerHTML={{ __html: guide.html }} />
    </section>
  );
}
