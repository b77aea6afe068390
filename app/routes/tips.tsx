import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ElementTag } from "~/components/ElementTag";

export const meta: MetaFunction = () => [{ title: "Zes tips — Alliantiekompas" }];

export function loader({ context }: LoaderFunctionArgs) {
  const { tips, elements, behaviourIndex } = context.services.content;
  const names = Object.fromEntries(elements.elements.map((e) => [e.id, e.name]));
  return {
    tips: tips.map((t) => ({
      ...t,
      elementNames: t.elements.map((id) => ({ id, name: names[id] })),
      behaviourLabels: t.behaviours.map((id) => ({ id, label: behaviourIndex.get(id)!.label, elementId: behaviourIndex.get(id)!.elementId })),
    })),
  };
}

export default function Tips() {
  const { tips } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Zes tips voor cliëntgericht werken</h1>
      <p className="lead">Wat het onderzoek achter Gezien &amp; Gehoord arbeidsdeskundigen meegeeft, met de elementen waar elke tip aan bijdraagt.</p>
      <ol className="cards" style={{ listStyle: "none", padding: 0 }}>
        {tips.map((tip) => (
          <li key={tip.id} id={tip.id}>
            <section className="card" aria-labelledby={`tip-${tip.id}`}>
              <h2 id={`tip-${tip.id}`}>
                {`${tip.number}. ${tip.title}`}
              </h2>
              <p>{tip.body}</p>
              <p>
                <span className="visually-hidden">Helpt bij: </span>
                {tip.elementNames.map((e) => (
                  <Link key={e.id} to={`/kompas/${e.id}`}>
                    <ElementTag id={e.id} name={e.name} />
                  </Link>
                ))}
              </p>
              {tip.behaviourLabels.length ? (
                <details>
                  <summary>Gedrag waar het over gaat</summary>
                  <ul>
                    {tip.behaviourLabels.map((b) => (
                      <li key={b.id}>
                        <Link to={`/kompas/${b.elementId}#${b.id}`}>{b.label}</Link>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </section>
          </li>
        ))}
      </ol>
    </>
  );
}
