import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ConfirmStoreButton } from "~/components/PersonalDataConfirm";
import { PersonalDataWarning } from "~/components/PersonalDataWarning";
import { PrintButton } from "~/components/PrintButton";
import { THEME_IDS, type ThemeId } from "~/core/domain";
import { BSN_REFUSED, confirmationQuestion, containsBsn, describePersonalData, findPersonalData } from "~/core/personal-data";
import { readProfile, updateProfile } from "~/profile.server";

export const meta: MetaFunction = () => [{ title: "Werkblad Ons gesprek — Alliantiekompas" }];

const STORAGE_KEY = "ak-werkblad";
const MAX_NOTE = 10_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const profile = await readProfile(request, context);
  return { werkblad: context.services.content.werkblad, notes: profile?.werkblad ?? null };
}

type Notes = Record<ThemeId, string>;

interface WerkbladAnswer {
  saved: boolean;
  cleared: boolean;
  errors: Partial<Record<ThemeId, string>>;
  warnings: Partial<Record<ThemeId, string>>;
  /** Asked before an e-mail address or phone number is stored; the form sends bevestig=ja. */
  confirm: string | null;
  /** What was sent and not stored, so a page without JavaScript shows it again. */
  values: Notes | null;
}

const answer = (a: Partial<WerkbladAnswer>): WerkbladAnswer => ({ saved: false, cleared: false, errors: {}, warnings: {}, confirm: null, values: null, ...a });

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "clear") {
    const { headers } = await updateProfile(request, context, (p) => ({ ...p, werkblad: { ervaringen: "", behoeften: "", toekomst: "" } }));
    return data(answer({ saved: true, cleared: true }), { headers });
  }
  const schema = z.object(
    Object.fromEntries(THEME_IDS.map((id) => [id, z.string().max(MAX_NOTE, `Hoogstens ${MAX_NOTE} tekens.`)])) as Record<ThemeId, z.ZodString>,
  );
  const parsed = schema.safeParse(Object.fromEntries(THEME_IDS.map((id) => [id, String(form.get(id) ?? "")])));
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return data(answer({ errors }), { status: 400 });
  }
  const notes = parsed.data;
  // A BSN is never stored; an e-mail address or phone number only after a yes.
  const withBsn = THEME_IDS.filter((id) => containsBsn(notes[id]));
  if (withBsn.length) return data(answer({ errors: Object.fromEntries(withBsn.map((id) => [id, BSN_REFUSED])), values: notes }), { status: 400 });
  const question = confirmationQuestion(THEME_IDS.map((id) => notes[id]));
  if (question && form.get("bevestig") !== "ja") return data(answer({ confirm: question, values: notes }));
  const { headers } = await updateProfile(request, context, (p) => ({ ...p, werkblad: notes }));
  const warnings: Partial<Record<ThemeId, string>> = {};
  for (const id of THEME_IDS) {
    const message = describePersonalData(findPersonalData(notes[id]), "werkblad");
    if (message) warnings[id] = message;
  }
  return data(answer({ saved: true, warnings }), { headers });
}


export default function Werkblad() {
  const { werkblad, notes: saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [notes, setNotes] = useState<Notes>(result?.values ?? saved ?? { ervaringen: "", behoeften: "", toekomst: "" });
  const [enhanced, setEnhanced] = useState(false);

  // Notes typed but not yet saved survive a reload: they are kept in this browser.
  useEffect(() => {
    setEnhanced(true);
    try {
      const local = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Notes> | null;
      if (local) setNotes((current) => ({ ...current, ...local }));
    } catch {
      // unreadable local copy: keep what the server had
    }
  }, []);
  useEffect(() => {
    if (!result?.cleared) return;
    localStorage.removeItem(STORAGE_KEY);
    setNotes({ ervaringen: "", behoeften: "", toekomst: "" });
  }, [result]);

  const change = (id: ThemeId, value: string) => {
    setNotes((current) => {
      const next = { ...current, [id]: value };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  };

  return (
    <article className="werkblad">
      <h1>Werkblad: {werkblad.title}</h1>
      <p className="lead">{werkblad.intro}</p>
      <p className="alert warn no-print">
        Werk je met een echte cliënt? Schrijf hier geen namen, adressen, geboortedata of BSN op. Dit werkblad waarschuwt
        als een notitie daarop lijkt.
      </p>
      <Form method="post" noValidate>
        {werkblad.themes.map((theme) => (
          <section key={theme.id} className="card werkblad-theme" aria-labelledby={`thema-${theme.id}`}>
            <h2 id={`thema-${theme.id}`}>{theme.title}</h2>
            <p>{theme.intro}</p>
            <h3>Voorbeeldvragen</h3>
            <ul>
              {theme.questions.map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ul>
            <div className="field">
              <label htmlFor={`notitie-${theme.id}`}>Aantekeningen: {theme.title.toLowerCase()}</label>
              <textarea
                id={`notitie-${theme.id}`}
                name={theme.id}
                maxLength={MAX_NOTE}
                value={notes[theme.id]}
                onChange={(e) => change(theme.id, e.target.value)}
                aria-describedby={`waarschuwing-${theme.id}`}
                className="no-print"
              />
              <div className="print-only print-note">{notes[theme.id] || "\u00a0"}</div>
              {enhanced ? (
                <PersonalDataWarning id={`waarschuwing-${theme.id}`} text={notes[theme.id]} place="werkblad" />
              ) : (
                <p id={`waarschuwing-${theme.id}`} className={result?.warnings[theme.id] ? "alert warn" : "visually-hidden"} role="status">
                  {result?.warnings[theme.id] ?? ""}
                </p>
              )}
              {result?.errors[theme.id] ? <p className="feedback-wrong">{result.errors[theme.id]}</p> : null}
            </div>
          </section>
        ))}
        <ConfirmStoreButton question={result?.confirm} busy={navigation.state === "submitting"} />
        <div className="actions no-print">
          <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
            Bewaren in mijn profiel
          </button>
          <PrintButton label="Werkblad printen" />
          <button type="submit" name="intent" value="clear" className="secondary">
            Notities wissen
          </button>
          {result?.saved ? (
            <span role="status">{result.cleared ? "Notities gewist." : "Bewaard."}</span>
          ) : null}
        </div>
        <p className="hint no-print">
          {enhanced
            ? "Wat je typt, blijft in deze browser staan. Met Bewaren zet je het in je anonieme profiel (zie Mijn voortgang)."
            : "Met Bewaren zet je je notities in je anonieme profiel (zie Mijn voortgang)."}
        </p>
      </Form>
    </article>
  );
}
