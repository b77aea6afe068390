// /sessie/:code/verslag-excel.csv — the same rows as verslag.csv, written for Dutch Excel: `;`
// between cells, a decimal comma, a UTF-8 BOM and a Dutch label beside each id, so a double click
// opens it in columns. Host only, streamed like the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { revealContent } from "~/components/results/reveal-content";
import { sessionDay, streamedDownload } from "~/csv-response.server";
import { requireSessionRecord } from "~/host-auth.server";
import { ROLE_LABELS } from "~/realtime/room-content";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const { elementNames, behaviourLabels } = revealContent(context.services.content);
  const bytes = context.services.sessions.download(record, { kind: "excel", labels: { roles: ROLE_LABELS, elements: elementNames, behaviours: behaviourLabels } });
  return streamedDownload(bytes, "text/csv; charset=utf-8", `sessie-${code}-${sessionDay(record.session.createdAt)}-excel.csv`, context);
}
