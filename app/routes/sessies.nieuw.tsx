// /sessies/nieuw — the facilitator opens a live OT session: a title, what the group watches (a
// vignette, their own recording, or a role-play in the room), the question for the group, whether
// ervaringsdeskundigen show separately, and names or pseudonyms. The action parses the form with
// the same schema as POST /api/sessions and asks the session service to create it; then this page
// uploads the recording (if any) and shows the join code, link and QR, and the private host link.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { OwnCaseChecklist, OwnCaseWarning } from "~/components/agenda/OwnCase";
import { COPY_STATUS, copyOrSelect } from "~/components/copy";
import { PersonalDataWarning } from "~/components/PersonalDataWarning";
import { JoinLink } from "~/components/live/JoinLink";
import { MediaUpload } from "~/components/live/MediaUpload";
import { formatJoinCode } from "~/core/join-code";
import type { CreatedSession } from "~/core/session-service";
import { createSessionInput } from "~/core/session";
import { browserStore, storageKeys } from "~/realtime/storage";
import { joinLinks, joinQrDataUrl, requestOrigin } from "~/realtime/room-content.server";
import { checkMediaFile } from "~/realtime/upload";
import liveCss from "~/styles/live.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveCss }];

export const meta: MetaFunction = () => [
  { title: "OT-sessie starten — Alliantiekompas" },
  { name: "description", content: "Start een live OT-sessie: de groep beoordeelt samen een gesprek op de vier elementen van de werkalliantie." },
];

type SourceKind = "vignette" | "media" | "roleplay";
type Field = "title" | "method" | "source" | "vignette" | "roleplay" | "media" | "question" | "setting" | "separateRoles" | "nameDisplay" | "form";
type FieldErrors = Partial<Record<Field, string>>;

export function loader({ context }: LoaderFunctionArgs) {
  return {
    cases: context.services.content.cases.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      groupQuestion: c.groupQuestion,
      minutes: Math.round(c.duration / 60),
      hasRoleplay: Boolean(c.roleplay),
    })),
    methods: context.services.content.methods.map((m) => ({
      id: m.id,
      title: m.title,
      summary: m.summary,
      whenToUse: m.whenToUse,
      minutes: m.rounds.reduce((sum, r) => sum + r.minutes, 0),
      rounds: m.rounds.map((r) => r.title),
      ownCase: m.ownCase ?? null,
    })),
  };
}

function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/** The form as the schema's input; field names follow the schema where they can. */
function formToInput(form: FormData) {
  const kind = text(form, "source");
  const vignette = text(form, "vignette");
  const roleplay = text(form, "roleplay");
  const source =
    kind === "vignette"
      ? { kind, slug: vignette }
      : kind === "media"
        ? { kind }
        : kind === "roleplay"
          ? roleplay
            ? { kind, slug: roleplay }
            : { kind }
          : undefined;
  const question = text(form, "question").trim();
  const setting = text(form, "setting").trim();
  const method = text(form, "method");
  return {
    title: text(form, "title"),
    ...(method ? { method } : {}),
    source,
    ...(question ? { question } : {}),
    // A situation sketch belongs to an own recording or a free role-play; a vignette brings its own.
    ...(setting && !(source && "slug" in source && source.slug) ? { setting } : {}),
    separateRoles: form.get("separateRoles") === "ja",
    nameDisplay: text(form, "nameDisplay") || undefined,
    allowSingleRaterGroup: form.get("allowSingleRaterGroup") === "ja",
  };
}

