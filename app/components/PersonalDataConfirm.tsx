// Asks before a text with an e-mail address or phone number is sent from a live form (the final
// rating's notes, a moment's note, the learning point). The yes holds for exactly those texts:
// change one and the question comes again. (A BSN is refused by the server, never asked about.)
import { useRef, useState } from "react";
import { confirmationQuestion } from "~/core/personal-data";

export function usePersonalDataConfirmation() {
  const asked = useRef<string | null>(null);
  const accepted = useRef<string | null>(null);
  const [question, setQuestion] = useState<string | null>(null);
  return {
    /** True when these texts may be sent: nothing to ask, or the person said yes to them. */
    mayStore(texts: readonly string[]): boolean {
      const key = texts.join("\u0000");
      const q = confirmationQuestion(texts);
      if (!q || accepted.current === key) {
        setQuestion(null);
        return true;
      }
      asked.current = key;
      setQuestion(q);
      return false;
    },
    /** The question with its yes button; `onYes` sends again (the yes is remembered first). */
    prompt(onYes: () => void, yesLabel: string) {
      if (!question) return null;
      return (
        <div className="alert warn personal-data-confirm" role="alert">
          <p>{question}</p>
          <button
            type="button"
            onClick={() => {
              accepted.current = asked.current;
              setQuestion(null);
              onYes();
            }}
          >
            {yesLabel}
          </button>
        </div>
      );
    },
  };
}

/** The same question in a form that works without JavaScript: its yes sends the form with bevestig=ja. */
export function ConfirmStoreButton({ question, busy }: { question: string | null | undefined; busy: boolean }) {
  if (!question) return null;
  return (
    <div className="alert warn no-print" role="alert">
      <p>{question}</p>
      <button type="submit" name="bevestig" value="ja" disabled={busy}>
        Ja, toch bewaren
      </button>
    </div>
  );
}
