import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { agendaTexts } from "~/agenda.server";
import { AgendaControl } from "~/components/agenda/AgendaControl";
import { HostOwnCase } from "~/components/agenda/HostOwnCase";
import { ErrorAlert } from "~/components/ErrorAlert";
import { ConnectionChip } from "~/components/live/ConnectionChip";
import { DeleteSession } from "~/components/live/DeleteSession";
import { GesprekRevisit, REVISIT_PHASES } from "~/components/live/GesprekRevisit";
import { ReportLink } from "~/components/live/ReportAccess";
import { RoomResults } from "~/components/live/RoomResults";
import { StorageStatusAlert } from "~/components/live/StorageStatusAlert";
import { SpiegelRequests } from "~/components/spiegel/SpiegelRequests";
import { Participants, Roster } from "~/components/stage/Participants";
import { PhaseControls } from "~/components/stage/PhaseControls";
import { stageLinks } from "~/components/stage/styles";
import { formatJoinCode } from "~/core/join-code";
import { PHASE_LABELS } from "~/core/session";
import { useHostCookie } from "~/realtime/host-http";
import { LiveSessionProvider, useGesprekTime, useLiveClient, useLiveState } from "~/realtime/provider";
import type { HostCasus } from "~/realtime/room-content";
import { hostCasus, roomElements } from "~/realtime/room-content.server";
import { browserStore, storageKeys } from "~/realtime/storage";
import { useCasus } from "~/realtime/use-casus";
import { stageLoaderData } from "~/stage.server";
import { BriefingPhase } from "./BriefingPhase";
import { ClosedPhase } from "./ClosedPhase";
import { DiscussionPhase } from "./DiscussionPhase";
import { FinalPhase } from "./FinalPhase";
import type { PhaseProps } from "./host-view";
import { LivePhase } from "./LivePhase";
import { LobbyPhase } from "./LobbyPhase";
import { ReflectionPhase } from "./ReflectionPhase";
import { RevealPhase, type ResultsTools } from "./RevealPhase";
import agendaCss from "~/styles/agenda.css?url";

export const links: LinksFunction = () => [...stageLinks, { rel: "stylesheet", href: agendaCss }];

