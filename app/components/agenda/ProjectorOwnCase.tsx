// What the projector adds for an eigen casus: in the lobby the warning; in the briefing the
// checklist beside the four elements; in the discussion "hoe beleefde de cliënt dit?".
import type { Phase } from "~/core/protocol";
import { ClientQuestion, FourElements, OwnCaseChecklist, OwnCaseWarning } from "./OwnCase";
import type { OwnCaseTexts } from "./texts";

export function ProjectorOwnCase({ phase, texts, elements }: { phase: Phase; texts: OwnCaseTexts; elements: { id: string; name: string; definition: string }[] }) {
  if (phase === "lobby") return <OwnCaseWarning />;
  if (phase === "briefing") {
    return (
      <>
        <div className="projector-own-case">
          <OwnCaseChecklist texts={texts} headingId="own-case-check-h" heading="Anonimiseren: wat de inbrenger weglaat" />
          <FourElements elements={elements} headingId="own-case-elements-h" compact />
          <OwnCaseWarning />
        </div>
      </>
    );
  }
  if (phase === "discussion") return <ClientQuestion texts={texts} headingId="own-case-client-h" />;
  return null;
}
