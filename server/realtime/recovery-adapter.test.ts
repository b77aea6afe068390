// The recovery adapter: every event reaches the sockets it is sent to; a socket that comes back
// within the window gets what it missed, except snapshots and counts (decision 030).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { RecoveryAdapter } from "./recovery-adapter";

const ROOM = "host:s1";
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start() {
  const http = createServer();
  const server = new Server(http, { adapter: RecoveryAdapter, connectionStateRecovery: { maxDisconnectionDuration: 60_000 } });
  server.on("connection", (socket) => void socket.join(ROOM));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const open = async (auth?: Record<string, string>) => {
    const client: Socket = connect(url, { transports: ["websocket"], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100, auth });
    cleanup.push(async () => void client.close());
    const received: [string, string][] = [];
    client.onAny((event: string, payload: { tag: string }) => received.push([event, payload.tag]));
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    return { client, received };
  };
  /** The kinds of emit the server makes: to one socket, to a room, to everyone. */
  const send = (tag: string, events: string[]) => {
    for (const event of events) {
      if (event === "session:state") for (const socket of server.of("/").sockets.values()) socket.emit(event, { tag });
      else if (event === "rating:progress") server.to(ROOM).emit(event, { tag });
      else server.emit(event, { tag });
    }
  };
  return { open, send };
}

describe("RecoveryAdapter", () => {
  it("delivers every event; back within the window, a socket gets the missed results but not the missed snapshots or counts", async () => {
    const { open, send } = await start();
    const { client, received } = await open();
    // The snapshot comes last: the socket's place in the stream is a marker's.
    const seen = new Promise((resolve) => client.once("session:state", resolve));
    send("voor", ["session:results", "rating:progress", "session:state"]);
    await seen;
    expect(received).toEqual([["session:results", "voor"], ["rating:progress", "voor"], ["session:state", "voor"]]);

    const away = new Promise((resolve) => client.once("disconnect", resolve));
    client.io.engine.close();
    await away;
    send("gemist", ["session:state", "rating:progress", "session:results", "session:tips", "session:state"]);
    const replayed = new Promise((resolve) => client.once("session:tips", resolve));
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    expect(client.recovered).toBe(true);
    await replayed;
    expect(received.slice(3)).toEqual([["session:results", "gemist"], ["session:tips", "gemist"]]);

    // Live again: everything arrives.
    const again = new Promise((resolve) => client.once("session:state", resolve));
    send("na", ["rating:progress", "session:state"]);
    await again;
    expect(received.slice(5)).toEqual([["rating:progress", "na"], ["session:state", "na"]]);
  });

  it("does not recover a session it never kept", async () => {
    const { open } = await start();
    const { client } = await open({ pid: "verzonnen", offset: "~0" });
    expect(client.recovered).toBe(false);
  });
});
