// Step "tips": the tips that fit what the group saw, each with why and a question to discuss; on a
// host screen a "besproken" switch per tip. The other tips are named, not shown in full.
import type { RankedTip } from "~/core/tip-rules";
import type { TipInfo } from "../results/reveal-content";

export function TipsStep({
  tips,
  tipInfo,
  discussed = [],
  onToggle,
}: {
  tips: RankedTip[] | undefined;
  tipInfo: TipInfo[];
  discussed?: string[];
  onToggle?: (id: string) => void;
}) {
  const info = new Map(tipInfo.map((t) => [t.id, t]));
  const list = tips ?? [];
  const fitting = list.filter((t) => t.fits);
  const others = list.filter((t) => !t.fits);
  const title = (id: string) => {
    const t = info.get(id);
    return t ? `Tip ${t.number}: ${t.title}` : id;
  };
  return (
    <>
      <header className="rp-head">
        <h2 className="rp-title">Tips om te bespreken</h2>
        <p className="rp-headline">
          {fitting.length
            ? `${fitting.length === 1 ? "Eén tip past" : `${fitting.length} tips passen`} bij wat jullie zagen.`
            : "Geen tip springt eruit: kies samen de tip die jullie het meest aanspreekt."}
        </p>
      </header>
      {fitting.length ? (
        <ol className="rp-tips">
          {fitting.map((tip) => {
            const isDiscussed = discussed.includes(tip.tipId);
            const rule = tip.rules[0];
            const box = `rp-tip-${tip.tipId}`;
            return (
              <li key={tip.tipId} className={`rp-tip${isDiscussed ? " discussed" : ""}`} data-tip={tip.tipId}>
                <h3>{title(tip.tipId)}</h3>
                {rule ? <p className="rp-tip-why">{rule.why}</p> : null}
                {rule ? (
                  <p className="rp-tip-prompt">
                    <strong>Bespreek: </strong>
                    {rule.prompt}
                  </p>
                ) : null}
                {onToggle ? (
                  <label className="rp-discussed" htmlFor={box}>
                    <input id={box} type="checkbox" checked={isDiscussed} onChange={() => onToggle(tip.tipId)} />
                    <span>
                      Besproken<span className="visually-hidden">{` (${title(tip.tipId)})`}</span>
                    </span>
                  </label>
                ) : isDiscussed ? (
                  <p className="rp-badge">Besproken</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {others.length ? (
        <p className="rp-other-tips">
          <strong>{fitting.length ? "De andere tips: " : "De tips: "}</strong>
          {others.map((t) => title(t.tipId)).join(" · ")}
        </p>
      ) : null}
    </>
  );
}
