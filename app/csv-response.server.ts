// A CSV download streamed line by line, so a long session never sits in memory as one string.
// Shared by /sessie/:code/verslag.csv and /sessie/:code/verslag-excel.csv.
const ROWS_PER_CHUNK = 2000;

export function csvDownload(lines: Iterator<string>, filename: string): Response {
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
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

/** The day a session was made, for its file names: 2026-11-29. */
export function sessionDay(createdAt: number): string {
  return new Date(createdAt).toISOString().slice(0, 10);
}
