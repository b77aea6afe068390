// What a live room holds, what the rooms need from outside (RoomsDeps), and the Socket.IO rooms
// its sockets join.
import type { Server as IoServer, Socket } from "socket.io";
import type { Content } from "../../../app/content.server";
import type { EvaluationForm } from "../../../app/core/evaluation";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../app/core/protocol";
import type { TipRule } from "../../../app/core/tip-rules";
import type { Actor, SessionState } from "../../../app/core/session";
import type { SessionStore, StoredResults } from "../../store/sessions";

export interface SocketData {
  sessionId?: string;
  actor?: Actor;
}
export type LiveServer = IoServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Room {
  readonly id: string;
  state: SessionState;
  results: StoredResults | null;
  /** Open sockets in this room, with who they are. */
  readonly sockets: Map<string, { socket: LiveSocket; actor: Actor }>;
  /** The presence last sent to the host, to send only changes. */
  lastPresence: string;
  /** Set while a failed write is being repaired by re-reading the session from disk. */
  recovering: Promise<void> | null;
  /** Set while the results of a reveal are being computed and written. */
  resultsPending: Promise<StoredResults> | null;
  /**
   * Set for the whole reveal (results computed and stored, then the document): every other command
   * of the room waits for it, so none can write the document with phase "reveal" before the
   * results exist, nor slip in after they were computed.
   */
  revealing: Promise<void> | null;
  /** The last write failed (a full or broken disk); the host has been told, and is told when it works again. */
  storageFailing: boolean;
  /**
   * A write failed and re-reading the session from disk failed too: memory may hold what the disk
   * does not, so nothing is answered from it (every command gets storage_failed) until a reload works.
   */
  stale: boolean;
  /** Commands and reads running in the room now: it is not unloaded while any runs (lifecycle.ts). */
  busy: number;
  /** When it was last used (performance.now()): looked up, or a socket left. */
  lastUsed: number;
}

export interface RoomsDeps {
  io: LiveServer;
  store: SessionStore;
  content: Content;
  now: () => Date;
  newId: () => string;
  randomBytes: (size: number) => Buffer;
  /** Sessions older than this are deleted (0: never). */
  retentionDays: number;
  /** The rules that rank the tips for a session's results (content/tip-rules.yaml). */
  tipRules?: readonly TipRule[];
  /** The questions of the session evaluation (content/evaluation.yaml). */
  evaluation?: EvaluationForm;
  warn?: (message: string) => void;
  /** A room nobody used this long is unloaded (IDLE_UNLOAD_MINUTES; 15 minutes by default). */
  idleUnloadMs?: number;
}

export const sessionRoom = (id: string) => `session:${id}`;
export const hostRoom = (id: string) => `host:${id}`;

export function newRoom(id: string, state: SessionState, results: StoredResults | null): Room {
  return { id, state, results, sockets: new Map(), lastPresence: "", recovering: null, resultsPending: null, revealing: null, storageFailing: false, stale: false, busy: 0, lastUsed: performance.now() };
}

/** The participants with at least one open socket in the room. */
export function connectedIds(room: Room): Set<string> {
  const ids = new Set<string>();
  for (const { actor } of room.sockets.values()) if (actor.kind === "participant") ids.add(actor.participantId);
  return ids;
}
