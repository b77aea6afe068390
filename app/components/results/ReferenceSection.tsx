// The group beside the casus's reference rating: the means and the moments marked or missed.
import { formatClock } from "~/core/format";
import { type ElementResult, formatPlain, type ReferenceMomentResult } from "~/core/results";
import { count, num, ReferenceChart } from "./charts";
import { type Ctx, Heading, type Level, Seek, sectionId } from "./parts";
import { type ScoreColumn, ScoreTable } from "../ScoreTable";
import { CLIENT_VIEW_LABEL, CLIENT_VIEW_NAME } from "~/core/client-view";

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
  const hasClientView = rows.some((e) => typeof e.reference!.clientView === "number");
  const hasEdMean = rows.some((e) => typeof e.reference!.edMean === "number");
  const columns: ScoreColumn[] = [
    { label: "Element" },
    { label: "Groep", num: true },
    { label: <>Vak&shy;referentie</>, num: true },
    { label: "Verschil" },
    ...(hasClientView ? [{ label: <>Cliënt&shy;blik</>, num: true }] : []),
    ...(hasEdMean ? [{ label: <>Ervarings&shy;deskundigen</>, num: true }] : []),
  ];
  return (
    <section className="rv-section rv-reference" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        {hasClientView ? "De groep naast de vakreferentie en de cliëntblik" : "De groep naast de referentie"}
      </Heading>
      <p className="rv-lead">
        {`De casus heeft een vakreferentie: hoe de makers het gesprek als arbeidsdeskundige zien. Geen juist antwoord, wel een tweede blik.`}
      </p>
      {hasClientView ? (
        <div className="rv-client-label">
          <p>
            <strong>{`${CLIENT_VIEW_NAME}:`}</strong> {CLIENT_VIEW_LABEL}
          </p>
          {results.clientViewLine ? <p>{results.clientViewLine}</p> : null}
        </div>
      ) : null}
      <div className={hasClientView ? "rv-reference-grid rv-reference-two" : "rv-reference-grid"}>
        <figure className="rv-figure">
          <ReferenceChart elements={results.elements} names={names} />
          <figcaption className="rv-legend">
            <span>
              <span className="rv-key rv-key-group" aria-hidden="true" /> gemiddelde van de groep
            </span>
            <span>
              <span className="rv-key rv-key-ref" aria-hidden="true" /> vakreferentie
            </span>
            {hasClientView ? (
              <span>
                <span className="rv-key rv-key-client" aria-hidden="true" /> cliëntblik (makers)
              </span>
            ) : null}
          </figcaption>
        </figure>
        <ScoreTable
          label="De groep naast de referenties"
          caption="De groep naast de referenties per element"
          captionHidden
          className="rv-table"
          columns={columns}
          rows={rows.map((e) => {
            const ref = e.reference!;
            return {
              key: e.elementId,
              header: names[e.elementId],
              cells: [
                ref.groupMean === null ? "–" : num(ref.groupMean),
                formatPlain(ref.score),
                referenceSentence(e),
                ...(hasClientView ? [typeof ref.clientView === "number" ? formatPlain(ref.clientView) : "–"] : []),
                ...(hasEdMean ? [typeof ref.edMean === "number" ? num(ref.edMean) : "–"] : []),
              ],
            };
          })}
        />
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
