import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ElementTag } from "~/components/ElementTag";
import { ConfirmStoreButton } from "~/components/PersonalDataConfirm";
import { PersonalDataWarning } from "~/components/PersonalDataWarning";
import { ScoreScale } from "~/components/ScoreScale";
import { ScoreTable } from "~/components/ScoreTable";
import { TranscriptPlayer } from "~/components/TranscriptPlayer";
import { playerTurns } from "~/case-view.server";
import { referenceMoments } from "~/content.server";
import { CLIENT_VIEW_LABEL, CLIENT_VIEW_NAME, EXPERT_REFERENCE_NAME } from "~/core/client-view";
import { ELEMENT_IDS, type ElementId, type Scores } from "~/core/domain";
import { formatClock } from "~/core/format";
import { BSN_REFUSED, confirmationQuestion, containsBsn } from "~/core/personal-data";
import { comparePractice } from "~/core/practice";
import { notFound } from "~/http";
import { readProfile, updateProfile } from "~/profile.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Oefenen: ${data.title} — Alliantiekompas` : "Niet gevonden — Alliantiekompas" },
];

function findCase(context: LoaderFunctionArgs["context"], slug: string | undefined) {
  const c = context.services.content.cases.find((x) => x.slug === slug);
  if (!c) notFound(`Er is geen casus "${slug}".`);
  return c;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const c = findCase(context, params.slug);
  const { elements, tips, behaviourIndex } = context.services.content;
  const elementNames = Object.fromEntries(elements.elements.map((e) => [e.id, e.name])) as Record<ElementId, string>;
  const resultId = new URL(request.url).searchParams.get("resultaat");
  const profile = await readProfile(request, context);
  const attempt = resultId ? profile?.practice.find((p) => p.id === resultId && p.caseSlug === c.slug) : undefined;
  if (resultId && !attempt) notFound("Deze oefening is niet (meer) bewaard.");

  let comparison = null;
  if (attempt) {
    const compared = comparePractice({
      mine: attempt.scores,
      observed: attempt.observed,
      reference: c.reference.scores,
      clientView: c.clientView.scores,
      referenceMoments: referenceMoments(c),
      behaviours: [...behaviourIndex].map(([id, b]) => ({ id, elementId: b.elementId, label: b.label })),
      tips,
      elementNames,
    });
    comparison = {
      ...compared,
      justification: c.reference.justification,
      clientCommentary: c.clientView.commentary,
      hiddenContext: c.persona.hiddenContext,
      tips: compared.tips.map((s) => ({ ...s, tip: tips.find((t) => t.id === s.tipId)! })),
      at: attempt.at,
      note: attempt.note,
    };
  }
  return {
    slug: c.slug,
    title: c.title,
    groupQuestion: c.groupQuestion,
    turns: playerTurns(c),
    duration: c.duration,
    elements: elements.elements.map((e) => ({
      id: e.id,
      name: e.name,
      negative: e.polarity === "negatief",
      definition: e.definition,
      behaviours: e.behaviours.map((b) => ({ id: b.id, label: b.label })),
    })),
    elementNames,
    attempts: (profile?.practice ?? []).filter((p) => p.caseSlug === c.slug).length,
    comparison,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const c = findCase(context, params.slug);
  const form = await request.formData();
  const known = context.services.content.behaviourIndex;
  const schema = z.object({
    scores: z.object(
      Object.fromEntries(
        ELEMENT_IDS.map((id) => [
          id,
          z.coerce
            .number({ message: "Kies een score van 0 tot 10." })
            .int("Kies een hele score.")
            .min(0, "Kies een score van 0 tot 10.")
            .max(10, "Kies een score van 0 tot 10."),
        ]),
      ) as Record<ElementId, z.ZodNumber>,
    ),
    observed: z.array(z.string().refine((id) => known.has(id), "Onbekend gedrag.")).max(64),
    // A BSN is never stored (app/core/personal-data.ts).
    note: z.string().max(2000, "Je notitie is te lang (hoogstens 2000 tekens).").refine((text) => !containsBsn(text), BSN_REFUSED),
  });
  const parsed = schema.safeParse({
    scores: Object.fromEntries(ELEMENT_IDS.map((id) => [id, form.get(`score-${id}`) ?? undefined])),
    observed: form.getAll("observed").map(String),
    note: String(form.get("note") ?? ""),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] === "scores" ? `score-${String(issue.path[1])}` : String(issue.path[0]);
      errors[key] ??= issue.message;
    }
    return data({ errors, confirm: null }, { status: 400 });
  }
  // An e-mail address or phone number in the note is stored only after a yes.
  const question = confirmationQuestion([parsed.data.note]);
  if (question && form.get("bevestig") !== "ja") return data({ errors: {} as Record<string, string>, confirm: question });
  const id = context.services.newId();
  const { headers } = await updateProfile(request, context, (p) => ({
    ...p,
    practice: [
      ...p.practice,
      {
        id,
        caseSlug: c.slug,
        at: context.services.now().toISOString(),
        scores: parsed.data.scores as Scores,
        observed: [...new Set(parsed.data.observed)],
        note: parsed.data.note.trim(),
      },
    ],
  }));
  return redirect(`/casussen/${c.slug}/oefenen?resultaat=${id}#vergelijking`, { headers });
}