function fieldOf(path: PropertyKey[], kind: string): Field {
  const [first, second] = path;
  if (first === "source") {
    if (second === "slug") return kind === "roleplay" ? "roleplay" : "vignette";
    return "source";
  }
  if (first === "title" || first === "method" || first === "question" || first === "setting" || first === "separateRoles" || first === "nameDisplay") return first;
  return "form";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const input = formToInput(form);
  const parsed = createSessionInput.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path, text(form, "source"));
      errors[field] ??= issue.message;
    }
    return { errors, created: null };
  }
  // The service checks again (and that the vignette exists) and rate-limits creation per address.
  const result = await context.services.sessions.create(parsed.data, context.clientAddress ?? "remix-form");
  if (!result.ok) return { errors: { form: result.error.message } as FieldErrors, created: null };
  const created: CreatedSession = result.data;
  const join = joinLinks(request, created.code, context.services);
  return {
    errors: {} as FieldErrors,
    created: {
      ...created,
      ...join,
      kind: parsed.data.source.kind,
      // The host link is for this same browser (or the host's own devices): the address in use.
      hostUrlAbsolute: new URL(created.hostUrl, requestOrigin(request)).href,
      qr: await joinQrDataUrl(join.joinUrl),
    },
  };
}

export default function NewSession() {
  const { cases, methods } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  const [kind, setKind] = useState<SourceKind>("vignette");
  const [vignette, setVignette] = useState(cases[0]?.slug ?? "");
  const [roleplay, setRoleplay] = useState("");
  const [question, setQuestion] = useState("");
  const [setting, setSetting] = useState("");
  const [methodId, setMethodId] = useState("");
  const method = methods.find((m) => m.id === methodId) ?? null;
  // An eigen casus is always a role-play the inbrenger briefs: no library, no recording.
  const ownCase = method?.ownCase ?? null;
  const chooseMethod = (id: string) => {
    setMethodId(id);
    if (methods.find((m) => m.id === id)?.ownCase) {
      setKind("roleplay");
      setRoleplay("");
    }
  };
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const prefilled = useRef<string | null>(null);

  const chosenSlug = kind === "vignette" ? vignette : kind === "roleplay" ? roleplay : "";
  const chosen = cases.find((c) => c.slug === chosenSlug) ?? null;

  useEffect(() => setHydrated(true), []);

  // The group question follows the chosen vignette until the facilitator writes their own.
  useEffect(() => {
    if (!hydrated) return;
    const suggestion = chosen?.groupQuestion ?? "";
    const previous = prefilled.current;
    prefilled.current = suggestion;
    setQuestion((q) => (q === "" || q === previous ? suggestion : q));
  }, [chosen?.groupQuestion, hydrated]);

  const created = actionData?.created ?? null;
  useEffect(() => {
    if (created) browserStore().set(storageKeys.hostToken(created.code), created.hostToken);
  }, [created]);

  const errors: FieldErrors = { ...(actionData?.errors ?? {}), ...(fileError ? { media: fileError } : {}) };
  const errorKey = JSON.stringify(errors);

  // After a refused submit, go to the first problem (the button sits far below the top fields).
  useEffect(() => {
    const order: [Field, string][] = [
      ["form", "#nieuw-fout"],
      ["title", "#title"],
      ["method", 'input[name="method"]'],
      ["source", 'input[name="source"]'],
      ["vignette", "#vignette"],
      ["media", "#media"],
      ["roleplay", "#roleplay"],
      ["setting", "#setting"],
      ["question", "#question"],
      ["separateRoles", 'input[name="separateRoles"]'],
      ["nameDisplay", 'input[name="nameDisplay"]'],
    ];
    const first = order.find(([field]) => errors[field]);
    if (first) document.querySelector<HTMLElement>(first[1])?.focus();
    // errorKey stands for the errors object, which is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errorKey]);

  if (created) return <Created created={created} file={created.kind === "media" ? file : null} />;

  const busy = navigation.state !== "idle";
  const show = (k: SourceKind) => !hydrated || kind === k;
  const err = (field: Field) =>
    errors[field] ? (
      <p className="feedback-wrong" id={`${field}-fout`}>
        {errors[field]}
      </p>
    ) : null;
  const described = (field: Field, hint?: string) => [hint, errors[field] ? `${field}-fout` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="live-page new-session">
      <h1>OT-sessie starten</h1>
      <p className="lead">
        De groep bekijkt samen een gesprek en beoordeelt het live op de vier elementen, ieder op de eigen telefoon. Niemand ziet
        andermans scores tot jij ze onthult.
      </p>
      <p>
        Eerste keer begeleiden? <Link to="/begeleiden">Lees de handleiding</Link> over voorbereiden, de avond en het verslag.
      </p>
      {errors.form ? (
        <p className="alert error" role="alert" id="nieuw-fout" tabIndex={-1}>
          {errors.form}
        </p>
      ) : null}
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          if (kind !== "media") return;
          const problem = file ? checkMediaFile(file) : "Kies de opname die de groep gaat bekijken.";
          setFileError(problem);
          if (problem) event.preventDefault();
        }}
      >
        <div className="field">
          <label htmlFor="title">Titel van de sessie</label>
          <input id="title" name="title" type="text" maxLength={120} required aria-invalid={errors.title ? true : undefined} aria-describedby={described("title", "title-hint")} />
          <p className="hint" id="title-hint">
            Bijvoorbeeld “OT-groep Noord, maart”. Deelnemers zien de titel.
          </p>
          {err("title")}
        </div>

        <fieldset aria-describedby={described("method")} className="method-choice">
          <legend>Werkvorm (mag leeg)</legend>
          <p className="hint">Een werkvorm geeft de sessie rondes met een tijd, die meelopen met de fasen. Jij gaat door naar de volgende ronde; de tijd staat op het beamerscherm.</p>
          {err("method")}
          <label className="choice">
            <input type="radio" name="method" value="" checked={methodId === ""} onChange={() => chooseMethod("")} />
            <span>
              <strong>Geen werkvorm</strong>
              <span className="hint">Alleen de fasen van de sessie, zonder rondes.</span>
            </span>
          </label>
          {methods.map((m) => (
            <label className="choice" key={m.id}>
              <input type="radio" name="method" value={m.id} checked={methodId === m.id} onChange={() => chooseMethod(m.id)} />
              <span>
                <strong>{m.title}</strong>
                <span className="hint">{`${m.summary} ${m.rounds.length} rondes, samen ${m.minutes} minuten.`}</span>
                {methodId === m.id && hydrated ? <span className="hint">{`Wanneer: ${m.whenToUse}`}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>

        {ownCase && hydrated ? (
          <section className="card own-case" aria-labelledby="own-case-check-h">
            <OwnCaseWarning />
            <OwnCaseChecklist texts={ownCase} headingId="own-case-check-h" />
          </section>
        ) : null}

        {hydrated && ownCase ? (
          <input type="hidden" name="source" value="roleplay" />
        ) : (
        <fieldset aria-describedby={described("source")}>
          <legend>Wat bekijkt de groep?</legend>
          {err("source")}
          <label className="choice">
            <input type="radio" name="source" value="vignette" checked={kind === "vignette"} onChange={() => setKind("vignette")} />
            <span>
              <strong>Een gesprek uit de bibliotheek</strong>
              <span className="hint">Het uitgeschreven gesprek loopt mee op de klok die jij bedient.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="source" value="media" checked={kind === "media"} onChange={() => setKind("media")} />
            <span>
              <strong>Een eigen opname</strong>
              <span className="hint">Audio of video, hoogstens 500 MB. Alleen met toestemming van wie erin te zien of te horen is; de opname wordt met de sessie verwijderd.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="source" value="roleplay" checked={kind === "roleplay"} onChange={() => setKind("roleplay")} />
            <span>
              <strong>Een rollenspel in de zaal</strong>
              <span className="hint">Twee deelnemers spelen het gesprek; de klok loopt mee. De veiligste keuze: geen echte cliënt.</span>
            </span>
          </label>
        </fieldset>
        )}

        {show("vignette") ? (
          <div className="field">
            <label htmlFor="vignette">Kies het gesprek</label>
            <select
              id="vignette"
              name="vignette"
              value={vignette}
              onChange={(e) => setVignette(e.currentTarget.value)}
              aria-invalid={errors.vignette ? true : undefined}
              aria-describedby={described("vignette", chosen && kind === "vignette" ? "vignette-summary" : undefined)}
            >
              {cases.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.title} ({c.minutes} min)
                </option>
              ))}
            </select>
            {chosen && kind === "vignette" && hydrated ? (
              <p className="hint" id="vignette-summary">
                {chosen.summary}
              </p>
            ) : null}
            {err("vignette")}
          </div>
        ) : null}

        {show("media") ? (
          <div className="field">
            <label htmlFor="media">Opname</label>
            <input
              id="media"
              type="file"
              accept="audio/*,video/*"
              aria-invalid={errors.media ? true : undefined}
              aria-describedby={described("media", "media-hint")}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0] ?? null;
                setFile(f);
                setFileError(f ? checkMediaFile(f) : null);
              }}
            />
            <p className="hint" id="media-hint">
              Het bestand gaat pas naar de server als de sessie is aangemaakt. Het uploaden vraagt JavaScript.
            </p>
            {err("media")}
          </div>
        ) : null}

        {show("roleplay") && !(hydrated && ownCase) ? (
          <div className="field">
            <label htmlFor="roleplay">Rollenspelscript (mag leeg)</label>
            <select
              id="roleplay"
              name="roleplay"
              value={roleplay}
              onChange={(e) => setRoleplay(e.currentTarget.value)}
              aria-invalid={errors.roleplay ? true : undefined}
              aria-describedby={described("roleplay", "roleplay-hint")}
            >
              <option value="">Geen script: een vrij rollenspel</option>
              {cases
                .filter((c) => c.hasRoleplay)
                .map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.title}
                  </option>
                ))}
            </select>
            <p className="hint" id="roleplay-hint">
              Met een script krijg jij de kaart van elke speler op je begeleidersscherm, en een link naar de kaarten en kijkbladen om te printen.
            </p>
            {err("roleplay")}
          </div>
        ) : null}

        {!hydrated || (kind === "media" || (kind === "roleplay" && !roleplay)) ? (
          <div className="field">
            <label htmlFor="setting">{ownCase ? "Het gesprek, geanonimiseerd (mag leeg)" : "De situatie (mag leeg)"}</label>
            <textarea
              id="setting"
              name="setting"
              rows={4}
              maxLength={4000}
              value={setting}
              onChange={(e) => setSetting(e.currentTarget.value)}
              aria-invalid={errors.setting ? true : undefined}
              aria-describedby={described("setting", "setting-hint setting-pd")}
            />
            <p className="hint" id="setting-hint">
              Wat de groep vooraf weet over het gesprek. Laat namen, werkgever, woonplaats en zeldzame diagnoses weg. Bij een
              gesprek uit de bibliotheek vullen we dit zelf in.
            </p>
            <PersonalDataWarning text={setting} id="setting-pd" />
            {err("setting")}
          </div>
        ) : null}

        <div className="field">
          <label htmlFor="question">{ownCase ? "Leervraag van de inbrenger" : "Vraag aan de groep"}</label>
          <textarea
            id="question"
            name="question"
            rows={3}
            maxLength={1000}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            aria-invalid={errors.question ? true : undefined}
            aria-describedby={described("question", "question-hint question-pd")}
          />
          <p className="hint" id="question-hint">
            {ownCase
              ? ownCase.leervraag
              : "Laat je dit leeg, dan gebruiken we de vraag bij het gekozen gesprek, of een algemene vraag over de vier elementen."}
          </p>
          <PersonalDataWarning text={question} id="question-pd" />
          {err("question")}
        </div>

        <fieldset aria-describedby={described("separateRoles")}>
          <legend>Ervaringsdeskundigen in de resultaten</legend>
          {err("separateRoles")}
          <label className="choice">
            <input type="checkbox" name="separateRoles" value="ja" defaultChecked />
            <span>
              Toon ervaringsdeskundigen apart van de arbeidsdeskundigen
              <span className="hint">Een verschil tussen beide groepen is vaak het interessantste gesprek.</span>
            </span>
          </label>
          <label className="choice">
            <input type="checkbox" name="allowSingleRaterGroup" value="ja" />
            <span>
              Toon ook een groep van één persoon als eigen gemiddelde
              <span className="hint">Standaard niet: dan is iemands score voor iedereen te herleiden.</span>
            </span>
          </label>
        </fieldset>

        <fieldset aria-describedby={described("nameDisplay")}>
          <legend>Namen in de groep</legend>
          {err("nameDisplay")}
          <label className="choice">
            <input type="radio" name="nameDisplay" value="pseudoniemen" defaultChecked />
            <span>
              Schuilnamen, zoals “Beoordelaar 3”
              <span className="hint">Ook op het begeleidersscherm, dat de groep vaak meekijkt, staan dan alleen schuilnamen.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="nameDisplay" value="namen" />
            <span>De namen die deelnemers zelf opgeven</span>
          </label>
        </fieldset>

        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Bezig met aanmaken…" : "Sessie aanmaken"}
          </button>
        </div>
      </Form>
    </div>
  );
}

