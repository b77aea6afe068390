import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ElementTag } from "~/components/ElementTag";
import { TranscriptPlayer } from "~/components/TranscriptPlayer";
import { playerTurns } from "~/case-view.server";
import { LABELS } from "~/core/domain";
import { formatClock } from "~/core/format";
import { notFound } from "~/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — Casus — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const { cases, elements, tips } = context.services.content;
  const c = cases.find((x) => x.slug === params.slug);
  if (!c) notFound(`Er is geen casus "${params.slug}".`);
  const names = Object.fromEntries(elements.elements.map((e) => [e.id, e.name]));
  return {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    meta: [
      ["Werkveld", LABELS.setting[c.setting]],
      ["Fase", `${LABELS.phase[c.phase]} — ${c.phaseDetail}`],
      ["Rol van de arbeidsdeskundige", LABELS.adRole[c.adRole]],
      ["Vorm", LABELS.mode[c.mode]],
      ["Niveau", LABELS.difficulty[c.difficulty]],
      ["Duur", `${formatClock(c.duration)} minuten, ${c.turns.length} beurten`],
      ...(c.thirdParties.length ? [["Ook aanwezig", c.thirdParties.map((p) => LABELS.thirdParty[p]).join(", ")]] : []),
    ] as [string, string][],
    focus: c.focus.map((id) => ({ id, name: names[id] })),
    persona: { name: c.persona.name, description: c.persona.description },
    situationHtml: c.situationHtml,
    groupQuestion: c.groupQuestion,
    turns: playerTurns(c),
    duration: c.duration,
    discussion: c.discussion,
    tips: c.tips.map((id) => tips.find((t) => t.id === id)!).map((t) => ({ id: t.id, number: t.number, title: t.title })),
    roleplay: Boolean(c.roleplay),
  };
}

export default function CasePage() {
  const c = useLoaderData<typeof loader>();
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/casussen">Casussen</Link> › {c.title}
      </p>
      <h1>{c.title}</h1>
      <p className="lead">{c.summary}</p>
      <div className="actions">
        <Link className="button" to={`/casussen/${c.slug}/oefenen`}>
          Oefenen: beoordeel dit gesprek
        </Link>
        {c.roleplay ? (
          <Link className="button secondary" to={`/casussen/${c.slug}/rollenspel`}>
            Rollenspel: briefings printen
          </Link>
        ) : null}
        <Link className="button secondary" to={`/sessies/nieuw?casus=${c.slug}`}>
          Bekijken in een OT-sessie
        </Link>
      </div>
      <dl className="meta-list">
        {c.meta.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <dt>Element in beeld</dt>
        <dd>
          {c.focus.map((e) => (
            <ElementTag key={e.id} id={e.id} name={e.name} />
          ))}
        </dd>
      </dl>
      <section aria-labelledby="situatie">
        <h2 id="situatie">De situatie</h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: c.situationHtml }} />
        <p>
          <strong>{c.persona.name}:</strong> {c.persona.description}
        </p>
        <p className="alert warn">
          <strong>Kijkvraag:</strong> {c.groupQuestion}
        </p>
      </section>
      <section aria-labelledby="gesprek">
        <h2 id="gesprek">Het gesprek</h2>
        <TranscriptPlayer turns={c.turns} duration={c.duration} />
      </section>
      <section aria-labelledby="bespreken">
        <h2 id="bespreken">Om te bespreken</h2>
        <ol>
          {c.discussion.map((q) => (
            <li key={q}>{q}</li>
          ))}
        </ol>
        <p>
          Deze casus laat zien:{" "}
          {c.tips.map((t, i) => (
            <span key={t.id}>
              {i > 0 ? ", " : ""}
              <Link to={`/tips#${t.id}`}>
                tip {t.number} ({t.title.toLowerCase()})
              </Link>
            </span>
          ))}
          .
        </p>
      </section>
    </article>
  );
}