export default function Practice() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  // Fields fixed since the last answer: their error goes as soon as they are valid.
  const [fixed, setFixed] = useState<string[]>([]);
  const [note, setNote] = useState("");
  useEffect(() => setFixed([]), [result]);
  const errors: Record<string, string> = Object.fromEntries(Object.entries(result?.errors ?? {}).filter(([key]) => !fixed.includes(key)));
  const cmp = d.comparison;
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/casussen">Casussen</Link> › <Link to={`/casussen/${d.slug}`}>{d.title}</Link> › Oefenen
      </p>
      <h1>Oefenen: {d.title}</h1>
      {cmp ? (
        <Comparison d={d} />
      ) : (
        <>
          <p className="lead">
            Speel het gesprek af of lees het beurt voor beurt. Geef daarna per element een score van 0 tot 10 en vink aan
            welk gedrag en welke signalen je zag. Dan zie je je oordeel naast de vakreferentie en de cliëntblik.
          </p>
          <p className="alert warn">
            <strong>Kijkvraag:</strong> {d.groupQuestion}
          </p>
          <section aria-labelledby="gesprek">
            <h2 id="gesprek">Het gesprek</h2>
            <TranscriptPlayer turns={d.turns} duration={d.duration} />
          </section>
          <section aria-labelledby="beoordelen">
            <h2 id="beoordelen">Jouw beoordeling</h2>
            {Object.keys(errors).length ? (
              <div className="alert error" role="alert">
                Niet alles is goed ingevuld. Kijk bij de rood gemarkeerde onderdelen.
              </div>
            ) : null}
            <Form
              method="post"
              noValidate
              onChange={(e) => {
                const { name, value } = e.target as HTMLInputElement;
                // A score chosen is valid; a note is valid once it holds no BSN.
                if (name.startsWith("score-") || (name === "note" && !containsBsn(value))) setFixed((f) => [...f, name]);
              }}
            >
              {d.elements.map((e) => (
                <div key={e.id} className={`el-${e.id}`}>
                  <ScoreScale
                    name={`score-${e.id}`}
                    elementId={e.id}
                    legend={`${e.name}${e.negative ? " (negatief element: hoe hoger, hoe stroever)" : ""}`}
                    hint={e.definition}
                    negative={e.negative}
                    error={errors[`score-${e.id}`]}
                  />
                  <details className="card">
                    <summary>{e.negative ? "Welke signalen van stroefheid zag je?" : `Welk gedrag voor ${e.name.toLowerCase()} zag je?`}</summary>
                    <div className="behaviour-group">
                      {e.behaviours.map((b) => (
                        <label key={b.id} className="choice">
                          <input type="checkbox" name="observed" value={b.id} />
                          <span>{b.label}</span>
                        </label>
                      ))}
                    </div>
                  </details>
                </div>
              ))}
              <div className="field">
                <label htmlFor="note">Notitie voor jezelf (optioneel)</label>
                <p className="hint">Wat viel je op? Schrijf geen namen of andere herleidbare gegevens op.</p>
                <textarea
                  id="note"
                  name="note"
                  maxLength={2000}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  aria-invalid={errors.note ? true : undefined}
                  aria-describedby={["note-pd", errors.note ? "note-fout" : null].filter(Boolean).join(" ")}
                />
                <PersonalDataWarning id="note-pd" text={note} />
                {errors.note ? (
                  <p className="feedback-wrong" id="note-fout">
                    {errors.note}
                  </p>
                ) : null}
              </div>
              <ConfirmStoreButton question={result?.confirm} busy={navigation.state === "submitting"} />
              <div className="actions">
                <button type="submit" disabled={navigation.state === "submitting"}>
                  Vergelijk met de referenties
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
    </article>
  );
}

