import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { useNonce } from "./nonce";
import appCss from "./styles/app.css?url";

// Our CSP forbids eval. zod probes for it (new Function) when it builds an object schema, and the
// browser reports that probe as a CSP violation even though zod catches it. The root module runs
// before any route module builds a schema; without its JIT, zod checks exactly the same. zod keeps
// its settings on globalThis.__zod_globalConfig and adopts the object it finds there, so this needs
// no import of zod: pages that do not validate in the browser do not download it (decision 010).
if (typeof document !== "undefined") {
  const global = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (global.__zod_globalConfig ??= {}).jitless = true;
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function loader({ context }: LoaderFunctionArgs) {
  return { nonce: context.cspNonce };
}

const NAV = [
  { to: "/kompas", label: "Elementen" },
  { to: "/modules", label: "Modules" },
  { to: "/casussen", label: "Casussen" },
  { to: "/tips", label: "Tips" },
  { to: "/werkblad", label: "Werkblad" },
  { to: "/voortgang", label: "Mijn voortgang" },
  { to: "/spiegel", label: "Mijn spiegel" },
  { to: "/zoeken", label: "Zoeken" },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // On the server from the response's context (also when no route matched); in the browser from the loader.
  const nonce = useNonce() ?? data?.nonce;
  const error = useRouteError();
  // A route with `handle = { chrome: false }` (the projector view) gets the page without menu and footer.
  const matches = useMatches();
  const bare = !error && matches.some((m) => (m.handle as { chrome?: boolean } | undefined)?.chrome === false);
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {error ? (
          <title>{`${isRouteErrorResponse(error) && error.status === 404 ? "Pagina niet gevonden" : "Er ging iets mis"} — Alliantiekompas`}</title>
        ) : null}
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        <a className="skip-link" href="#inhoud">
          Naar de inhoud
        </a>
        {bare ? null : (
        <header className="site-header">
          <Link to="/" className="brand" aria-label="Alliantiekompas, naar de startpagina">
            <span aria-hidden="true" className="brand-mark">◈</span> Alliantiekompas
          </Link>
          <nav aria-label="Hoofdmenu">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        )}
        <main id="inhoud" tabIndex={-1}>
          {children}
        </main>
        {bare ? null : (
        <footer className="site-footer">
          <p>
            Alliantiekompas is een onafhankelijke oefenomgeving, gebaseerd op het gepubliceerde cahier 38 van het AKC. Het is
            niet van het AKC, UWV of de NVvA en wordt niet door hen ondersteund. De echte gesprekstool Gezien &amp; Gehoord
            (gesprekskompas, werkblad en handreiking) vind je op{" "}
            <a href="https://www.arbeidsdeskundigen.nl/akc/clientgerichte-dienstverlening" rel="noopener noreferrer">
              de website van het AKC
            </a>
            . De casussen in de bibliotheek zijn verzonnen. We gebruiken geen trackers en laden niets van andere websites.
          </p>
        </footer>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as hydrated: from here on the browser, not only the server, renders it. Tests wait
  // for this before they touch the DOM themselves; the attribute is set outside React's own markup.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section className="error-page">
        <h1>Deze pagina bestaat niet</h1>
        <p>We konden niet vinden wat je zocht. Misschien is de link verouderd of zit er een typfout in.</p>
        <p>
          <Link to="/">Terug naar de startpagina</Link>
        </p>
      </section>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : null;
  return (
    <section className="error-page">
      <h1>Er ging iets mis</h1>
      <p>{message ?? "Er is een fout opgetreden. Je gegevens zijn niet verloren; probeer het over een moment opnieuw."}</p>
      <p className="muted">Foutcode {status}</p>
      <p>
        <Link to="/">Terug naar de startpagina</Link>
      </p>
    </section>
  );
}
