// Opening the mirror on this device with the 16 words written down elsewhere.
import { type FormEvent, useState } from "react";
import { KEY_WORD_COUNT, wordsToKey } from "~/core/spiegel-key";
import { ErrorAlert } from "../ErrorAlert";
import { type SavedKey, saveKey, SpiegelApiError, spiegelApi } from "./device";

export function OpenWithWords({ onOpened }: { onOpened: (saved: SavedKey) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = wordsToKey(String(new FormData(event.currentTarget).get("woorden") ?? ""));
    if (!result.ok) return setError(result.problem);
    setBusy(true);
    try {
      const { spiegelId } = await spiegelApi.find(result.key);
      const saved = { spiegelId, key: result.key };
      saveKey(saved);
      onOpened(saved);
    } catch (e) {
      setError((e as SpiegelApiError).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>Heb je al een spiegel?</h2>
      <p>
        Open hem hier met de link die je bewaarde, of vul de {KEY_WORD_COUNT} woorden in die je opschreef.
      </p>
      <label htmlFor="woorden">Je {KEY_WORD_COUNT} woorden, op volgorde</label>
      <p className="hint" id="woorden-hint">
        Spaties of nieuwe regels ertussen; hoofdletters maken niet uit, de eerste vier letters van een woord zijn genoeg.
      </p>
      <textarea id="woorden" name="woorden" rows={3} autoComplete="off" spellCheck={false} aria-describedby="woorden-hint" />
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={busy}>
          Open mijn spiegel
        </button>
      </div>
    </form>
  );
}
