// The report's downloads (CSV, Excel-CSV, JSON) streamed a slice at a time: a long session never
// sits in memory as one string, and the event loop is free between slices, so other rooms' acks
// go on while a host downloads a million samples (docs/decisions/024-streamed-exports.md).

/** Text is sent in pieces of about this many bytes. */
const CHUNK_CHARS = 64 * 1024;

/** Lets timers and I/O of everything else run before the next piece is made. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A download whose body is made from `chunks` as it is sent. Remix writes each piece to the socket
 * as soon as it is read and asks for the next in a microtask, so each pull first gives the event
 * loop a turn: without that, the whole file would be made in one go.
 */
export function streamedDownload(chunks: AsyncIterable<string>, contentType: string, filename: string): Response {
  const encoder = new TextEncoder();
  const source = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await yieldToLoop();
      let piece = "";
      while (piece.length < CHUNK_CHARS) {
        const next = await source.next();
        if (next.done) {
          if (piece) controller.enqueue(encoder.encode(piece));
          controller.close();
          return;
        }
        piece += next.value;
      }
      controller.enqueue(encoder.encode(piece));
    },
    async cancel() {
      await source.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
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
