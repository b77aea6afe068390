import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { readProfile } from "~/profile.server";

export const meta: MetaFunction = () => [{ title: "Modules — Alliantiekompas" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const profile = await readProfile(request, context);
  return {
    modules: context.services.content.modules.map((m) => {
      const progress = profile?.modules[m.slug];
      const answered = progress ? Object.keys(progress.answers).length : 0;
      return {
        slug: m.slug,
        order: m.order,
        title: m.title,
        summary: m.summary,
        minutes: m.minutes,
        questions: m.selfCheck.length,
        answered,
        completed: Boolean(progress?.completedAt),
      };
    }),
  };
}

export default function Modules() {
  const { modules } = useLoaderData<typeof loader>();
  const done = modules.filter((m) => m.completed).length;
  const totalMinutes = modules.reduce((sum, m) => sum + m.minutes, 0);
  return (
    <>
      <h1>Leerpad: cliëntgericht werken</h1>
      <p className="lead">
        {modules.length} modules van elk een kwartier tot twintig minuten, samen ongeveer {Math.round(totalMinutes / 60)}{" "}
        uur. Volg ze op volgorde of kies wat je nodig hebt. Elke module eindigt met een zelftoets en verwijst naar
        casussen om op te oefenen.
      </p>
      <p>
        <strong>
          {done} van {modules.length} afgerond
        </strong>
        <progress value={done} max={modules.length} aria-label="Voortgang in het leerpad" style={{ marginLeft: "0.75rem" }} />
      </p>
      <ol className="cards" style={{ listStyle: "none", padding: 0 }}>
        {modules.map((m) => (
          <li key={m.slug}>
            <section className="card" aria-labelledby={`mod-${m.slug}`}>
              <p className="muted" style={{ margin: 0 }}>
                Module {m.order} · {m.minutes} minuten
              </p>
              <h2 id={`mod-${m.slug}`}>
                <Link to={`/modules/${m.slug}`}>{m.title}</Link>
              </h2>
              <p>{m.summary}</p>
              <p className="muted">
                {m.completed ? "✓ Afgerond" : m.answered ? `Zelftoets: ${m.answered} van ${m.questions} beantwoord` : "Nog niet begonnen"}
              </p>
            </section>
          </li>
        ))}
      </ol>
    </>
  );
}
