// "Eigen casus": the inbrenger's own gesprek, played as a role-play. Its screens carry the
// anonymising checklist, the four elements, "hoe beleefde de cliënt dit?" and the warning that a
// real client's situation is in the room; the session is deleted after OWN_CASE_RETENTION_DAYS.
import { OWN_CASE_RETENTION_DAYS } from "~/core/agenda";
import type { OwnCaseTexts } from "./texts";

/** The fixed warning of an eigen casus: real situation, anonymised, deleted after 7 days. */
export function OwnCaseWarning({ className = "alert warn" }: { className?: string }) {
  return (
    <p className={`${className} own-case-warning`}>
      <strong>Eigen casus: een echte cliënt.</strong> Noem geen namen, werkgever, woonplaats, datums of zeldzame diagnoses, ook niet in
      notities en leerpunten. Deze sessie wordt na {OWN_CASE_RETENTION_DAYS} dagen gewist.
    </p>
  );
}

export function OwnCaseChecklist({ texts, headingId, heading = "Anonimiseren: loop dit na voordat je vertelt" }: { texts: OwnCaseTexts; headingId: string; heading?: string }) {
  return (
    <section className="own-case-checklist" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ul>
        {texts.checklist.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

/** The four elements with their gist; `compact`: names only, for the projector. */
export function FourElements({ elements, headingId, compact = false }: { elements: { id: string; name: string; definition: string }[]; headingId: string; compact?: boolean }) {
  return (
    <section className="own-case-elements" aria-labelledby={headingId}>
      <h2 id={headingId}>Waar de groep op let: de vier elementen</h2>
      {compact ? (
        <ul className="own-case-element-names">
          {elements.map((e) => (
            <li key={e.id}>{e.name}</li>
          ))}
        </ul>
      ) : (
      <dl>
        {elements.map((e) => (
          <div key={e.id}>
            <dt>{e.name}</dt>
            <dd>{e.definition}</dd>
          </div>
        ))}
      </dl>
      )}
    </section>
  );
}

export function ClientQuestion({ texts, headingId }: { texts: OwnCaseTexts; headingId: string }) {
  return (
    <section className="own-case-client" aria-labelledby={headingId}>
      <h2 id={headingId}>{texts.clientQuestion}</h2>
      <p>{texts.clientPrompt}</p>
    </section>
  );
}
