// Who is in the room, for the host: the seats as the room sees them (name or pseudonym) with focus
// elements, presence and submissions; and, in pseudonym mode, the real names (host only) to check
// who is there and remove a stranger or a double join. Real names are never listed beside a pseudonym.
import { useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { type ParticipantView, RATER_ROLES, type RosterEntry, type SessionSnapshot } from "~/core/protocol";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import { ROLE_LABELS, type RoomElement } from "~/realtime/room-content";

type AckLike = { ok: boolean; error?: { message: string } };

/** A remove button that asks once more; `label` is what the room calls the person on this list. */
function RemoveButton({ client, id, label, onResult }: { client: LiveClient; id: string; label: string; onResult: (ack: AckLike) => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary small" onClick={() => setAsking(true)} aria-label={`${label} verwijderen`}>
        Verwijderen
      </button>
    );
  }
  return (
    <span className="confirm-remove">
      <button
        type="button"
        className="danger"
        onClick={async () => {
          setAsking(false);
          onResult(await client.request("participant:remove", { participantId: id }));
        }}
      >
        Ja, verwijder {label}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Annuleren
      </button>
    </span>
  );
}

export function Participants({
  client,
  snapshot,
  elements,
  state,
}: {
  client: LiveClient;
  snapshot: SessionSnapshot;
  elements: RoomElement[];
  state: LiveState;
}) {
  const [error, setError] = useState<string | null>(null);
  const { participants, phase } = snapshot;
  const canFocus = ["lobby", "briefing", "live", "final"].includes(phase);
  const raters = participants.filter((p) => RATER_ROLES.includes(p.role));
  const name = (id: ElementId) => elements.find((e) => e.id === id)?.name ?? id;
  const report = (ack: AckLike) => setError(ack.ok ? null : (ack.error?.message ?? null));

  return (
    <section className="participants card" aria-labelledby="participants-h">
      <h2 id="participants-h">
        Deelnemers <span className="count">{participants.length}</span>
      </h2>
      {participants.length === 0 ? <p className="muted">Nog niemand. Deelnemers verschijnen hier zodra ze meedoen.</p> : null}
      {canFocus && raters.length > 0 ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={async () => report(await client.request("participant:focus", { spread: true }))}>
            Verdeel de elementen gelijk
          </button>
          <span className="hint">Elke beoordelaar krijgt een focus-element; samen dekken ze alle vier.</span>
        </div>
      ) : null}
      <ErrorAlert message={error} />
      <ul className="participant-list" aria-live="polite">
        {participants.map((p) => (
          <li key={p.id} className={`participant role-${p.role}${p.connected ? "" : " disconnected"}`}>
            <span className="participant-name">{p.displayName}</span>
            <span className={`role-tag role-${p.role}`}>{ROLE_LABELS[p.role]}</span>
            {!p.connected ? <span className="muted">niet verbonden</span> : null}
            {RATER_ROLES.includes(p.role) && canFocus ? (
              <label className="focus-select">
                <span className="visually-hidden">Focus-element van {p.displayName}</span>
                <select
                  value={p.focus ?? ""}
                  onChange={async (e) => {
                    const element = e.currentTarget.value as ElementId;
                    if (ELEMENT_IDS.includes(element)) report(await client.request("participant:focus", { participantId: p.id, element }));
                  }}
                >
                  {p.focus === null ? <option value="">Geen focus</option> : null}
                  {elements.map((el) => (
                    <option key={el.id} value={el.id}>
                      {el.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : p.focus ? (
              <span className={`tag el-${p.focus}`}>{name(p.focus)}</span>
            ) : null}
            {phase !== "closed" ? <RemoveButton client={client} id={p.id} label={p.displayName} onResult={report} /> : null}
          </li>
        ))}
      </ul>
      {state.status !== "online" ? <p className="hint">Wijzigingen lukken weer zodra de verbinding terug is.</p> : null}
    </section>
  );
}

/**
 * Pseudonym mode: the names people typed, with their role, sorted by name (not by join order, so the
 * list does not give the pseudonyms away). Only on the host's own screen.
 */
export function Roster({ client, roster, closed }: { client: LiveClient; roster: RosterEntry[]; closed: boolean }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="roster card" aria-labelledby="roster-h">
      <h2 id="roster-h">
        Wie is er? <span className="count">{roster.length}</span>
      </h2>
      <p className="hint">
        Alleen voor jou: de namen die deelnemers opgaven. De groep, het beamerscherm en het verslag zien alleen schuilnamen. Haal hier
        onbekenden of dubbele aanmeldingen weg.
      </p>
      <ErrorAlert message={error} />
      {roster.length === 0 ? <p className="muted">Nog niemand.</p> : null}
      <ul className="roster-list">
        {roster.map((p) => (
          <li key={p.id}>
            <span className="participant-name">{p.name}</span>
            <span className={`role-tag role-${p.role}`}>{ROLE_LABELS[p.role]}</span>
            {closed ? null : <RemoveButton client={client} id={p.id} label={p.name} onResult={(ack) => setError(ack.ok ? null : (ack.error?.message ?? null))} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function activeSet(state: LiveState, raters: ParticipantView[]): Set<string> {
  return state.presenceReceived ? new Set(state.active) : new Set(raters.filter((p) => p.active).map((p) => p.id));
}

export function Presence({ raters, state }: { raters: ParticipantView[]; state: LiveState }) {
  const active = activeSet(state, raters);
  return (
    <section className="presence card" aria-labelledby="presence-h">
      <h2 id="presence-h">
        Wie beoordeelt er nu <span className="count">{[...active].filter((id) => raters.some((r) => r.id === id)).length} van {raters.length}</span>
      </h2>
      <p className="hint">Alleen óf iemand beoordeelt, nooit wat. Scores blijven verborgen tot de onthulling.</p>
      <ul className="presence-list">
        {raters.map((p) => (
          <li key={p.id} className={active.has(p.id) ? "active" : undefined}>
            <span className="presence-dot" aria-hidden="true" />
            {p.displayName}
            <span className="visually-hidden">{active.has(p.id) ? ": beoordeelt" : ": nu niet actief"}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
