// The reaction-time correction: one control for the whole reveal (host only).
import { LAG_MAX_SECONDS } from "~/core/domain";

/**
 * One control for the whole reveal: raters react a moment after what they see, so the host can move
 * every live rating and moment up to three seconds earlier; the server computes everything again.
 */
export function LagControl({ lagSeconds, pending, onChange }: { lagSeconds: number; pending: number | null; onChange: (seconds: number) => void }) {
  return (
    <div className="rv-lag card">
      <p className="rv-lag-field">
        <label htmlFor="rv-lag">Reactietijd corrigeren</label>
        <select id="rv-lag" value={String(pending ?? lagSeconds)} aria-describedby="rv-lag-uitleg" onChange={(ev) => onChange(Number(ev.target.value))}>
          {Array.from({ length: LAG_MAX_SECONDS + 1 }, (_, s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? "geen correctie" : `${s} seconde${s === 1 ? "" : "n"} eerder`}
            </option>
          ))}
        </select>
        <span role="status" className="rv-small">
          {pending !== null ? "Wordt opnieuw berekend…" : ""}
        </span>
      </p>
      <p id="rv-lag-uitleg" className="rv-small">
        Wie live beoordeelt, reageert meestal een paar tellen na wat er gebeurt. Met deze correctie schuiven alle live scores
        en gemarkeerde momenten tot drie seconden naar voren; de lijnen, de plekken met het meeste verschil en de tips worden
        opnieuw berekend, voor iedereen. Eindscores veranderen niet.
      </p>
    </div>
  );
}
