import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [
  { title: "Alliantiekompas — oefenen met de werkalliantie" },
  { name: "description", content: "Oefen cliëntgerichte gesprekken met de vier elementen van de werkalliantie, alleen of in je OT-groep." },
];

export default function Index() {
  return (
    <>
      <h1>Alliantiekompas</h1>
      <p className="lead">
        Oefen het cliëntgerichte gesprek met de vier elementen van de werkalliantie uit Gezien &amp; Gehoord:
        vertrouwen, richting &amp; kader, binding en stroefheid. Alleen, of samen met je OT-groep en een
        ervaringsdeskundige.
      </p>
      <ul className="cards doors">
        <li>
          <section className="card" aria-labelledby="deur-begeleider">
            <h2 id="deur-begeleider">OT-sessie starten</h2>
            <p>Je begeleidt een OT-bijeenkomst. Kies een gesprek, nodig de groep uit met een code en laat iedereen live beoordelen, blind tot jij onthult.</p>
            <p className="actions">
              <Link className="button" to="/sessies/nieuw">Sessie starten</Link>
              <Link className="button secondary" to="/begeleiden">Lees de handleiding</Link>
            </p>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="deur-deelnemer">
            <h2 id="deur-deelnemer">Meedoen met een code</h2>
            <p>Je bent uitgenodigd als arbeidsdeskundige, ervaringsdeskundige of observator. Vul de code in die de begeleider laat zien.</p>
            <Link className="button" to="/doe-mee">Meedoen</Link>
          </section>
        </li>
        <li>
          <section className="card" aria-labelledby="deur-zelfstudie">
            <h2 id="deur-zelfstudie">Zelf studeren</h2>
            <p>Lees de modules, test jezelf en oefen op een casus. Vergelijk je beoordeling met die van een expert.</p>
            <Link className="button" to="/modules">Naar de modules</Link>
          </section>
        </li>
      </ul>
      <h2>Waar het over gaat</h2>
      <p>
        Arbeidsdeskundigen spreken cliënten vaak in een gedwongen kader. Of zo'n gesprek werkt, hangt af van de
        werkalliantie: durft de cliënt open te zijn, is duidelijk waar het over gaat, voelt hij zich gezien en gehoord,
        en waar loopt het stroef? De <Link to="/kompas">elementenkaart</Link> zet het gedrag dat daarbij helpt op een rij. De{" "}
        <Link to="/tips">zes tips</Link> vertalen het naar de praktijk en het <Link to="/werkblad">werkblad</Link> helpt
        in het gesprek zelf.
      </p>
    </>
  );
}
