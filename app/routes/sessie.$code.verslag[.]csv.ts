// /sessie/:code/verslag.csv — the session's ratings in long format, for the host only: every stored
// live sample exactly once, every moment and every final score, one row each; raters by pseudonym,
// never a name or a note. Streamed from the log (off the main thread for a long session).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionDay, streamedDownload } from "~/csv-response.server";
import { requireSessionRecord } from "~/host-auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const bytes = context.services.sessions.download(record, { kind: "csv" });
  return streamedDownload(bytes, "text/csv; charset=utf-8", `sessie-${code}-${sessionDay(record.session.createdAt)}.csv`, context);
}
