// The final rating: 0–10 for each of the four elements, the behaviours and stroefheid signals the
// rater saw, and a note per element. Kept in the outbox until the server acks it; the rater may
// change it until the host reveals.
import { useId, useState } from "react";
import { ELEMENT_IDS, type ElementId } from "../../core/domain";
import { describePersonalData, findPersonalData } from "../../core/personal-data";
import { finalPayload, type FinalRating, MAX_NOTE } from "../../core/protocol";
import type { LiveClient, LiveState } from "../../realtime/live-client";
import type { RoomElement } from "../../realtime/room-content";

type Scores = Partial<Record<ElementId, number>>;

export function FinalRatingForm({
  client,
  state,
  elements,
}: {
  client: LiveClient;
  state: LiveState;
  elements: RoomElement[];
}) {
  const id = useId();
  const submitted: FinalRating | null = state.snapshot?.you.final ?? null;
  const [editing, setEditing] = useState(submitted === null);
  const [scores, setScores] = useState<Scores>(() => submitted?.scores ?? {});
  const [observed, setObserved] = useState<Set<string>>(() => new Set(submitted?.observed ?? []));
  const [notes, setNotes] = useState<Partial<Record<ElementId, string>>>(() => submitted?.notes ?? {});
  const [errors, setErrors] = useState<Partial<Record<ElementId | "form", string>>>({});

  const sending = state.pending.final;

  if (!editing && (submitted || sending)) {
    return (
      <section className="card final-done" aria-live="polite">
        <h2>{sending ? "Je eindoordeel wordt verstuurd…" : "Je eindoordeel is ingeleverd"}</h2>
        <p>
          {sending
            ? "Het staat veilig op dit apparaat en gaat mee zodra er verbinding is."
            : "Niemand ziet je scores voordat de begeleider de resultaten onthult. Je kunt het tot dan nog aanpassen."}
        </p>
        {state.lastError ? <p className="alert error">{state.lastError.message}</p> : null}
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Eindoordeel aanpassen
        </button>
      </section>
    );
  }

  const submit = () => {
    const next: typeof errors = {};
    for (const el of elements) {
      if (scores[el.id] === undefined) next[el.id] = `Kies een score voor ${el.name}.`;
    }
    const cleanNotes = Object.fromEntries(
      Object.entries(notes)
        .map(([k, v]) => [k, v?.trim() ?? ""])
        .filter(([, v]) => v),
    );
    const parsed = finalPayload.safeParse({
      scores,
      observed: [...observed],
      ...(Object.keys(cleanNotes).length ? { notes: cleanNotes } : {}),
    });
    if (!parsed.success && Object.keys(next).length === 0) {
      for (const issue of parsed.error.issues) {
        const el = issue.path.find((p): p is ElementId => ELEMENT_IDS.includes(p as ElementId));
        next[el ?? "form"] = issue.message.startsWith("Een notitie") ? issue.message : "Deze invoer klopt niet.";
      }
    }
    setErrors(next);
    if (Object.keys(next).length || !parsed.success) {
      const first = elements.find((e) => next[e.id]);
      document.getElementById(`${id}-${first?.id ?? "form"}`)?.focus();
      return;
    }
    client.submitFinal(parsed.data);
    setEditing(false);
  };

  return (
    <form
      className="final-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>Je eindoordeel</h2>
      <p>Geef elk element een score van 0 tot 10, vink aan wat je zag gebeuren en schrijf eventueel een korte notitie.</p>
      {errors.form ? (
        <p className="alert error" id={`${id}-form`} tabIndex={-1}>
          {errors.form}
        </p>
      ) : null}
      {elements.map((el) => {
        const note = notes[el.id] ?? "";
        const warning = note ? describePersonalData(findPersonalData(note)) : null;
        const errorId = `${id}-${el.id}-error`;
        return (
          <fieldset key={el.id} className={`final-element element-card el-${el.id}`} aria-describedby={errors[el.id] ? errorId : undefined}>
            <legend id={`${id}-${el.id}`} tabIndex={-1}>
              {el.name}
              {el.negative ? <span className="tag negative">hoog = stroef</span> : null}
            </legend>
            <p className="hint">{el.definition}</p>
            {errors[el.id] ? (
              <p className="field-error" id={errorId}>
                {errors[el.id]}
              </p>
            ) : null}
            <div className="scale" role="radiogroup" aria-label={`Score voor ${el.name}`}>
              {Array.from({ length: 11 }, (_, v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name={`score-${el.id}`}
                    value={v}
                    checked={scores[el.id] === v}
                    onChange={() => setScores((s) => ({ ...s, [el.id]: v }))}
                  />
                  <span>{v}</span>
                </label>
              ))}
            </div>
            <div className="scale-ends">
              <span>0 {el.negative ? "soepel" : "helemaal niet"}</span>
              <span>10 {el.negative ? "heel stroef" : "heel sterk"}</span>
            </div>
            <details className="final-behaviours">
              <summary>{el.negative ? "Welke signalen zag je?" : "Welk gedrag zag je?"}</summary>
              {el.behaviours.map((b) => (
                <label key={b.id} className="choice">
                  <input
                    type="checkbox"
                    checked={observed.has(b.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setObserved((prev) => {
                        const next = new Set(prev);
                        if (on) next.add(b.id);
                        else next.delete(b.id);
                        return next;
                      });
                    }}
                  />
                  <span>{b.label}</span>
                </label>
              ))}
            </details>
            <div className="field">
              <label htmlFor={`${id}-${el.id}-note`}>Notitie bij {el.name} (mag leeg)</label>
              <textarea
                id={`${id}-${el.id}-note`}
                rows={2}
                maxLength={MAX_NOTE}
                value={note}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setNotes((n) => ({ ...n, [el.id]: value }));
                }}
              />
              {warning ? <p className="alert warn">{warning}</p> : null}
            </div>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="submit">Eindoordeel inleveren</button>
        {submitted ? (
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            Annuleren
          </button>
        ) : null}
      </div>
    </form>
  );
}
