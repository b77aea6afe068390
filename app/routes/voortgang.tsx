import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { ELEMENT_IDS } from "~/core/domain";
import { formatDate } from "~/core/format";
import { forgetProfileCookie, readProfile, readProfileId } from "~/profile.server";

export const meta: MetaFunction = () => [{ title: "Mijn voortgang — Alliantiekompas" }];

/** Browser-side copies that belong to the profile and go with it. */
const LOCAL_KEYS = ["ak-werkblad"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const profile = await readProfile(request, context);
  const { modules, cases, elements } = context.services.content;
  const elementNames = Object.fromEntries(elements.elements.map((e) => [e.id, e.name]));
  if (!profile) return { profile: null, modules: [], practice: [], elementNames, totalModules: modules.length };
  return {
    profile: { createdAt: profile.createdAt, hasWerkblad: Object.values(profile.werkblad).some((n) => n.trim()) },
    totalModules: modules.length,
    elementNames,
    modules: modules
      .filter((m) => profile.modules[m.slug])
      .map((m) => {
        const progress = profile.modules[m.slug];
        const answered = Object.entries(progress.answers);
        const right = answered.filter(([q, option]) => m.selfCheck[Number(q)]?.options[option]?.correct).length;
        return {
          slug: m.slug,
          title: m.title,
          completedAt: progress.completedAt ?? null,
          score: answered.length ? `${right} van ${m.selfCheck.length}` : null,
        };
      }),
    practice: [...profile.practice]
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((p) => {
        const c = cases.find((x) => x.slug === p.caseSlug);
        const distance = c ? ELEMENT_IDS.reduce((sum, id) => sum + Math.abs(p.scores[id] - c.reference.scores[id]), 0) : null;
        return { id: p.id, caseSlug: p.caseSlug, title: c?.title ?? p.caseSlug, at: p.at, scores: p.scores, distance };
      }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") !== "delete" || form.get("confirm") !== "ja") {
    return data({ deleted: false, error: "Vink aan dat je alles wilt verwijderen." }, { status: 400 });
  }
  const id = await readProfileId(request, context);
  if (id) await context.services.profiles.delete(id);
  return data({ deleted: true, error: null }, { headers: { "Set-Cookie": await forgetProfileCookie(request, context) } });
}

export default function Voortgang() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.deleted) for (const key of LOCAL_KEYS) localStorage.removeItem(key);
  }, [result]);

  return (
    <>
      <h1>Mijn voortgang</h1>
      {result?.deleted ? (
        <p className="alert ok" role="status">
          Al je gegevens zijn verwijderd: je voortgang, zelftoetsen, oefeningen en werkbladnotities.
        </p>
      ) : null}
      {!d.profile ? (
        <p>
          Je hebt nog niets bewaard. Zodra je een zelftoets nakijkt, een casus oefent of je werkblad bewaart, houden we dat
          hier anoniem voor je bij. Begin bij de <Link to="/modules">modules</Link> of <Link to="/casussen">oefen een casus</Link>.
        </p>
      ) : (
        <>
          <p className="muted">
            Anoniem profiel sinds {formatDate(d.profile.createdAt)}. Het is gekoppeld aan deze browser via een cookie; we
            weten niet wie je bent.
          </p>
          <h2>Modules</h2>
          <p>
            {d.modules.filter((m) => m.completedAt).length} van {d.totalModules} afgerond.
          </p>
          {d.modules.length ? (
            <ul>
              {d.modules.map((m) => (
                <li key={m.slug}>
                  <Link to={`/modules/${m.slug}`}>{m.title}</Link>
                  {m.completedAt ? " — afgerond" : ""}
                  {m.score ? ` — zelftoets: ${m.score} goed` : ""}
                </li>
              ))}
            </ul>
          ) : null}
          <h2>Oefeningen</h2>
          {d.practice.length ? (
            <div className="table-scroll">
              <table className="compare-table">
                <caption className="visually-hidden">Je oefenbeoordelingen, nieuwste eerst</caption>
                <thead>
                  <tr>
                    <th scope="col">Datum</th>
                    <th scope="col">Casus</th>
                    {ELEMENT_IDS.map((id) => (
                      <th key={id} scope="col" className="num">
                        {d.elementNames[id]}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Afstand tot referentie
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.practice.map((p) => (
                    <tr key={p.id}>
                      <td>{formatDate(p.at)}</td>
                      <td>
                        <Link to={`/casussen/${p.caseSlug}/oefenen?resultaat=${p.id}`}>{p.title}</Link>
                      </td>
                      {ELEMENT_IDS.map((id) => (
                        <td key={id} className="num">
                          {p.scores[id]}
                        </td>
                      ))}
                      <td className="num">{p.distance ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="hint">Afstand: de som van de verschillen met de referentie over de vier elementen (0 is gelijk).</p>
            </div>
          ) : (
            <p>Nog geen oefeningen.</p>
          )}
          <h2>Werkblad</h2>
          <p>{d.profile.hasWerkblad ? <Link to="/werkblad">Je hebt notities bewaard.</Link> : "Geen notities bewaard."}</p>
        </>
      )}
      <h2>Jouw gegevens</h2>
      <div className="actions">
        <a className="button secondary" href="/voortgang/export" download>
          Download mijn gegevens (JSON)
        </a>
      </div>
      <Form method="post" className="card">
        <h3 style={{ marginTop: 0 }}>Alles verwijderen</h3>
        <p>Dit wist je voortgang, zelftoetsantwoorden, oefeningen en werkbladnotities, op de server en in deze browser. Dat kan niet ongedaan worden.</p>
        <label className="choice">
          <input type="checkbox" name="confirm" value="ja" required />
          <span>Ja, verwijder al mijn gegevens</span>
        </label>
        {result?.error ? (
          <p className="feedback-wrong" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit" name="intent" value="delete" className="danger">
          Alles verwijderen
        </button>
      </Form>
    </>
  );
}
