// /s — where a client types the short code from the printed card. A plain form (no JavaScript
// needed) posted here; a code of an open link leads on to that link's page (/s/<link>).
// The code travels in the body, not the address, so it stays out of access logs and history.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LINK_CODE_LENGTH, linkCodeProblem, normalizeLinkCode } from "~/core/spiegel";
import spiegelCss from "~/styles/spiegel.css?url";

export const meta: MetaFunction = () => [{ title: "Code van je kaartje — Alliantiekompas" }, { name: "robots", content: "noindex" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: spiegelCss }];

const codeForm = z.object({ code: z.string().max(200, "Deze code is te lang. Vul alleen de code van je kaartje in.") });
// Someone who pasted the whole link instead of the code is sent on to it as well.
const PASTED_LINK = /\/s\/([A-Za-z0-9_-]{16,64})\/?$/;

export function loader({ context }: LoaderFunctionArgs) {
  return data({ on: context.services.spiegel !== null }, { status: context.services.spiegel ? 200 : 404 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const spiegel = context.services.spiegel;
  if (!spiegel) return data({ error: "Dit staat uit op deze server.", code: "" }, { status: 404 });
  const parsed = codeForm.safeParse({ code: (await request.formData()).get("code") ?? "" });
  if (!parsed.success) return data({ error: parsed.error.issues[0].message, code: "" }, { status: 400 });
  const typed = parsed.data.code.trim();
  const pasted = PASTED_LINK.exec(typed);
  if (pasted) return redirect(`/s/${pasted[1]}`, 303);
  const code = normalizeLinkCode(typed);
  const problem = linkCodeProblem(code);
  if (problem) return data({ error: problem, code: typed }, { status: 400 });
  const link = spiegel.linkByCode(code);
  if (!link) {
    return data(
      { error: "Bij deze code hoort geen open vragenlijst. Misschien is hij al ingevuld of verlopen (na 14 dagen), of staat er een teken anders.", code: typed },
      { status: 404 },
    );
  }
  return redirect(`/s/${link}`, 303);
}

export default function CodeEntry() {
  const { on } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!on) {
    return (
      <div className="spiegel-client">
        <h1>Mijn spiegel staat uit</h1>
        <p>Op deze server kun je geen vragenlijst over een gesprek invullen: een organisatie moet dat eerst aanbieden.</p>
      </div>
    );
  }
  return (
    <div className="spiegel-client">
      <h1>Vul de code van je kaartje in</h1>
      <p>Je kreeg van je arbeidsdeskundige een kaartje met een code van {LINK_CODE_LENGTH} tekens. Met die code open je de korte vragenlijst over jullie gesprek.</p>
      <Form method="post" reloadDocument noValidate>
        <label htmlFor="code">
          <strong>Code</strong>
        </label>
        <p id="code-hint">Bijvoorbeeld: KM4P 7XRT. Hoofdletters en spaties maken niet uit.</p>
        {result?.error && (
          <p id="code-error" className="form-error" role="alert">
            {result.error}
          </p>
        )}
        <input
          id="code"
          name="code"
          className="spiegel-code-input"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={result?.code}
          aria-describedby={result?.error ? "code-hint code-error" : "code-hint"}
          aria-invalid={result?.error ? true : undefined}
        />
        <button type="submit">Open de vragenlijst</button>
      </Form>
    </div>
  );
}
