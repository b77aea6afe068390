// The behaviours (or stroefheid signals) people saw for one element, and those nobody saw.
import type { ElementResult } from "~/core/results";
import { type Ctx, Heading, type Level } from "./parts";

export function BehaviourPart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  const { seen, unseen } = element.behaviours;
  const sub = (ctx.level + 1) as Level;
  const base = Math.max(ctx.results.raterCount, ...seen.map((b) => b.raters), 1);
  const label = (id: string) => ctx.labels[id] ?? id;
  return (
    <div className="rv-part rv-behaviours">
      <Heading level={sub}>{element.negative ? "Signalen van stroefheid" : "Gedrag dat mensen zagen"}</Heading>
      {seen.length ? (
        <ul className="rv-bars">
          {seen.map((b) => (
            <li key={b.id}>
              <span className="rv-bar-label">{label(b.id)}</span>
              <span className="rv-bar-track" aria-hidden="true">
                <span className="rv-bar-fill" style={{ width: `${Math.round((b.raters / base) * 100)}%` }} />
              </span>
              <span className="rv-bar-count">
                {`${b.raters} van ${base}`}
                <span className="visually-hidden">{b.raters === 1 ? " beoordelaar" : " beoordelaars"}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{element.negative ? "Niemand zag een signaal van stroefheid." : `Niemand vinkte gedrag bij ${name} aan.`}</p>
      )}
      {unseen.length ? (
        <div className="rv-unseen">
          <p className="rv-subtitle">{element.negative ? "Signalen die niemand zag" : "Gedrag dat niemand zag"}</p>
          <ul>
            {unseen.map((id) => (
              <li key={id}>{label(id)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
