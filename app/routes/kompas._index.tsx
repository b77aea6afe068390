import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Elementenkaart — Alliantiekompas" }];

export function loader({ context }: LoaderFunctionArgs) {
  const { elements, research } = context.services.content;
  return { elements: elements.elements, notes: elements.notes, sides: research.sides };
}

export default function Kompas() {
  const { elements, notes, sides } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Elementenkaart: de vier elementen van de werkalliantie</h1>
      <p className="lead">
        Cahier 38 ordent wat een arbeidsdeskundige doet onder de vier elementen van de werkalliantie, naar het
        onderzoek van Anneke Menger naar werken in een gedwongen kader. Drie elementen bouwen de samenwerking op; het
        vierde, stroefheid, laat zien waar ze schuurt.
      </p>
      <p className="muted">
        Deze kaart is iets anders dan het gesprekskompas van Gezien &amp; Gehoord, de gesprekshulp die het AKC heeft
        gemaakt voor arbeidsdeskundige en cliënt samen. Hier staat het gedrag waar je in deze app op let en dat je beoordeelt.
      </p>
      <ul className="cards">
        {elements.map((e) => (
          <li key={e.id}>
            <section className={`card element-card el-${e.id}`} aria-labelledby={`el-${e.id}`}>
              <h2 id={`el-${e.id}`}>
                <Link to={`/kompas/${e.id}`}>{e.name}</Link>
                {e.polarity === "negatief" ? <span className="tag negative"> negatief element</span> : null}
              </h2>
              <p>{e.definition}</p>
              <p className="muted">
                {e.behaviours.length} {e.polarity === "negatief" ? "signalen" : "gedragingen"}
              </p>
            </section>
          </li>
        ))}
      </ul>
      <h2>Twee kanten van cliëntgericht werken</h2>
      <div className="cards">
        {sides.map((s) => (
          <section key={s.id} className="card" aria-labelledby={`side-${s.id}`}>
            <h3 id={`side-${s.id}`}>{s.name}</h3>
            <p>{s.description}</p>
          </section>
        ))}
      </div>
      <h2>Wat het onderzoek er nog over zegt</h2>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </>
  );
}
