// The final rating: 0–10 for each of the four elements, the behaviours and stroefheid signals the
// rater saw, and a note per element. Kept in the outbox until the server acks it; the rater may
// change it until the host reveals.
import { type FormEvent, useId, useRef, useState } from "react";
import { ELEMENT_IDS, type ElementId } from "../../core/domain";
import { finalPayload, type FinalRating, MAX_NOTE } from "../../core/protocol";
import type { LiveClient, LiveState } from "../../realtime/live-client";
import type { RoomElement } from "../../realtime/room-content";
import { containsBsn } from "../../core/personal-data";
import { usePersonalDataConfirmation } from "../PersonalDataConfirm";
import { PersonalDataWarning } from "../PersonalDataWarning";
import { ScoreScale } from "../ScoreScale";

/** Keys: an element id (its score), `note-<element id>`, or "form". */
type Errors = Record<string, string>;

export function FinalRatingForm({ client, state, elements }: { client: LiveClient; state: LiveState; elements: RoomElement[] }) {
  const id = useId();
  const submitted: FinalRating | null = state.snapshot?.you.final ?? null;
  const [editing, setEditing] = useState(submitted === null && !state.pending.final);
  const [notes, setNotes] = useState<Partial<Record<ElementId, string>>>(() => submitted?.notes ?? {});
  const [errors, setErrors] = useState<Errors>({});
  const sending = state.pending.final;
  const formRef = useRef<HTMLFormElement>(null);
  const confirmation = usePersonalDataConfirmation();
  // An ervaringsdeskundige may write from her own experience: the warning speaks about her own data.
  const place = state.snapshot?.you.role === "ervaringsdeskundige" ? "eigen" : "casus";

  if (!editing && (submitted || sending)) {
    return (
      <section className="card final-done" aria-live="polite">
        <h2>{sending ? "Je eindoordeel wordt verstuurd…" : "Je eindoordeel is ingeleverd"}</h2>
        <p>
          {sending
            ? "Het staat veilig op dit apparaat en gaat mee zodra er verbinding is."
            : "Niemand ziet je scores voordat de begeleider de resultaten onthult. Tot dan kun je het nog aanpassen."}
        </p>
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Eindoordeel aanpassen
        </button>
      </section>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Errors = {};
    const scores: Partial<Record<ElementId, number>> = {};
    for (const el of elements) {
      const raw = form.get(`score-${el.id}`);
      if (raw === null) next[el.id] = `Kies een score voor ${el.name}.`;
      else scores[el.id] = Number(raw);
    }
    const cleanNotes = Object.fromEntries(
      elements.map((el) => [el.id, String(form.get(`note-${el.id}`) ?? "").trim()]).filter(([, v]) => v),
    );
    const parsed = finalPayload.safeParse({
      scores,
      observed: form.getAll("observed").map(String),
      ...(Object.keys(cleanNotes).length ? { notes: cleanNotes } : {}),
    });
    if (!parsed.success && Object.keys(next).length === 0) {
      for (const issue of parsed.error.issues) {
        const el = issue.path.find((p): p is ElementId => ELEMENT_IDS.includes(p as ElementId));
        if (el && issue.path[0] === "notes") next[`note-${el}`] = issue.message;
        else next[el ?? "form"] = "Deze invoer klopt niet.";
      }
    }
    setErrors(next);
    if (!parsed.success || Object.keys(next).length) {
      const first = elements.find((e) => next[e.id]);
      const firstNote = elements.find((e) => next[`note-${e.id}`]);
      const target = first
        ? `input[name="score-${first.id}"]`
        : firstNote
          ? `textarea[name="note-${firstNote.id}"]`
          : `#${CSS.escape(`${id}-form`)}`;
      document.querySelector<HTMLElement>(target)?.focus();
      return;
    }
    if (!confirmation.mayStore(Object.values(parsed.data.notes ?? {}))) return;
    client.submitFinal(parsed.data);
    setEditing(false);
  };

  return (
    <form
      ref={formRef}
      className="final-form"
      noValidate
      onSubmit={submit}
      onChange={(e) => {
        // A score picked is a valid score: its error goes as soon as it is fixed, not at the next send.
        const { name, value } = e.target as HTMLInputElement;
        const key = name.startsWith("score-") ? name.slice("score-".length) : name;
        // A note is valid again once it holds no BSN and fits.
        if (key.startsWith("note-") && (containsBsn(value) || value.trim().length > MAX_NOTE)) return;
        if (errors[key]) setErrors(({ [key]: _fixed, ...rest }) => rest);
      }}
    >
      <h2>Je eindoordeel</h2>
      <p>Geef elk element een score van 0 tot 10, vink aan wat je zag gebeuren en schrijf eventueel een korte notitie. Niemand ziet je scores voor de onthulling.</p>
      {errors.form ? (
        <p className="alert error" id={`${id}-form`} tabIndex={-1}>
          {errors.form}
        </p>
      ) : null}
      {elements.map((el) => {
        const noteId = `${id}-${el.id}-note`;
        return (
          <section key={el.id} className={`final-element card element-card el-${el.id}`} aria-label={el.name}>
            <ScoreScale
              name={`score-${el.id}`}
              elementId={el.id}
              legend={el.name}
              hint={el.definition}
              negative={el.negative}
              defaultValue={submitted?.scores[el.id]}
              error={errors[el.id]}
            />
            <details className="final-behaviours" open={Boolean(submitted?.observed.some((b) => el.behaviours.some((x) => x.id === b)))}>
              <summary>{el.negative ? "Welke signalen van stroefheid zag je?" : "Welk gedrag zag je?"}</summary>
              {el.behaviours.map((b) => (
                <label key={b.id} className="choice">
                  <input type="checkbox" name="observed" value={b.id} defaultChecked={submitted?.observed.includes(b.id)} />
                  <span>{b.label}</span>
                </label>
              ))}
            </details>
            <div className="field">
              <label htmlFor={noteId}>Notitie bij {el.name} (mag leeg)</label>
              <textarea
                id={noteId}
                name={`note-${el.id}`}
                rows={2}
                maxLength={MAX_NOTE}
                value={notes[el.id] ?? ""}
                aria-describedby={`${noteId}-pd`}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setNotes((n) => ({ ...n, [el.id]: value }));
                }}
              />
              <PersonalDataWarning id={`${noteId}-pd`} text={notes[el.id] ?? ""} place={place} />
              {errors[`note-${el.id}`] ? <p className="feedback-wrong">{errors[`note-${el.id}`]}</p> : null}
            </div>
          </section>
        );
      })}
      {confirmation.prompt(() => formRef.current?.requestSubmit(), "Ja, toch inleveren")}
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
