// /sessie/:code/beamer — the projector view: what the room sees, in type readable from the back
// row, without the site's menu and without any admin button. It follows the session live (lobby:
// code, QR and who joined; briefing; the gesprek and its clock; how many finals are in; the reveal
// step by step as the host chooses it; the discussion; learning points when projected; thanks).
//
// It connects as the host, with the host token the control view keeps in this browser, but draws no
// controls. One laptop, one screen: `?bediening=1` adds a compact control strip at the bottom.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ConnectionChip } from "~/components/live/ConnectionChip";
import { agendaTexts } from "~/agenda.server";
import { stageLinks } from "~/components/stage/styles";
import { formatJoinCode } from "~/core/join-code";
import { LiveSessionProvider, useLiveClient, useLiveState } from "~/realtime/provider";
import type { RoomCasus } from "~/realtime/room-content";
import { roomCasus } from "~/realtime/room-content.server";
import { browserStore, storageKeys } from "~/realtime/storage";
import { useCasus } from "~/realtime/use-casus";
import { stageLoaderData } from "~/stage.server";
import { ControlStrip } from "./ControlStrip";
import { ProjectorScreen } from "./ProjectorScreen";
import agendaCss from "~/styles/agenda.css?url";

/** No site header, menu or footer on the projector (root.tsx reads this). */
export const handle = { chrome: false };

export const links: LinksFunction = () => [...stageLinks, { rel: "stylesheet", href: agendaCss }];

export const meta: MetaFunction = () => [
  { title: "Beamerscherm — OT-sessie — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

export async function loader(args: LoaderFunctionArgs) {
  const { content, slug, ...data } = await stageLoaderData(args);
  // The projector gets what participants get of the casus: never the role-play script.
  return {
    ...data,
    casus: roomCasus(content, slug),
    agenda: agendaTexts(content, "room"),
    elements: content.elements.elements.map(({ id, name, definition }) => ({ id, name, definition })),
  };
}

export default function BeamerPage() {
  const { code } = useLoaderData<typeof loader>();
  // undefined: not read yet (server render); null: this browser holds no host token for the session.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  // Set when the server ended this screen's connection (the session was deleted, the token refused).
  const [ended, setEnded] = useState<string | null>(null);
  useEffect(() => setToken(browserStore().get(storageKeys.hostToken(code))), [code]);
  return (
    <div className="projector">
      {token ? (
        <LiveSessionProvider code={code} credentials={{ kind: "host", hostToken: token }}>
          <ProjectorView
            onEnded={(message) => {
              setEnded(message);
              setToken(null);
            }}
          />
        </LiveSessionProvider>
      ) : ended ? (
        <section className="projector-screen projector-message" aria-labelledby="beamer-h">
          <h1 id="beamer-h">Dit beamerscherm is gestopt</h1>
          <p>{ended}</p>
        </section>
      ) : token === null ? (
        <section className="projector-screen projector-message" aria-labelledby="beamer-h">
          <h1 id="beamer-h">Beamerscherm van sessie {formatJoinCode(code)}</h1>
          <p>
            Dit scherm hoort bij het begeleidersscherm. Open het begeleidersscherm met je privélink en kies daar “Open het beamerscherm”, in
            dezelfde browser.
          </p>
          <p>
            <Link to={`/sessie/${code}/host`}>Naar het begeleidersscherm</Link>
          </p>
        </section>
      ) : (
        <p className="projector-wait">Het beamerscherm wordt geopend…</p>
      )}
    </div>
  );
}

function ProjectorView({ onEnded }: { onEnded: (message: string) => void }) {
  const { code, joinUrl, qr, casus: _none, agenda, elements, ...reveal } = useLoaderData<typeof loader>();
  const client = useLiveClient();
  const state = useLiveState();
  const { snapshot } = state;
  const [params] = useSearchParams();
  const slug = snapshot && snapshot.source.kind !== "media" ? snapshot.source.slug : null;
  const casus = useCasus<RoomCasus>(`/sessie/${code}/beamer`, slug);

  useEffect(() => {
    if (state.status === "ended") onEnded(state.ended?.code === "not_found" ? "Deze sessie bestaat niet (meer)." : (state.ended?.message ?? "De verbinding is beëindigd."));
  }, [state.status, state.ended, onEnded]);

  if (!snapshot || !client) {
    return (
      <>
        <ConnectionChip status={state.status} />
        <p className="projector-wait">Verbinden met de sessie…</p>
      </>
    );
  }
  return (
    <>
      <ConnectionChip status={state.status} />
      <ProjectorScreen client={client} state={state} snapshot={snapshot} casus={casus} joinUrl={joinUrl} qr={qr} reveal={reveal} agenda={agenda} elements={elements} />
      {params.get("bediening") === "1" ? <ControlStrip client={client} state={state} snapshot={snapshot} reveal={reveal} /> : null}
    </>
  );
}
