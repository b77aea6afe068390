// The host screen in the reflection phase: how many wrote a learning point and filled in the
// evaluation (counts, never who or what), and the switch that puts the learning points on the
// projector, without names, in an order that says nothing about who wrote them.
import { useState } from "react";
import { THEME_IDS } from "../../core/domain";
import type { AnonymousLearningPoint, HostReflectionView } from "../../core/protocol";
import { reflectionProgress, THEME_LABELS } from "../../core/reflection";
import type { LiveClient } from "../../realtime/live-client";
import { ErrorAlert } from "../ErrorAlert";

export function HostReflection({ client, view }: { client: LiveClient; view: HostReflectionView | undefined }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!view) return null;
  const { reflections, evaluations, participants, projecting, projected } = view;
  const progress = reflectionProgress(view);

  const toggle = async () => {
    setBusy(true);
    const ack = await client.request("reflection:project", { show: !projecting });
    setBusy(false);
    setError(ack.ok ? null : ack.error.message);
  };

  return (
    <section className="host-reflection" aria-labelledby="reflection-h">
      <h1 id="reflection-h">Reflectie</h1>
      <p className="lead">
        Iedereen schrijft op de telefoon een leerpunt en één concrete actie, en vult de korte evaluatie in. Niemand ziet wie wat schreef.
      </p>
      <p className={`reflection-progress${progress.done ? " done" : ""}`} role="status">
        {progress.text}
        {progress.done ? null : <span className="hint"> (leerpunt én evaluatie; wie klaar is, ziet dat op de telefoon)</span>}
      </p>
      <dl className="reflection-counts" aria-live="polite">
        <div>
          <dt>Leerpunten</dt>
          <dd>
            <span className="reflection-count">{reflections}</span> van {participants}
          </dd>
        </div>
        <div>
          <dt>Evaluaties</dt>
          <dd>
            <span className="reflection-count">{evaluations}</span> van {participants}
          </dd>
        </div>
      </dl>
      <div className="actions">
        <button type="button" aria-pressed={projecting} disabled={busy} onClick={() => void toggle()} className={projecting ? "secondary" : undefined}>
          {projecting ? "Leerpunten niet meer tonen" : "Leerpunten projecteren"}
        </button>
        <span className="hint">{projecting ? "De leerpunten staan op het scherm, zonder namen." : "Toont alle leerpunten groot, zonder namen."}</span>
      </div>
      <ErrorAlert message={error} />
      {projecting ? <ProjectedPoints points={projected} /> : null}
    </section>
  );
}

export function ProjectedPoints({ points }: { points: AnonymousLearningPoint[] }) {
  if (points.length === 0) {
    return (
      <p className="projected-empty" role="status">
        Nog geen leerpunten. Ze verschijnen hier zodra iemand het zijne bewaart.
      </p>
    );
  }
  return (
    <ol className="projected-points" aria-label="Leerpunten van de groep, zonder namen">
      {points.map((p) => (
        <li key={p.number} className="projected-point">
          <p className="projected-number">{`Leerpunt ${p.number}`}</p>
          <p className="projected-text">{p.learningPoint}</p>
          <p className="projected-action">
            <span className="projected-label">Actie: </span>
            {p.action}
          </p>
          {THEME_IDS.filter((id) => p.themes[id]).map((id) => (
            <p key={id} className="projected-theme">
              <span className="projected-label">{`${THEME_LABELS[id]}: `}</span>
              {p.themes[id]}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
