// "Jouw gegevens" of Mijn spiegel, like Mijn voortgang: download everything as JSON, forget the key
// on this device, or delete the mirror on the server (after a confirmation).
import { type FormEvent, useState } from "react";
import type { MirrorRead } from "~/core/spiegel";
import { ErrorAlert } from "../ErrorAlert";
import { forgetDevice, localGesprekken, type SavedKey, SpiegelApiError, spiegelApi } from "./device";

export function MyData({ saved, read, onGone }: { saved: SavedKey; read: MirrorRead | null; onGone: (message: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [href, setHref] = useState<string | null>(null);

  function exportJson() {
    const data = {
      uitleg: "Alles wat Mijn spiegel over jou bewaart: op de server (spiegel) en alleen in deze browser (gesprekken met je eigen labels).",
      gedownload: new Date().toISOString(),
      spiegelId: saved.spiegelId,
      spiegel: read,
      gesprekkenOpDitApparaat: localGesprekken(),
    };
    if (href) URL.revokeObjectURL(href);
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    setHref(url);
    const a = document.createElement("a");
    a.href = url;
    a.download = "mijn-spiegel.json";
    a.click();
  }

  async function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (new FormData(event.currentTarget).get("confirm") !== "ja") return setError("Vink aan dat je je spiegel echt wilt verwijderen.");
    try {
      await spiegelApi.remove(saved);
    } catch (e) {
      // Already gone on the server: forgetting it here is all that is left to do.
      if ((e as SpiegelApiError).status !== 404) return setError((e as SpiegelApiError).message);
    }
    forgetDevice();
    onGone("Je spiegel is verwijderd: de antwoorden, je inschattingen en de links zijn weg, op de server en in deze browser.");
  }

  return (
    <>
      <h2>Jouw gegevens</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={exportJson}>
          Download mijn spiegel (JSON)
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            forgetDevice();
            onGone("Deze browser is je spiegel vergeten. Op de server staat hij er nog: open hem weer met je link of je woorden.");
          }}
        >
          Vergeet op dit apparaat
        </button>
      </div>
      <form className="card" onSubmit={remove} noValidate>
        <h3>Alles verwijderen</h3>
        <p>Dit wist je spiegel op de server: je inschattingen, de antwoorden van cliënten en alle links. Dat kan niet ongedaan worden.</p>
        <label className="choice">
          <input type="checkbox" name="confirm" value="ja" />
          <span>Ja, verwijder mijn spiegel</span>
        </label>
        <ErrorAlert message={error} />
        <button type="submit" className="danger">
          Spiegel verwijderen
        </button>
      </form>
    </>
  );
}
