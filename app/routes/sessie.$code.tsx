// /sessie/:code — the participant's room: the briefing, the gesprek following the host's clock,
// the live rating, the final rating and, after the reveal, the results. The seat (resume token)
// lives in this browser, so a reload or a locked phone comes back to the same place.
//
// /sessie/:code/host is a child route (sessie.$code.host.tsx); when it matches, this route only
// renders it, so the two pages share this loader's content and stylesheet and nothing else.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate, useOutlet } from "@remix-run/react";
import { type ReactNode, useEffect, useState } from "react";
import { Briefing } from "~/components/live/Briefing";
import { OwnCaseWarning } from "~/components/agenda/OwnCase";
import { ConnectionChip } from "~/components/live/ConnectionChip";
import { FocusChooser } from "~/components/live/FocusChooser";
import { GesprekRevisit, useRevisit } from "~/components/live/GesprekRevisit";
import { GesprekView } from "~/components/live/GesprekView";
import { LiveRating } from "~/components/live/LiveRating";
import { FinalRatingForm, PhoneReveal, ReflectionSteps, ShareSpiegelForm } from "~/components/live/phase-forms";
import { RoomResults } from "~/components/live/RoomResults";
import { SyncStatus } from "~/components/live/SyncStatus";
import { revealContent } from "~/components/results/reveal-content";
import { resultsStylesHref } from "~/components/results/styles";
import type { Reflection } from "~/core/protocol";
import { PHASE_LABELS, RATER_ROLES } from "~/core/protocol-values";
import { LiveSessionProvider, useGesprekTime, useLiveClient, useLiveState } from "~/realtime/provider";
import { normaliseCode, ROLE_LABELS, type RoomCasus } from "~/realtime/room-content";
import { roomCasus, roomElements } from "~/realtime/room-content.server";
import { browserStore, readSeat, type Seat, storageKeys } from "~/realtime/storage";
import { useCasus } from "~/realtime/use-casus";
import liveCss from "~/styles/live.css?url";
import phoneRevealCss from "~/styles/phone-reveal.css?url";
import spiegelShareCss from "~/styles/spiegel-share.css?url";
import { SHARE_PHASES } from "~/core/spiegel-share-values";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: liveCss },
  { rel: "stylesheet", href: resultsStylesHref },
  { rel: "stylesheet", href: phoneRevealCss },
  { rel: "stylesheet", href: spiegelShareCss },
];

