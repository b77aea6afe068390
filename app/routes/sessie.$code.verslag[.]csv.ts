// /sessie/:code/verslag.csv — the session's ratings in long format, for the host only: every stored
// live sample exactly once, every moment and every final score, one row each; raters by pseudonym,
// never a name or a note. Streamed from the log, so a long session does not sit in memory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionDay, streamedDownload } from "~/csv-response.server";
import { csvText } from "~/core/report";
import { requireSessionRecord } from "~/host-auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  return streamedDownload(csvText(record), "text/csv; charset=utf-8", `sessie-${code}-${sessionDay(record.session.createdAt)}.csv`);
}
