// The reflection phase on a participant's phone: what I take away (a learning point) and one
// concrete action, with the werkblad's three themes as optional prompts from the client's side.
// Sent with reflection:submit and editable until the session closes; what is typed stays in this
// browser until the server acked it (useDraft), and the form starts from the stored reflection.
import { type FormEvent, useId, useRef, useState } from "react";
import { THEME_IDS, type ThemeId } from "../../core/domain";
import { MAX_REFLECTION_TEXT, type Reflection, reflectionPayload } from "../../core/protocol";
import { THEME_LABELS } from "../../core/reflection";
import type { LiveClient } from "../../realtime/live-client";
import { storageKeys } from "../../realtime/storage";
import { useDraft } from "../../realtime/use-draft";
import type { PersonalDataPlace } from "../../core/personal-data";
import { usePersonalDataConfirmation } from "../PersonalDataConfirm";
import { PersonalDataWarning } from "../PersonalDataWarning";
import { DraftSubmit } from "./DraftSubmit";

/** A werkblad theme (content/werkblad.yaml): its intro asks what mattered to the client. */
export interface ReflectionTheme {
  id: ThemeId;
  intro: string;
}

interface ReflectionDraft {
  learningPoint: string;
  action: string;
  themes: Record<ThemeId, string>;
}

const EMPTY_THEMES: Record<ThemeId, string> = { ervaringen: "", behoeften: "", toekomst: "" };

function fromReflection(r: Reflection | null | undefined): ReflectionDraft {
  return {
    learningPoint: r?.learningPoint ?? "",
    action: r?.action ?? "",
    themes: { ...EMPTY_THEMES, ...r?.themes },
  };
}

const str = (x: unknown) => (typeof x === "string" ? x : "");

function parseDraft(raw: unknown): ReflectionDraft | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const themes = (typeof r.themes === "object" && r.themes !== null ? r.themes : {}) as Record<string, unknown>;
  return {
    learningPoint: str(r.learningPoint),
    action: str(r.action),
    themes: Object.fromEntries(THEME_IDS.map((id) => [id, str(themes[id])])) as Record<ThemeId, string>,
  };
}

/** The payload as the protocol wants it: empty themes left out. */
function toPayload(d: ReflectionDraft) {
  const themes = Object.fromEntries(THEME_IDS.filter((id) => d.themes[id].trim()).map((id) => [id, d.themes[id]]));
  return { learningPoint: d.learningPoint, action: d.action, ...(Object.keys(themes).length ? { themes } : {}) };
}

type FieldKey = "learningPoint" | "action" | ThemeId;

