// The six tips for this session, the fitting ones first, each with why and what to discuss.
import { ElementTag } from "~/components/ElementTag";
import type { RankedTip } from "~/core/tip-rules";
import { type Ctx, Heading, type Level, Seek, sectionId } from "./parts";
import type { TipInfo } from "./reveal-content";

export function TipsSection({
  ctx,
  tips,
  tipInfo,
  discussed = [],
  onToggle,
}: {
  ctx: Ctx;
  tips: RankedTip[];
  tipInfo: TipInfo[];
  discussed?: string[];
  onToggle?: (id: string) => void;
}) {
  const id = sectionId("tips");
  const info = new Map(tipInfo.map((t) => [t.id, t]));
  const fitting = tips.filter((t) => t.fits);
  const others = tips.filter((t) => !t.fits);
  const sub = (ctx.level + 1) as Level;
  const item = (tip: RankedTip) => (
    <TipItem
      key={tip.tipId}
      ctx={ctx}
      tip={tip}
      info={info.get(tip.tipId)}
      discussed={discussed.includes(tip.tipId)}
      showDiscussed={discussed.length > 0 || Boolean(onToggle)}
      onToggle={onToggle}
    />
  );
  return (
    <section className="rv-section rv-tips" aria-labelledby={`${id}-h`} id={id}>
      <Heading level={ctx.level} id={`${id}-h`}>
        De zes tips bij deze sessie
      </Heading>
      {fitting.length ? (
        <>
          <Heading level={sub}>{`Past bij wat jullie zagen (${fitting.length})`}</Heading>
          <ol className="rv-tip-list">{fitting.map(item)}</ol>
        </>
      ) : (
        <p className="muted">Geen van de regels wees naar een tip: bespreek de tips die de groep zelf het meest aanspreken.</p>
      )}
      {others.length ? (
        <>
          <Heading level={sub}>{fitting.length ? "De andere tips" : "Alle tips"}</Heading>
          <ol className="rv-tip-list rv-tip-others" start={fitting.length + 1}>
            {others.map(item)}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function TipItem({
  ctx,
  tip,
  info,
  discussed,
  showDiscussed,
  onToggle,
}: {
  ctx: Ctx;
  tip: RankedTip;
  info: TipInfo | undefined;
  discussed: boolean;
  showDiscussed: boolean;
  onToggle?: (id: string) => void;
}) {
  const title = info ? `Tip ${info.number}: ${info.title}` : tip.tipId;
  const headingId = `tip-${tip.tipId}-h`;
  const elements = tip.elements.length ? tip.elements : (info?.elements ?? []);
  const modules = info?.modules ?? [];
  const checkboxId = `tip-${tip.tipId}-besproken`;
  return (
    <li
      className={`rv-tip card${tip.fits ? " fits" : ""}${discussed ? " discussed" : ""}`}
      data-tip={tip.tipId}
    >
      <div className="rv-tip-head">
        <Heading level={(ctx.level + 2) as Level} id={headingId}>
          {title}
        </Heading>
        {tip.fits ? <span className="rv-badge">Past bij deze sessie</span> : null}
        {onToggle && !ctx.print ? (
          <label className="rv-discussed" htmlFor={checkboxId}>
            <input id={checkboxId} type="checkbox" checked={discussed} onChange={() => onToggle(tip.tipId)} />
            <span>
              Besproken<span className="visually-hidden">{` (${title})`}</span>
            </span>
          </label>
        ) : showDiscussed ? (
          <span className={`rv-badge ${discussed ? "rv-badge-done" : "rv-badge-open"}`}>{discussed ? "Besproken" : "Nog niet besproken"}</span>
        ) : null}
      </div>
      {info?.body ? <p className="rv-tip-body">{info.body}</p> : null}
      {tip.rules.length ? (
        <ul className="rv-why">
          {tip.rules.map((rule, i) => (
            <li key={`${rule.ruleId}-${i}`}>
              <p className="rv-why-line">
                <span className="rv-why-label">Waarom: </span>
                {rule.why}
              </p>
              <p className="rv-prompt">
                <span className="rv-why-label">Bespreek: </span>
                {rule.prompt}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted rv-small">Geen regel wees voor deze sessie naar deze tip.</p>
      )}
      {tip.moments.length ? (
        <div className="rv-tip-moments">
          <span className="rv-why-label">Kijk samen terug:</span>
          <ul className="rv-inline">
            {tip.moments.map((m) => (
              <li key={m.t}>
                <Seek ctx={ctx} t={m.t} context={title} inText={false} />
                {m.turnIndex !== null ? <span className="rv-small">{` beurt ${m.turnIndex + 1}`}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="rv-tip-links">
        <li>
          <a href={`/tips#${tip.tipId}`}>{info ? `Lees tip ${info.number}` : "Lees de tip"}</a>
        </li>
        {elements.length ? (
          <li>
            <span className="rv-links-label">Elementenkaart:</span>
            {elements.map((el) => (
              <a key={el} href={`/kompas/${el}`} className="rv-tag-link">
                <ElementTag id={el} name={ctx.names[el]} />
              </a>
            ))}
          </li>
        ) : null}
        {modules.length ? (
          <li>
            <span className="rv-links-label">{modules.length === 1 ? "Module:" : "Modules:"}</span>
            {modules.map((m, i) => (
              <span key={m.slug}>
                <a href={`/modules/${m.slug}`}>{m.title}</a>
                {i < modules.length - 1 ? "," : null}
              </span>
            ))}
          </li>
        ) : null}
      </ul>
    </li>
  );
}
