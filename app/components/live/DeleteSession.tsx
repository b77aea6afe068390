// Deleting the session and everything in it (ratings, reflections, results, the upload): the data
// belongs to the group, and the host can remove it at any moment. Asked once more before it goes.
import { useState } from "react";
import { deleteSession } from "../../realtime/host-http";
import { ErrorAlert } from "../ErrorAlert";

export function DeleteSession({
  sessionId,
  hostToken,
  onDeleting,
  onDeleted,
}: {
  sessionId: string;
  hostToken: string;
  /** Called before the request: the room will end for everyone, this page included. */
  onDeleting: (deleting: boolean) => void;
  onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    onDeleting(true);
    const problem = await deleteSession(sessionId, hostToken);
    setBusy(false);
    if (problem) {
      onDeleting(false);
      setError(problem);
      return;
    }
    onDeleted();
  };

  return (
    <div className="delete-session">
      {confirming ? (
        <div className="alert warn" role="alertdialog" aria-labelledby="delete-q" aria-describedby="delete-what">
          <p id="delete-q">
            <strong>Weet je zeker dat je deze sessie wilt verwijderen?</strong>
          </p>
          <p id="delete-what">
            Alle beoordelingen, leerpunten, evaluaties, uitkomsten en een eventuele opname worden meteen gewist. Het verslag is daarna
            niet meer te openen; bewaar het eerst als pdf als je het nodig hebt. Dit kan niet ongedaan worden.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
              {busy ? "Bezig met verwijderen…" : "Ja, verwijder de sessie"}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Nee, bewaren
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Sessie verwijderen
        </button>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
