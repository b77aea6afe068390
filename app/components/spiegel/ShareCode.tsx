// In "Mijn spiegel": make a one-time share code to bring the mirror's summary into a live OT session
// (POST /api/spiegel/:id/deelcode), and show it big with the time it stops working.
import { useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { formatJoinCode } from "~/core/join-code";

interface Made {
  code: string;
  expiresAt: string;
}

function until(iso: string): string {
  return new Date(iso).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
}

export function ShareCode({ spiegelId, spiegelKey }: { spiegelId: string; spiegelKey: string }) {
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const make = async () => {
    setBusy(true);
    try {
      const res = await fetch(`/api/spiegel/${encodeURIComponent(spiegelId)}/deelcode`, { method: "POST", headers: { Authorization: `Bearer ${spiegelKey}` } });
      const body = (await res.json()) as Made | { error: { message: string } };
      if ("code" in body) {
        setMade(body);
        setError(null);
      } else setError(body.error.message);
    } catch {
      setError("De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card share-code" aria-labelledby="share-code-h">
      <h2 id="share-code-h">Meenemen naar de OT</h2>
      <p>
        Met een deelcode laat je je spiegel zien in een OT-sessie. De groep ziet per element alleen je eigen gemiddelde inschatting naast het
        gemiddelde van je cliënten over de laatste vrijgaven: geen losse antwoorden, geen opmerkingen, geen data. Jij kiest in de sessie of dat
        onder je naam of je schuilnaam gebeurt, en de begeleider beslist of het op de beamer komt.
      </p>
      {made ? (
        <div className="share-code-made" role="status">
          <p className="share-code-label">Je deelcode</p>
          <p className="share-code-value" aria-label={`Deelcode ${made.code.split("").join(" ")}`}>
            {formatJoinCode(made.code)}
          </p>
          <p>
            Geldig tot <strong>{until(made.expiresAt)}</strong> en één keer te gebruiken. Typ hem in de sessie op je telefoon bij “Je spiegel uit de
            praktijk delen”.
          </p>
        </div>
      ) : null}
      <ErrorAlert message={error} />
      <p className="actions">
        <button type="button" className={made ? "secondary" : undefined} disabled={busy} onClick={() => void make()}>
          {made ? "Nieuwe deelcode maken" : "Deelcode maken"}
        </button>
      </p>
    </section>
  );
}
