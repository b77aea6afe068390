import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintButton } from "~/components/PrintButton";
import { LABELS } from "~/core/domain";
import { notFound } from "~/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rollenspel: ${data.title} — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const c = context.services.content.cases.find((x) => x.slug === params.slug);
  if (!c || !c.roleplay) notFound(`Er is geen rollenspel bij "${params.slug}".`);
  return {
    slug: c.slug,
    title: c.title,
    setting: `${LABELS.setting[c.setting]} — ${c.phaseDetail}`,
    clientName: c.persona.name,
    roleplay: c.roleplay,
    groupQuestion: c.groupQuestion,
  };
}

export default function Roleplay() {
  const { slug, title, setting, clientName, roleplay, groupQuestion } = useLoaderData<typeof loader>();
  return (
    <article className="roleplay">
      <p className="breadcrumb no-print">
        <Link to="/casussen">Casussen</Link> › <Link to={`/casussen/${slug}`}>{title}</Link> › Rollenspel
      </p>
      <h1>Rollenspel: {title}</h1>
      <p className="no-print">
        Print deze pagina en knip de twee briefings los: elke speler leest alleen de eigen kaart. De observatoren krijgen de
        kijkvraag. De printer zet elke briefing op een eigen pagina.
      </p>
      <div className="actions no-print">
        <PrintButton label="Briefings printen" />
      </div>
      <section className="card briefing" aria-labelledby="briefing-client">
        <h2 id="briefing-client">Briefing voor wie de cliënt speelt ({clientName})</h2>
        <p className="muted">{setting}</p>
        <h3>Jouw situatie</h3>
        <p>{roleplay.client.situation}</p>
        <h3>Wat je voelt</h3>
        <p>{roleplay.client.feels}</p>
        <h3>Wat je (nog) niet vertelt</h3>
        <p>{roleplay.client.holdsBack}</p>
        <h3>Wat je zou laten openen</h3>
        <p>{roleplay.client.opensUp}</p>
      </section>
      <section className="card briefing" aria-labelledby="briefing-ad">
        <h2 id="briefing-ad">Briefing voor wie de arbeidsdeskundige speelt</h2>
        <p className="muted">{setting}</p>
        <h3>De situatie</h3>
        <p>{roleplay.ad.situation}</p>
        <h3>Je opdracht</h3>
        <p>{roleplay.ad.task}</p>
        <h3>Let op</h3>
        <p>{roleplay.ad.watchFor}</p>
      </section>
      <section className="card briefing" aria-labelledby="briefing-observator">
        <h2 id="briefing-observator">Voor de observatoren</h2>
        <p>{groupQuestion}</p>
      </section>
    </article>
  );
}
