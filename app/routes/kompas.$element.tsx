import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound } from "~/http";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.element.name} — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

export function loader({ params, context }: LoaderFunctionArgs) {
  const { elements, tips, modules, cases } = context.services.content;
  const element = elements.elements.find((e) => e.id === params.element);
  if (!element) notFound(`Er is geen element "${params.element}".`);
  const behaviourIds = new Set(element.behaviours.map((b) => b.id));
  return {
    element,
    tips: tips.filter((t) => t.elements.includes(element.id)).map((t) => ({ id: t.id, number: t.number, title: t.title })),
    modules: modules
      .filter((m) => m.covers.elements.includes(element.id) || m.covers.behaviours.some((b) => behaviourIds.has(b)))
      .map((m) => ({ slug: m.slug, title: m.title })),
    cases: cases.filter((c) => c.focus.includes(element.id)).map((c) => ({ slug: c.slug, title: c.title })),
  };
}

export default function ElementPage() {
  const { element, tips, modules, cases } = useLoaderData<typeof loader>();
  const negative = element.polarity === "negatief";
  return (
    <article className={`el-${element.id}`}>
      <p className="breadcrumb">
        <Link to="/kompas">Elementenkaart</Link> › {element.name}
      </p>
      <h1>{element.name}</h1>
      {negative ? (
        <p className="alert warn">
          Stroefheid is het negatieve element: hoe hoger, hoe meer het schuurt. Zie het als aanleiding voor een gesprek,
          nooit als oordeel over een persoon.
        </p>
      ) : null}
      <p className="lead">{element.definition}</p>
      <div className="cards">
        <section className="card" aria-labelledby="kant-client">
          <h2 id="kant-client">Zo ervaart de cliënt het</h2>
          <p>{element.clientSide}</p>
        </section>
        <section className="card" aria-labelledby="kant-professional">
          <h2 id="kant-professional">Zo kijkt de professional</h2>
          <p>{element.professionalSide}</p>
        </section>
      </div>
      <h2>{negative ? "Signalen van stroefheid" : "Wat je ziet in het gesprek"}</h2>
      <ul className="cards">
        {element.behaviours.map((b) => (
          <li key={b.id} id={b.id}>
            <section className="card element-card">
              <h3>{b.label}</h3>
              <p>{b.description}</p>
            </section>
          </li>
        ))}
      </ul>
      <h2>Verder met {element.name.toLowerCase()}</h2>
      <div className="cards">
        <section className="card">
          <h3>Tips</h3>
          <ul>
            {tips.map((t) => (
              <li key={t.id}>
                <Link to={`/tips#${t.id}`}>
                  {`Tip ${t.number}: ${t.title}`}
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h3>Modules</h3>
          {modules.length ? (
            <ul>
              {modules.map((m) => (
                <li key={m.slug}>
                  <Link to={`/modules/${m.slug}`}>{m.title}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nog geen module.</p>
          )}
        </section>
        <section className="card">
          <h3>Casussen</h3>
          {cases.length ? (
            <ul>
              {cases.map((c) => (
                <li key={c.slug}>
                  <Link to={`/casussen/${c.slug}`}>{c.title}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Nog geen casus.</p>
          )}
        </section>
      </div>
    </article>
  );
}
