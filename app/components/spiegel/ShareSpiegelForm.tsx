// On the participant's phone: bring your own mirror ("Mijn spiegel") into the session with the
// one-time share code from the mirror, under your pseudonym or your name. The host decides.
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { isJoinCode, normalizeJoinCode } from "~/core/join-code";
import type { SessionSnapshot } from "~/core/protocol";
import type { SpiegelShow } from "~/core/spiegel-share-values";
import type { LiveClient } from "~/realtime/live-client";

export function ShareSpiegelForm({ client, snapshot }: { client: LiveClient; snapshot: SessionSnapshot }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = snapshot.spiegels?.find((s) => s.own);
  const pseudonymMode = snapshot.settings.nameDisplay === "pseudoniemen";
  const shownAs = snapshot.participants.find((p) => p.id === snapshot.you.id)?.displayName;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = normalizeJoinCode(String(form.get("code") ?? ""));
    // The server says the same; here it needs no round trip and reads better.
    if (!isJoinCode(code)) return setError("Een deelcode heeft 6 tekens, zoals KM4 7TX. Je vindt hem in je spiegel; controleer hem.");
    setBusy(true);
    const ack = await client.request("spiegel:share", { code, show: String(form.get("show") ?? "") as SpiegelShow });
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
  };

  if (mine) {
    return (
      <section className="card spiegel-share" aria-labelledby="spiegel-share-h">
        <h2 id="spiegel-share-h">Je spiegel</h2>
        <p role="status">
          {mine.status === "pending"
            ? `Gedeeld als ${mine.label}. De begeleider beslist nog of de groep hem ziet.`
            : `De begeleider heeft je spiegel geaccepteerd. In de bespreking staat hij op de beamer, als ${mine.label}.`}
        </p>
        <p className="hint">De groep ziet per element alleen je eigen gemiddelde inschatting naast het gemiddelde van je cliënten ({mine.answers} antwoorden).</p>
      </section>
    );
  }
  return (
    <details className="card spiegel-share">
      <summary>Je spiegel uit de praktijk delen</summary>
      <p className="hint">
        Heb je in Mijn spiegel feedback van cliënten? Maak daar een deelcode en typ hem hier. De groep ziet dan per element alleen je eigen
        gemiddelde inschatting naast het gemiddelde van je cliënten: geen losse antwoorden, geen opmerkingen. De begeleider beslist of het
        op de beamer komt.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="spiegel-code">Deelcode</label>
          <input
            id="spiegel-code"
            name="code"
            type="text"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "spiegel-share-fout" : undefined}
          />
        </div>
        <fieldset className="field">
          <legend>De groep ziet je spiegel onder</legend>
          <label>
            <input type="radio" name="show" value="pseudoniem" defaultChecked />
            {pseudonymMode && shownAs ? ` je schuilnaam (${shownAs})` : " je schuilnaam"}
          </label>
          <label>
            <input type="radio" name="show" value="naam" />
            {` je naam (${snapshot.you.name})`}
          </label>
        </fieldset>
        <div id="spiegel-share-fout">
          <ErrorAlert message={error} />
        </div>
        <button type="submit" disabled={busy}>
          Spiegel delen
        </button>
      </form>
    </details>
  );
}
