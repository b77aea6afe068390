import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/http";
import { readProfile, updateProfile } from "~/profile.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.module.title} — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

function findModule(context: LoaderFunctionArgs["context"], slug: string | undefined) {
  const mod = context.services.content.modules.find((m) => m.slug === slug);
  if (!mod) notFound(`Er is geen module "${slug}".`);
  return mod;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const mod = findModule(context, params.slug);
  const { modules, cases } = context.services.content;
  const profile = await readProfile(request, context);
  const progress = profile?.modules[mod.slug] ?? null;
  const index = modules.indexOf(mod);
  return {
    module: {
      slug: mod.slug,
      order: mod.order,
      title: mod.title,
      summary: mod.summary,
      minutes: mod.minutes,
      goals: mod.goals,
      reflection: mod.reflection,
      html: mod.html,
      selfCheck: mod.selfCheck,
    },
    cases: mod.cases.map((slug) => cases.find((c) => c.slug === slug)!).map((c) => ({ slug: c.slug, title: c.title, summary: c.summary })),
    progress,
    previous: index > 0 ? { slug: modules[index - 1].slug, title: modules[index - 1].title } : null,
    next: index < modules.length - 1 ? { slug: modules[index + 1].slug, title: modules[index + 1].title } : null,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const mod = findModule(context, params.slug);
  const form = await request.formData();
  const intent = form.get("intent");
  const now = context.services.now().toISOString();
  if (intent === "complete") {
    const { headers } = await updateProfile(request, context, (p) => ({
      ...p,
      modules: { ...p.modules, [mod.slug]: { ...(p.modules[mod.slug] ?? { answers: {} }), completedAt: now } },
    }));
    return data({ ok: true as const, message: "Module gemarkeerd als afgerond." }, { headers });
  }
  const answerSchema = z.coerce.number().int().min(0);
  const answers: Record<string, number> = {};
  const problems: string[] = [];
  mod.selfCheck.forEach((question, i) => {
    const raw = form.get(`q${i}`);
    if (raw === null || raw === "") {
      problems.push(`Vraag ${i + 1} is nog niet beantwoord.`);
      return;
    }
    const parsed = answerSchema.safeParse(raw);
    if (!parsed.success || parsed.data >= question.options.length) {
      problems.push(`Het antwoord op vraag ${i + 1} klopt niet.`);
      return;
    }
    answers[String(i)] = parsed.data;
  });
  if (problems.length) return data({ ok: false as const, problems, answers }, { status: 400 });
  const { headers } = await updateProfile(request, context, (p) => ({
    ...p,
    modules: { ...p.modules, [mod.slug]: { ...p.modules[mod.slug], answers, checkedAt: now } },
  }));
  return data({ ok: true as const, message: "Je antwoorden zijn bewaard. Lees de uitleg bij elke vraag." }, { headers });
}

export default function ModulePage() {
  const { module: mod, cases, progress, previous, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saved = progress?.answers ?? {};
  const pending = result && !result.ok ? result.answers : {};
  const checked = Object.keys(saved).length === mod.selfCheck.length;
  const score = mod.selfCheck.filter((q, i) => q.options[saved[String(i)]]?.correct).length;
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/modules">Modules</Link> › Module {mod.order}
      </p>
      <h1>{mod.title}</h1>
      <p className="muted">Ongeveer {mod.minutes} minuten</p>
      <p className="lead">{mod.summary}</p>
      <section className="card" aria-labelledby="leerdoelen">
        <h2 id="leerdoelen">Leerdoelen</h2>
        <ul>
          {mod.goals.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      </section>
      {/* Trusted content, rendered by marked and sanitised by sanitize-html at load (app/core/markdown.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: mod.html }} />

      <section aria-labelledby="reflectie">
        <h2 id="reflectie">Reflectie op je eigen praktijk</h2>
        <ul>
          {mod.reflection.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="zelftoets">
        <h2 id="zelftoets">Zelftoets</h2>
        {checked ? (
          <p className="alert ok" role="status">
            {`Je had ${score} van de ${mod.selfCheck.length} vragen goed. De uitleg staat bij elke vraag.`}
          </p>
        ) : null}
        {result && !result.ok ? (
          <div className="alert error" role="alert">
            <ul>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" id="zelftoets-form">
          {mod.selfCheck.map((q, i) => {
            const chosen = saved[String(i)];
            const answered = chosen !== undefined;
            return (
              <fieldset key={q.question} className="self-check-question">
                <legend>
                  {i + 1}. {q.question}
                </legend>
                {q.options.map((o, j) => (
                  <div key={o.text}>
                    <label className="choice">
                      <input
                        type="radio"
                        name={`q${i}`}
                        value={j}
                        defaultChecked={(answered ? chosen : pending[String(i)]) === j}
                      />
                      <span>{o.text}</span>
                    </label>
                    {answered ? (
                      <p className="hint" style={{ marginLeft: "1.9rem" }}>
                        <span className={o.correct ? "feedback-right" : "feedback-wrong"}>
                          {o.correct ? "Juist" : "Niet juist"}
                          {chosen === j ? " (jouw antwoord)" : ""}:
                        </span>{" "}
                        {o.feedback}
                      </p>
                    ) : null}
                  </div>
                ))}
              </fieldset>
            );
          })}
          <div className="actions">
            <button type="submit" name="intent" value="check" disabled={navigation.state === "submitting"}>
              {checked ? "Opnieuw nakijken" : "Nakijken"}
            </button>
          </div>
        </Form>
      </section>

      {cases.length ? (
        <section aria-labelledby="oefenen">
          <h2 id="oefenen">Oefen met een casus</h2>
          <ul className="cards">
            {cases.map((c) => (
              <li key={c.slug}>
                <section className="card">
                  <h3>
                    <Link to={`/casussen/${c.slug}`}>{c.title}</Link>
                  </h3>
                  <p>{c.summary}</p>
                </section>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="post" className="actions">
        {progress?.completedAt ? (
          <p className="alert ok">✓ Je hebt deze module afgerond.</p>
        ) : (
          <button type="submit" name="intent" value="complete" className="secondary">
            Markeer als afgerond
          </button>
        )}
        {result?.ok ? (
          <p role="status" className="muted">
            {result.message}
          </p>
        ) : null}
      </Form>
      <nav aria-label="Vorige en volgende module" className="actions">
        {previous ? <Link to={`/modules/${previous.slug}`}>← {previous.title}</Link> : null}
        {next ? <Link to={`/modules/${next.slug}`}>{next.title} →</Link> : null}
      </nav>
    </article>
  );
}
