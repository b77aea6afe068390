// /s/<link> — the client's page after a real gesprek: four statements, 0–10, an optional remark,
// and what happens with the answer. Works without JavaScript: a plain form posted to this route.
// Status codes are part of the contract (docs/protocol.md): 400 bad input, 409 already answered,
// 410 expired, 404 unknown link or the feature switched off.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ELEMENT_IDS, type ElementId } from "~/core/domain";
import { CLIENT_STATEMENTS, type ClientLinkState, MAX_OPMERKING } from "~/core/spiegel";

export const meta: MetaFunction = () => [
  { title: "Hoe was het gesprek? — Alliantiekompas" },
  { name: "robots", content: "noindex" },
];

// Only the plain digits a radio button sends: "0" … "10" (no "1e1", " 5", "0x5").
const score = z
  .string({ error: "Kies een cijfer van 0 tot en met 10." })
  .regex(/^(?:10|\d)$/, "Kies een cijfer van 0 tot en met 10.")
  .transform(Number);
const required = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const answerForm = z.object({
  vertrouwen: score,
  "richting-kader": score,
  binding: score,
  stroefheid: score,
  opmerking: z.string().max(MAX_OPMERKING, `Schrijf hoogstens ${MAX_OPMERKING} tekens.`),
});

type PageState = ClientLinkState | "off";
const STATUS: Record<PageState, number> = { open: 200, held: 409, answered: 409, expired: 410, unknown: 404, off: 404 };
const LINK = /^[A-Za-z0-9_-]{16,64}$/;

function stateOf(link: string | undefined, spiegel: { linkState(l: string): ClientLinkState } | null): PageState {
  if (!spiegel) return "off";
  return link && LINK.test(link) ? spiegel.linkState(link) : "unknown";
}

export function loader({ params, context }: LoaderFunctionArgs) {
  const spiegel = context.services.spiegel;
  const state = stateOf(params.link, spiegel);
  return data({ state, controller: spiegel?.controller ?? "" }, { status: STATUS[state] });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const spiegel = context.services.spiegel;
  const state = stateOf(params.link, spiegel);
  const controller = spiegel?.controller ?? "";
  const none = {} as Record<string, string>;
  if (!spiegel || (state !== "open" && state !== "held")) return data({ state, controller, errors: none }, { status: STATUS[state] });
  const form = await request.formData();
  if (state === "held") {
    // A second answer is refused; withdrawing the held-back one is allowed.
    if (form.get("actie") !== "intrekken") return data({ state, controller, errors: none }, { status: STATUS.held });
    const gone = await spiegel.withdraw(params.link!);
    return data({ state: gone ? ("withdrawn" as const) : ("answered" as const), controller, errors: none }, { status: gone ? 200 : 409 });
  }
  const raw: Record<string, unknown> = { opmerking: typeof form.get("opmerking") === "string" ? form.get("opmerking") : "" };
  for (const id of ELEMENT_IDS) raw[id] = required(form.get(id));
  const parsed = answerForm.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      errors[key] ??= key === "opmerking" ? issue.message : "Kies een cijfer van 0 tot en met 10.";
    }
    // What was chosen stays chosen, so nobody has to start over.
    const values: Record<string, string> = {};
    for (const id of ELEMENT_IDS) if (typeof raw[id] === "string" && /^(?:10|\d)$/.test(raw[id] as string)) values[id] = raw[id] as string;
    values.opmerking = String(raw.opmerking).slice(0, MAX_OPMERKING);
    return data({ state, controller, errors, values }, { status: 400 });
  }
  const { opmerking, ...scores } = parsed.data;
  const result = await spiegel.answer(params.link!, scores, opmerking);
  if (result === "saved") return redirect("/s/bedankt", 303);
  return data({ state: result, controller, errors: {} as Record<string, string> }, { status: STATUS[result] });
}

