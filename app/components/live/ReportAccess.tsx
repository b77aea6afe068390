// The way from the host screen to the session's report (/sessie/<code>/verslag): the link, a
// small notice when this browser could not get the host cookie the report needs, and, before the
// report is shared, the texts that look like personal data (which item and what kind, never the
// text itself: the projector may be on).
import type { PersonalDataFlag } from "../../core/protocol";
import type { HostCookieStatus } from "../../realtime/host-http";

export function ReportLink({ code, cookie, onRetry }: { code: string; cookie: HostCookieStatus; onRetry: () => void }) {
  return (
    <span className="report-link">
      <a className="button secondary" href={`/sessie/${code}/verslag`} target="_blank" rel="noopener">
        Verslag openen<span className="visually-hidden"> (opent in een nieuw tabblad)</span>
      </a>
      {cookie === "failed" ? (
        <span className="report-cookie-failed" role="status">
          Het verslag herkent deze browser nog niet als begeleider.{" "}
          <button type="button" className="secondary small" onClick={onRetry}>
            Opnieuw proberen
          </button>
        </span>
      ) : null}
    </span>
  );
}

export function PersonalDataFlags({ flags, headingLevel = 2 }: { flags: PersonalDataFlag[]; headingLevel?: 2 | 3 }) {
  if (flags.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const one = flags.length === 1;
  return (
    <section className="alert warn host-flags" aria-labelledby="flags-h">
      <Heading id="flags-h">Controleer dit voordat je het verslag deelt</Heading>
      <p>
        {one ? "Deze tekst lijkt" : `Deze ${flags.length} teksten lijken`} persoonsgegevens te bevatten, zoals een e-mailadres,
        telefoonnummer, BSN, postcode of geboortedatum. OT-casussen horen anoniem te zijn. In het verslag en de downloads{" "}
        {one ? "staat hij" : "staan ze"} daarom als [weggelaten], tenzij je in het verslag kiest {one ? "hem" : "ze"} toch op te nemen.
      </p>
      <ul>
        {flags.map((f) => (
          <li key={f.item}>{`${f.label}: ${f.message}.`}</li>
        ))}
      </ul>
    </section>
  );
}
