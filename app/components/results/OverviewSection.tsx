// The overview of the reveal: who rated, the numbers per element in one table, every person's
// final scores (folded), and where the group differed most.
import { formatClock } from "~/core/format";
import { formatNumber, formatPlain, type RoleGroup } from "~/core/results";
import { visibleRole } from "~/core/reveal-story";
import { ScoreTable } from "../ScoreTable";
import { count, num, RoleSymbol, roleName } from "./charts";
import { type Ctx, Fold, Heading, type Level, Scroll, Seek, sectionId, TurnRef } from "./parts";

function roleMean(group: RoleGroup | undefined): string {
  if (!group || !group.shown || !group.summary) return "–";
  return num(group.summary.mean);
}


export function OverviewSection({ ctx }: { ctx: Ctx }) {
  const { results, names } = ctx;
  const showRoles = results.rolesShown;
  const hasReference = results.elements.some((e) => e.reference !== null);
  const hasClientView = results.elements.some((e) => typeof e.reference?.clientView === "number");
  const id = sectionId("overzicht");
  const roleLine =
    `${count(results.raterCount, "beoordelaar", "beoordelaars")} met een eindscore: ` +
    `${count(results.roleCounts.arbeidsdeskundige, "arbeidsdeskundige", "arbeidsdeskundigen")} en ` +
    `${count(results.roleCounts.ervaringsdeskundige, "ervaringsdeskundige", "ervaringsdeskundigen")}.`;
  const top = results.hotspots.slice(0, 3);
  return (
    <section className="rv-section rv-overview" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        In één oogopslag
      </Heading>
      <p className="rv-lead">{roleLine}</p>
      {results.caution ? (
        <p className="alert warn rv-caution" role="note">
          {results.caution}
        </p>
      ) : null}
      <p className="rv-negative-note">
        <strong>Stroefheid</strong> is het negatieve element: hoe hoger, hoe stroever het gesprek liep. We tellen de vier
        elementen daarom nooit op tot één totaal.
      </p>
      <ScoreTable
        label="Eindscores per element"
        caption="Eindscores per element (0 tot 10)"
        className="rv-table rv-overview-table"
        columns={[
          { label: "Element" },
          { label: "Gemiddelde", num: true },
          { label: "Mediaan", num: true },
          { label: "Laagste–hoogste", num: true },
          ...(showRoles
            ? [
                { label: <>Arbeids&shy;deskundigen</>, num: true },
                { label: <>Ervarings&shy;deskundigen</>, num: true },
              ]
            : []),
          { label: <>Overeen&shy;stemming (α)</>, num: true },
          ...(hasReference ? [{ label: <>Vak&shy;referentie</>, num: true }] : []),
          ...(hasClientView ? [{ label: <>Cliënt&shy;blik (makers)</>, num: true }] : []),
        ]}
        rows={results.elements.map((e) => ({
          key: e.elementId,
          className: `el-${e.elementId}`,
          header: (
            <>
              <span className="rv-swatch" aria-hidden="true" />
              {names[e.elementId]}
              {e.negative ? <span className="rv-neg-mark"> (hoger = stroever)</span> : null}
            </>
          ),
          cells: [
            e.summary ? num(e.summary.mean) : "–",
            e.summary ? formatPlain(e.summary.median) : "–",
            e.summary ? `${formatPlain(e.summary.min)}–${formatPlain(e.summary.max)}` : "–",
            ...(showRoles
              ? [
                  roleMean(e.roles?.arbeidsdeskundige),
                  <>
                    {roleMean(e.roles?.ervaringsdeskundige)}
                    {e.gap?.large ? <span className="rv-gap-flag">{` verschil ${num(Math.abs(e.gap.gap))}`}</span> : null}
                  </>,
                ]
              : []),
            e.agreement.alpha === null ? "–" : formatNumber(e.agreement.alpha, 2),
            ...(hasReference ? [e.reference ? formatPlain(e.reference.score) : "–"] : []),
            ...(hasClientView ? [typeof e.reference?.clientView === "number" ? formatPlain(e.reference.clientView) : "–"] : []),
          ],
        }))}
      />
      {results.finals.length ? (
        <Fold ctx={ctx} summary={`Alle eindscores per persoon (${results.finals.length})`}>
          <Scroll label="Eindscores per persoon">
            <table className="compare-table rv-table rv-scores">
              <caption className="visually-hidden">Eindscores per persoon</caption>
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Rol</th>
                  {results.elements.map((e) => (
                    <th key={e.elementId} scope="col" className="num">
                      {names[e.elementId]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.finals.map((f, i) => (
                  <tr key={`${f.pseudonym}-${i}`}>
                    <th scope="row">{f.displayName}</th>
                    <td>
                      <RoleSymbol role={visibleRole(results, f.role)} /> {roleName(visibleRole(results, f.role))}
                    </td>
                    {results.elements.map((e) => (
                      <td key={e.elementId} className="num">
                        {formatPlain(f.scores[e.elementId])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </Fold>
      ) : null}
      {top.length ? (
        <div className="rv-top-hotspots">
          <Heading level={(ctx.level + 1) as Level}>Waar de meningen het verst uiteenliepen</Heading>
          <ol className="rv-hotspots">
            {top.map((h, i) => (
              <li key={`${h.elementId}-${h.start}-${i}`}>
                <span className="rv-hotspot-what">
                  <strong>{names[h.elementId]}</strong>
                  {` ${formatClock(h.start)}–${formatClock(h.end)}: gemiddeld ${num(h.meanRange)} punt tussen laagste en hoogste`}
                  {h.turnIndex !== null ? (
                    <>
                      {", "}
                      <TurnRef ctx={ctx} turnIndex={h.turnIndex} />
                    </>
                  ) : null}
                </span>
                <Seek ctx={ctx} t={h.start} context={names[h.elementId]} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