export const meta: MetaFunction = () => [
  { title: "Begeleiden — OT-sessie — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

export async function loader(args: LoaderFunctionArgs) {
  const { content, slug, ...data } = await stageLoaderData(args);
  return { ...data, elements: roomElements(content), casus: hostCasus(content, slug), agenda: agendaTexts(content, "host") };
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The host token from a pasted host link (…/host#token=…) or the bare token. */
function tokenFrom(text: string): string | null {
  const trimmed = text.trim();
  const hash = trimmed.includes("#") ? trimmed.slice(trimmed.indexOf("#") + 1) : trimmed;
  const token = new URLSearchParams(hash).get("token") ?? hash;
  return TOKEN.test(token) ? token : null;
}

export default function HostPage() {
  const { code } = useLoaderData<typeof loader>();
  // undefined: not read yet (server render); null: this browser has no token for the session.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [refused, setRefused] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);
  // While the host deletes the session, the room ending (session:removed) is expected, not a refusal.
  const deleting = useRef(false);

  useEffect(() => {
    const store = browserStore();
    const fromLink = window.location.hash ? tokenFrom(window.location.hash) : null;
    if (fromLink) {
      store.set(storageKeys.hostToken(code), fromLink);
      // Off the address bar: the projector shows this page.
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
    setToken(fromLink ?? store.get(storageKeys.hostToken(code)));
  }, [code]);

  const forget = useCallback(
    (message: string) => {
      if (deleting.current) return;
      browserStore().remove(storageKeys.hostToken(code));
      setRefused(message);
      setToken(null);
    },
    [code],
  );

  const onDeleted = useCallback(() => {
    browserStore().remove(storageKeys.hostToken(code));
    setDeleted(true);
    setToken(null);
  }, [code]);

  return (
    <div className="live-page host control">
      {deleted ? (
        <section className="card host-deleted" aria-labelledby="deleted-h">
          <h1 id="deleted-h">De sessie is verwijderd</h1>
          <p className="lead">Alle beoordelingen, leerpunten, evaluaties en uitkomsten van deze sessie zijn gewist.</p>
          <p className="actions">
            <Link className="button" to="/sessies/nieuw">
              Nieuwe sessie aanmaken
            </Link>
            <Link className="button secondary" to="/">
              Naar de startpagina
            </Link>
          </p>
        </section>
      ) : token ? (
        <LiveSessionProvider code={code} credentials={{ kind: "host", hostToken: token }}>
          <HostView
            hostToken={token}
            onRefused={forget}
            onDeleting={(d) => {
              deleting.current = d;
            }}
            onDeleted={onDeleted}
          />
        </LiveSessionProvider>
      ) : token === null ? (
        <HostAccess
          code={code}
          refused={refused}
          onToken={(t) => {
            browserStore().set(storageKeys.hostToken(code), t);
            setRefused(null);
            setToken(t);
          }}
        />
      ) : (
        <p className="muted">Het begeleidersscherm wordt geopend…</p>
      )}
    </div>
  );
}

function HostAccess({ code, refused, onToken }: { code: string; refused: string | null; onToken: (token: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = tokenFrom(String(new FormData(event.currentTarget).get("link") ?? ""));
    if (token) onToken(token);
    else setError("Dit is geen begeleiderslink. Plak de hele link die je kreeg bij het aanmaken van de sessie.");
  };
  return (
    <section className="card host-access" aria-labelledby="access-h">
      <h1 id="access-h">Begeleiden van sessie {formatJoinCode(code)}</h1>
      {refused ? <p className="alert error">{refused}</p> : null}
      <p>
        Dit scherm is alleen voor de begeleider. Open de privélink die je kreeg toen je de sessie aanmaakte, of plak hem hieronder.
        Doe je mee als deelnemer? <Link to={`/doe-mee?code=${code}`}>Ga naar meedoen</Link>.
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="host-link">Begeleiderslink</label>
          <input id="host-link" name="link" type="text" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? "host-link-fout" : undefined} />
          {error ? (
            <p className="feedback-wrong" id="host-link-fout">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit">Openen</button>
      </form>
    </section>
  );
}

function HostView({
  hostToken,
  onRefused,
  onDeleting,
  onDeleted,
}: {
  hostToken: string;
  onRefused: (message: string) => void;
  onDeleting: (deleting: boolean) => void;
  onDeleted: () => void;
}) {
  const { code, joinUrl, qr, alternatives, elements, tipInfo, elementNames, behaviourLabels, agenda } = useLoaderData<typeof loader>();
  const client = useLiveClient();
  const state = useLiveState();
  const { snapshot } = state;
  const slug = snapshot && snapshot.source.kind !== "media" ? snapshot.source.slug : null;
  const casus = useCasus<HostCasus>(`/sessie/${code}/host`, slug);
  const t = useGesprekTime();
  // The report is a server-rendered page: this browser trades the token for a cookie once per load.
  const cookie = useHostCookie(snapshot?.sessionId ?? null, hostToken);
  const [revisitOpen, setRevisitOpen] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // A tip ticked here shows as ticked at once; the server's list takes over when it comes.
  const [tipOverrides, setTipOverrides] = useState<Record<string, boolean>>({});
  const serverTips: readonly string[] = snapshot?.discussedTips ?? [];
  const serverTipsKey = serverTips.join(",");
  useEffect(() => {
    const held = serverTipsKey ? serverTipsKey.split(",") : [];
    setTipOverrides((o) => {
      const left = Object.entries(o).filter(([id, discussed]) => held.includes(id) !== discussed);
      return left.length === Object.keys(o).length ? o : Object.fromEntries(left);
    });
  }, [serverTipsKey]);

  // A reaction-time correction on its way: shown as chosen until the new results carry it.
  const [lagPending, setLagPending] = useState<number | null>(null);
  const resultsLag = state.results?.timeline.lagSeconds ?? null;
  useEffect(() => {
    setLagPending((pending) => (pending === resultsLag ? null : pending));
  }, [resultsLag]);

  useEffect(() => {
    if (state.status === "ended" && state.ended) {
      onRefused(state.ended.code === "not_found" ? "Deze sessie bestaat niet (meer)." : state.ended.message);
    }
  }, [state.status, state.ended, onRefused]);

  if (!snapshot || !client) {
    return (
      <>
        <ConnectionChip status={state.status} />
        <p className="muted">Verbinden met de sessie…</p>
      </>
    );
  }
  const { phase } = snapshot;
  const reveal = { tipInfo, elementNames, behaviourLabels };
  const report = <ReportLink code={code} cookie={cookie.status} onRetry={cookie.retry} />;
  const actionAlert = <ErrorAlert message={actionError} />;
  const deleteSession = <DeleteSession sessionId={snapshot.sessionId} hostToken={hostToken} onDeleting={onDeleting} onDeleted={onDeleted} />;

  /** A jump from the results into the gesprek: the clock moves there for everyone, the panel opens. */
  const seek = (at: number) => {
    setRevisitOpen(true);
    const to = Math.max(0, snapshot.duration === null ? at : Math.min(at, snapshot.duration));
    void client.request("session:clock", { action: "seek", t: to }).then((ack) => setActionError(ack.ok ? null : ack.error.message));
  };
  const discussedTips = [
    ...serverTips.filter((id) => tipOverrides[id] !== false),
    ...Object.keys(tipOverrides).filter((id) => tipOverrides[id] && !serverTips.includes(id)),
  ];
  const toggleTip = (tipId: string) => {
    const discussed = !discussedTips.includes(tipId);
    setTipOverrides((o) => ({ ...o, [tipId]: discussed }));
    void client.request("tips:discussed", { tipId, discussed }).then((ack) => {
      setActionError(ack.ok ? null : ack.error.message);
      if (!ack.ok) {
        setTipOverrides((o) => Object.fromEntries(Object.entries(o).filter(([id]) => id !== tipId)));
      }
    });
  };

  const changeLag = (seconds: number) => {
    setLagPending(seconds);
    void client.request("results:lag", { seconds }).then((ack) => {
      setActionError(ack.ok ? null : ack.error.message);
      if (!ack.ok || ack.data.lagSeconds === resultsLag) setLagPending(null);
    });
  };

  /** The results with the host's tools; jumping into the gesprek only where the revisit panel is. */
  const results = (onSeek?: (t: number) => void) => (
    <RoomResults
      state={state}
      content={reveal}
      transcript={casus?.transcript ?? null}
      mode="projector"
      onSeek={onSeek}
      discussedTips={discussedTips}
      onToggleTip={toggleTip}
      onLagChange={changeLag}
      lagPending={lagPending}
    />
  );

  const props: PhaseProps = {
    client,
    state,
    snapshot,
    casus,
    elements,
    reveal,
    controls: <PhaseControls client={client} snapshot={snapshot} quiet={phase === "live"} />,
  };
  const tools: ResultsTools = { results, seek, report, actionAlert, revisitOpen, toggleRevisit: () => setRevisitOpen(!revisitOpen) };
  const roster = snapshot.settings.nameDisplay === "pseudoniemen" ? snapshot.host?.roster : undefined;

  return (
    <>
      <header className="room-header host-header">
        <div>
          <p className="room-title">{snapshot.title}</p>
          <p className="room-meta">
            <span className="phase-badge" data-phase={phase}>
              {PHASE_LABELS[phase]}
            </span>{" "}
            {phase !== "lobby" && phase !== "closed" ? (
              <span>
                Meedoen met code <strong className="inline-code">{formatJoinCode(code)}</strong>
              </span>
            ) : null}
          </p>
        </div>
        <div className="host-header-tools">
          <a className="button secondary beamer-link" href={`/sessie/${code}/beamer`} target="_blank" rel="noopener">
            Open het beamerscherm
          </a>
          <a className="one-screen-link" href={`/sessie/${code}/beamer?bediening=1`}>
            Eén scherm? Beamerscherm met bediening
          </a>
          <ConnectionChip status={state.status} />
        </div>
      </header>
      <StorageStatusAlert status={state.storage} />
      <AgendaControl client={client} snapshot={snapshot} texts={agenda} />
      {phase !== "reflection" && phase !== "closed" ? <SpiegelRequests client={client} spiegels={snapshot.spiegels ?? []} status="pending" /> : null}

      {phase === "lobby" ? <LobbyPhase {...props} code={code} joinUrl={joinUrl} qr={qr} alternatives={alternatives} hostToken={hostToken} /> : null}
      {phase === "briefing" ? <BriefingPhase {...props} hostToken={hostToken} /> : null}
      {phase === "live" ? <LivePhase {...props} /> : null}
      {phase === "final" ? <FinalPhase {...props} /> : null}
      {phase === "reveal" ? <RevealPhase {...props} {...tools} /> : null}
      {phase === "discussion" ? <DiscussionPhase {...props} {...tools} /> : null}
      {phase === "reflection" ? <ReflectionPhase {...props} results={results} report={report} actionAlert={actionAlert} /> : null}
      {phase === "closed" ? <ClosedPhase {...props} report={report} deleteSession={deleteSession} /> : null}
      {snapshot.method?.ownCase && agenda[snapshot.method.id]?.ownCase ? (
        <HostOwnCase phase={phase} texts={agenda[snapshot.method.id].ownCase!} leervraag={snapshot.briefing.question} elements={elements} />
      ) : null}

      {phase !== "lobby" && phase !== "closed" ? (
        <details className="host-participants">
          <summary>Deelnemers ({snapshot.participants.length})</summary>
          <Participants client={client} snapshot={snapshot} elements={elements} state={state} />
          {roster ? <Roster client={client} roster={roster} closed={false} /> : null}
        </details>
      ) : null}

      {phase !== "reflection" && phase !== "closed" ? (
        <SpiegelRequests client={client} spiegels={snapshot.spiegels ?? []} status="accepted" open={phase === "discussion"} />
      ) : null}

      {snapshot.source.kind === "roleplay" && casus?.roleplay ? <RoleplayScript slug={casus.slug} script={casus.roleplay} /> : null}

      {phase !== "closed" ? (
        <details className="host-manage">
          <summary>Sessie beheren</summary>
          <p className="hint">De gegevens zijn van de groep: je kunt de sessie met alles erin op elk moment verwijderen.</p>
          {deleteSession}
        </details>
      ) : null}

      {revisitOpen && REVISIT_PHASES.includes(phase) ? (
        <GesprekRevisit
          client={client}
          snapshot={snapshot}
          transcript={casus?.transcript ?? null}
          t={t}
          host
          onClock={(action, at) => {
            void client.request("session:clock", { action, t: at }).then((ack) => setActionError(ack.ok ? null : ack.error.message));
          }}
          onClose={() => setRevisitOpen(false)}
        />
      ) : null}
    </>
  );
}

/** Every player's card, folded away; the printable set (with the observers' sheets) opens in a new tab. */
function RoleplayScript({ slug, script }: { slug: string; script: NonNullable<HostCasus["roleplay"]> }) {
  return (
    <details className="roleplay-script card">
      <summary>Rollenspelscript (niet op het scherm tonen)</summary>
      <p>
        <a href={`/casussen/${slug}/rollenspel`} target="_blank" rel="noopener">
          Alle kaarten, kijkbladen en het draaiboek om te printen
        </a>
      </p>
      {script.cards.map((card) => (
        <section key={card.role} data-role={card.role}>
          <h2>{card.heading}</h2>
          <dl>
            {card.parts.map((part) => (
              <div key={part.title}>
                <dt>{part.title}</dt>
                <dd>{part.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </details>
  );
}
