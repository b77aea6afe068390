// Arbeidsdeskundigen beside ervaringsdeskundigen for one element: the means, the gap and its line.
import { type ElementResult, RATER_ROLE_IDS } from "~/core/results";
import { num, RoleGapChart, RoleSymbol, ROLE_NAMES } from "./charts";
import { capital } from "./parts";

export function RoleComparison({ element, name }: { element: ElementResult; name: string }) {
  if (!element.roles) {
    return element.gapNote ? <p className="muted rv-role-note">{element.gapNote}</p> : null;
  }
  const roles = element.roles;
  const gap = element.gap;
  return (
    <div className={`rv-roles${gap?.large ? " rv-roles-large" : ""}`}>
      <p className="rv-roles-title">Arbeidsdeskundigen naast ervaringsdeskundigen</p>
      <dl className="rv-role-means">
        {RATER_ROLE_IDS.map((role) => {
          const group = roles[role];
          return (
            <div key={role}>
              <dt>
                <RoleSymbol role={role} /> {`${capital(ROLE_NAMES[role].many)} (${group.n})`}
              </dt>
              {group.shown && group.summary ? (
                <dd>{num(group.summary.mean)}</dd>
              ) : (
                <dd className="rv-not-shown">{group.n === 0 ? "niemand" : "niet apart getoond"}</dd>
              )}
            </div>
          );
        })}
      </dl>
      {gap ? (
        <p className="rv-gap">
          <span className="rv-why-label">Verschil: </span>
          {gap.gap === 0
            ? "geen"
            : `${num(Math.abs(gap.gap))} punt, de ${gap.gap > 0 ? "ervaringsdeskundigen" : "arbeidsdeskundigen"} ${element.negative ? "ervaren meer stroefheid" : "scoren hoger"}`}
        </p>
      ) : null}
      {gap ? <RoleGapChart gap={gap} name={name} negative={element.negative} /> : null}
      {gap?.line ? (
        <p className="rv-gap-line" role="note">
          {gap.line}
        </p>
      ) : null}
      {RATER_ROLE_IDS.map((role) =>
        roles[role].note && roles[role].n > 0 ? (
          <p key={role} className="muted rv-role-note">
            {roles[role].note}
          </p>
        ) : null,
      )}
      {/* "No comparison" says nothing new when a role note already says why. */}
      {!gap && element.gapNote && !RATER_ROLE_IDS.some((role) => roles[role].note && roles[role].n > 0) ? (
        <p className="muted rv-role-note">{element.gapNote}</p>
      ) : null}
    </div>
  );
}
