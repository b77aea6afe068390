// /spiegel/gesprek — register a real gesprek: first the AD's own estimate of how the client
// experienced it (nothing clients said is on this screen), then the link, QR code and card for the
// client. A label for the gesprek stays in this browser only: the request carries the four numbers.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { ErrorAlert } from "~/components/ErrorAlert";
import { ScoreScale } from "~/components/ScoreScale";
import { ClientCard } from "~/components/spiegel/ClientCard";
import { rememberGesprek, SpiegelApiError, spiegelApi } from "~/components/spiegel/device";
import { useSpiegelKey } from "~/components/spiegel/useSpiegelKey";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { CLIENT_STATEMENTS, type GesprekCreated, scoresSchema } from "~/core/spiegel";
import spiegelCss from "~/styles/spiegel.css?url";

export const meta: MetaFunction = () => [{ title: "Gesprek registreren — Mijn spiegel — Alliantiekompas" }, { name: "robots", content: "noindex" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: spiegelCss }];

export function loader({ context }: LoaderFunctionArgs) {
  const { content, spiegel } = context.services;
  return {
    on: spiegel !== null,
    names: Object.fromEntries(content.elements.elements.map((e) => [e.id, e.name])) as Record<ElementId, string>,
  };
}

const MAX_LABEL = 200;

export default function GesprekRegistreren() {
  const { on, names } = useLoaderData<typeof loader>();
  const [keyState] = useSpiegelKey();
  const [created, setCreated] = useState<{ created: GesprekCreated; label: string } | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ElementId, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (keyState.status !== "ready") return;
    const form = new FormData(event.currentTarget);
    const raw = Object.fromEntries(ELEMENT_IDS.map((id) => [id, form.get(id) === null ? undefined : Number(form.get(id))]));
    const parsed = scoresSchema.safeParse(raw);
    if (!parsed.success) {
      setErrors(Object.fromEntries(ELEMENT_IDS.filter((id) => raw[id] === undefined).map((id) => [id, "Kies een cijfer van 0 tot en met 10."])));
      setError("Geef bij alle vier de elementen je inschatting.");
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const result = await spiegelApi.register(keyState.saved, parsed.data);
      const label = String(form.get("label") ?? "").trim().slice(0, MAX_LABEL);
      rememberGesprek({ ...result, label, registeredAt: new Date().toISOString() });
      setCreated({ created: result, label });
      window.scrollTo(0, 0);
    } catch (e) {
      setError((e as SpiegelApiError).message);
    } finally {
      setBusy(false);
    }
  }

  if (!on) {
    return (
      <div className="spiegel">
        <h1>Gesprek registreren</h1>
        <p>
          Mijn spiegel staat uit op deze server. <Link to="/spiegel">Lees wat het is</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="spiegel">
      <p className="no-print">
        <Link to="/spiegel">← Mijn spiegel</Link>
      </p>
      <h1 className="no-print">Gesprek registreren</h1>
      {keyState.status === "loading" && <p className="muted">Even laden…</p>}
      {keyState.status === "none" && (
        <p className="alert warn">
          Deze browser heeft nog geen spiegel. <Link to="/spiegel">Maak er een of open de jouwe</Link>.
        </p>
      )}
      {keyState.status === "ready" && created && (
        <>
          <ClientCard created={created.created} label={created.label} />
          <div className="actions no-print">
            <Link className="button secondary" to="/spiegel">
              Terug naar mijn spiegel
            </Link>
            <button type="button" className="secondary" onClick={() => setCreated(null)}>
              Nog een gesprek registreren
            </button>
          </div>
        </>
      )}
      {keyState.status === "ready" && !created && (
        <form onSubmit={submit} noValidate>
          <p>
            Doe dit vlak na het gesprek, <strong>voordat</strong> je iets van je cliënt terugziet. Hoe denk je dat je cliënt deze vier
            uitspraken invult? Je cliënt krijgt dezelfde uitspraken.
          </p>
          {ELEMENT_IDS.map((id) => (
            <ScoreScale
              key={id}
              name={id}
              elementId={id}
              legend={`${names[id]}: „${CLIENT_STATEMENTS[id].text}”`}
              hint={CLIENT_STATEMENTS[id].hint}
              negative={id === "stroefheid"}
              error={errors[id]}
            />
          ))}
          <label htmlFor="label">Label voor jezelf (mag leeg blijven)</label>
          <p className="hint" id="label-hint">
            Bijvoorbeeld „dinsdag, herbeoordeling”. Het label blijft in deze browser en gaat niet naar de server. Schrijf geen naam van je
            cliënt.
          </p>
          <input id="label" name="label" maxLength={MAX_LABEL} autoComplete="off" aria-describedby="label-hint" />
          <ErrorAlert message={error} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Bewaar mijn inschatting en maak de link
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
