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
  const names = new Map(c.speakers.map((s) => [s.id, s.name]));
  return {
    slug: c.slug,
    title: c.title,
    setting: `${LABELS.setting[c.setting]} — ${c.phaseDetail}`,
    clientName: c.persona.name,
    roleplay: { client: c.roleplay.client, ad: c.roleplay.ad },
    thirdParties: c.roleplay.thirdParties.map((card) => ({ ...card, name: names.get(card.speaker) ?? card.speaker })),
    groupQuestion: c.groupQuestion,
    focus: c.focus.map((id) => context.services.content.elements.elements.find((e) => e.id === id)!.name),
  };
}

export default function Roleplay() {
  const { slug, title, setting, clientName, roleplay, thirdParties, groupQuestion, focus } = useLoaderData<typeof loader>();
  const players = 2 + thirdParties.length;
  return (
    <article className="roleplay">
      <p className="breadcrumb no-print">
        <Link to="/casussen">Casussen</Link> › <Link to={`/casussen/${slug}`}>{title}</Link> › Rollenspel
      </p>
      <h1>Rollenspel: {title}</h1>
      <p className="no-print">
        {`Deze casus heeft ${players} spelers.`} Elke speler krijgt alleen de eigen kaart: wat een ander weet of verzwijgt, staat
        daar niet op. De observatoren krijgen de kijkvraag. De printer zet elke kaart op een eigen pagina.
      </p>
      <div className="actions no-print">
        <PrintButton label="Briefings printen" />
      </div>
      <section className="card briefing" aria-labelledby="briefing-client" data-role="client">
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
      <section className="card briefing" aria-labelledby="briefing-ad" data-role="ad">
        <h2 id="briefing-ad">Briefing voor wie de arbeidsdeskundige speelt</h2>
        <p className="muted">{setting}</p>
        <h3>De situatie</h3>
        <p>{roleplay.ad.situation}</p>
        <h3>Je opdracht</h3>
        <p>{roleplay.ad.task}</p>
        <h3>Let op</h3>
        <p>{roleplay.ad.watchFor}</p>
      </section>
      {thirdParties.map((card) => (
        <section key={card.speaker} className="card briefing" aria-labelledby={`briefing-${card.speaker}`} data-role={card.speaker}>
          <h2 id={`briefing-${card.speaker}`}>{`Briefing voor wie ${card.name} speelt`}</h2>
          <p className="muted">{setting}</p>
          <h3>Jouw situatie</h3>
          <p>{card.situation}</p>
          <h3>Wat je voelt</h3>
          <p>{card.feels}</p>
          <h3>Zo speel je het</h3>
          <p>{card.task}</p>
          {card.holdsBack ? (
            <>
              <h3>Wat je voor je houdt</h3>
              <p>{card.holdsBack}</p>
            </>
          ) : null}
        </section>
      ))}
      <section className="card briefing" aria-labelledby="briefing-observator">
        <h2 id="briefing-observator">Voor de observatoren</h2>
        <p>{groupQuestion}</p>
        <p>Let vooral op {new Intl.ListFormat("nl", { type: "conjunction" }).format(focus).toLowerCase()}. Schrijf per moment op wat er gezegd werd en wat het deed.</p>
      </section>
    </article>
  );
}
