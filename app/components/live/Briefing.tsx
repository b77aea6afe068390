// The setting and the question for the group, as everyone sees them before and during the gesprek.
import type { SessionSnapshot } from "../../core/protocol";
import { paragraphs } from "../../realtime/room-content";

export function Briefing({ briefing, headingLevel = 2 }: { briefing: SessionSnapshot["briefing"]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="briefing card" aria-labelledby="briefing-vraag">
      {briefing.setting ? (
        <>
          <H>De situatie</H>
          {paragraphs(briefing.setting).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </>
      ) : null}
      <H id="briefing-vraag">Vraag aan de groep</H>
      <p className="group-question">{briefing.question || "De begeleider stelt de vraag in de groep."}</p>
    </section>
  );
}
