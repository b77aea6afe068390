// One tap marks a moment on an element at this instant of the gesprek. The moment waits a little
// for optional details (the behaviour or stroefheid signal seen, a short note) and goes out by
// itself when the rater does nothing, marks the next one, or closes the panel.
import { useEffect, useId, useState } from "react";
import { BSN_REFUSED, containsBsn, type PersonalDataPlace } from "../../core/personal-data";
import { MAX_NOTE } from "../../core/protocol-values";
import { usePersonalDataConfirmation } from "../PersonalDataConfirm";
import { PersonalDataWarning } from "../PersonalDataWarning";
import { formatClock } from "../../core/format";
import { type LiveClient, MOMENT_HOLD_MS } from "../../realtime/live-client";
import type { RoomElement } from "../../realtime/room-content";

interface Marked {
  seq: number;
  element: RoomElement;
  t: number;
}

export function MomentMarker({
  client,
  elements,
  count,
  place = "casus",
}: {
  client: LiveClient;
  elements: RoomElement[];
  count: number;
  /** "eigen" for an ervaringsdeskundige: the warning speaks about her own data. */
  place?: PersonalDataPlace;
}) {
  const confirmation = usePersonalDataConfirmation();
  const id = useId();
  const [marked, setMarked] = useState<Marked | null>(null);
  const [behaviourId, setBehaviourId] = useState("");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<string | null>(null);

  // The client sends the moment itself after the hold; the panel goes with it.
  useEffect(() => {
    if (!marked) return;
    const timer = setTimeout(() => setMarked(null), MOMENT_HOLD_MS);
    return () => clearTimeout(timer);
  }, [marked]);

  const mark = (element: RoomElement) => {
    const t = client.gesprekTime();
    const seq = client.markMoment(element.id);
    if (seq === null) return;
    setMarked({ seq, element, t });
    setBehaviourId("");
    setNote("");
    setSaved(`Moment gemarkeerd bij ${element.name} op ${formatClock(t)}.`);
  };

  const finish = (withDetails: boolean) => {
    if (!marked) return;
    // The server refuses a note with a BSN, and the moment with it: say so here, send nothing yet.
    if (withDetails && containsBsn(note)) return;
    if (withDetails && !confirmation.mayStore([note])) return;
    if (withDetails) client.detailMoment(marked.seq, { behaviourId: behaviourId || undefined, note: note || undefined });
    else client.releaseMoments();
    setSaved(withDetails ? "Moment met toelichting bewaard." : "Moment bewaard.");
    setMarked(null);
  };

  return (
    <section className="moment-marker" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Moment markeren</h3>
      <div className="moment-buttons">
        {elements.map((element) => (
          <button key={element.id} type="button" className={`moment-button el-${element.id}`} onClick={() => mark(element)}>
            {element.name}
          </button>
        ))}
      </div>
      <p className="hint" role="status">
        {saved ?? "Tik op een element als je iets ziet gebeuren."} {count > 0 ? `Jij markeerde ${count} ${count === 1 ? "moment" : "momenten"}.` : ""}
      </p>
      {marked ? (
        <form
          className={`moment-details card el-${marked.element.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            finish(true);
          }}
          aria-label={`Toelichting bij je moment op ${formatClock(marked.t)}`}
        >
          <div className="field">
            <label htmlFor={`${id}-b`}>{marked.element.negative ? "Welk signaal zag je? (mag leeg)" : "Welk gedrag zag je? (mag leeg)"}</label>
            <select id={`${id}-b`} value={behaviourId} onChange={(e) => setBehaviourId(e.currentTarget.value)}>
              <option value="">Geen keuze</option>
              {marked.element.behaviours.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-n`}>Korte notitie (mag leeg)</label>
            <input
              id={`${id}-n`}
              type="text"
              maxLength={MAX_NOTE}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              aria-describedby={`${id}-n-pd`}
            />
            <PersonalDataWarning id={`${id}-n-pd`} text={note} place={place} />
            {containsBsn(note) ? <p className="feedback-wrong">{BSN_REFUSED}</p> : null}
          </div>
          {confirmation.prompt(() => finish(true), "Ja, toch bewaren")}
          <div className="actions">
            <button type="submit">Bewaar</button>
            <button type="button" className="secondary" onClick={() => finish(false)}>
              Zonder toelichting
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
