// The simulated people of a live session, over real socket.io-client, behaving as the browser
// client does (app/realtime/live-client.ts): every sample goes into an outbox first; batches go out
// in seq order, one in flight, with an acknowledged emit and a 5 s timeout; on every (re)connect the
// client joins again with its token and drops from its outbox what the server says it holds.
// Differences, on purpose: WebSocket from the start (the browser first polls, then upgrades), and
// ten samples made at once per second instead of one per 100 ms (the same batches on the wire).
import { createServer, type Server, type Socket as NetSocket, connect as netConnect } from "node:net";
import { io, type Socket } from "socket.io-client";
import { ELEMENT_IDS, type ElementId } from "../../app/core/domain";
import type { Ack, JoinResult, RatingProgress } from "../../app/core/protocol";
import { sameScores } from "./store-check";

export const ACK_TIMEOUT_MS = 5_000;
const MAX_BATCH = 200;
/** Refusals after which an item is dropped by the real client (it will never be accepted). */
const DROP: string[] = ["invalid_payload", "out_of_range", "wrong_phase", "payload_too_large", "session_closed", "forbidden"];

export interface RoomSpec {
  code: string;
  hostToken: string;
  /** The address this room's people come from (X-Forwarded-For: one router per OT group). */
  address: string;
}

/** What the generator counts while a measuring window is open (and totals that never reset). */
export class Stats {
  window = 0;
  open = false;
  /** rater emit → host received rating:progress counting it (ms) */
  latencies: number[] = [];
  /** emit → ack (ms) */
  acks: number[] = [];
  errors: Record<string, number> = {};
  timeouts = 0;
  batches = 0;
  hostUpdates = 0;

  openWindow() {
    this.window++;
    this.open = true;
    this.latencies = [];
    this.acks = [];
    this.errors = {};
    this.timeouts = 0;
    this.batches = 0;
    this.hostUpdates = 0;
  }

  error(code: string) {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }
}

type SamplePayload = { seq: number; element: ElementId; value: number; t: number };
type MomentPayload = { seq: number; t: number; element: ElementId; note?: string };
export type FinalPayload = { scores: Record<ElementId, number>; observed: string[] };

function openSocket(url: string, address: string): Socket {
  return io(url, {
    transports: ["websocket"],
    forceNew: true,
    autoConnect: false,
    // The browser client's backoff.
    reconnectionDelay: 500,
    reconnectionDelayMax: 4_000,
    extraHeaders: { "x-forwarded-for": address },
  });
}

/** Shared by raters and hosts: join on every connect, count how long a reconnect took. */
abstract class Person {
  socket: Socket;
  joined = false;
  /** Bumped on every disconnect: acks of an older connection are ignored. */
  epoch = 0;
  disconnectedAt: number | null = null;
  /** Disconnect → joined again (ms), one per reconnect. */
  reconnects: number[] = [];
  joinErrors: Record<string, number> = {};
  #ready: { resolve: () => void; reject: (e: Error) => void } | null = null;
  readonly ready: Promise<void>;

