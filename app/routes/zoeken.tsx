import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { SearchHit } from "~/core/search";

export const meta: MetaFunction = () => [{ title: "Zoeken — Alliantiekompas" }];

const KIND_LABELS: Record<SearchHit["kind"], string> = { module: "Module", casus: "Casus", handleiding: "Handleiding" };

function hitPath(hit: Pick<SearchHit, "kind" | "slug">): string {
  if (hit.kind === "module") return `/modules/${hit.slug}`;
  if (hit.kind === "casus") return `/casussen/${hit.slug}`;
  return `/begeleiden#${hit.slug}`;
}

export function loader({ request, context }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  return { q, hits: q ? context.services.content.search.search(q) : [] };
}

export default function Zoeken() {
  const { q, hits } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Zoeken in modules en casussen</h1>
      <Form method="get" role="search" className="actions">
        <label htmlFor="zoekterm" className="visually-hidden">
          Zoekterm
        </label>
        <input id="zoekterm" type="search" name="q" defaultValue={q} placeholder="Bijvoorbeeld: FML, tolk, spoor 2" style={{ flex: 1, minWidth: "12rem" }} />
        <button type="submit">Zoeken</button>
      </Form>
      {q ? (
        <p role="status">
          {hits.length === 0 ? `Niets gevonden voor "${q}".` : `${hits.length} ${hits.length === 1 ? "resultaat" : "resultaten"} voor "${q}".`}
        </p>
      ) : null}
      <ul className="search-results" style={{ listStyle: "none", padding: 0 }}>
        {hits.map((h) => (
          <li key={`${h.kind}-${h.slug}`} className="card">
            <p className="muted" style={{ margin: 0 }}>
              {KIND_LABELS[h.kind]}
            </p>
            <h2 style={{ margin: "0.25rem 0" }}>
              <Link to={hitPath(h)}>{h.title}</Link>
            </h2>
            <p>{h.snippet}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
