// The control view's card for an eigen casus: the warning, the anonymising checklist to walk through
// with the inbrenger, the leervraag, the four elements and "hoe beleefde de cliënt dit?". Open before
// the gesprek is played, folded after.
import type { Phase } from "~/core/protocol";
import { ClientQuestion, FourElements, OwnCaseChecklist, OwnCaseWarning } from "./OwnCase";
import type { OwnCaseTexts } from "./texts";

export function HostOwnCase({
  phase,
  texts,
  leervraag,
  elements,
}: {
  phase: Phase;
  texts: OwnCaseTexts;
  leervraag: string;
  elements: { id: string; name: string; definition: string }[];
}) {
  return (
    <details className="card own-case" open={phase === "lobby" || phase === "briefing"}>
      <summary>
        <strong>Eigen casus</strong>: anonimiseren, leervraag en de vier elementen
      </summary>
      <OwnCaseWarning />
      <OwnCaseChecklist texts={texts} headingId="host-own-case-check-h" />
      <section aria-labelledby="host-leervraag-h">
        <h2 id="host-leervraag-h">Leervraag van de inbrenger</h2>
        <p>{leervraag}</p>
      </section>
      <FourElements elements={elements} headingId="host-own-case-elements-h" />
      <ClientQuestion texts={texts} headingId="host-own-case-client-h" />
    </details>
  );
}
