// After registering: the link and QR code for the client, and a card to print and hand over. The
// advice on screen: give it along for later, do not wait while the client fills it in.
import { useEffect, useState } from "react";
import { formatLinkCode, type GesprekCreated } from "~/core/spiegel";
import { PrintButton } from "../PrintButton";

export function ClientCard({ created, label }: { created: GesprekCreated; label: string }) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    // qrcode loads on demand, like the join QR: pages that draw none do not download it.
    void import("~/realtime/qr").then(({ qrDataUrl }) => qrDataUrl(created.clientUrl)).then(setQr);
  }, [created.clientUrl]);
  const origin = new URL(created.clientUrl);
  const codePage = `${origin.host}/s`;
  const until = new Date(created.expiresAt).toLocaleDateString("nl-NL", { day: "numeric", month: "long" });
  return (
    <>
      <section className="card no-print" aria-labelledby="link-titel">
        <h2 id="link-titel">De link voor je cliënt{label ? ` (${label})` : ""}</h2>
        <p className="alert ok">
          <strong>Geef de link of het kaartje mee voor later.</strong> Laat je cliënt thuis en in alle rust invullen; kijk niet mee en
          wacht er niet op. Dan voelt je cliënt zich vrijer om eerlijk te zijn.
        </p>
        <p className="spiegel-link">
          <a href={created.clientUrl}>{created.clientUrl}</a>
        </p>
        <p className="hint">De link werkt 14 dagen (tot {until}) en neemt één antwoord aan. Stuur hem bijvoorbeeld in het bericht waarmee je het gesprek bevestigt.</p>
        <div className="actions">
          <PrintButton label="Print het kaartje" />
        </div>
      </section>
      <section className="spiegel-card" aria-labelledby="kaart-titel">
        <h2 id="kaart-titel">Hoe was ons gesprek?</h2>
        <p>Ik hoor graag hoe jij ons gesprek hebt beleefd. Het zijn vier korte vragen en het kost je ongeveer twee minuten.</p>
        <div className="spiegel-card-body">
          {qr ? <img className="spiegel-qr" src={qr} alt="QR-code met de link naar de vragen" width={180} height={180} /> : <div className="spiegel-qr" />}
          <div>
            <p>Scan de code met de camera van je telefoon.</p>
            <p>
              Of ga naar <strong>{codePage}</strong> en vul deze code in:
            </p>
            <p className="spiegel-card-code">{formatLinkCode(created.code)}</p>
          </div>
        </div>
        <p>
          Invullen kan tot en met {until}, wanneer het jou uitkomt. Je antwoord is vertrouwelijk en telt niet mee in een besluit over jou.
        </p>
      </section>
    </>
  );
}
