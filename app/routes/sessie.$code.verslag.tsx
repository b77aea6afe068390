// /sessie/:code/verslag — the OT record of a live session, for its host only: when, how long, which
// gesprek, the group by role, the results with their charts (SVG, rendered here, readable without
// JavaScript and on paper), the tips discussed, the learning points and actions, the evaluation, and
// on request a presence list for PE registration. The host proves who they are with the cookie the
// host page obtains (POST /api/sessions/:id/host-cookie); see app/host-auth.server.ts.
//
// A child of sessie.$code.tsx, which renders only this route when it matches.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { AgendaReport } from "~/components/agenda/AgendaReport";
import { PrintButton } from "~/components/PrintButton";
import { ScoreTable } from "~/components/ScoreTable";
import { revealContent } from "~/components/results/reveal-content";
import { ResultsView } from "~/components/results/ResultsView";
import { resultsStylesHref } from "~/components/results/styles";
import { formatNumber } from "~/core/results";
import { buildReport, parseReportOptions, reportQuery } from "~/core/report";
import { THEME_LABELS } from "~/core/reflection";
import { PHASE_LABELS } from "~/core/session";
import { tipsForSession } from "~/core/tip-rules";
import { requireSessionRecord } from "~/host-auth.server";
import { ROLE_LABELS } from "~/realtime/room-content";
import { sharedCountLine } from "~/core/spiegel-share-values";
import reportCss from "~/styles/report.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: resultsStylesHref },
  { rel: "stylesheet", href: reportCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Verslag: ${data.view.title} — Alliantiekompas` : "Verslag — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

const TIME_ZONE = "Europe/Amsterdam";
const dateFormat = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: TIME_ZONE });
const timeFormat = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });

function durationText(minutes: number): string {
  if (minutes < 1) return "minder dan een minuut";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const mins = `${m} ${m === 1 ? "minuut" : "minuten"}`;
  if (h === 0) return mins;
  return m === 0 ? `${h} uur` : `${h} uur en ${mins}`;
}

const SOURCE_LABELS = {
  vignette: "Casus uit de bibliotheek",
  media: "Eigen opname",
  roleplay: "Rollenspel",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const { content, tipRules, evaluation } = context.services;
  const options = parseReportOptions(new URL(request.url).searchParams);
  const reveal = revealContent(content);
  const view = buildReport(record, options, { evaluationQuestions: evaluation.questions, elementNames: reveal.elementNames });
  const tips = view.results ? tipsForSession(tipRules, view.results, { behaviourLabels: reveal.behaviourLabels }) : null;
  const vignette = view.gesprek.kind === "vignette" && view.gesprek.slug ? content.cases.find((c) => c.slug === view.gesprek.slug) : undefined;
  const speakers = new Map(vignette?.speakers.map((s) => [s.id, s.name]) ?? []);
  const query = reportQuery(options);
  return {
    code,
    view,
    tips,
    ...reveal,
    turns: vignette?.turns.map((t) => ({ speaker: speakers.get(t.speaker) ?? t.speaker, text: t.text })),
    when: {
      date: dateFormat.format(view.start),
      from: timeFormat.format(view.start),
      to: timeFormat.format(view.end),
      duration: durationText(view.minutes),
      made: dateFormat.format(context.services.now()),
    },
    method: view.method
      ? {
          title: view.method.title,
          rounds: view.method.rounds.map((r) => ({ title: r.title, from: timeFormat.format(r.startedAt), minutes: r.seconds === null ? null : Math.round(r.seconds / 60), planned: r.minutes })),
        }
      : null,
    downloads: { csv: `/sessie/${code}/verslag.csv`, excel: `/sessie/${code}/verslag-excel.csv`, json: `/sessie/${code}/verslag.json${query}` },
  };
}

export default function ReportRoute() {
  const data = useLoaderData<typeof loader>();
  const { view } = data;
  const tipTitle = new Map(data.tipInfo.map((t) => [t.id, t]));
  const groupLine = view.groups
    .filter((g) => g.count > 0)
    .map((g) => `${g.count} ${ROLE_LABELS[g.role].toLowerCase()}${g.count === 1 ? "" : g.role === "observator" ? "s" : "n"}`)
    .join(", ");
  return (
    <article className="report" aria-labelledby="report-h">
      <p className="breadcrumb no-print">
        <Link to={`/sessie/${data.code}/host`}>Terug naar de sessie</Link>
      </p>
      <h1 id="report-h">{`Verslag: ${view.title}`}</h1>
      <p className="lead">Kijksessie in de OT-groep met Alliantiekompas.</p>
      {view.phase !== "closed" ? (
        <p className="alert report-note no-print">
          {`De sessie is nog niet afgesloten (fase: ${PHASE_LABELS[view.phase]}). Dit verslag toont de stand van nu.`}
        </p>
      ) : null}

      {view.flags.length ? <PersonalDataFlags flags={view.flags} included={view.options.flagged} /> : null}

      <form method="get" className="card no-print report-options" aria-labelledby="options-h">
        <h2 id="options-h">Wat staat er in het verslag?</h2>
        <p className="hint">
          Het verslag en de downloads bevatten geen namen, tenzij je dat hier kiest. Leerpunten en evaluaties blijven altijd
          anoniem.
        </p>
        <label className="choice">
          <input type="checkbox" name="namen" value="1" defaultChecked={view.options.names} disabled={!view.namesAvailable} />
          <span>
            Namen bij de scores tonen
            {!view.namesAvailable ? (
              <span className="hint report-hint"> In deze sessie waren de namen verborgen (schuilnamen); het verslag toont ze dan ook niet.</span>
            ) : null}
          </span>
        </label>
        <label className="choice">
          <input type="checkbox" name="presentie" value="1" defaultChecked={view.options.presence} />
          <span>Presentielijst met namen opnemen (voor de PE-registratie)</span>
        </label>
        <label className="choice">
          <input type="checkbox" name="gemarkeerd" value="1" defaultChecked={view.options.flagged} />
          <span>Teksten die op persoonsgegevens lijken toch opnemen</span>
        </label>
        <button type="submit">Verslag bijwerken</button>
      </form>

      <div className="actions no-print">
        <PrintButton label="Printen of bewaren als pdf" />
        <a className="button secondary" href={data.downloads.csv} download>
          Beoordelingen downloaden (CSV)
        </a>
        <a className="button secondary" href={data.downloads.excel} download>
          Beoordelingen voor Excel (kolommen, Nederlands)
        </a>
        <a className="button secondary" href={data.downloads.json} download>
          Hele sessie downloaden (JSON)
        </a>
      </div>

      <section className="report-section" aria-labelledby="summary-h">
        <h2 id="summary-h">Overzicht</h2>
        <dl className="meta-list">
          <dt>Datum</dt>
          <dd>{`${data.when.date}, ${data.when.from}–${data.when.to}`}</dd>
          <dt>Duur</dt>
          <dd>{data.when.duration}</dd>
          <dt>Gesprek</dt>
          <dd>{`${SOURCE_LABELS[view.gesprek.kind]}: ${view.gesprek.title}`}</dd>
          {view.gesprek.question ? (
            <>
              <dt>Vraag aan de groep</dt>
              <dd>{view.gesprek.question}</dd>
            </>
          ) : null}
          <dt>Groep</dt>
          <dd>
            {view.participantCount === 0 ? "Er deed niemand mee." : `${view.participantCount} deelnemers: ${groupLine}.`}
          </dd>
          {view.sharedSpiegels > 0 ? (
            <>
              <dt>Mijn spiegel</dt>
              <dd>{sharedCountLine(view.sharedSpiegels)}</dd>
            </>
          ) : null}
          <dt>Sessiecode</dt>
          <dd>{data.code}</dd>
        </dl>
      </section>

      {data.method ? <AgendaReport title={data.method.title} rounds={data.method.rounds} /> : null}

      <section className="report-section" aria-labelledby="results-h">
        <h2 id="results-h">Uitkomsten</h2>
        {view.results ? (
          <ResultsView
            results={view.results}
            tips={data.tips ?? undefined}
            tipInfo={data.tipInfo}
            elementNames={data.elementNames}
            behaviourLabels={data.behaviourLabels}
            mode="print"
            turns={data.turns}
            discussedTips={view.discussedTips}
            headingLevel={3}
          />
        ) : (
          <p>De uitkomsten zijn nog niet onthuld; ze staan in het verslag zodra de begeleider ze onthult.</p>
        )}
      </section>

      <section className="report-section" aria-labelledby="tips-h">
        <h2 id="tips-h">Besproken tips</h2>
        {view.discussedTips.length ? (
          <ul>
            {view.discussedTips.map((id) => (
              <li key={id}>{`Tip ${tipTitle.get(id)?.number ?? "?"}: ${tipTitle.get(id)?.title ?? id}`}</li>
            ))}
          </ul>
        ) : (
          <p>Er zijn geen tips als besproken gemarkeerd.</p>
        )}
      </section>

      <section className="report-section" aria-labelledby="lp-h">
        <h2 id="lp-h">Leerpunten en acties</h2>
        {view.learningPoints.length ? (
          <>
            <p className="hint">Zonder namen, in willekeurige volgorde.</p>
            <ol className="report-points">
              {view.learningPoints.map((lp) => (
                <li key={lp.number}>
                  <p className="report-text">
                    <strong>Leerpunt: </strong>
                    {lp.learningPoint}
                  </p>
                  <p className="report-text">
                    <strong>Actie: </strong>
                    {lp.action}
                  </p>
                  {Object.entries(lp.themes).map(([id, text]) => (
                    <p key={id} className="report-text report-theme">
                      <strong>{THEME_LABELS[id as keyof typeof THEME_LABELS]}: </strong>
                      {text}
                    </p>
                  ))}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p>Er zijn (nog) geen leerpunten geschreven.</p>
        )}
      </section>

      <section className="report-section" aria-labelledby="eval-h">
        <h2 id="eval-h">Evaluatie van de sessie</h2>
        {view.evaluation.respondents ? (
          <ScoreTable
            label="Evaluatie van de sessie"
            caption={`Gemiddelde per vraag (0 tot 10), ${view.evaluation.respondents} ${view.evaluation.respondents === 1 ? "deelnemer" : "deelnemers"}`}
            className="report-table"
            columns={[{ label: "Vraag" }, { label: "Gemiddelde", num: true }, { label: "Laagste–hoogste", num: true }, { label: "Aantal", num: true }]}
            rows={view.evaluation.rows.map((row) => ({
              key: row.id,
              header: row.label,
              cells: [row.mean === null ? "–" : formatNumber(row.mean), row.min === null ? "–" : `${row.min}–${row.max}`, row.n],
            }))}
          />
        ) : (
          <p>Niemand heeft de sessie (nog) geëvalueerd.</p>
        )}
      </section>

      {view.presence ? (
        <section className="report-section report-presence" aria-labelledby="presence-h">
          <h2 id="presence-h">Presentielijst</h2>
          <p className="hint">Voor de PE-registratie. Opgenomen omdat de begeleider daarvoor koos.</p>
          <table className="compare-table report-table">
            <caption>{`Aanwezig op ${data.when.date}: ${view.presence.length} ${view.presence.length === 1 ? "deelnemer" : "deelnemers"}`}</caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Rol</th>
              </tr>
            </thead>
            <tbody>
              {view.presence.map((p, i) => (
                <tr key={i}>
                  <td>{p.name}</td>
                  <td>{ROLE_LABELS[p.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <p className="muted report-footer">
        {`Gemaakt met Alliantiekompas op ${data.when.made}. ${
          view.namesShown || view.presence ? "De begeleider koos ervoor namen op te nemen." : "Dit verslag bevat geen namen."
        } Deel het alleen binnen de OT-groep.`}
      </p>
    </article>
  );
}

function PersonalDataFlags({ flags, included }: { flags: { item: string; label: string; message: string }[]; included: boolean }) {
  return (
    <section className="alert warn no-print report-flags" aria-labelledby="flags-h">
      <h2 id="flags-h">Controleer dit voordat je het verslag deelt</h2>
      <p>
        {flags.length === 1 ? "Deze tekst lijkt" : "Deze teksten lijken"} persoonsgegevens te bevatten. OT-casussen moeten
        geanonimiseerd zijn.{" "}
        {included
          ? "Je hebt gekozen ze toch op te nemen in het verslag en de downloads."
          : "In het verslag en de downloads staan ze daarom als [weggelaten]; kies hieronder om ze toch op te nemen."}
      </p>
      <ul>
        {flags.map((f) => (
          <li key={f.item}>{`${f.label}: ${f.message}.`}</li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  const title =
    status === 401 ? "Alleen voor de begeleider" : status === 403 ? "Geen toegang tot dit verslag" : status === 404 ? "Verslag niet gevonden" : "Er ging iets mis";
  return (
    <section className="error-page">
      <h1>{title}</h1>
      <p>{message ?? "Het verslag kon niet worden gemaakt. Probeer het over een moment opnieuw."}</p>
      <p className="muted">Foutcode {status}</p>
      <p>
        <Link to="/">Naar de startpagina</Link>
      </p>
    </section>
  );
}
