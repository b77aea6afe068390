// /sessie/:code/host — the facilitator's screen, made for the projector: the join code and QR in
// the lobby, participants appearing live, phase steps along the allowed transitions, the gesprek
// clock, who is rating (presence only), who has submitted; after the reveal the results with the
// tips (jump into the gesprek, mark tips as discussed), the reflection (counts, learning points on
// the projector, personal-data flags), the report link and, at the end, deleting the session.
//
// The host token arrives in the link's fragment (never sent to a server), is kept in this browser
// per session code and removed from the address bar, so the projector never shows it and a reload
// or a second tab re-attaches to the running session.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { Briefing } from "~/components/live/Briefing";
import { ClockControls } from "~/components/live/ClockControls";
import { ConnectionChip } from "~/components/live/ConnectionChip";
import { DeleteSession } from "~/components/live/DeleteSession";
import { GesprekRevisit, REVISIT_PHASES } from "~/components/live/GesprekRevisit";
import { GesprekView } from "~/components/live/GesprekView";
import { JoinLink } from "~/components/live/JoinLink";
import { HostReflection } from "~/components/live/HostReflection";
import { MediaUpload } from "~/components/live/MediaUpload";
import { PersonalDataFlags, ReportLink } from "~/components/live/ReportAccess";
import { RoomResults } from "~/components/live/RoomResults";
import { StorageStatusAlert } from "~/components/live/StorageStatusAlert";
import { isRevealResults, revealContent } from "~/components/results/reveal-content";
import { resultsStylesHref } from "~/components/results/styles";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { formatJoinCode } from "~/core/join-code";
import { type ParticipantView, type Phase, RATER_ROLES, type SessionSnapshot } from "~/core/protocol";
import { PHASE_LABELS, PHASE_TRANSITIONS } from "~/core/session";
import { useHostCookie } from "~/realtime/host-http";
import type { LiveClient, LiveState } from "~/realtime/live-client";
import { LiveSessionProvider, useGesprekTime, useLiveClient, useLiveState } from "~/realtime/provider";
import { type HostCasus, normaliseCode, ROLE_LABELS, type RoomElement } from "~/realtime/room-content";
import { hostCasus, joinLinks, joinQrDataUrl, roomElements } from "~/realtime/room-content.server";
import { browserStore, storageKeys } from "~/realtime/storage";
import { useCasus } from "~/realtime/use-casus";
import liveCss from "~/styles/live.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: liveCss },
  { rel: "stylesheet", href: resultsStylesHref },
];

