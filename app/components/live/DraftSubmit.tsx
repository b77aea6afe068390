// The end of a form whose text is kept as a draft on the device until the server has it (the
// reflection and the evaluation): send, cancel an edit of what was already sent, and why sending
// failed. For a passing reason (a busy or struggling server) it adds that the draft stays here.
import type { AppError } from "../../core/protocol";
import { ErrorAlert } from "../ErrorAlert";

export function DraftSubmit({
  sending,
  label,
  sendingLabel,
  onCancel,
  error,
  kept,
}: {
  sending: boolean;
  label: string;
  sendingLabel: string;
  /** Given once something was sent: puts the form back as it was sent. */
  onCancel?: () => void;
  error: AppError | null;
  /** What the person is told stays on the device when the failure is passing. */
  kept: string;
}) {
  const passing = error?.code === "internal" || error?.code === "rate_limited";
  return (
    <>
      <div className="actions">
        <button type="submit" disabled={sending}>
          {sending ? sendingLabel : label}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" disabled={sending} onClick={onCancel}>
            Annuleren
          </button>
        ) : null}
      </div>
      <ErrorAlert message={error ? `${error.message}${passing ? ` ${kept}` : ""}` : null} />
    </>
  );
}
