// How much the group agreed on one element while rating live (alpha in words) and in its finals.
import { type ElementResult, formatPlain } from "~/core/results";
import { AlphaGauge, num } from "./charts";
import type { Ctx } from "./parts";

export function AgreementPart({ ctx, element, name }: { ctx: Ctx; element: ElementResult; name: string }) {
  const a = element.agreement;
  const s = element.summary;
  return (
    <div className={`rv-agreement${a.band ? ` rv-band-${a.band}` : ""}`}>
      <AlphaGauge agreement={a} name={name} />
      <p className="rv-alpha-line">{a.line}</p>
      {a.caution ? (
        <p className="rv-small">{a.caution}</p>
      ) : a.alpha !== null ? (
        <p className="rv-small">{`Gebaseerd op ${a.raters} beoordelaars en ${a.bins} tijdvakken van ${formatPlain(ctx.results.timeline.binSeconds)} seconden.`}</p>
      ) : null}
      {s ? (
        <p className="rv-small">
          {s.n >= 2
            ? `De eindscores liepen uiteen van ${formatPlain(s.min)} tot ${formatPlain(s.max)}${s.sd !== null ? ` (standaardafwijking ${num(s.sd)})` : ""}.`
            : `Eén eindscore: ${formatPlain(s.min)}.`}
        </p>
      ) : null}
    </div>
  );
}
