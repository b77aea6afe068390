// Helpers for the live-room integration tests: real HTTP requests and real socket.io-client sockets.
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, JoinResult, ParticipantRole, ServerToClientEvents, SessionSnapshot } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const VIGNETTE = "bezwaar-fml";

export async function createSession(url: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<CreatedSession> {
  const res = await fetch(`${url}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ title: "OT-groep Noord", source: { kind: "vignette", slug: VIGNETTE }, separateRoles: true, nameDisplay: "namen", ...body }),
  });
  if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedSession;
}

export interface ConnectOptions {
  extraHeaders?: Record<string, string>;
  reconnection?: boolean;
  /** Certificates to trust for wss:// (a proxy's own root), and the local address to connect from. */
  ca?: string;
  localAddress?: string;
}

export function connect(url: string, options: ConnectOptions = {}): Promise<TestSocket> {
  // localAddress reaches the WebSocket (engine.io-client passes it on) but is not in its types.
  const settings: Parameters<typeof io>[1] & { localAddress?: string } = {
    transports: ["websocket"],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    extraHeaders: options.extraHeaders,
    ca: options.ca,
    localAddress: options.localAddress,
  };
  const socket: TestSocket = io(url, settings);
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      socket.off("connect_error", onError);
      resolve(socket);
    };
    const onError = (error: Error) => {
      socket.off("connect", onConnect);
      socket.close();
      reject(error);
    };
    socket.once("connect", onConnect);
    socket.once("connect_error", onError);
  });
}

/** An acknowledged emit; fails the test if no ack comes. */
export async function call<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  const timed = socket.timeout(5_000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  return (await timed.emitWithAck(event, payload)) as Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
}

/** The error code of an ack, or "ok". */
export const codeOf = (ack: Ack<unknown>) => (ack.ok ? "ok" : ack.error.code);

/** Like call, but expects ok and returns the data. */
export async function must<E extends keyof ClientToServerEvents>(socket: TestSocket, event: E, payload: unknown) {
  const ack = (await call(socket, event, payload)) as Ack<unknown>;
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data as Extract<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0], { ok: true }>["data"];
}

/** The next event of this kind that matches. */
export function next<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const handler = ((...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(args[0]);
    }) as never;
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`geen ${event} binnen ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, handler);
  });
}

export interface Rater {
  socket: TestSocket;
  participantId: string;
  resumeToken: string;
  name: string;
  role: ParticipantRole;
  /** Every snapshot this rater received. */
  snapshots: SessionSnapshot[];
  results: unknown[];
}

export async function joinAs(url: string, code: string, name: string, role: ParticipantRole): Promise<Rater> {
  const socket = await connect(url);
  const snapshots: SessionSnapshot[] = [];
  const results: unknown[] = [];
  socket.on("session:state", (s) => snapshots.push(s));
  socket.on("session:results", (r) => results.push(r));
  const data = (await must(socket, "session:join", { code, name, role })) as JoinResult;
  snapshots.push(data.state);
  return { socket, participantId: data.participantId, resumeToken: data.resumeToken, name, role, snapshots, results };
}

export async function joinHost(url: string, created: CreatedSession): Promise<{ socket: TestSocket; state: SessionSnapshot; snapshots: SessionSnapshot[] }> {
  const socket = await connect(url);
  const snapshots: SessionSnapshot[] = [];
  socket.on("session:state", (s) => snapshots.push(s));
  const data = (await must(socket, "session:join", { code: created.code, hostToken: created.hostToken })) as JoinResult;
  return { socket, state: data.state, snapshots };
}

/** A new session with its host attached, moved through the briefing to live rating. */
export async function startLive(url: string, body: Record<string, unknown> = {}) {
  const created = await createSession(url, body);
  const host = await joinHost(url, created);
  await must(host.socket, "session:phase", { phase: "briefing" });
  await must(host.socket, "session:phase", { phase: "live" });
  return { created, host };
}

export function samples(from: number, to: number, element = "vertrouwen", t0 = 0) {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, element, value: ((from + i) * 7) % 11, t: t0 + (from + i) / 10 }));
}

export function api(url: string, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return fetch(`${url}${path}`, { ...init, headers });
}
