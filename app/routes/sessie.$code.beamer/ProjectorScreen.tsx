// What the projector shows in each phase. Only what the whole room may see: pseudonyms when the
// session uses them (the snapshot's displayName), never the host's roster, flags or tools.
import { AgendaBand } from "~/components/agenda/AgendaBand";
import { ProjectorOwnCase } from "~/components/agenda/ProjectorOwnCase";
import type { AgendaTexts } from "~/components/agenda/texts";
import { GesprekView } from "~/components/live/GesprekView";
import { ProjectedPoints } from "~/components/live/HostReflection";
import { RevealPresentation } from "~/components/reveal/RevealPresentation";
import type { RevealContent } from "~/components/results/reveal-content";
import { SharedSpiegels } from "~/components/spiegel/SharedSpiegels";
import { JoinPanel } from "~/components/stage/JoinPanel";
import { FIRST_PRESENTATION } from "~/components/stage/steps";
import { formatClock } from "~/core/format";
import { formatJoinCode } from "~/core/join-code";
import { hotspotFocusId, type Presentation, RATER_ROLES, type SessionSnapshot } from "~/core/protocol";
import { formatNumber } from "~/core/results";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import { useGesprekTime } from "~/realtime/provider";
import type { RoomCasus } from "~/realtime/room-content";

interface ScreenProps {
  client: LiveClient;
  state: LiveState;
  snapshot: SessionSnapshot;
  casus: RoomCasus | null;
  joinUrl: string;
  qr: string | null;
  reveal: RevealContent;
  /** The OT methods' texts (the band) and the elements (an eigen casus's briefing). */
  agenda: AgendaTexts;
  elements: { id: string; name: string; definition: string }[];
}

export function ProjectorScreen(props: ScreenProps) {
  const { snapshot } = props;
  const { phase } = snapshot;
  const ownCase = snapshot.method?.ownCase ? (props.agenda[snapshot.method.id]?.ownCase ?? null) : null;
  return (
    <div className="projector-screen" data-phase={phase}>
      {phase !== "lobby" && phase !== "closed" ? (
        <p className="projector-corner">
          {snapshot.title} · meedoen met code <strong>{formatJoinCode(snapshot.code)}</strong>
        </p>
      ) : null}
      {phase === "lobby" ? <Lobby {...props} /> : null}
      {phase === "briefing" ? <BriefingScreen snapshot={snapshot} casus={props.casus} /> : null}
      {phase === "live" ? <Live {...props} /> : null}
      {phase === "final" ? <Finals snapshot={snapshot} /> : null}
      {phase === "reveal" ? <Reveal {...props} /> : null}
      {phase === "discussion" ? <Discussion {...props} /> : null}
      {phase === "reflection" ? <Reflection snapshot={snapshot} /> : null}
      {phase === "closed" ? <Closed snapshot={snapshot} /> : null}
      {ownCase ? <ProjectorOwnCase phase={phase} texts={ownCase} elements={props.elements} /> : null}
      <AgendaBand client={props.client} snapshot={snapshot} texts={props.agenda} />
    </div>
  );
}