function Comparison({ d }: { d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const cmp = d.comparison!;
  const name = (id: ElementId) => d.elementNames[id];
  return (
    <section aria-labelledby="vergelijking">
      <h2 id="vergelijking" tabIndex={-1}>
        Jouw beoordeling naast de referenties
      </h2>
      <p>
        Je ziet je scores naast twee blikken op hetzelfde gesprek, allebei geschreven door de makers: de{" "}
        <strong>vakreferentie</strong> (hoe een arbeidsdeskundige het gesprek beoordeelt) en de{" "}
        <strong>cliëntblik</strong>.
      </p>
      <p className="client-view-label">
        <strong>{`${CLIENT_VIEW_NAME}:`}</strong> {CLIENT_VIEW_LABEL}
      </p>
      <ScoreTable
        label="Jouw scores naast de vakreferentie en de cliëntblik"
        caption="Scores per element, 0 tot 10"
        captionHidden
        className="practice-table"
        columns={[
          { label: "Element" },
          { label: "Jij", num: true },
          { label: <>Vak&shy;referentie</>, num: true },
          { label: <>Cliënt&shy;blik</>, num: true },
        ]}
        rows={cmp.elements.map((e) => ({
          key: e.elementId,
          className: `el-${e.elementId}`,
          header: <ElementTag id={e.elementId} name={name(e.elementId)} />,
          cells: [e.mine, e.reference, e.clientView ?? "–"],
        }))}
      />
      <ul className="practice-elements">
        {cmp.elements.map((e) => (
          <li key={e.elementId} className={`card el-${e.elementId}`} data-element={e.elementId}>
            <h3>
              <ElementTag id={e.elementId} name={name(e.elementId)} />
            </h3>
            <div className="practice-bars" aria-hidden="true">
              <span>Jij</span>
              <span className="bar" style={{ width: `${e.mine * 10}%` }} />
              <span>Vak</span>
              <span className="bar ref" style={{ width: `${e.reference * 10}%` }} />
              {e.clientView !== null ? (
                <>
                  <span>Cliënt</span>
                  <span className="bar client" style={{ width: `${e.clientView * 10}%` }} />
                </>
              ) : null}
            </div>
            <p>{e.sentence}</p>
            {e.clientNote ? <p className="client-note">{e.clientNote}</p> : null}
            <dl className="practice-views">
              <dt>{EXPERT_REFERENCE_NAME}</dt>
              <dd>{cmp.justification[e.elementId]}</dd>
              <dt>{CLIENT_VIEW_NAME}</dt>
              <dd>{cmp.clientCommentary[e.elementId]}</dd>
            </dl>
          </li>
        ))}
      </ul>

      <h3>Momenten die je miste</h3>
      {cmp.missed.length ? (
        <ul>
          {cmp.missed.map((m) => (
            <li key={`${m.turnIndex}-${m.id}`}>
              <strong>
                {formatClock(m.t)} · {m.label}
              </strong>{" "}
              <ElementTag id={m.elementId} name={name(m.elementId)} /> ({m.effect === "versterkt" ? "versterkt de alliantie" : "belast de alliantie"}) — {m.note}
            </li>
          ))}
        </ul>
      ) : (
        <p>Je zag alle gedrag en signalen die de vakreferentie in dit gesprek aanwijst.</p>
      )}
      {cmp.seen.length ? (
        <>
          <h3>Wat je goed zag</h3>
          <ul>
            {cmp.seen.map((m) => (
              <li key={`${m.turnIndex}-${m.id}`}>
                {formatClock(m.t)} · {m.label} — {m.note}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {cmp.extra.length ? (
        <>
          <h3>Wat jij zag en de vakreferentie niet aanwijst</h3>
          <p className="hint">Niet per se fout: bespreek met een collega waar je het aan zag.</p>
          <ul>
            {cmp.extra.map((b) => (
              <li key={b.id}>{b.label}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Tips die bij het verschil passen</h3>
      {cmp.tips.length ? (
        <ul className="cards">
          {cmp.tips.map((s) => (
            <li key={s.tipId}>
              <section className="card">
                <h4 style={{ marginTop: 0 }}>
                  <Link to={`/tips#${s.tipId}`}>
                    {`Tip ${s.tip.number}: ${s.tip.title}`}
                  </Link>
                </h4>
                <ul>
                  {s.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </section>
            </li>
          ))}
        </ul>
      ) : (
        <p>Je oordeel ligt dicht bij de vakreferentie. Kijk voor verdieping naar de <Link to="/tips">zes tips</Link>.</p>
      )}

      <details className="card">
        <summary>Wat de arbeidsdeskundige in dit gesprek niet wist</summary>
        <p>{cmp.hiddenContext}</p>
      </details>
      {cmp.note ? (
        <p>
          <strong>Jouw notitie:</strong> {cmp.note}
        </p>
      ) : null}
      <div className="actions">
        <Link className="button" to={`/casussen/${d.slug}/oefenen`}>
          Nog een keer oefenen
        </Link>
        <Link className="button secondary" to="/voortgang">
          Naar mijn voortgang
        </Link>
        <Link to="/casussen">Andere casus kiezen</Link>
      </div>
    </section>
  );
}