export default function ClientFeedback() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const state = acted?.state ?? loaded.state;
  const errors: Record<string, string> = acted?.errors ?? {};
  const values = ((acted && "values" in acted ? acted.values : undefined) ?? {}) as Record<string, string>;
  const controller = loaded.controller;

  if (state !== "open") return <Closed state={state} />;
  const errorCount = Object.keys(errors).length;
  return (
    <main className="spiegel-client">
      <h1>Hoe was het gesprek?</h1>
      {errorCount > 0 && (
        <p role="alert" className="form-error">
          Nog niet alles is ingevuld: kies bij elke vraag een cijfer van 0 tot en met 10. Er is nog niets opgeslagen.
        </p>
      )}
      <p>
        Je had net een gesprek met een arbeidsdeskundige. Die wil graag leren van hoe jij het gesprek beleefde. Het kost ongeveer
        twee minuten. <strong>Je kunt dit ook later thuis invullen.</strong>
      </p>
      <Belofte controller={controller} />
      <Form method="post" reloadDocument noValidate>
        {ELEMENT_IDS.map((id, i) => (
          <Statement key={id} id={id} number={i + 1} error={errors[id]} chosen={values[id]} />
        ))}
        <label htmlFor="opmerking">
          <strong>Wat had beter gekund?</strong> (mag je leeg laten)
        </label>
        <p id="opmerking-hint">Schrijf geen namen en niets over je gezondheid. Een BSN, e-mailadres of telefoonnummer halen we weg.</p>
        <textarea id="opmerking" name="opmerking" rows={4} maxLength={MAX_OPMERKING} aria-describedby="opmerking-hint" defaultValue={values.opmerking} />
        {errors.opmerking && <p className="form-error">{errors.opmerking}</p>}
        <button type="submit">Versturen</button>
      </Form>
    </main>
  );
}

function Statement({ id, number, error, chosen }: { id: ElementId; number: number; error?: string; chosen?: string }) {
  const { text, hint } = CLIENT_STATEMENTS[id];
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? true : undefined}>
      <legend>
        {number}. {text}
      </legend>
      <p id={`${id}-hint`}>{hint}</p>
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
      <div className="spiegel-scale">
        {Array.from({ length: 11 }, (_, v) => (
          <label key={v}>
            <input type="radio" name={id} value={v} required defaultChecked={chosen === String(v)} />
            <span>{v}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Belofte({ controller }: { controller: string }) {
  return (
    <section aria-labelledby="belofte">
      <h2 id="belofte">Wat er met je antwoord gebeurt</h2>
      <ul>
        <li>
          Je antwoord is <strong>vertrouwelijk</strong>, maar niet anoniem: de link is voor jou gemaakt.
        </li>
        <li>De arbeidsdeskundige ziet jouw antwoord nooit los. Pas als minstens twee andere cliënten ook hebben geantwoord, ziet hij of zij de antwoorden samen.</li>
        <li>Gemiddelden van meerdere cliënten kunnen besproken worden met collega&apos;s in een leergroep (OT).</li>
        <li>Je antwoord komt niet in je dossier. Het telt niet mee in een besluit en verandert niets aan de uitkomst.</li>
        <li>
          Verantwoordelijk voor de gegevens: <strong>{controller}</strong>.
        </li>
        <li>Wil je je antwoord terugtrekken? Dat kan met deze zelfde link, zolang het nog niet samen met andere antwoorden is vrijgegeven.</li>
      </ul>
    </section>
  );
}

const CLOSED: Record<Exclude<PageState, "open"> | "withdrawn", { title: string; text: string }> = {
  held: {
    title: "Je hebt al geantwoord",
    text: "Bij deze link hoort al een antwoord. Dank je wel daarvoor! Het wacht nog op de antwoorden van andere cliënten. Tot die tijd kun je het terugtrekken.",
  },
  withdrawn: { title: "Je antwoord is teruggetrokken", text: "We hebben je antwoord verwijderd. De arbeidsdeskundige ziet er niets van." },
  answered: { title: "Je hebt al geantwoord", text: "Bij deze link hoort al een antwoord. Dank je wel daarvoor! Je hoeft niets meer te doen." },
  expired: { title: "Deze link is verlopen", text: "Een link blijft 14 dagen open. Deze termijn is voorbij, dus je kunt hier niet meer antwoorden. Dat is niet erg." },
  unknown: { title: "Deze link klopt niet", text: "We kennen deze link niet. Controleer of je hem helemaal goed hebt overgenomen." },
  off: {
    title: "Mijn spiegel staat uit",
    text: "Met Mijn spiegel kan een cliënt na een gesprek laten weten hoe het gesprek voelde, zodat de arbeidsdeskundige ervan leert. Dit staat op deze server uit: een organisatie moet het aanbieden en verantwoordelijk zijn voor de antwoorden.",
  },
};

function Closed({ state }: { state: Exclude<PageState, "open"> | "withdrawn" }) {
  const { title, text } = CLOSED[state];
  return (
    <main className="spiegel-client">
      <h1>{title}</h1>
      <p>{text}</p>
      {state === "held" && (
        <Form method="post" reloadDocument>
          <input type="hidden" name="actie" value="intrekken" />
          <button type="submit">Trek mijn antwoord terug</button>
        </Form>
      )}
    </main>
  );
}
