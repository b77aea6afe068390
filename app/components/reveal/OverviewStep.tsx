// Step "overzicht": the first screen of the reveal. One large chart, four elements, every final
// score, the mean; the line above it says what to look at first.
import type { RevealResults } from "~/core/results";
import { overviewHeadline, visibleRole } from "~/core/reveal-story";
import { GroupDotChart } from "./GroupDotChart";
import { RoleLegend } from "./RoleLegend";

export function OverviewStep({ results, names }: { results: RevealResults; names: Record<string, string> }) {
  return (
    <>
      <header className="rp-head">
        <h2 className="rp-title">Zo beoordeelde de groep het gesprek</h2>
        <p className="rp-headline">{overviewHeadline(results, names)}</p>
      </header>
      <RoleLegend results={results} />
      <figure className="rp-figure">
        <GroupDotChart
          elements={results.elements}
          names={names}
          roleOf={(role) => visibleRole(results, role)}
          title="Eindscores van iedereen, per element, op een schaal van 0 tot 10"
        />
      </figure>
      <p className="rp-foot">Elke stip is één eindscore, van 0 tot 10. We tellen de vier elementen nooit op: bij stroefheid is hoger slechter.</p>
    </>
  );
}