function Lobby({ snapshot, joinUrl, qr }: ScreenProps) {
  const { participants } = snapshot;
  return (
    <div className="projector-lobby">
      <h1 id="projector-h" className="projector-title">
        {snapshot.title}
      </h1>
      <JoinPanel code={snapshot.code} joinUrl={joinUrl} qr={qr} qrSize={360} />
      <section className="projector-joined" aria-labelledby="joined-h">
        <h2 id="joined-h">
          {participants.length === 0 ? "Wie doet er mee?" : `${participants.length} ${participants.length === 1 ? "deelnemer" : "deelnemers"}`}
        </h2>
        {participants.length === 0 ? <p className="projector-muted">Scan de code: je naam verschijnt hier.</p> : null}
        <ul className="projector-names">
          {participants.map((p) => (
            <li key={p.id}>{p.displayName}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function BriefingScreen({ snapshot, casus }: { snapshot: SessionSnapshot; casus: RoomCasus | null }) {
  const { briefing } = snapshot;
  const html = casus && casus.situation === briefing.setting ? casus.situationHtml : null;
  return (
    <div className="projector-briefing">
      <h1 id="projector-h">Briefing</h1>
      {briefing.setting ? (
        html ? (
          // Sanitised by app/core/markdown.ts (allowlist) from our own content.
          <div className="projector-setting" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p className="projector-setting">{briefing.setting}</p>
        )
      ) : null}
      <Question question={briefing.question} label={snapshot.method?.ownCase ? "Leervraag van de inbrenger" : undefined} />
    </div>
  );
}

function Question({ question, label = "Vraag aan de groep" }: { question: string; label?: string }) {
  return (
    <section className="projector-question" aria-labelledby="question-h">
      <h2 id="question-h">{label}</h2>
      <p>{question || "De begeleider stelt de vraag in de groep."}</p>
    </section>
  );
}

function Live({ client, snapshot, casus }: ScreenProps) {
  const t = useGesprekTime();
  return (
    <div className="projector-live">
      <div className="projector-live-head">
        <h1 id="projector-h">Live beoordelen</h1>
        <p className="projector-clock" aria-label={`Gesprekstijd ${formatClock(t)}${snapshot.clock.playing ? "" : ", gepauzeerd"}`}>
          <span aria-hidden="true">{snapshot.clock.playing ? "▶" : "❚❚"}</span> {formatClock(t)}
          {snapshot.duration !== null ? <span className="projector-muted"> / {formatClock(snapshot.duration)}</span> : null}
        </p>
      </div>
      <GesprekView client={client} snapshot={snapshot} transcript={casus?.transcript ?? null} t={t} host />
    </div>
  );
}

function Finals({ snapshot }: { snapshot: SessionSnapshot }) {
  const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
  const done = raters.filter((p) => p.finalSubmitted).length;
  return (
    <div className="projector-finals">
      <h1 id="projector-h">Eindoordeel</h1>
      <p className="projector-big" role="status">
        {done} van {raters.length} eindoordelen binnen
      </p>
      <p className="projector-meter" aria-hidden="true">
        {raters.map((p) => (
          <span key={p.id} className={p.finalSubmitted ? "in" : undefined} />
        ))}
      </p>
      <p className="projector-muted">Geef op je telefoon je eindoordeel per element. Daarna onthullen we samen.</p>
    </div>
  );
}

function presentationOf(snapshot: SessionSnapshot): Presentation {
  return snapshot.presentation ?? FIRST_PRESENTATION;
}

function Reveal({ state, snapshot, casus, reveal }: ScreenProps) {
  const { step } = presentationOf(snapshot);
  if (!state.results) {
    return (
      <div className="projector-wait-results">
        <h1 id="projector-h">Onthulling</h1>
        <p className="projector-muted" role="status">
          De uitkomsten komen eraan…
        </p>
      </div>
    );
  }
  return (
    <div className="projector-reveal">
      <h1 id="projector-h" className="visually-hidden">
        Onthulling
      </h1>
      <RevealPresentation
        results={state.results}
        step={step}
        tips={state.tips ?? undefined}
        tipInfo={reveal.tipInfo}
        elementNames={reveal.elementNames}
        behaviourLabels={reveal.behaviourLabels}
        turns={casus?.transcript.turns.map((t) => ({ speaker: t.speaker, text: t.text }))}
        discussedTips={snapshot.discussedTips ?? []}
      />
    </div>
  );
}

function Discussion({ state, snapshot, casus, reveal }: ScreenProps) {
  const { focus } = presentationOf(snapshot);
  const results = state.results;
  const hotspot = focus?.kind === "hotspot" ? results?.hotspots.find((h) => hotspotFocusId(h) === focus.id) : undefined;
  const tip = focus?.kind === "tip" ? reveal.tipInfo.find((x) => x.id === focus.id) : undefined;
  const turn = hotspot && hotspot.turnIndex !== null ? casus?.transcript.turns[hotspot.turnIndex] : undefined;
  return (
    <div className="projector-discussion">
      <h1 id="projector-h">Bespreking</h1>
      <Question question={snapshot.briefing.question} />
      {hotspot ? (
        <section className="projector-focus" aria-labelledby="focus-h">
          <h2 id="focus-h">
            {reveal.elementNames[hotspot.elementId] ?? hotspot.elementId}, {formatClock(hotspot.start)}–{formatClock(hotspot.end)}
          </h2>
          <p>Hier liepen de beoordelingen het verst uiteen: gemiddeld {formatNumber(hotspot.meanRange, 1)} punt tussen laagste en hoogste.</p>
          {turn ? (
            <blockquote>
              <p>
                <strong>{turn.speaker}:</strong> {turn.text}
              </p>
            </blockquote>
          ) : null}
        </section>
      ) : null}
      {tip ? (
        <section className="projector-focus" aria-labelledby="focus-h">
          <h2 id="focus-h">
            Tip {tip.number}: {tip.title}
          </h2>
          {tip.body ? <p>{tip.body}</p> : null}
        </section>
      ) : null}
      {/* One thing at a time: shared mirrors show while no hotspot or tip is in focus. */}
      {!hotspot && !tip ? <SharedSpiegels spiegels={snapshot.spiegels ?? []} elementNames={reveal.elementNames} /> : null}
    </div>
  );
}

function Reflection({ snapshot }: { snapshot: SessionSnapshot }) {
  const view = snapshot.host;
  return (
    <div className="projector-reflection">
      <h1 id="projector-h">Reflectie</h1>
      {view?.projecting ? (
        <ProjectedPoints points={view.projected} />
      ) : (
        <p className="projector-big">Wat neem je mee uit dit gesprek? Schrijf het op je telefoon: één leerpunt en één actie.</p>
      )}
    </div>
  );
}

function Closed({ snapshot }: { snapshot: SessionSnapshot }) {
  return (
    <div className="projector-closed">
      <h1 id="projector-h">Bedankt voor jullie inbreng</h1>
      <p className="projector-big">{snapshot.title} is afgerond.</p>
      <p className="projector-muted">Het verslag gaat zonder namen naar de OT-administratie.</p>
    </div>
  );
}