  constructor(url: string, readonly room: RoomSpec, readonly stats: Stats) {
    this.socket = openSocket(url, room.address);
    this.ready = new Promise((resolve, reject) => (this.#ready = { resolve, reject }));
    this.ready.catch(() => undefined);
    this.socket.on("connect", () => this.join());
    this.socket.on("disconnect", () => {
      this.joined = false;
      this.epoch++;
      this.disconnectedAt ??= performance.now();
      this.onDisconnect();
    });
  }

  start() {
    this.socket.connect();
  }

  protected abstract joinPayload(): Record<string, unknown>;
  protected abstract onJoined(data: JoinResult): void;
  protected onDisconnect() {}

  join(attempt = 0) {
    const epoch = this.epoch;
    this.socket.timeout(8_000).emit("session:join", this.joinPayload(), (err: Error | null, ack: Ack<JoinResult>) => {
      if (epoch !== this.epoch) return;
      if (err || !ack.ok) {
        const code = err ? "timeout" : ack.ok ? "?" : ack.error.code;
        this.joinErrors[code] = (this.joinErrors[code] ?? 0) + 1;
        if (attempt < 20 && this.socket.connected) setTimeout(() => epoch === this.epoch && this.join(attempt + 1), 1_000);
        else this.#ready?.reject(new Error(`join ${this.room.code}: ${code}`));
        return;
      }
      this.joined = true;
      if (this.disconnectedAt !== null) {
        this.reconnects.push(performance.now() - this.disconnectedAt);
        this.disconnectedAt = null;
      }
      this.onJoined(ack.data);
      this.#ready?.resolve();
      this.#ready = null;
    });
  }

  close() {
    this.socket.off();
    this.socket.disconnect();
  }
}

export class Host extends Person {
  raters = new Map<string, Rater>();

  constructor(url: string, room: RoomSpec, stats: Stats) {
    super(url, room, stats);
    this.socket.on("rating:progress", (p: { raters: RatingProgress[] }) => {
      for (const r of p.raters) this.onProgress(r);
    });
  }

  protected joinPayload() {
    return { code: this.room.code, hostToken: this.room.hostToken };
  }

  protected onJoined() {}

  onProgress(p: RatingProgress) {
    const now = performance.now();
    const rater = this.raters.get(p.participantId);
    if (!rater) return;
    if (this.stats.open) this.stats.hostUpdates++;
    // The update counts every batch up to lastSeq: each gets its latency once.
    for (const [last, sent] of rater.sentAt) {
      if (last > p.lastSeq) break;
      if (this.stats.open && sent.window === this.stats.window) this.stats.latencies.push(now - sent.at);
      rater.sentAt.delete(last);
    }
  }

  async phase(phase: string): Promise<void> {
    const ack = (await this.socket.timeout(10_000).emitWithAck("session:phase", { phase })) as Ack<unknown>;
    if (!ack.ok) throw new Error(`phase ${phase}: ${ack.error.code} ${ack.error.message}`);
  }
}

export class Rater extends Person {
  participantId = "";
  resumeToken = "";
  readonly element: ElementId;
  #value = 5;
  /** Highest seq made (samples 1..made exist). */
  made = 0;
  /** Highest seq the server acked. */
  acked = 0;
  /** Highest seq ever put in an emit. */
  sent = 0;
  dropped = 0;
  outbox: SamplePayload[] = [];
  /** First emit of each batch (by its last seq), for the rater → host latency. */
  sentAt = new Map<number, { at: number; window: number }>();
  #inFlight = false;
  momentsMade = 0;
  momentsAcked = 0;
  moments: MomentPayload[] = [];
  #momentInFlight = false;
  final: FinalPayload | null = null;
  finalAcked = false;
  #finalInFlight = false;

  constructor(url: string, room: RoomSpec, stats: Stats, readonly index: number, readonly host: Host) {
    super(url, room, stats);
    this.element = ELEMENT_IDS[index % ELEMENT_IDS.length];
    this.#value = 3 + (index % 5);
  }

  protected joinPayload() {
    if (this.resumeToken) return { code: this.room.code, resumeToken: this.resumeToken };
    return { code: this.room.code, name: `Beoordelaar ${this.index + 1}`, role: this.index % 3 === 2 ? "ervaringsdeskundige" : "arbeidsdeskundige" };
  }

  protected onJoined(data: JoinResult) {
    if (!this.participantId) {
      this.participantId = data.participantId;
      this.resumeToken = data.resumeToken;
      this.host.raters.set(this.participantId, this);
    }
    const you = data.state?.you;
    if (you) {
      this.ackSamples(you.lastSampleSeq ?? 0);
      this.ackMoments(you.lastMomentSeq ?? 0);
      if (this.final && you.final && sameScores(you.final.scores, this.final.scores)) this.finalAcked = true;
    }
    this.flush();
  }

  protected onDisconnect() {
    this.#inFlight = false;
    this.#momentInFlight = false;
    this.#finalInFlight = false;
  }

  /** One second of sliding at 10 Hz, ending at gesprek time t. */
  rate(t: number) {
    for (let i = 0; i < 10; i++) {
      this.#value = Math.min(10, Math.max(0, this.#value + (Math.random() - 0.5) * 0.6));
      this.outbox.push({ seq: ++this.made, element: this.element, value: Math.round(this.#value * 10) / 10, t: Math.max(0, Math.round((t - (9 - i) / 10) * 10) / 10) });
    }
  }

  mark(t: number) {
    this.moments.push({ seq: ++this.momentsMade, t: Math.round(t * 10) / 10, element: this.element, note: "Hier verandert iets" });
  }

  ackSamples(lastSeq: number) {
    if (lastSeq <= this.acked) return;
    this.acked = lastSeq;
    let drop = 0;
    while (drop < this.outbox.length && this.outbox[drop].seq <= lastSeq) drop++;
    if (drop) this.outbox.splice(0, drop);
  }

  ackMoments(lastSeq: number) {
    if (lastSeq <= this.momentsAcked) return;
    this.momentsAcked = lastSeq;
    this.moments = this.moments.filter((m) => m.seq > lastSeq);
  }

  get drained(): boolean {
    return this.outbox.length === 0 && this.moments.length === 0 && (!this.final || this.finalAcked);
  }

  flush() {
    if (!this.joined) return;
    this.#flushSamples();
    this.#flushMoment();
    this.#flushFinal();
  }

  #flushSamples() {
    if (this.#inFlight || this.outbox.length === 0) return;
    const batch = this.outbox.slice(0, MAX_BATCH);
    const last = batch[batch.length - 1].seq;
    const at = performance.now();
    if (!this.sentAt.has(last)) this.sentAt.set(last, { at, window: this.stats.window });
    this.sent = Math.max(this.sent, last);
    this.#inFlight = true;
    const epoch = this.epoch;
    if (this.stats.open) this.stats.batches++;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("rating:samples", { samples: batch }, (err: Error | null, ack: Ack<{ lastSeq: number }>) => {
      if (epoch !== this.epoch) return;
      this.#inFlight = false;
      if (err) {
        this.stats.timeouts++;
        return;
      }
      if (this.stats.open) this.stats.acks.push(performance.now() - at);
      if (!ack.ok) {
        this.stats.error(ack.error.code);
        if (DROP.includes(ack.error.code)) {
          this.dropped += batch.length;
          this.outbox = this.outbox.filter((s) => s.seq > last);
        }
        return;
      }
      this.ackSamples(ack.data.lastSeq);
      // A backlog (after a reconnect) goes out batch after batch, not one a second.
      if (this.outbox.length >= MAX_BATCH) this.#flushSamples();
    });
  }

  #flushMoment() {
    if (this.#momentInFlight || this.moments.length === 0) return;
    const moment = this.moments[0];
    this.#momentInFlight = true;
    const epoch = this.epoch;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("moment:mark", moment, (err: Error | null, ack: Ack<{ lastSeq: number }>) => {
      if (epoch !== this.epoch) return;
      this.#momentInFlight = false;
      if (err) return void this.stats.timeouts++;
      if (!ack.ok) {
        this.stats.error(ack.error.code);
        if (DROP.includes(ack.error.code)) this.moments.shift();
        return;
      }
      this.ackMoments(ack.data.lastSeq);
      if (this.moments.length) this.#flushMoment();
    });
  }

  #flushFinal() {
    if (!this.final || this.finalAcked || this.#finalInFlight) return;
    this.#finalInFlight = true;
    const epoch = this.epoch;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("rating:final", this.final, (err: Error | null, ack: Ack<unknown>) => {
      if (epoch !== this.epoch) return;
      this.#finalInFlight = false;
      if (err) return void this.stats.timeouts++;
      if (!ack.ok) return void this.stats.error(ack.error.code);
      this.finalAcked = true;
    });
  }
}

/**
 * A TCP hop that can drop a phone off the network: cut() resets every connection through it and
 * refuses new ones (as a dead wifi would, seen from the phone) until restore().
 */
export class CuttableProxy {
  #server: Server;
  #sockets = new Set<NetSocket>();
  online = true;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.#server = createServer((client) => {
      if (!this.online) return void client.resetAndDestroy();
      const upstream = netConnect(this.targetPort, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => undefined);
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.#server.listen(0, "127.0.0.1", () => {
        this.port = (this.#server.address() as { port: number }).port;
        resolve(this.port);
      }),
    );
  }

  cut() {
    this.online = false;
    for (const s of this.#sockets) s.resetAndDestroy();
  }

  restore() {
    this.online = true;
  }

  close() {
    for (const s of this.#sockets) s.destroy();
    this.#server.close();
  }
}
