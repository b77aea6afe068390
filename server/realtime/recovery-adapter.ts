// Socket.IO's connection state recovery, with a memory that suits this app. Socket.IO's own
// session-aware adapter keeps every event sent, for two minutes, to replay to a socket that comes
// back. Two of ours need no replay:
// - `session:state` is a whole snapshot, and a recovered socket is sent the current one right away
//   (membership.ts, reattach), so replaying the old ones only repeats history;
// - `rating:progress` counts carry absolute seqs, and a returning host reads where each rater is.
// Yet they were nearly all of that buffer: one snapshot per socket per change, and one count per
// room per turn of the event loop. At 3 000 raters V8's marking of it took the server's core for
// half a second at a time (docs/decisions/030). Here a snapshot leaves only a marker (its offset,
// so a socket's place in the stream still moves on and it can recover), and counts leave nothing.
// The rest (results, tips, removals, take-overs, storage status) is kept and replayed, as before.
import { Adapter, type BroadcastOptions, type PrivateSessionId, type Session } from "socket.io-adapter";
import type { ServerToClientEvents } from "../../app/core/protocol";

type Event = keyof ServerToClientEvents;
type Persisted = Omit<Session, "missedPackets"> & { disconnectedAt: number };
interface Kept {
  id: string;
  emittedAt: number;
  /** null for a marker: nothing to replay. */
  opts: BroadcastOptions | null;
  data: unknown[] | null;
}

/** Sent as usual; only its offset is kept, so a socket can still recover after it. */
const MARKED: ReadonlySet<Event> = new Set(["session:state"]);
/** Sent as usual; nothing kept. */
const NOT_KEPT: ReadonlySet<Event> = new Set(["rating:progress"]);

const EVENT = 2; // socket.io-parser's PacketType.EVENT

/** Socket.IO's rule: the packet went to one of the session's rooms and none it was kept from. */
function wasFor(rooms: readonly string[], opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || rooms.some((room) => opts.rooms.has(room));
  return included && rooms.every((room) => !opts.except?.has(room));
}

export class RecoveryAdapter extends Adapter {
  readonly #sessions = new Map<PrivateSessionId, Persisted>();
  readonly #packets: Kept[] = [];
  readonly #maxDisconnectionMs: number;
  readonly #sweep: NodeJS.Timeout;
  /** Offsets: unique in this process, in the order sent (a prefix no Socket.IO id has). */
  #next = 0;

  constructor(nsp: { server: { opts: { connectionStateRecovery?: { maxDisconnectionDuration?: number } } } }) {
    super(nsp);
    this.#maxDisconnectionMs = nsp.server.opts.connectionStateRecovery?.maxDisconnectionDuration ?? 2 * 60 * 1000;
    this.#sweep = setInterval(() => this.#forgetExpired(), 60 * 1000);
    this.#sweep.unref();
  }

  override close(): void {
    clearInterval(this.#sweep);
  }

  #forgetExpired(): void {
    const threshold = Date.now() - this.#maxDisconnectionMs;
    for (const [pid, session] of this.#sessions) if (session.disconnectedAt < threshold) this.#sessions.delete(pid);
    const fresh = this.#packets.findIndex((p) => p.emittedAt >= threshold);
    this.#packets.splice(0, fresh === -1 ? this.#packets.length : fresh);
  }

  override persistSession(session: Omit<Session, "missedPackets">): void {
    this.#sessions.set(session.pid, { ...session, disconnectedAt: Date.now() });
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    const session = this.#sessions.get(pid);
    // Socket.IO's own adapter answers null here (its type says otherwise): no recovery, the
    // client joins again.
    const none = null as unknown as Promise<Session>;
    if (!session) return none;
    if (session.disconnectedAt + this.#maxDisconnectionMs < Date.now()) return none;
    const index = this.#packets.findIndex((p) => p.id === offset);
    if (index === -1) return none; // older than the window
    const missedPackets: unknown[][] = [];
    for (let i = index + 1; i < this.#packets.length; i++) {
      const { opts, data } = this.#packets[i];
      if (opts && data && wasFor(session.rooms, opts)) missedPackets.push(data);
    }
    const { disconnectedAt: _, ...persisted } = session;
    return Promise.resolve({ ...persisted, missedPackets });
  }

  override broadcast(packet: { type: number; id?: number; data?: unknown[] }, opts: BroadcastOptions): void {
    const event = packet.data?.[0] as Event;
    // As Socket.IO: events without an ack that are not volatile are kept.
    if (packet.type === EVENT && packet.id === undefined && opts.flags?.volatile === undefined && packet.data && !NOT_KEPT.has(event)) {
      const id = `~${(this.#next++).toString(36)}`;
      // The offset rides at the end of the arguments; the client keeps the last one it saw.
      packet.data.push(id);
      const marker = MARKED.has(event);
      this.#packets.push({ id, emittedAt: Date.now(), opts: marker ? null : opts, data: marker ? null : packet.data });
    }
    super.broadcast(packet, opts);
  }
}
