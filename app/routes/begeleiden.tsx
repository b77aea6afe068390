// /begeleiden — the guide for the OT facilitator, with a part for first-time participants. The text
// is content (content/begeleiden.md, loaded and checked at start); this route only lays it out and
// puts the time budget, which follows the live room's phases, in the section that describes the evening.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GUIDE_SECTIONS } from "~/core/domain";
import { PHASE_LABELS } from "~/core/session";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Een OT-bijeenkomst begeleiden"} — Alliantiekompas` },
  { name: "description", content: "Handleiding voor wie een OT-bijeenkomst met Alliantiekompas begeleidt, en uitleg voor wie voor het eerst meedoet." },
];

export function loader({ context }: LoaderFunctionArgs) {
  const { cases, elements, guide } = context.services.content;
  const { title, summary, minutes, schedule, slot, glossary, yearPlan, sections } = guide;
  const withLabels = (steps: typeof schedule) => steps.map((step) => ({ ...step, phaseLabel: PHASE_LABELS[step.phase] }));
  return {
    title,
    summary,
    minutes,
    schedule: withLabels(schedule),
    slot: { minutes: slot.minutes, schedule: withLabels(slot.schedule) },
    glossary,
    yearPlan: yearPlan.map((meeting, i) => ({
      ...meeting,
      number: i + 1,
      elementName: elements.elements.find((e) => e.id === meeting.element)!.name,
      // The load refuses an unknown slug, so every one is found.
      cases: meeting.cases.map((slug) => ({ slug, title: cases.find((c) => c.slug === slug)!.title })),
    })),
    // The rendered HTML only: the markdown is for the search index.
    sections: sections.map(({ id, title, html }) => ({ id, title, html })),
  };
}

type Schedule = ReturnType<typeof loader>["schedule"];

function ScheduleTable({ schedule, minutes, caption }: { schedule: Schedule; minutes: number; caption: string }) {
  return (
    <table className="guide-schedule">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Onderdeel</th>
          <th scope="col">In de app</th>
          <th scope="col" className="num">
            Minuten
          </th>
        </tr>
      </thead>
      <tbody>
        {schedule.map((step) => (
          <tr key={step.phase}>
            <th scope="row">{step.title}</th>
            <td>{step.phaseLabel}</td>
            <td className="num">{step.minutes}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Samen
          </th>
          <td className="num">{minutes}</td>
        </tr>
      </tfoot>
    </table>
  );
}

type YearPlan = ReturnType<typeof loader>["yearPlan"];

function YearPlanList({ plan }: { plan: YearPlan }) {
  return (
    <ol className="year-plan">
      {plan.map((meeting) => (
        <li key={meeting.element} className="card">
          <h3>{`${meeting.number}. ${meeting.title}`}</h3>
          <p className="muted">{`Element: ${meeting.elementName}`}</p>
          <p>{meeting.aim}</p>
          <p>Casussen om te kijken of te spelen:</p>
          <ul>
            {meeting.cases.map((c) => (
              <li key={c.slug}>
                <a href={`/casussen/${c.slug}`}>{c.title}</a> (<a href={`/casussen/${c.slug}/rollenspel`}>rollenspel</a>)
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function Glossary({ entries }: { entries: ReturnType<typeof loader>["glossary"] }) {
  return (
    <dl className="glossary">
      {entries.map((entry) => (
        <div key={entry.term}>
          <dt>{entry.term}</dt>
          <dd>{entry.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function Guide() {
  const { title, summary, minutes, schedule, slot, glossary, yearPlan, sections } = useLoaderData<typeof loader>();
  return (
    <article className="guide">
      <h1>{title}</h1>
      <p className="lead">{summary}</p>
      <nav className="guide-toc" aria-labelledby="guide-toc-h">
        <p id="guide-toc-h" className="muted">
          Op deze pagina
        </p>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <section key={s.id} id={s.id} className={`guide-section guide-${s.id}`} aria-labelledby={`${s.id}-h`}>
          <h2 id={`${s.id}-h`}>{s.title}</h2>
          {s.id === GUIDE_SECTIONS.schedule ? (
            <div className="guide-schedules">
              <ScheduleTable schedule={schedule} minutes={minutes} caption={`Een avond van ${minutes} minuten`} />
              <ScheduleTable schedule={slot.schedule} minutes={slot.minutes} caption={`Als onderdeel van een bijeenkomst: ${slot.minutes} minuten`} />
            </div>
          ) : null}
          {/* Trusted content, rendered by marked and sanitised by sanitize-html at load (app/core/markdown.ts). */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: s.html }} />
          {s.id === GUIDE_SECTIONS.yearPlan ? <YearPlanList plan={yearPlan} /> : null}
          {s.id === GUIDE_SECTIONS.glossary ? <Glossary entries={glossary} /> : null}
        </section>
      ))}
    </article>
  );
}
