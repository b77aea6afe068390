import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ElementTag } from "~/components/ElementTag";
import { formatClock } from "~/core/format";
import { DIFFICULTY_IDS, LABELS, PHASE_IDS, SETTING_IDS } from "~/core/domain";

export const meta: MetaFunction = () => [{ title: "Casussen — Alliantiekompas" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const { cases, elements } = context.services.content;
  const url = new URL(request.url);
  const filter = {
    setting: url.searchParams.get("setting") ?? "",
    phase: url.searchParams.get("phase") ?? "",
    element: url.searchParams.get("element") ?? "",
    difficulty: url.searchParams.get("difficulty") ?? "",
  };
  const names = Object.fromEntries(elements.elements.map((e) => [e.id, e.name]));
  const matching = cases.filter(
    (c) =>
      (!filter.setting || c.setting === filter.setting) &&
      (!filter.phase || c.phase === filter.phase) &&
      (!filter.element || c.focus.includes(filter.element as (typeof c.focus)[number])) &&
      (!filter.difficulty || c.difficulty === filter.difficulty),
  );
  return {
    total: cases.length,
    elements: elements.elements.map((e) => ({ id: e.id, name: e.name })),
    cases: matching.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      setting: LABELS.setting[c.setting],
      phase: c.phaseDetail,
      difficulty: LABELS.difficulty[c.difficulty],
      duration: c.duration,
      focus: c.focus.map((id) => ({ id, name: names[id] })),
      roleplay: Boolean(c.roleplay),
    })),
  };
}

function Select({ name, label, options }: { name: string; label: string; options: { value: string; label: string }[] }) {
  const [params] = useSearchParams();
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={params.get(name) ?? ""}>
        <option value="">Alle</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Casussen() {
  const { cases, total, elements } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Casussen</h1>
      <p className="lead">
        Verzonnen, geanonimiseerde gesprekken uit de praktijk van arbeidsdeskundigen. Lees of speel het gesprek af,
        beoordeel het op de vier elementen en vergelijk je oordeel met de referentie. Elke casus kun je ook in een
        OT-sessie samen bekijken.
      </p>
      <Form method="get" className="card filters" aria-label="Casussen filteren">
        <div className="filter-grid">
          <Select name="setting" label="Werkveld" options={SETTING_IDS.map((id) => ({ value: id, label: LABELS.setting[id] }))} />
          <Select name="phase" label="Fase" options={PHASE_IDS.map((id) => ({ value: id, label: LABELS.phase[id] }))} />
          <Select name="element" label="Element in beeld" options={elements.map((e) => ({ value: e.id, label: e.name }))} />
          <Select name="difficulty" label="Niveau" options={DIFFICULTY_IDS.map((id) => ({ value: id, label: LABELS.difficulty[id] }))} />
        </div>
        <div className="actions">
          <button type="submit">Filteren</button>
          <Link to="/casussen">Alle casussen</Link>
          <Link to="/zoeken">Zoeken in alle teksten</Link>
        </div>
      </Form>
      <p role="status">
        {cases.length === total ? `${total} casussen` : `${cases.length} van ${total} casussen`}
      </p>
      {cases.length === 0 ? <p>Geen casus past bij deze filters. Haal een filter weg om meer te zien.</p> : null}
      <ul className="cards">
        {cases.map((c) => (
          <li key={c.slug}>
            <section className="card" aria-labelledby={`casus-${c.slug}`}>
              <h2 id={`casus-${c.slug}`}>
                <Link to={`/casussen/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="muted">
                {c.setting} · {c.phase} · {formatClock(c.duration)} min · {c.difficulty}
                {c.roleplay ? " · ook als rollenspel" : ""}
              </p>
              <p>{c.summary}</p>
              <p>
                {c.focus.map((e) => (
                  <ElementTag key={e.id} id={e.id} name={e.name} />
                ))}
              </p>
            </section>
          </li>
        ))}
      </ul>
    </>
  );
}
