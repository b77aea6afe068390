// The group beside the casus's reference rating: the means and the moments marked or missed.
import { formatClock } from "~/core/format";
import { type ElementResult, formatPlain, type ReferenceMomentResult } from "~/core/results";
import { count, num, ReferenceChart } from "./charts";
import { type Ctx, Heading, type Level, Scroll, Seek, sectionId } from "./parts";

function referenceSentence(e: ElementResult): string {
  const ref = e.reference!;
  if (ref.difference === null) return "geen eindscores";
  const diff = Math.abs(ref.difference);
  if (diff < 0.5) return "ongeveer gelijk";
  const more = ref.difference > 0;
  if (e.negative) return `${num(diff)} punt ${more ? "meer" : "minder"} stroef`;
  return `${num(diff)} punt ${more ? "hoger" : "lager"}`;
}


export function ReferenceSection({ ctx }: { ctx: Ctx }) {
  const { results, names } = ctx;
  const reference = results.reference!;
  const id = sectionId("referentie");
  const sub = (ctx.level + 1) as Level;
  const rows = results.elements.filter((e) => e.reference !== null);
  return (
    <section className="rv-section rv-reference" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        De groep naast de referentie
      </Heading>
      <p className="rv-lead">
        De casus heeft een referentiebeoordeling: hoe de makers het gesprek zien. Geen juist antwoord, wel een tweede blik.
      </p>
      <div className="rv-reference-grid">
        <figure className="rv-figure">
          <ReferenceChart elements={results.elements} names={names} />
          <figcaption className="rv-legend">
            <span>
              <span className="rv-key rv-key-group" aria-hidden="true" /> gemiddelde van de groep
            </span>
            <span>
              <span className="rv-key rv-key-ref" aria-hidden="true" /> referentie
            </span>
          </figcaption>
        </figure>
        <Scroll label="De groep naast de referentie">
          <table className="compare-table rv-table">
            <caption className="visually-hidden">De groep naast de referentie per element</caption>
            <thead>
              <tr>
                <th scope="col">Element</th>
                <th scope="col" className="num">
                  Groep
                </th>
                <th scope="col" className="num">
                  Referentie
                </th>
                <th scope="col">Verschil</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.elementId}>
                  <th scope="row">{names[e.elementId]}</th>
                  <td className="num">{e.reference!.groupMean === null ? "–" : num(e.reference!.groupMean)}</td>
                  <td className="num">{formatPlain(e.reference!.score)}</td>
                  <td>{referenceSentence(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </div>
      <div className="rv-moment-lists">
        <div>
          <Heading level={sub}>{`Momenten die niemand markeerde (${reference.missed.length})`}</Heading>
          {reference.missed.length ? (
            <ul className="rv-refmoments">
              {reference.missed.map((m, i) => (
                <ReferenceMoment key={`${m.id}-${m.t}-${i}`} ctx={ctx} moment={m} />
              ))}
            </ul>
          ) : (
            <p className="muted">De groep zag alle referentiemomenten.</p>
          )}
        </div>
        <div>
          <Heading level={sub}>{`Momenten die de groep zag (${reference.marked.length})`}</Heading>
          {reference.marked.length ? (
            <ul className="rv-refmoments">
              {reference.marked.map((m, i) => (
                <ReferenceMoment key={`${m.id}-${m.t}-${i}`} ctx={ctx} moment={m} />
              ))}
            </ul>
          ) : (
            <p className="muted">De groep markeerde geen van de referentiemomenten.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ReferenceMoment({ ctx, moment: m }: { ctx: Ctx; moment: ReferenceMomentResult }) {
  const label = ctx.labels[m.id] ?? m.id;
  const element = m.elementId ? ctx.names[m.elementId] : null;
  const who =
    m.match === "gedrag"
      ? `${count(m.raters, "persoon markeerde", "mensen markeerden")} dit gedrag`
      : m.match === "element"
        ? `${count(m.raters, "persoon markeerde", "mensen markeerden")} hier ${element ?? "dit element"}, niet dit gedrag`
        : "niemand markeerde dit";
  const ticked = m.inFinal > 0 ? `; ${count(m.inFinal, "persoon vinkte", "mensen vinkten")} het aan in het eindoordeel` : "";
  return (
    <li className={`rv-refmoment ${m.match ? "marked" : "missed"}`}>
      <span>
        <span className="rv-ref-what">
          <strong>{label}</strong>
          {element ? ` (${element})` : null}{" "}
          <span className={`rv-effect rv-effect-${m.effect}`}>{m.effect === "versterkt" ? "versterkt" : "belast"}</span>
        </span>
        <span className="rv-small rv-ref-who">
          {`${formatClock(m.t)} · beurt ${m.turnIndex + 1} · ${who}${ticked}`}
        </span>
      </span>
      <Seek ctx={ctx} t={m.t} context={label} />
    </li>
  );
}
