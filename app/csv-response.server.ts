// The report's downloads (CSV, Excel-CSV, JSON): the bytes come in pieces from the session service,
// which reads and formats a long session's log off the main thread, and go to the client one
// piece at a time, the next only once the socket took the last (docs/decisions/024). Sent
// uncompressed (no-transform): gzip of a 40 MB export would cost the server's CPU more than it
// saves on a LAN, and compression's buffer would hide the socket's backpressure.
import type { AppLoadContext } from "@remix-run/node";

/** A download whose body is passed on from `pieces` as the client takes it. */
export function streamedDownload(pieces: AsyncIterable<Uint8Array>, contentType: string, filename: string, context: AppLoadContext): Response {
  const source = pieces[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (context.responseReady && !(await context.responseReady())) {
          // The client went away: stop making the rest.
          await source.return?.();
          controller.close();
          return;
        }
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await source.return?.();
      },
    },
    // Nothing made ahead: a piece is made when the response asks for it.
    { highWaterMark: 0 },
  );
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store, no-transform",
      "X-Robots-Tag": "noindex",
    },
  });
}

/** The day a session was made, for its file names: 2026-11-29. */
export function sessionDay(createdAt: number): string {
  return new Date(createdAt).toISOString().slice(0, 10);
}
