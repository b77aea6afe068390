// The host's hand on the projector during the reveal and the discussion: Vorige / Volgende, every
// step of the reveal, and (in the discussion) the hotspot or tip the group talks about. Each choice
// is a presentation:show; the projector follows the server's answer, not the button.
import { useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import type { TipInfo } from "~/components/results/reveal-content";
import type { ElementId } from "~/core/domain";
import { formatClock } from "~/core/format";
import { REVEAL_STEPS, type RevealStep } from "~/core/presentation";
import { hotspotFocusId, type Presentation, type PresentationFocus } from "~/core/protocol";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import { FIRST_PRESENTATION, stepBeside, stepTitle } from "./steps";

export function PresentationSteps({
  client,
  state,
  elementNames,
  tipInfo,
  compact = false,
}: {
  client: LiveClient;
  state: LiveState;
  elementNames: Partial<Record<ElementId, string>>;
  tipInfo: TipInfo[];
  /** The projector's one-screen strip: Vorige / Volgende and the step list only. */
  compact?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const snapshot = state.snapshot;
  if (!snapshot) return null;
  const current: Presentation = snapshot.presentation ?? FIRST_PRESENTATION;
  const discussion = snapshot.phase === "discussion";

  const show = async (step: RevealStep, focus: PresentationFocus | null) => {
    setBusy(true);
    const ack = await client.request("presentation:show", { step, focus });
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
  };
  const before = stepBeside(current.step, -1);
  const after = stepBeside(current.step, 1);
  const hotspots = state.results?.hotspots ?? [];
  const focusValue = current.focus ? `${current.focus.kind}:${current.focus.id}` : "";

  return (
    <section className={`presentation-steps${compact ? " compact" : ""}`} aria-labelledby="presentation-steps-h">
      <h2 id="presentation-steps-h" className={compact ? "visually-hidden" : undefined}>
        Op het beamerscherm: {stepTitle(current.step, elementNames)}
      </h2>
      <div className="actions step-nav">
        <button type="button" className="secondary" disabled={busy || !before} onClick={() => before && void show(before, current.focus)}>
          ← Vorige{before ? <span className="visually-hidden">: {stepTitle(before, elementNames)}</span> : null}
        </button>
        <button type="button" disabled={busy || !after} onClick={() => after && void show(after, current.focus)}>
          Volgende{after ? `: ${stepTitle(after, elementNames)}` : ""} →
        </button>
      </div>
      <ol className="step-list" aria-label="Stappen van de onthulling">
        {REVEAL_STEPS.map((step) => (
          <li key={step}>
            <button
              type="button"
              className={step === current.step ? "current" : "secondary"}
              aria-current={step === current.step ? "step" : undefined}
              disabled={busy}
              onClick={() => void show(step, current.focus)}
            >
              {stepTitle(step, elementNames)}
            </button>
          </li>
        ))}
      </ol>
      {discussion && !compact ? (
        <div className="field focus-choice">
          <label htmlFor="bespreek-focus">Wat bespreekt de groep nu?</label>
          <select
            id="bespreek-focus"
            value={focusValue}
            disabled={busy}
            onChange={(e) => {
              const [kind, id] = e.currentTarget.value.split(":");
              const focus: PresentationFocus | null = kind === "hotspot" || kind === "tip" ? { kind, id } : null;
              void show(focus?.kind === "tip" ? "tips" : focus ? "tijdlijn" : current.step, focus);
            }}
          >
            <option value="">Alleen de vraag van de sessie</option>
            {hotspots.length > 0 ? (
              <optgroup label="Momenten waarop de groep verschilde">
                {hotspots.map((h) => (
                  <option key={hotspotFocusId(h)} value={`hotspot:${hotspotFocusId(h)}`}>
                    {elementNames[h.elementId] ?? h.elementId}, {formatClock(h.start)}–{formatClock(h.end)}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="Tips">
              {tipInfo.map((tip) => (
                <option key={tip.id} value={`tip:${tip.id}`}>
                  Tip {tip.number}: {tip.title}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </section>
  );
}
