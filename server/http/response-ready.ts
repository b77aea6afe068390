// Backpressure for a streamed download (app/csv-response.server.ts): the next piece is made only
// once the socket took the last one. Remix writes a body's pieces without waiting for the socket.
import type { ServerResponse } from "node:http";

/** Resolves true when `res` can take more bytes now or once it drained; false when the client is gone. */
export function responseReady(res: ServerResponse): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (!res.writableNeedDrain) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => () => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ready);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}
