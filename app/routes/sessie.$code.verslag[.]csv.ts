// /sessie/:code/verslag.csv — the session's ratings in long format, for the host only: every stored
// live sample exactly once, every moment and every final score, one row each; raters by pseudonym,
// never a name or a note. Streamed, so a long session does not sit in memory as one string.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvLines } from "~/core/report";
import { requireSessionRecord } from "~/host-auth.server";

const ROWS_PER_CHUNK = 2000;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code, record } = await requireSessionRecord(request, params.code, context);
  const lines = csvLines(record);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = "";
      for (let i = 0; i < ROWS_PER_CHUNK; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  const day = new Date(record.session.createdAt).toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="sessie-${code}-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
