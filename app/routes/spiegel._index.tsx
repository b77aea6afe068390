// /spiegel — "Mijn spiegel": the AD's own space for feedback from real clients (issue 11). No
// account: a key kept in this browser opens it. The browser talks to the JSON API with the key as
// Bearer (decision 022); the loader brings only what needs no key: is it on, element names, tips.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { KeyOnce } from "~/components/spiegel/KeyOnce";
import { localGesprekken, type LocalGesprek, type SavedKey, saveKey, SpiegelApiError, spiegelApi } from "~/components/spiegel/device";
import { MirrorView } from "~/components/spiegel/MirrorView";
import { MyData } from "~/components/spiegel/MyData";
import { OpenWithWords } from "~/components/spiegel/OpenWithWords";
import { ShareCode } from "~/components/spiegel/ShareCode";
import { useSpiegelKey } from "~/components/spiegel/useSpiegelKey";
import { ErrorAlert } from "~/components/ErrorAlert";
import type { ElementId } from "~/core/domain";
import { formatLinkCode, type MirrorRead } from "~/core/spiegel";
import spiegelCss from "~/styles/spiegel.css?url";
import spiegelShareCss from "~/styles/spiegel-share.css?url";

export const meta: MetaFunction = () => [{ title: "Mijn spiegel — Alliantiekompas" }, { name: "robots", content: "noindex" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: spiegelCss },
  { rel: "stylesheet", href: spiegelShareCss },
];

export function loader({ context }: LoaderFunctionArgs) {
  const { content, spiegel } = context.services;
  return {
    on: spiegel !== null,
    controller: spiegel?.controller ?? "",
    names: Object.fromEntries(content.elements.elements.map((e) => [e.id, e.name])) as Record<ElementId, string>,
    tips: content.tips.map(({ id, number, title, body }) => ({ id, number, title, body })),
  };
}

export default function MijnSpiegel() {
  const { on, controller } = useLoaderData<typeof loader>();
  return (
    <div className="spiegel">
      <h1>Mijn spiegel</h1>
      <p className="lead">
        Hoe beleefden je cliënten het gesprek, en hoe schatte jij dat in? Na een echt gesprek vraag je je cliënt om vier cijfers. Je ziet
        ze alleen samen met die van andere cliënten, naast je eigen inschatting.
      </p>
      {on ? <On controller={controller} /> : <Off />}
    </div>
  );
}

function Off() {
  return (
    <section className="card" aria-labelledby="uit">
      <h2 id="uit">Mijn spiegel staat uit op deze server</h2>
      <p>
        Met Mijn spiegel vraag je na een echt gesprek feedback van je cliënt op de vier elementen, en leg je die naast je eigen
        inschatting. Je cliënt vult het thuis in op de telefoon; jij ziet de antwoorden pas als er minstens drie zijn.
      </p>
      <p>
        Omdat het om echte cliënten gaat, moet een organisatie (bijvoorbeeld je werkgever, arbodienst of beroepsvereniging) deze functie
        aanbieden en verantwoordelijk zijn voor de gegevens. Tot die tijd kun je oefenen met de <Link to="/casussen">casussen</Link> en
        het <Link to="/werkblad">werkblad</Link>. Beheerders lezen in de handleiding hoe ze het aanzetten.
      </p>
    </section>
  );
}

function On({ controller }: { controller: string }) {
  const [keyState, setKeyState] = useSpiegelKey();
  const [fresh, setFresh] = useState<SavedKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const saved = await spiegelApi.create();
      saveKey(saved);
      setFresh(saved);
    } catch (e) {
      setError((e as SpiegelApiError).message);
    } finally {
      setBusy(false);
    }
  }

  if (fresh) {
    return (
      <KeyOnce
        spiegelKey={fresh.key}
        onDone={() => {
          setKeyState({ status: "ready", saved: fresh });
          setFresh(null);
        }}
      />
    );
  }
  if (keyState.status === "loading") {
    return (
      <>
        <p className="muted">Je spiegel wordt geopend…</p>
        <noscript>
          <p className="alert warn">Mijn spiegel heeft JavaScript nodig: je sleutel blijft in je eigen browser. Zet JavaScript aan en laad de pagina opnieuw.</p>
        </noscript>
      </>
    );
  }
  if (keyState.status === "ready") {
    return (
      <Mirror
        saved={keyState.saved}
        onGone={(message) => {
          setNotice(message);
          setKeyState({ status: "none", error: null });
        }}
      />
    );
  }
  return (
    <>
      {notice && (
        <p className="alert ok" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert message={keyState.error ?? error} />
      <section className="card" aria-labelledby="nieuw">
        <h2 id="nieuw">Begin je eigen spiegel</h2>
        <ul>
          <li>Geen account: je krijgt één keer een persoonlijke sleutel, als link en als woorden om op te schrijven.</li>
          <li>Per gesprek geef je eerst je eigen inschatting; daarna krijg je een link, een QR-code en een kaartje voor je cliënt.</li>
          <li>Je ziet antwoorden alleen per drie of meer tegelijk, nooit één los. Namen van cliënten komen er niet in.</li>
          <li>
            Verantwoordelijk voor de gegevens: <strong>{controller}</strong>. Je kunt alles downloaden en op elk moment wissen.
          </li>
        </ul>
        <button type="button" onClick={create} disabled={busy}>
          Maak mijn spiegel
        </button>
      </section>
      <OpenWithWords onOpened={(saved) => setKeyState({ status: "ready", saved })} />
    </>
  );
}

function Mirror({ saved, onGone }: { saved: SavedKey; onGone: (message: string) => void }) {
  const { names, tips } = useLoaderData<typeof loader>();
  const [read, setRead] = useState<MirrorRead | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gesprekken, setGesprekken] = useState<LocalGesprek[]>([]);
  useEffect(() => {
    setGesprekken(localGesprekken());
    spiegelApi
      .read(saved)
      .then(setRead)
      .catch((e: SpiegelApiError) =>
        setError(e.status === 404 || e.status === 403 ? "Deze spiegel bestaat niet meer op de server (gewist, of 12 maanden niet gebruikt). Laat deze browser hem vergeten en begin opnieuw." : e.message),
      );
  }, [saved]);

  return (
    <>
      <div className="actions">
        <Link className="button" to="/spiegel/gesprek">
          Registreer een gesprek
        </Link>
      </div>
      <ErrorAlert message={error} />
      {read ? <MirrorView read={read} names={names} tips={tips} /> : !error && <p className="muted">Je spiegel wordt geladen…</p>}
      {/* Only once clients' answers were released: before that there is nothing to share (the API says 409). */}
      {read && read.released > 0 ? <ShareCode spiegelId={saved.spiegelId} spiegelKey={saved.key} /> : null}
      {gesprekken.length > 0 && (
        <>
          <h2>Gesprekken op dit apparaat</h2>
          <p className="hint">Je labels staan alleen in deze browser. Je spiegel laat niet zien welke cliënt heeft geantwoord.</p>
          <ul className="spiegel-local">
            {[...gesprekken].reverse().map((g) => (
              <li key={g.gesprekId}>
                <strong>{g.label || "Zonder label"}</strong> <span className="muted">· {new Date(g.registeredAt).toLocaleDateString("nl-NL")} · code {formatLinkCode(g.code)} · link open tot {new Date(g.expiresAt).toLocaleDateString("nl-NL")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <MyData saved={saved} read={read} onGone={onGone} />
    </>
  );
}