export const meta: MetaFunction = () => [
  { title: "OT-sessie — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

export function loader({ params, request, context }: LoaderFunctionArgs) {
  const code = normaliseCode(params.code);
  if (!code) throw new Response("Deze sessiecode kan niet kloppen.", { status: 404 });
  const { content, evaluation } = context.services;
  return {
    code,
    elements: roomElements(content),
    casus: roomCasus(content, new URL(request.url).searchParams.get("casus")),
    // The reveal (ResultsView), the session evaluation and the werkblad themes as reflection prompts.
    ...revealContent(content),
    evaluation,
    themes: content.werkblad.themes.map((t) => ({ id: t.id, intro: t.intro })),
    // Issue 11: a participant may bring their own mirror when the server has "Mijn spiegel" on.
    spiegelOn: context.services.spiegel !== null,
  };
}

export default function SessionRoute() {
  const outlet = useOutlet();
  return outlet ?? <Room />;
}

function Room() {
  const { code } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const [seat, setSeat] = useState<Seat | null>(null);

  useEffect(() => {
    const found = readSeat(browserStore(), code);
    if (found) setSeat(found);
    else navigate(`/doe-mee?code=${code}`, { replace: true });
  }, [code, navigate]);

  return (
    <div className="live-page room">
      {seat ? (
        <LiveSessionProvider code={code} credentials={{ kind: "seat", resumeToken: seat.resumeToken }}>
          <RoomView />
        </LiveSessionProvider>
      ) : (
        <p className="muted">Je plek in de sessie wordt opgezocht…</p>
      )}
    </div>
  );
}

function RoomView() {
  const { code, elements, tipInfo, elementNames, behaviourLabels, evaluation, themes, spiegelOn } = useLoaderData<typeof loader>();
  const client = useLiveClient();
  const state = useLiveState();
  const { snapshot } = state;
  // A vignette, or a role-play from a vignette's script: its transcript and its situation.
  const casus = useCasus<RoomCasus>(`/sessie/${code}`, snapshot?.source.kind !== "media" ? snapshot?.source.slug : null);
  const transcript = casus?.transcript ?? null;
  const t = useGesprekTime();
  // After the reveal, the phone follows the host into the gesprek when the host jumps there.
  const revisit = useRevisit(snapshot);

  if (state.status === "ended" && state.takenOver) {
    // Another tab or phone rates for this seat now (docs/decisions/016); opening the page again takes it back.
    return (
      <section className="card ended" aria-labelledby="ended-h">
        <h1 id="ended-h">Je beoordeelt in een ander venster</h1>
        <p>{state.ended?.message}</p>
        <p>
          <Link className="button" to={`/sessie/${code}`} reloadDocument>
            Hier verder beoordelen
          </Link>
        </p>
      </section>
    );
  }
  if (state.status === "ended") {
    const error = state.ended;
    return (
      <section className="card ended" aria-labelledby="ended-h">
        <h1 id="ended-h">{error?.code === "removed" ? "Je doet niet meer mee in deze sessie" : "Je kunt niet (meer) in deze sessie"}</h1>
        <p>{error?.message}</p>
        {error?.code !== "removed" ? (
          <p>
            <Link className="button" to={`/doe-mee?code=${code}`}>
              Opnieuw meedoen
            </Link>
          </p>
        ) : null}
      </section>
    );
  }
  if (!snapshot || !client) {
    return (
      <>
        <ConnectionChip status={state.status} />
        <p className="muted">Verbinden met de sessie…</p>
      </>
    );
  }

  const { you, phase } = snapshot;
  const role = you.role === "host" ? null : you.role;
  const rater = role !== null && RATER_ROLES.includes(role);

  let body: ReactNode;
  switch (phase) {
    case "lobby":
      body = (
        <>
          <h1>Welkom, {you.name}</h1>
          <p className="lead">Je bent binnen. De begeleider begint zo; dit scherm volgt vanzelf.</p>
          {rater ? (
            <div className="card">
              <FocusChooser client={client} elements={elements} focus={you.focus} />
            </div>
          ) : (
            <p>Als observator kijk je mee en beoordeel je niet. Je ziet de resultaten als de begeleider ze onthult.</p>
          )}
        </>
      );
      break;
    case "briefing":
      body = (
        <>
          <h1>Briefing</h1>
          <Briefing briefing={snapshot.briefing} settingHtml={casus && casus.situation === snapshot.briefing.setting ? casus.situationHtml : null} />
          {rater ? (
            <div className="card">
              <FocusChooser client={client} elements={elements} focus={you.focus} />
              <p className="hint">
                Tijdens het gesprek schuif je je oordeel mee van 0 tot 10. Zie je iets gebeuren, tik dan op het element om een
                moment te markeren. Niemand ziet jouw scores voordat de begeleider ze onthult.
              </p>
            </div>
          ) : null}
        </>
      );
      break;
    case "live":
      body = (
        <>
          <h1 className="visually-hidden">Live beoordelen</h1>
          <div className="live-layout">
            <div className="live-gesprek">
              <p className="room-question">
                <span className="muted">Vraag: </span>
                {snapshot.briefing.question}
              </p>
              <GesprekView client={client} snapshot={snapshot} transcript={transcript} t={t} />
            </div>
            <div className="live-panel">
              {rater ? (
                <LiveRating client={client} state={state} elements={elements} />
              ) : (
                <p className="card">Je kijkt mee als observator. Let op wat je ziet; je beoordeelt niet.</p>
              )}
            </div>
          </div>
        </>
      );
      break;
    case "final":
      body = rater ? (
        <>
          <FinalRatingForm client={client} state={state} elements={elements} />
          <SyncStatus state={state} />
        </>
      ) : (
        <>
          <h1>Eindoordeel</h1>
          <p>De beoordelaars geven nu hun eindoordeel. Zo dadelijk onthult de begeleider de resultaten.</p>
        </>
      );
      break;
    case "reveal":
    case "discussion":
      body = (
        <>
          <h1>{phase === "reveal" ? "Resultaten" : "Bespreking"}</h1>
          <p className="room-question">
            <span className="muted">Vraag: </span>
            {snapshot.briefing.question}
          </p>
          <p className="actions revisit-open">
            <button type="button" className="secondary" aria-expanded={revisit.open} onClick={() => revisit.setOpen(!revisit.open)}>
              {revisit.open ? "Terugkijken sluiten" : "Het gesprek terugkijken"}
            </button>
          </p>
          {state.results ? (
            <PhoneReveal
              results={state.results}
              own={rater && you.final ? you.final.scores : null}
              tips={state.tips ?? null}
              tipInfo={tipInfo}
              elementNames={elementNames}
              discussedTips={snapshot.discussedTips ?? []}
            />
          ) : (
            <RoomResults state={state} content={{ tipInfo, elementNames, behaviourLabels }} transcript={transcript} mode="screen" />
          )}
          {revisit.open ? (
            <GesprekRevisit client={client} snapshot={snapshot} transcript={transcript} t={t} host={false} onClose={() => revisit.setOpen(false)} />
          ) : null}
        </>
      );
      break;
    case "reflection":
      body = (
        <>
          <h1>Reflectie</h1>
          <p className="lead">Twee stappen: schrijf op wat je meeneemt uit deze sessie, en vertel daarna hoe je de sessie vond.</p>
          <ReflectionSteps
            client={client}
            code={code}
            participantId={you.id}
            reflection={you.reflection ?? null}
            evaluation={you.evaluation ?? null}
            themes={themes}
            form={evaluation}
            online={state.status === "online"}
            place={role === "ervaringsdeskundige" ? "eigen" : "casus"}
          />
          <details className="card room-results-again">
            <summary>De uitkomsten nog eens bekijken</summary>
            <RoomResults state={state} content={{ tipInfo, elementNames, behaviourLabels }} transcript={transcript} mode="screen" />
          </details>
        </>
      );
      break;
    case "closed":
      body = <ClosedRoom code={code} participantId={you.id} reflection={you.reflection ?? null} />;
      break;
  }

  return (
    <>
      <header className="room-header">
        <p className="room-title">{snapshot.title}</p>
        <p className="room-meta">
          <span className="phase-badge" data-phase={phase}>
            {PHASE_LABELS[phase]}
          </span>{" "}
          <span>
            {you.name}
            {role ? ` · ${ROLE_LABELS[role]}` : ""}
          </span>
        </p>
        <ConnectionChip status={state.status} />
      </header>
      {/* An eigen casus: a real client's situation is in the room (decision 021). */}
      {snapshot.method?.ownCase && phase !== "closed" ? <OwnCaseWarning /> : null}
      {body}
      {spiegelOn && SHARE_PHASES.includes(phase) && role ? <ShareSpiegelForm client={client} snapshot={snapshot} /> : null}
    </>
  );
}

/** The end of the evening on a phone: thanks, and nothing typed left behind on a shared device. */
function ClosedRoom({ code, participantId, reflection }: { code: string; participantId: string; reflection: Reflection | null }) {
  useEffect(() => {
    const store = browserStore();
    store.remove(storageKeys.draft("reflection", code, participantId));
    store.remove(storageKeys.draft("evaluation", code, participantId));
  }, [code, participantId]);
  return (
    <section className="closed-room" aria-labelledby="closed-h">
      <h1 id="closed-h">Bedankt voor het meedoen</h1>
      <p className="lead">
        De sessie is afgesloten. De begeleider maakt het verslag;{" "}
        {reflection ? "jouw leerpunt staat daarin zonder je naam." : "daarin staan de leerpunten van de groep, zonder namen."}
      </p>
      {reflection ? (
        <section className="card reflection-done" aria-labelledby="own-h">
          <h2 id="own-h">Jouw leerpunt</h2>
          <dl className="reflection-text">
            <dt>Leerpunt</dt>
            <dd>{reflection.learningPoint}</dd>
            <dt>Actie</dt>
            <dd>{reflection.action}</dd>
          </dl>
        </section>
      ) : null}
      <p>Wil je verder oefenen? Lees de zes tips nog eens of gebruik het werkblad in je volgende gesprek.</p>
      <p className="actions">
        <Link className="button secondary" to="/tips">
          De zes tips
        </Link>
        <Link className="button secondary" to="/werkblad">
          Werkblad Ons gesprek
        </Link>
      </p>
    </section>
  );
}
