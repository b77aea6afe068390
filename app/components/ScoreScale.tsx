// A 0–10 score as a row of tappable options: radio buttons, so it works without JavaScript, by
// keyboard (arrow keys) and by touch without dragging.
import type { ElementId } from "~/core/domain";

export function ScoreScale({
  name,
  elementId,
  legend,
  hint,
  defaultValue,
  negative = false,
  error,
}: {
  name: string;
  elementId: ElementId;
  legend: string;
  hint?: string;
  defaultValue?: number;
  negative?: boolean;
  error?: string;
}) {
  const hintId = `${name}-hint`;
  const errorId = `${name}-fout`;
  return (
    <fieldset className={`el-${elementId}`} aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="feedback-wrong" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="scale">
        {Array.from({ length: 11 }, (_, value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} defaultChecked={defaultValue === value} required />
            <span>{value}</span>
          </label>
        ))}
      </div>
      <div className="scale-ends" aria-hidden="true">
        <span>{negative ? "0 · soepel" : "0 · afwezig"}</span>
        <span>{negative ? "10 · zeer stroef" : "10 · sterk aanwezig"}</span>
      </div>
    </fieldset>
  );
}