interface CreatedView extends CreatedSession {
  kind: SourceKind;
  alternatives: string[];
  hostUrlAbsolute: string;
  qr: string;
}

function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const [copied, setCopied] = useState<"copied" | "selected" | null>(null);
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} aria-describedby={hint ? `${id}-hint` : undefined} />
        <button
          type="button"
          className="secondary"
          onClick={async () => setCopied(await copyOrSelect(value, () => (document.getElementById(id) as HTMLInputElement | null)?.select()))}
        >
          Kopieer
        </button>
      </div>
      <p className="hint" role="status">
        {copied ? COPY_STATUS[copied] : null}
      </p>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Created({ created, file }: { created: CreatedView; file: File | null }) {
  const [uploaded, setUploaded] = useState(created.kind !== "media");
  return (
    <div className="live-page new-session created">
      <h1>De sessie staat klaar</h1>
      {created.kind === "media" ? (
        <section className="card" aria-labelledby="upload-h">
          <h2 id="upload-h">De opname</h2>
          <MediaUpload sessionId={created.sessionId} hostToken={created.hostToken} initialFile={file} onUploaded={() => setUploaded(true)} />
          {!uploaded ? <p className="hint">Het live beoordelen kan pas beginnen als de opname er is. Je kunt hem ook later vanuit het begeleidersscherm uploaden.</p> : null}
        </section>
      ) : null}
      <section className="join-panel card" aria-labelledby="join-h">
        <h2 id="join-h" className="join-label">
          Deelnemers doen mee met deze code
        </h2>
        <p className="join-code" aria-label={`Code: ${[...created.code].join(" ")}`}>
          {formatJoinCode(created.code)}
        </p>
        <JoinLink joinUrl={created.joinUrl} qr={created.qr} alternatives={created.alternatives} qrSize={220} />
      </section>
      <section className="card host-link" aria-labelledby="host-h">
        <h2 id="host-h">Jouw begeleiderslink</h2>
        <p>
          Met deze link bedien je de sessie. Hij is privé: deel hem niet en laat hem niet op het scherm zien. Op dit apparaat
          onthouden we hem, zodat je na het herladen gewoon verder kunt.
        </p>
        <CopyField id="host-link" label="Begeleiderslink" value={created.hostUrlAbsolute} hint="Bewaar hem, bijvoorbeeld in je wachtwoordmanager, als je op een ander apparaat wilt begeleiden." />
        <div className="actions">
          {/* A plain link: the token sits in the fragment, which a full page load keeps away from the server. */}
          <a className="button" href={created.hostUrl}>
            Open het begeleidersscherm
          </a>
          <Link to="/sessies/nieuw" reloadDocument className="button secondary">
            Nog een sessie starten
          </Link>
        </div>
      </section>
    </div>
  );
}
