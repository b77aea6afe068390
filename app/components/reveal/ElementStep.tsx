// One element on the projector: the headline that says what matters, the marks and the mean, the
// few numbers that carry it as tiles, and the rest (median, spread, alpha) behind "details", in words.
import type { ElementResult, RevealResults, RoleGroup } from "~/core/results";
import { formatPlain, RATER_ROLE_IDS } from "~/core/results";
import { agreementInWords, elementStory, spreadInWords, visibleRole } from "~/core/reveal-story";
import { num, RoleSymbol, ROLE_NAMES } from "../results/charts";
import { capital } from "../results/parts";
import { GroupDotChart } from "./GroupDotChart";
import { RoleLegend } from "./RoleLegend";

function Tile({ label, value, wide = false }: { label: string; value: string; wide?: boolean }) {
  return (
    <div className={`rp-tile${wide ? " rp-tile-wide" : ""}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const roleMean = (group: RoleGroup) => (group.shown && group.summary ? num(group.summary.mean) : null);

export function ElementStep({ results, element, name }: { results: RevealResults; element: ElementResult; name: string }) {
  const story = elementStory(element, results, name);
  const s = element.summary;
  const roles = results.rolesShown ? element.roles : null;
  const roleTiles = roles ? RATER_ROLE_IDS.filter((role) => roleMean(roles[role]) !== null) : [];
  const notes = roles ? RATER_ROLE_IDS.map((role) => roles[role].note && roles[role].n > 0 ? roles[role].note : null).filter(Boolean) : [];
  const lines = [story.agreement, story.direction, story.reference, story.clientView].filter((line): line is string => line !== null);
  return (
    <>
      <header className={`rp-head rp-el el-${element.elementId}`}>
        <h2 className="rp-title">
          {name}
          {element.negative ? <span className="rp-neg"> · hoger = stroever</span> : null}
        </h2>
        <p className="rp-headline">{story.headline}</p>
        {lines.map((line) => (
          <p key={line} className="rp-line">
            {line}
          </p>
        ))}
      </header>
      <RoleLegend results={results} />
      <figure className="rp-figure rp-figure-one">
        <GroupDotChart
          elements={[element]}
          names={{ [element.elementId]: name }}
          roleOf={(role) => visibleRole(results, role)}
          rowHeight={170}
          showNames={false}
          title={`Eindscores voor ${name}, op een schaal van 0 tot 10`}
        />
      </figure>
      {s ? (
        <dl className="rp-tiles">
          <Tile label="Gemiddeld" value={num(s.mean)} />
          <Tile label="Laagste tot hoogste" value={s.min === s.max ? formatPlain(s.min) : `${formatPlain(s.min)} tot ${formatPlain(s.max)}`} wide />
          {roleTiles.map((role) => (
            <div key={role} className="rp-tile">
              <dt>
                <RoleSymbol role={role} /> {capital(ROLE_NAMES[role].many)}
              </dt>
              <dd>{roleMean(roles![role])}</dd>
            </div>
          ))}
          {element.reference ? <Tile label="Vakreferentie" value={formatPlain(element.reference.score)} /> : null}
          {typeof element.reference?.clientView === "number" ? <Tile label="Cliëntblik (makers)" value={formatPlain(element.reference.clientView)} /> : null}
        </dl>
      ) : null}
      <details className="rp-details">
        <summary>Details: hoe eens was de groep het?</summary>
        <ul>
          {s ? <li>{`De middelste score (mediaan) is ${formatPlain(s.median)}: de helft gaf minder, de helft meer.`}</li> : null}
          {s && s.sd !== null ? <li>{spreadInWords(s.sd)}</li> : null}
          <li>{agreementInWords(element)}</li>
          {element.agreement.caution ? <li>{element.agreement.caution}</li> : null}
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </details>
    </>
  );
}
