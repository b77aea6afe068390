// The key to the marks of the reveal's charts, and what the screen does with a role it hides.
import type { RaterRole, RevealResults } from "~/core/results";
import { visibleRole } from "~/core/reveal-story";
import { RoleSymbol } from "../results/charts";

/** The roles the marks on this screen show: only those that appear, plus the grey ring when any role is hidden. */
export function RoleLegend({ results }: { results: RevealResults }) {
  // The marks as the charts draw them: from the element scores, the same source as the dots.
  const raters = results.elements[0]?.scores ?? [];
  const drawn = new Set<RaterRole | null>(raters.map((r) => visibleRole(results, r.role)));
  const hidden = raters.filter((r) => visibleRole(results, r.role) === null);
  const single = hidden.length === 1 && hidden[0].role ? hidden[0].role : null;
  return (
    <div className="rp-legend">
      <ul aria-label="Legenda">
        {drawn.has("arbeidsdeskundige") ? (
          <li>
            <RoleSymbol role="arbeidsdeskundige" /> arbeidsdeskundige
          </li>
        ) : null}
        {drawn.has("ervaringsdeskundige") ? (
          <li>
            <RoleSymbol role="ervaringsdeskundige" /> ervaringsdeskundige
          </li>
        ) : null}
        {drawn.has(null) ? (
          <li>
            <RoleSymbol role={null} /> deelnemer
          </li>
        ) : null}
        <li>
          <span className="rp-key-mean" aria-hidden="true" /> gemiddelde van de groep
        </li>
      </ul>
      {hidden.length ? (
        <p className="rp-privacy">
          {!results.rolesShown
            ? (results.privacyNote ?? "Deze sessie toont de rollen niet apart: iedere score staat als grijze ring.")
            : single
              ? `Er is één ${single}: om die persoon niet herkenbaar te maken staat die score als grijze ring, zonder rol.`
              : "Wie als enige een rol heeft, is herkenbaar: die scores staan als grijze ring, zonder rol."}
        </p>
      ) : null}
    </div>
  );
}