export const meta: MetaFunction = () => [
  { title: "Begeleiden — OT-sessie — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const code = normaliseCode(params.code);
  if (!code) throw new Response("Deze sessiecode kan niet kloppen.", { status: 404 });
  const { content } = context.services;
  const slug = new URL(request.url).searchParams.get("casus");
  const join = joinLinks(request, code, context.services);
  return {
    code,
    ...join,
    qr: slug ? null : await joinQrDataUrl(join.joinUrl),
    elements: roomElements(content),
    casus: hostCasus(content, slug),
    ...revealContent(content),
  };
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
    <div className="live-page host">
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
  const { code, joinUrl, alternatives, qr, elements, tipInfo, elementNames, behaviourLabels } = useLoaderData<typeof loader>();
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
  // A tip ticked on the projector shows as ticked at once; the server's list takes over when it comes.
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
  const resultsLag = isRevealResults(state.results) ? state.results.timeline.lagSeconds : null;
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
  const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
  const reveal = { tipInfo, elementNames, behaviourLabels };
  const report = <ReportLink code={code} cookie={cookie.status} onRetry={cookie.retry} />;
  const actionAlert = <ErrorAlert message={actionError} />;

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

  /** The results on the projector, with the host's tools; jumping into the gesprek only where the revisit panel is. */
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
        <ConnectionChip status={state.status} />
      </header>
      <StorageStatusAlert status={state.storage} />

      {phase === "lobby" ? (
        <section className="lobby" aria-labelledby="lobby-h">
          <h1 id="lobby-h" className="visually-hidden">
            Wachtruimte
          </h1>
          <div className="join-panel card">
            <p className="join-label">Doe mee op je telefoon</p>
            <p className="join-code" aria-label={`Code: ${[...code].join(" ")}`}>
              {formatJoinCode(code)}
            </p>
            <JoinLink joinUrl={joinUrl} qr={qr} alternatives={alternatives} />
          </div>
          <Participants client={client} snapshot={snapshot} elements={elements} state={state} />
        </section>
      ) : null}

      {snapshot.source.kind === "media" && !snapshot.source.mediaUrl && (phase === "lobby" || phase === "briefing") ? (
        <section className="card" aria-labelledby="upload-h">
          <h2 id="upload-h">De opname ontbreekt nog</h2>
          <p>Upload de opname die de groep gaat bekijken; daarna kan het live beoordelen beginnen.</p>
          <MediaUpload sessionId={snapshot.sessionId} hostToken={hostToken} />
        </section>
      ) : null}

      <PhaseControls client={client} snapshot={snapshot} />

      {phase === "briefing" ? <Briefing briefing={snapshot.briefing} settingHtml={casus && casus.situation === snapshot.briefing.setting ? casus.situationHtml : null} /> : null}

      {phase === "live" ? (
        <section className="host-live" aria-labelledby="live-h">
          <h1 id="live-h" className="visually-hidden">
            Live beoordelen
          </h1>
          <p className="room-question">
            <span className="muted">Vraag: </span>
            {snapshot.briefing.question}
          </p>
          <div className="host-live-grid">
            <div className="host-live-main">
              <GesprekView
                client={client}
                snapshot={snapshot}
                transcript={casus?.transcript ?? null}
                t={t}
                host
                onSeek={(at) => void client.request("session:clock", { action: "seek", t: at })}
              />
            </div>
            <div className="host-live-side">
              <ClockControls
                clock={snapshot.clock}
                t={t}
                duration={snapshot.duration}
                onClock={async (action, at) => {
                  const ack = await client.request("session:clock", { action, t: at });
                  return ack.ok ? null : ack.error.message;
                }}
              />
              <Presence raters={raters} state={state} />
            </div>
          </div>
        </section>
      ) : null}

      {phase === "final" ? <Submissions raters={raters} /> : null}

      {phase === "reveal" || phase === "discussion" ? (
        <section className="host-results" aria-labelledby="results-h">
          <div className="host-results-head">
            <h1 id="results-h">{phase === "reveal" ? "Uitkomsten" : "Bespreking"}</h1>
            <div className="host-tools">
              <button type="button" className="secondary" aria-expanded={revisitOpen} onClick={() => setRevisitOpen(!revisitOpen)}>
                {revisitOpen ? "Terugkijken sluiten" : "Gesprek terugkijken"}
              </button>
              {report}
            </div>
          </div>
          {actionAlert}
          {results(seek)}
        </section>
      ) : null}

      {phase === "reflection" ? (
        <>
          <HostReflection client={client} view={snapshot.host} />
          <section className="host-report card" aria-labelledby="report-h">
            <h2 id="report-h">Het verslag</h2>
            <p>Het verslag is het OT-verslag van vanavond: uitkomsten, besproken tips, leerpunten en de evaluatie, zonder namen.</p>
            <PersonalDataFlags flags={snapshot.host?.personalData ?? []} headingLevel={3} />
            <p className="actions">{report}</p>
          </section>
          {actionAlert}
          <details className="card host-results-again">
            <summary>De uitkomsten nog eens bekijken</summary>
            {results()}
          </details>
        </>
      ) : null}

      {phase === "closed" ? (
        <section className="host-closed" aria-labelledby="closed-h">
          <h1 id="closed-h">De sessie is afgesloten</h1>
          <p className="lead">Bedankt voor het begeleiden. Er verandert niets meer aan deze sessie; het verslag staat klaar.</p>
          <PersonalDataFlags flags={snapshot.host?.personalData ?? []} />
          <p className="actions">{report}</p>
          <div className="card host-data">
            <h2>De gegevens van de groep</h2>
            <p>
              Bewaar het verslag als pdf of download het als CSV of JSON. Daarna kun je de sessie verwijderen; zonder dat wist de
              server haar vanzelf na de bewaartermijn (standaard 30 dagen na de laatste activiteit).
            </p>
            <DeleteSession sessionId={snapshot.sessionId} hostToken={hostToken} onDeleting={onDeleting} onDeleted={onDeleted} />
          </div>
        </section>
      ) : null}

      {phase !== "lobby" && phase !== "closed" ? (
        <details className="host-participants">
          <summary>Deelnemers ({snapshot.participants.length})</summary>
          <Participants client={client} snapshot={snapshot} elements={elements} state={state} />
        </details>
      ) : null}

      {snapshot.source.kind === "roleplay" && casus?.roleplay ? (
        <details className="roleplay-script card">
          <summary>Rollenspelscript (niet op het scherm tonen)</summary>
          <h2>De cliënt</h2>
          <dl>
            <dt>Situatie</dt>
            <dd>{casus.roleplay.client.situation}</dd>
            <dt>Wat de cliënt voelt</dt>
            <dd>{casus.roleplay.client.feels}</dd>
            <dt>Wat de cliënt achterhoudt</dt>
            <dd>{casus.roleplay.client.holdsBack}</dd>
            <dt>Wanneer de cliënt zich opent</dt>
            <dd>{casus.roleplay.client.opensUp}</dd>
          </dl>
          <h2>De arbeidsdeskundige</h2>
          <dl>
            <dt>Situatie</dt>
            <dd>{casus.roleplay.ad.situation}</dd>
            <dt>Opdracht</dt>
            <dd>{casus.roleplay.ad.task}</dd>
            <dt>Let op</dt>
            <dd>{casus.roleplay.ad.watchFor}</dd>
          </dl>
        </details>
      ) : null}

      {phase !== "closed" ? (
        <details className="host-manage">
          <summary>Sessie beheren</summary>
          <p className="hint">De gegevens zijn van de groep: je kunt de sessie met alles erin op elk moment verwijderen.</p>
          <DeleteSession sessionId={snapshot.sessionId} hostToken={hostToken} onDeleting={onDeleting} onDeleted={onDeleted} />
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

const STEP_LABELS: Record<Phase, string> = {
  lobby: "Terug naar de wachtruimte",
  briefing: "Naar de briefing",
  live: "Start het live beoordelen",
  final: "Naar het eindoordeel",
  reveal: "Onthul de resultaten",
  discussion: "Naar de bespreking",
  reflection: "Naar de reflectie",
  closed: "Sessie afsluiten",
};

function stepLabel(from: Phase, to: Phase): string {
  return from === "final" && to === "live" ? "Terug naar live (eindoordeel heropenen)" : STEP_LABELS[to];
}

/** A step that cannot be undone, or that leaves people behind, asks once more. */
function confirmationFor(to: Phase, snapshot: SessionSnapshot): string | null {
  if (to === "closed") return "Afsluiten kan niet ongedaan worden. Daarna verandert er niets meer aan deze sessie.";
  if (to === "reveal") {
    const raters = snapshot.participants.filter((p) => RATER_ROLES.includes(p.role));
    const missing = raters.filter((p) => !p.finalSubmitted).length;
    return missing > 0
      ? `${missing} van de ${raters.length} beoordelaars ${missing === 1 ? "heeft" : "hebben"} nog geen eindoordeel ingeleverd. Na het onthullen kan dat niet meer.`
      : null;
  }
  return null;
}

function PhaseControls({ client, snapshot }: { client: LiveClient; snapshot: SessionSnapshot }) {
  const { phase } = snapshot;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Phase | null>(null);
  const next = PHASE_TRANSITIONS[phase];

  useEffect(() => {
    setError(null);
    setConfirming(null);
  }, [phase]);

  if (next.length === 0) return null;

  const go = async (to: Phase, confirmed = false) => {
    if (!confirmed && confirmationFor(to, snapshot)) {
      setConfirming(to);
      return;
    }
    setBusy(true);
    setConfirming(null);
    const ack = await client.request("session:phase", { phase: to });
    setBusy(false);
    // A retried step whose first ack was lost is refused as "already there": that is success.
    if (!ack.ok && client.getState().snapshot?.phase !== to) setError(ack.error.message);
    else setError(null);
  };

  return (
    <nav className="phase-controls" aria-label="Fasen van de sessie">
      <ol className="phase-track">
        {(["lobby", "briefing", "live", "final", "reveal", "discussion", "reflection", "closed"] as const).map((p) => (
          <li key={p} aria-current={p === phase ? "step" : undefined} className={p === phase ? "current" : undefined}>
            {PHASE_LABELS[p]}
          </li>
        ))}
      </ol>
      <div className="actions">
        {next.map((to, i) => (
          <button key={to} type="button" className={i === 0 ? undefined : "secondary"} disabled={busy} onClick={() => void go(to)}>
            {stepLabel(phase, to)}
          </button>
        ))}
      </div>
      {confirming ? (
        <div className="alert warn" role="alertdialog" aria-labelledby="confirm-step">
          <p id="confirm-step">{confirmationFor(confirming, snapshot)}</p>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void go(confirming, true)}>
              Ja, {stepLabel(phase, confirming).toLowerCase()}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Nee, nog niet
            </button>
          </div>
        </div>
      ) : null}
      <ErrorAlert message={error} />
    </nav>
  );
}

function Participants({
  client,
  snapshot,
  elements,
  state,
}: {
  client: LiveClient;
  snapshot: SessionSnapshot;
  elements: RoomElement[];
  state: LiveState;
}) {
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const { participants, phase } = snapshot;
  const canFocus = ["lobby", "briefing", "live", "final"].includes(phase);
  const raters = participants.filter((p) => RATER_ROLES.includes(p.role));
  const name = (id: ElementId) => elements.find((e) => e.id === id)?.name ?? id;
  const report = (ack: { ok: boolean; error?: { message: string } }) => setError(ack.ok ? null : (ack.error?.message ?? null));

  return (
    <section className="participants card" aria-labelledby="participants-h">
      <h2 id="participants-h">
        Deelnemers <span className="count">{participants.length}</span>
      </h2>
      {participants.length === 0 ? <p className="muted">Nog niemand. Deelnemers verschijnen hier zodra ze meedoen.</p> : null}
      {canFocus && raters.length > 0 ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={async () => report(await client.request("participant:focus", { spread: true }))}>
            Verdeel de elementen gelijk
          </button>
          <span className="hint">Elke beoordelaar krijgt een focus-element; samen dekken ze alle vier.</span>
        </div>
      ) : null}
      <ErrorAlert message={error} />
      <ul className="participant-list" aria-live="polite">
        {participants.map((p) => (
          <li key={p.id} className={`participant role-${p.role}${p.connected ? "" : " disconnected"}`}>
            <span className="participant-name">{p.displayName}</span>
            <span className={`role-tag role-${p.role}`}>{ROLE_LABELS[p.role]}</span>
            {!p.connected ? <span className="muted">niet verbonden</span> : null}
            {RATER_ROLES.includes(p.role) && canFocus ? (
              <label className="focus-select">
                <span className="visually-hidden">Focus-element van {p.displayName}</span>
                <select
                  value={p.focus ?? ""}
                  onChange={async (e) => {
                    const element = e.currentTarget.value as ElementId;
                    if (ELEMENT_IDS.includes(element)) report(await client.request("participant:focus", { participantId: p.id, element }));
                  }}
                >
                  {p.focus === null ? <option value="">Geen focus</option> : null}
                  {elements.map((el) => (
                    <option key={el.id} value={el.id}>
                      {el.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : p.focus ? (
              <span className={`tag el-${p.focus}`}>{name(p.focus)}</span>
            ) : null}
            {phase !== "closed" ? (
              removing === p.id ? (
                <span className="confirm-remove">
                  <button
                    type="button"
                    className="danger"
                    onClick={async () => {
                      setRemoving(null);
                      report(await client.request("participant:remove", { participantId: p.id }));
                    }}
                  >
                    Ja, verwijder {p.displayName}
                  </button>
                  <button type="button" className="secondary" onClick={() => setRemoving(null)}>
                    Annuleren
                  </button>
                </span>
              ) : (
                <button type="button" className="secondary small" onClick={() => setRemoving(p.id)} aria-label={`${p.displayName} verwijderen`}>
                  Verwijderen
                </button>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {state.status !== "online" ? <p className="hint">Wijzigingen lukken weer zodra de verbinding terug is.</p> : null}
    </section>
  );
}

function activeSet(state: LiveState, raters: ParticipantView[]): Set<string> {
  return state.presenceReceived ? new Set(state.active) : new Set(raters.filter((p) => p.active).map((p) => p.id));
}

function Presence({ raters, state }: { raters: ParticipantView[]; state: LiveState }) {
  const active = activeSet(state, raters);
  return (
    <section className="presence card" aria-labelledby="presence-h">
      <h2 id="presence-h">
        Wie beoordeelt er nu <span className="count">{[...active].filter((id) => raters.some((r) => r.id === id)).length} van {raters.length}</span>
      </h2>
      <p className="hint">Alleen óf iemand beoordeelt, nooit wat. Scores blijven verborgen tot de onthulling.</p>
      <ul className="presence-list">
        {raters.map((p) => (
          <li key={p.id} className={active.has(p.id) ? "active" : undefined}>
            <span className="presence-dot" aria-hidden="true" />
            {p.displayName}
            <span className="visually-hidden">{active.has(p.id) ? ": beoordeelt" : ": nu niet actief"}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Submissions({ raters }: { raters: ParticipantView[] }) {
  const done = raters.filter((p) => p.finalSubmitted).length;
  return (
    <section className="submissions card" aria-labelledby="submissions-h">
      <h1 id="submissions-h">
        Eindoordeel: {done} van {raters.length} ingeleverd
      </h1>
      <p className="hint">Je ziet wie heeft ingeleverd, niet wat. Onthul als iedereen klaar is.</p>
      <ul className="presence-list">
        {raters.map((p) => (
          <li key={p.id} className={p.finalSubmitted ? "active" : undefined}>
            <span className="presence-dot" aria-hidden="true" />
            {p.displayName}
            <span className="submission-state">{p.finalSubmitted ? "ingeleverd" : "nog bezig"}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
