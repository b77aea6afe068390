// The control view's list of shared mirrors: accept or decline a pending one, take an accepted one
// off again. Pending ones show who and how many answers, never the numbers: this screen may be on
// the projector (docs/decisions/023).
import { useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import type { SpiegelShareView } from "~/core/spiegel-share-values";
import type { LiveClient } from "~/realtime/live-client";

/**
 * `pending`: the requests waiting for the host, at the top of the control view (a decision to make).
 * `accepted`: the ones the beamer shows in the discussion, lower down, open in the discussion.
 */
export function SpiegelRequests({
  client,
  spiegels,
  status,
  open = false,
}: {
  client: LiveClient;
  spiegels: readonly SpiegelShareView[];
  status: SpiegelShareView["status"];
  open?: boolean;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = spiegels.filter((s) => s.status === status);
  if (shown.length === 0) return null;
  const decide = async (shareId: string, accept: boolean) => {
    setBusy(shareId);
    const ack = await client.request("spiegel:decide", { shareId, accept });
    setBusy(null);
    setError(ack.ok ? null : ack.error.message);
  };
  const list = (
    <>
      <ul>
        {shown.map((s) => (
          <li key={s.id} data-status={s.status}>
            {s.status === "pending" ? (
              <>
                <p>
                  <strong>{s.label}</strong> wil een spiegel uit de praktijk delen ({s.answers} antwoorden van cliënten). Accepteer je, dan toont
                  de beamer in de bespreking per element de eigen inschatting naast het gemiddelde van de cliënten.
                </p>
                <p className="actions">
                  <button type="button" disabled={busy === s.id} onClick={() => void decide(s.id, true)}>
                    Accepteren<span className="visually-hidden">: spiegel van {s.label}</span>
                  </button>
                  <button type="button" className="secondary" disabled={busy === s.id} onClick={() => void decide(s.id, false)}>
                    Afwijzen<span className="visually-hidden">: spiegel van {s.label}</span>
                  </button>
                </p>
              </>
            ) : (
              <>
                <p>
                  <strong>{s.label}</strong>: geaccepteerd. De beamer toont deze spiegel in de bespreking, zolang er geen moment of tip gekozen is.
                </p>
                <p className="actions">
                  <button type="button" className="secondary" disabled={busy === s.id} onClick={() => void decide(s.id, false)}>
                    Van de beamer halen<span className="visually-hidden">: spiegel van {s.label}</span>
                  </button>
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert message={error} />
    </>
  );
  return status === "pending" ? (
    <section className="card spiegel-requests" aria-labelledby="spiegel-requests-h">
      <h2 id="spiegel-requests-h">{shown.length === 1 ? "Een spiegel om te delen" : "Spiegels om te delen"}</h2>
      {list}
    </section>
  ) : (
    <details className="card spiegel-requests" open={open}>
      <summary>Gedeelde spiegels ({shown.length})</summary>
      {list}
    </details>
  );
}
