import type { LoaderFunctionArgs } from "@remix-run/node";
import { readProfile } from "~/profile.server";

/** Everything we keep about this visitor, as a JSON download. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const profile = await readProfile(request, context);
  const body = JSON.stringify(
    { exportedAt: context.services.now().toISOString(), profile: profile ?? null },
    null,
    2,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="alliantiekompas-mijn-gegevens.json"',
      "Cache-Control": "no-store",
    },
  });
}