export function ReflectionForm({
  client,
  code,
  participantId,
  saved,
  themes,
  online,
  place = "casus",
}: {
  client: LiveClient;
  code: string;
  participantId: string;
  /** The reflection the server holds (snapshot.you.reflection). */
  saved: Reflection | null;
  themes: ReflectionTheme[];
  online: boolean;
  /** "eigen" for an ervaringsdeskundige: the warning speaks about her own data. */
  place?: PersonalDataPlace;
}) {
  const id = useId();
  const draft = useDraft<ReflectionDraft>({
    storageKey: storageKeys.draft("reflection", code, participantId),
    initial: () => fromReflection(saved),
    parse: parseDraft,
    send: (value) => client.request("reflection:submit", toPayload(value)),
    online,
  });
  const [editing, setEditing] = useState(!saved || draft.restored);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const confirmation = usePersonalDataConfirmation();
  const value = draft.value;
  const themesOpen = THEME_IDS.some((t) => value.themes[t].trim());

  const fieldId = (key: FieldKey) => `${id}-${key}`;
  const describedBy = (key: FieldKey) => [`${fieldId(key)}-pd`, errors[key] ? `${fieldId(key)}-fout` : null].filter(Boolean).join(" ");

  if (!editing && saved) {
    const shown = value;
    return (
      <section className="card reflection-done" aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`}>Je leerpunt is bewaard</h2>
        <dl className="reflection-text">
          <dt>Leerpunt</dt>
          <dd>{shown.learningPoint}</dd>
          <dt>Actie</dt>
          <dd>{shown.action}</dd>
          {THEME_IDS.filter((t) => shown.themes[t].trim()).map((t) => (
            <div key={t}>
              <dt>{THEME_LABELS[t]}</dt>
              <dd>{shown.themes[t]}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">De begeleider kan de leerpunten zonder namen op het scherm zetten. Tot de sessie sluit kun je het nog aanpassen.</p>
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          Leerpunt aanpassen
        </button>
      </section>
    );
  }

  const change = (key: FieldKey, text: string) => {
    draft.setValue((d) => (key === "learningPoint" || key === "action" ? { ...d, [key]: text } : { ...d, themes: { ...d.themes, [key]: text } }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = reflectionPayload.safeParse(toPayload(value));
    if (!parsed.success) {
      const next: Partial<Record<FieldKey, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = (issue.path[0] === "themes" ? issue.path[1] : issue.path[0]) as FieldKey;
        next[key] ??= issue.message;
      }
      setErrors(next);
      const first = (["learningPoint", "action", ...THEME_IDS] as FieldKey[]).find((k) => next[k]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    if (!confirmation.mayStore([value.learningPoint, value.action, ...THEME_IDS.map((t) => value.themes[t])])) return;
    if (await draft.submit()) setEditing(false);
  };

  const textField = (key: FieldKey, label: string, hint: string | null, rows: number) => (
    <div className="field" key={key}>
      <label htmlFor={fieldId(key)}>{label}</label>
      {hint ? (
        <p className="hint" id={`${fieldId(key)}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={fieldId(key)}
        rows={rows}
        maxLength={MAX_REFLECTION_TEXT}
        value={key === "learningPoint" || key === "action" ? value[key] : value.themes[key]}
        onChange={(e) => change(key, e.currentTarget.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={[hint ? `${fieldId(key)}-hint` : null, describedBy(key)].filter(Boolean).join(" ")}
      />
      {errors[key] ? (
        <p className="feedback-wrong" id={`${fieldId(key)}-fout`}>
          {errors[key]}
        </p>
      ) : null}
      <PersonalDataWarning id={`${fieldId(key)}-pd`} text={key === "learningPoint" || key === "action" ? value[key] : value.themes[key]} place={place} />
    </div>
  );

  return (
    <form ref={formRef} className="card reflection-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Wat neem je mee?</h2>
      <p className="hint">
        Je leerpunt en actie zijn anoniem: de begeleider kan ze zonder namen op het scherm zetten en ze komen zonder namen in het
        verslag. Schrijf geen namen of andere persoonsgegevens op.
      </p>
      {draft.restored && editing ? <p className="hint">Je tekst van eerder stond nog op dit apparaat en is teruggezet.</p> : null}
      {textField("learningPoint", "Mijn leerpunt", "Wat heb je vanavond gezien of geleerd over de werkalliantie?", 3)}
      {textField("action", "Eén concrete actie", "Wat ga je in je volgende gesprek anders doen?", 2)}
      <details className="reflection-themes" open={themesOpen}>
        <summary>Vanuit de cliënt bekeken (mag leeg)</summary>
        <p className="hint">
          De drie thema&apos;s van het werkblad &ldquo;Ons gesprek&rdquo;: wat zag je daarvan terug in dit gesprek, en wat neem je
          daaruit mee?
        </p>
        {themes.map((t) => textField(t.id, `${THEME_LABELS[t.id]} van de cliënt`, t.intro, 2))}
      </details>
      {confirmation.prompt(() => formRef.current?.requestSubmit(), "Ja, toch bewaren")}
      <DraftSubmit
        sending={draft.sending}
        label={saved ? "Leerpunt bijwerken" : "Leerpunt bewaren"}
        sendingLabel="Bezig met bewaren…"
        onCancel={
          saved
            ? () => {
                draft.discard(fromReflection(saved));
                setErrors({});
                setEditing(false);
              }
            : undefined
        }
        error={draft.error}
        kept="Je tekst blijft op dit apparaat bewaard en gaat mee zodra het weer lukt."
      />
    </form>
  );
}
