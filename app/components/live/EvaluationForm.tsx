// The session evaluation on a participant's phone: a few 0–10 questions (content/evaluation.yaml,
// handed in by the page's loader), each a row of tappable options like the final rating. Sent with
// evaluation:submit, editable until the session closes; kept in this browser until acked.
import { type FormEvent, useId, useState } from "react";
import { checkEvaluationAnswers, type EvaluationForm as EvaluationContent } from "../../core/evaluation";
import type { SessionEvaluation } from "../../core/protocol";
import type { LiveClient } from "../../realtime/live-client";
import { storageKeys } from "../../realtime/storage";
import { useDraft } from "../../realtime/use-draft";
import { DraftSubmit } from "./DraftSubmit";
import { ErrorAlert } from "../ErrorAlert";

type Answers = Record<string, number>;

function parseAnswers(raw: unknown): Answers | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const entries = Object.entries(raw as Record<string, unknown>).filter(
    (e): e is [string, number] => typeof e[1] === "number" && Number.isInteger(e[1]) && e[1] >= 0 && e[1] <= 10,
  );
  return Object.fromEntries(entries);
}

export function EvaluationForm({
  client,
  code,
  participantId,
  saved,
  form,
  online,
}: {
  client: LiveClient;
  code: string;
  participantId: string;
  /** The answers the server holds (snapshot.you.evaluation). */
  saved: SessionEvaluation | null;
  form: EvaluationContent;
  online: boolean;
}) {
  const id = useId();
  const draft = useDraft<Answers>({
    storageKey: storageKeys.draft("evaluation", code, participantId),
    initial: () => ({ ...saved?.answers }),
    parse: parseAnswers,
    send: (answers) => client.request("evaluation:submit", { answers }),
    online,
  });
  const [editing, setEditing] = useState(!saved || draft.restored);
  const [missing, setMissing] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const answers = draft.value;

  if (!editing && saved) {
    return (
      <section className="card evaluation-done" aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`}>Bedankt, je evaluatie is bewaard</h2>
        <p className="hint">De begeleider ziet alleen het gemiddelde van de groep. Tot de sessie sluit kun je het nog aanpassen.</p>
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Evaluatie aanpassen
        </button>
      </section>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const open = form.questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
    const wrong = checkEvaluationAnswers(form.questions, answers);
    setMissing(open);
    setProblem(wrong);
    if (wrong) {
      document.querySelector<HTMLInputElement>(`input[name="${CSS.escape(`${id}-${open[0] ?? form.questions[0].id}`)}"]`)?.focus();
      return;
    }
    // Only the questions of this form: an old answer to a question that is gone would be refused.
    const payload = Object.fromEntries(form.questions.map((q) => [q.id, answers[q.id]]));
    if (await draft.submit(payload)) setEditing(false);
  };

  return (
    <form className="card evaluation-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{form.title}</h2>
      <p className="hint">{form.intro}</p>
      <ErrorAlert message={problem} />
      {form.questions.map((q, i) => {
        const name = `${id}-${q.id}`;
        const errorId = `${name}-fout`;
        const isMissing = missing.includes(q.id) && answers[q.id] === undefined;
        return (
          <fieldset key={q.id} className="evaluation-question" aria-describedby={isMissing ? errorId : undefined}>
            <legend>
              <span className="evaluation-number">{`${i + 1}. `}</span>
              {q.label}
            </legend>
            {isMissing ? (
              <p className="feedback-wrong" id={errorId}>
                Kies een cijfer van 0 tot 10.
              </p>
            ) : null}
            <div className="scale">
              {Array.from({ length: 11 }, (_, v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name={name}
                    value={v}
                    checked={answers[q.id] === v}
                    onChange={() => draft.setValue((a) => ({ ...a, [q.id]: v }))}
                  />
                  <span>{v}</span>
                </label>
              ))}
            </div>
            <div className="scale-ends" aria-hidden="true">
              <span>{`0 · ${q.low}`}</span>
              <span>{`10 · ${q.high}`}</span>
            </div>
          </fieldset>
        );
      })}
      <DraftSubmit
        sending={draft.sending}
        label={saved ? "Evaluatie bijwerken" : "Evaluatie versturen"}
        sendingLabel="Bezig met versturen…"
        onCancel={
          saved
            ? () => {
                draft.discard({ ...saved.answers });
                setMissing([]);
                setProblem(null);
                setEditing(false);
              }
            : undefined
        }
        error={draft.error}
        kept="Je antwoorden blijven op dit apparaat bewaard en gaan mee zodra het weer lukt."
      />
    </form>
  );
}
