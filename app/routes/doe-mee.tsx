// /doe-mee — join a live session: the code (from the QR link or typed), a name or pseudonym and a
// role. The action checks the form (zod, Dutch messages beside the fields); the page then takes a
// seat over the socket, where joining is rate-limited per address, keeps the seat's resume token in
// this browser and goes to the room.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { GUIDE_SECTIONS } from "~/core/domain";
import { formatJoinCode, isJoinCode, joinCodeProblem, normalizeJoinCode, unknownJoinCodeMessage } from "~/core/join-code";
import { joinPayload } from "~/core/protocol";
import { PARTICIPANT_ROLES, type ParticipantRole } from "~/core/protocol-values";
import { joinAsNew } from "~/realtime/live-client";
import { ROLE_LABELS } from "~/realtime/room-content";
import { browserStore, readSeat } from "~/realtime/storage";
import liveCss from "~/styles/live.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: liveCss }];

export const meta: MetaFunction = () => [
  { title: "Meedoen met een OT-sessie — Alliantiekompas" },
  { name: "description", content: "Doe mee met een live OT-sessie met de code van de begeleider." },
];

const ROLE_HINTS: Record<ParticipantRole, string> = {
  arbeidsdeskundige: "Je beoordeelt het gesprek vanuit je vak.",
  ervaringsdeskundige: "Je beoordeelt vanuit je eigen ervaring als cliënt: het perspectief dat de groep zoekt.",
  observator: "Je kijkt mee en beoordeelt niet, bijvoorbeeld als verslaglegger of gast.",
};

const joinForm = z.strictObject({
  code: z
    .string({ error: "Vul de code in." })
    .transform((v) => normalizeJoinCode(v.trim()))
    .superRefine((v, ctx) => {
      const problem = joinCodeProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // The protocol's own rule for names, with its Dutch messages.
  name: joinPayload.options[0].shape.name,
  role: z.enum(PARTICIPANT_ROLES, { error: "Kies je rol in deze sessie." }),
});

type FieldErrors = Partial<Record<"code" | "name" | "role" | "form", string>>;

export function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code") ?? "";
  const code = normalizeJoinCode(raw.trim()).slice(0, 12);
  return { code: isJoinCode(code) ? code : "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = joinForm.safeParse({
    code: form.get("code") ?? "",
    name: form.get("name") ?? "",
    role: form.get("role") ?? undefined,
  });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "code" || key === "name" || key === "role") && !errors[key]) errors[key] = issue.message;
    }
    return { errors, join: null };
  }
  return { errors: {} as FieldErrors, join: parsed.data };
}

export default function JoinPage() {
  const { code: codeFromLink } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [joinError, setJoinError] = useState<FieldErrors>({});
  const [joining, setJoining] = useState(false);
  const [existingSeat, setExistingSeat] = useState(false);
  const handled = useRef<unknown>(null);

  useEffect(() => {
    if (codeFromLink) setExistingSeat(readSeat(browserStore(), codeFromLink) !== null);
  }, [codeFromLink]);

  // The form is valid: take a seat over the socket, then go to the room.
  useEffect(() => {
    const join = actionData?.join;
    if (!join || handled.current === actionData) return;
    handled.current = actionData;
    setJoining(true);
    setJoinError({});
    void joinAsNew(browserStore(), join).then((ack) => {
      if (ack.ok) {
        navigate(`/sessie/${join.code}`);
        return;
      }
      setJoining(false);
      const { code, message } = ack.error;
      setJoinError(code === "not_found" ? { code: unknownJoinCodeMessage(join.code) } : { form: message });
    });
  }, [actionData, navigate]);

  const errors: FieldErrors = { ...(actionData?.errors ?? {}), ...joinError };
  const errorKey = JSON.stringify(errors);

  // Take the person to the first problem: after tapping "Meedoen" it may be scrolled out of sight.
  useEffect(() => {
    const target = errors.form
      ? document.getElementById("join-fout")
      : errors.code
        ? document.getElementById("code")
        : errors.name
          ? document.getElementById("name")
          : errors.role
            ? document.querySelector<HTMLInputElement>('input[name="role"]')
            : null;
    target?.focus();
    // errorKey stands for the errors object, which is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errorKey]);
  const busy = navigation.state !== "idle" || joining;
  const describe = (field: keyof FieldErrors, hint?: string) =>
    [hint, errors[field] ? `${field}-fout` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="live-page join-page">
      <h1>Meedoen met een OT-sessie</h1>
      <p className="lead">Vul de code in die de begeleider laat zien, je naam en je rol. Je beoordeling blijft verborgen tot de begeleider de resultaten onthult.</p>
      <p>
        Eerste keer? <Link to={`/begeleiden#${GUIDE_SECTIONS.firstTime}`}>Zo werkt meedoen</Link>.
      </p>
      {existingSeat ? (
        <p className="alert ok">
          Je doet al mee met sessie {formatJoinCode(codeFromLink)} op dit apparaat.{" "}
          <Link to={`/sessie/${codeFromLink}`}>Terug naar je plek</Link>
        </p>
      ) : null}
      {errors.form ? (
        <p className="alert error" role="alert" id="join-fout" tabIndex={-1}>
          {errors.form}
        </p>
      ) : null}
      <Form method="post" noValidate className="join-form" aria-busy={busy}>
        <div className="field">
          <label htmlFor="code">Code</label>
          <input
            id="code"
            name="code"
            type="text"
            className="code-input"
            defaultValue={codeFromLink ? formatJoinCode(codeFromLink) : (actionData?.join?.code ?? "")}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={16}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={describe("code", "code-hint")}
          />
          <p className="hint" id="code-hint">
            Zes tekens, bijvoorbeeld ACD 234. Hoofdletters en spaties maken niet uit.
          </p>
          {errors.code ? (
            <p className="feedback-wrong" id="code-fout">
              {errors.code}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="name">Naam of schuilnaam</label>
          <input
            id="name"
            name="name"
            type="text"
            maxLength={40}
            autoComplete="nickname"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describe("name", "name-hint")}
          />
          <p className="hint" id="name-hint">
            Zo ziet de begeleider je. Een schuilnaam mag; toont de sessie schuilnamen, dan ziet de groep alleen “Beoordelaar 1”, enzovoort.
          </p>
          {errors.name ? (
            <p className="feedback-wrong" id="name-fout">
              {errors.name}
            </p>
          ) : null}
        </div>
        <fieldset aria-describedby={errors.role ? "role-fout" : undefined}>
          <legend>Je rol</legend>
          {errors.role ? (
            <p className="feedback-wrong" id="role-fout">
              {errors.role}
            </p>
          ) : null}
          {PARTICIPANT_ROLES.map((role) => (
            <label key={role} className="choice role-choice">
              <input type="radio" name="role" value={role} aria-describedby={`role-${role}-hint`} />
              <span>
                <strong>{ROLE_LABELS[role]}</strong>
                <span className="hint" id={`role-${role}-hint`}>
                  {ROLE_HINTS[role]}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Bezig met aanmelden…" : "Meedoen"}
          </button>
        </div>
        <noscript>
          <p className="alert warn">Voor de live sessie is JavaScript nodig: zet het aan in je browser.</p>
        </noscript>
      </Form>
    </div>
  );
}
