// /sessie/:code/verslag.csv — the session's ratings in long format, for the host only: every stored
// live sample exactly once, every moment and every final score, one row each; raters by pseudonym,
// never a name or a note. Streamed, so a long session does not sit in memory as one string.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvDownload, sessionDay } from "~/csv-response.server";
import { csvLines } from "~/core/report";
import { requireSessionRecord } from "~/host-auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  return csvDownload(csvLines(record), `sessie-${code}-${sessionDay(record.session.createdAt)}.csv`);
}
