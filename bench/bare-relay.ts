// The floor for `npm run bench`: a bare Socket.IO relay on the same machine, under the same load.
// No validation, no rules, no storage, default Socket.IO options: it receives a batch, acks it and
// tells the room's host. What our server costs beyond this is what we add to the wire.
//   node --import tsx bench/bare-relay.ts   (prints "relay luistert op http://127.0.0.1:<port>")
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { startMetrics } from "../server/metrics";

type Reply = (ack: unknown) => void;
interface JoinPayload {
  code: string;
  hostToken?: string;
  resumeToken?: string;
  role?: string;
}

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });

io.on("connection", (socket) => {
  let room = "";
  let participantId = "";
  socket.on("session:join", (payload: JoinPayload, reply: Reply) => {
    room = payload.code;
    participantId = payload.hostToken ? "host" : (payload.resumeToken ?? randomBytes(12).toString("base64url"));
    void socket.join(payload.hostToken ? `host:${room}` : `session:${room}`);
    const you = { lastSampleSeq: 0, lastMomentSeq: 0, final: null };
    reply({ ok: true, data: { participantId, resumeToken: participantId, role: payload.hostToken ? "host" : payload.role, state: { you } } });
  });
  socket.on("rating:samples", (payload: { samples: { seq: number }[] }, reply: Reply) => {
    const lastSeq = payload.samples[payload.samples.length - 1].seq;
    reply({ ok: true, data: { lastSeq } });
    socket.to(`host:${room}`).emit("rating:progress", { raters: [{ participantId, lastSeq, samples: payload.samples.length }] });
  });
  socket.on("moment:mark", (payload: { seq: number }, reply: Reply) => reply({ ok: true, data: { lastSeq: payload.seq } }));
  socket.on("rating:final", (_payload: unknown, reply: Reply) => reply({ ok: true, data: { submittedAt: Date.now() } }));
  socket.on("session:phase", (payload: { phase: string }, reply: Reply) => reply({ ok: true, data: { phase: payload.phase } }));
});

httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`relay luistert op http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
});

const metrics = startMetrics();
process.on("SIGUSR2", () => console.log(`metrics ${JSON.stringify(metrics.take())}`));
process.on("SIGTERM", () => {
  io.close();
  process.exit(0);
});
