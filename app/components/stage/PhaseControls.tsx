// The host's phase steps along the allowed transitions. Steps that end something (live → final,
// reveal with missing finals, close) ask once more. On the control view and in the projector's
// one-screen strip.
import { useEffect, useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PHASES, type Phase, RATER_ROLES, type SessionSnapshot } from "~/core/protocol";
import { PHASE_LABELS, PHASE_TRANSITIONS } from "~/core/session";
import type { LiveClient } from "~/realtime/live-client";

const STEP_LABELS: Record<Phase, string> = {
  lobby: "Terug naar de wachtruimte",
  briefing: "Naar de briefing",
  live: "Start het live beoordelen",
  final: "Naar het eindoordeel",
  reveal: "Onthul de resultaten",
  discussion: "Naar de bespreking",
  reflection: "Naar de reflectie",
  closed: "Sessie afsluiten",
};

function stepLabel(from: Phase, to: Phase): string {
  return from === "final" && to === "live" ? "Terug naar live (eindoordeel heropenen)" : STEP_LABELS[to];
}

/** A step that cannot be undone, or that leaves people behind, asks once more. */
export function confirmationFor(to: Phase, snapshot: SessionSnapshot): string | null {
  if (to === "closed") return "Afsluiten kan niet ongedaan worden. Daarna verandert er niets meer aan deze sessie.";
  if (to === "final" && snapshot.phase === "live") {
    return "Het live beoordelen stopt voor iedereen en het gesprek pauzeert. Daarna geeft elke beoordelaar een eindoordeel.";
  }
  if (to === "reveal") {
    const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
    const missing = raters.filter((p) => !p.finalSubmitted).length;
    return missing > 0
      ? `${missing} van de ${raters.length} beoordelaars ${missing === 1 ? "heeft" : "hebben"} nog geen eindoordeel ingeleverd. Na het onthullen kan dat niet meer.`
      : null;
  }
  return null;
}

export function PhaseControls({
  client,
  snapshot,
  quiet = false,
  compact = false,
}: {
  client: LiveClient;
  snapshot: SessionSnapshot;
  /** The phase step is not this screen's main action (live rating: play/pause is). */
  quiet?: boolean;
  /** Without the track of phases (the projector's strip). */
  compact?: boolean;
}) {
  const { phase } = snapshot;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Phase | null>(null);
  const next = PHASE_TRANSITIONS[phase];

  useEffect(() => {
    setError(null);
    setConfirming(null);
  }, [phase]);

  if (next.length === 0) return null;

  const go = async (to: Phase, confirmed = false) => {
    if (!confirmed && confirmationFor(to, snapshot)) {
      setConfirming(to);
      return;
    }
    setBusy(true);
    setConfirming(null);
    const ack = await client.request("session:phase", { phase: to });
    setBusy(false);
    // A retried step whose first ack was lost is refused as "already there": that is success.
    if (!ack.ok && client.getState().snapshot?.phase !== to) setError(ack.error.message);
    else setError(null);
  };

  return (
    <nav className={`phase-controls${quiet ? " quiet" : ""}`} aria-label="Fasen van de sessie">
      {compact ? null : (
        <ol className="phase-track">
          {PHASES.map((p) => (
            <li key={p} aria-current={p === phase ? "step" : undefined} className={p === phase ? "current" : undefined}>
              {PHASE_LABELS[p]}
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        {next.map((to, i) => (
          <button key={to} type="button" className={i === 0 && !quiet ? "primary-step" : "secondary"} disabled={busy} onClick={() => void go(to)}>
            {stepLabel(phase, to)}
          </button>
        ))}
      </div>
      {confirming ? (
        <div className="alert warn" role="alertdialog" aria-labelledby="confirm-step">
          <p id="confirm-step">{confirmationFor(confirming, snapshot)}</p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void go(confirming, true)}>
              Ja, {stepLabel(phase, confirming).toLowerCase()}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Nee, nog niet
            </button>
          </div>
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </nav>
  );
}
