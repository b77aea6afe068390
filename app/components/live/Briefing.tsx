// The setting and the question for the group, as everyone sees them before and during the gesprek.
// A vignette's setting is authored markdown, shown as rendered by the sanitising pipeline on the
// server; a setting the host typed is shown as text, never as HTML.
import type { SessionSnapshot } from "../../core/protocol";
import { paragraphs } from "../../realtime/room-content";

export function Briefing({
  briefing,
  settingHtml = null,
}: {
  briefing: SessionSnapshot["briefing"];
  /** The vignette's situation from renderMarkdown, when the briefing's setting is exactly that. */
  settingHtml?: string | null;
}) {
  return (
    <section className="briefing card" aria-labelledby="briefing-vraag">
      {briefing.setting ? (
        <>
          <h2>De situatie</h2>
          {settingHtml ? (
            // Sanitised by app/core/markdown.ts (allowlist) from our own content.
            <div className="briefing-setting" dangerouslySetInnerHTML={{ __html: settingHtml }} />
          ) : (
            paragraphs(briefing.setting).map((p, i) => <p key={i}>{p}</p>)
          )}
        </>
      ) : null}
      <h2 id="briefing-vraag">Vraag aan de groep</h2>
      <p className="group-question">{briefing.question || "De begeleider stelt de vraag in de groep."}</p>
    </section>
  );
}
