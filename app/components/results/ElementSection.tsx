// One element of the reveal: the final scores, the roles side by side, the course of the gesprek,
// the agreement and the behaviours people saw.
import { type ElementResult, formatPlain } from "~/core/results";
import { AgreementPart } from "./AgreementPart";
import { BehaviourPart } from "./BehaviourPart";
import { visibleRole } from "~/core/reveal-story";
import { DotPlot, num, RoleSymbol } from "./charts";
import { type Ctx, Heading, type Level, sectionId } from "./parts";
import { RoleComparison } from "./RoleComparison";
import { TimelinePart } from "./TimelinePart";

export function ElementSection({ ctx, element }: { ctx: Ctx; element: ElementResult }) {
  const name = ctx.names[element.elementId];
  const id = sectionId(element.elementId);
  const sub = (ctx.level + 1) as Level;
  const s = element.summary;
  return (
    <section
      className={`rv-section rv-element el-${element.elementId}${element.negative ? " rv-negative" : ""}`}
      aria-labelledby={`${id}-h`}
      id={id}
      data-element={element.elementId}
    >
      <div className="rv-element-head">
        <Heading level={ctx.level} id={`${id}-h`}>
          {name}
        </Heading>
        {element.negative ? <span className="tag negative rv-neg-tag">negatief element: hoger = stroever</span> : null}
      </div>
      <div className="rv-element-grid">
        <div className="rv-part rv-final">
          <Heading level={sub}>Eindscores</Heading>
          <figure className="rv-figure">
            <DotPlot element={element} name={name} roleOf={(role) => visibleRole(ctx.results, role)} />
            <figcaption className="rv-legend">
              <span>
                <RoleSymbol role="arbeidsdeskundige" /> arbeidsdeskundige
              </span>
              <span>
                <RoleSymbol role="ervaringsdeskundige" /> ervaringsdeskundige
              </span>
              {element.scores.some((r) => visibleRole(ctx.results, r.role) === null) ? (
                <span>
                  <RoleSymbol role={null} /> deel van de groep (rol niet getoond)
                </span>
              ) : null}
              <span>
                <span className="rv-key rv-key-mean" aria-hidden="true" /> gemiddelde
              </span>
              <span>
                <span className="rv-key rv-key-median" aria-hidden="true" /> mediaan
              </span>
              <span>
                <span className="rv-key rv-key-range" aria-hidden="true" /> spreiding
              </span>
            </figcaption>
          </figure>
          {s ? (
            <dl className="rv-stats">
              <div>
                <dt>Gemiddelde</dt>
                <dd>{num(s.mean)}</dd>
              </div>
              <div>
                <dt>Mediaan</dt>
                <dd>{formatPlain(s.median)}</dd>
              </div>
              <div>
                <dt>Spreiding</dt>
                <dd>{`${formatPlain(s.min)} tot ${formatPlain(s.max)}`}</dd>
              </div>
              {s.sd !== null ? (
                <div>
                  <dt>Standaard&shy;afwijking</dt>
                  <dd>{num(s.sd)}</dd>
                </div>
              ) : null}
              {element.reference ? (
                <div>
                  <dt>Referentie</dt>
                  <dd>{formatPlain(element.reference.score)}</dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p className="muted">Niemand heeft voor {name} een eindscore gegeven.</p>
          )}
          <RoleComparison element={element} name={name} />
        </div>
        <div className="rv-part rv-live">
          <Heading level={sub}>Verloop tijdens het gesprek</Heading>
          <TimelinePart ctx={ctx} element={element} name={name} />
        </div>
        <div className="rv-part rv-agree">
          <Heading level={sub}>Overeenstemming</Heading>
          <AgreementPart ctx={ctx} element={element} name={name} />
        </div>
      </div>
      <BehaviourPart ctx={ctx} element={element} name={name} />
    </section>
  );
}
