// The browser's side of the live room: one Socket.IO connection, joined with the host token or
// the rater's resume token, and an outbox that keeps every rating until the server has acked it.
// Created in an effect (never during SSR) and stopped in its cleanup; every on() has an off().
//
// Delivery (docs/decisions/004): every client→server event is an acknowledged emit with a
// timeout; ratings go through the outbox (localStorage) and are retried until acked, in seq
// order, one batch in flight; on every (re)connect we join again and take the full snapshot
// from the join answer, so nothing depends on Socket.IO's connection state recovery.
import { io, type Socket } from "socket.io-client";
import type { ElementId } from "../core/domain";
import type { ClientToServerEvents, JoinResult, ServerToClientEvents, SessionSnapshot, StorageStatus } from "../core/protocol";
// Values from the leaf module: the protocol's schemas (and zod) stay out of the live pages' first load.
import { type Ack, type AppError, type ErrorCode, ERROR_MESSAGES, type ParticipantRole, RATER_ROLES } from "../core/protocol-values";
import type { RevealResults } from "../core/results";
import type { RankedTip } from "../core/tip-rules";
import { ClockOffset, gesprekTimeAt } from "./clock";
import { type FinalInput, Outbox } from "./outbox";
import { type KeyValueStore, readSeat, storageKeys, writeSeat } from "./storage";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type Credentials = { kind: "host"; hostToken: string } | { kind: "seat"; resumeToken: string };

export type LiveStatus = "connecting" | "online" | "offline" | "ended";

export interface LiveState {
  status: LiveStatus;
  /** Why the room cannot go on (unknown code, removed, bad host link); set with status "ended". */
  ended: AppError | null;
  /**
   * This seat went on in another tab or on another device (`session:taken-over`, status "ended"):
   * this page stopped rating; opening it again takes the seat back.
   */
  takenOver: boolean;
  snapshot: SessionSnapshot | null;
  /** The results the server sent on reveal, parsed with their one schema (null before, or when unreadable). */
  results: RevealResults | null;
  /**
   * A session:results came that is not the results' shape (an older server mid-update, a damaged
   * message): the pages say the results cannot be shown here instead of showing nothing.
   */
  resultsUnreadable: boolean;
  /** The six tips ranked for these results (`session:tips`, right after every `session:results`). */
  tips: RankedTip[] | null;
  /** Host only: who sent a live sample in the last seconds (presence, never values). */
  active: string[];
  /** A presence update came since the last join; before that the snapshot's `active` flags hold. */
  presenceReceived: boolean;
  /** The rater's own current value per element. */
  current: Partial<Record<ElementId, number>>;
  /** Still waiting in the outbox for the server's ack. */
  pending: { samples: number; moments: number; final: boolean };
  /** Highest live-sample seq the server has acknowledged. */
  ackedSampleSeq: number;
  /** Highest moment seq the server has acknowledged (seqs count from 1: also how many it holds). */
  ackedMomentSeq: number;
  /** The last refusal of a rating item (shown to the rater), if any. */
  lastError: AppError | null;
  /** Host only: the server's last word on storing (`storage:status`); null while nothing was said since the join. */
  storage: StorageStatus | null;
}

/** The state before the first snapshot: connecting, nothing known, nothing pending. */
export function initialLiveState(): LiveState {
  return {
    status: "connecting",
    ended: null,
    takenOver: false,
    snapshot: null,
    results: null,
    resultsUnreadable: false,
    tips: null,
    active: [],
    presenceReceived: false,
    current: {},
    pending: { samples: 0, moments: 0, final: false },
    ackedSampleSeq: 0,
    ackedMomentSeq: 0,
    lastError: null,
    storage: null,
  };
}

type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
type AckData<E extends keyof ClientToServerEvents> = Extract<AckOf<E>, { ok: true }>["data"];

/** How long we wait for an ack before we call the attempt lost. */
export const ACK_TIMEOUT_MS = 5_000;
/** Sampling: at most 10 Hz per element. */
export const SAMPLE_INTERVAL_MS = 100;
/** Batches go out at least this often. */
export const FLUSH_INTERVAL_MS = 1_000;
/** While the clock runs, an unchanged value is repeated this often, so the timeline has no false gaps. */
export const HOLD_INTERVAL_MS = 1_000;
/** Time a rater gets to add a behaviour or a note to a moment before it is sent as is. */
export const MOMENT_HOLD_MS = 45_000;

export const OFFLINE_ERROR: AppError = {
  code: "internal",
  message: "Er is nu geen verbinding. Probeer het opnieuw zodra de verbinding terug is.",
};

/** Errors after which a join will never succeed: stop and tell the person. */
const FATAL_JOIN: ErrorCode[] = ["not_found", "unauthorized", "removed", "invalid_payload", "forbidden"];
/** Errors that mean this item will never be accepted: drop it, tell the rater. */
const DROP_ITEM: ErrorCode[] = ["invalid_payload", "out_of_range", "wrong_phase", "payload_too_large", "session_closed", "forbidden"];

export interface LiveClientOptions {
  code: string;
  credentials: Credentials;
  store: KeyValueStore;
  /** Opens the socket (not yet connected); defaults to this page's origin. */
  openSocket?: () => ClientSocket;
  now?: () => number;
}

function defaultSocket(): ClientSocket {
  return io({
    autoConnect: false,
    // Our own Manager: React's strict mode mounts twice, and two rooms must not share one.
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4_000,
  });
}

export class LiveClient {
  private socket: ClientSocket | null = null;
  private joined = false;
  private joining = false;
  private stopped = false;
  private state: LiveState;
  private readonly listeners = new Set<() => void>();
  private outbox: Outbox | null = null;
  private readonly offset = new ClockOffset();
  private readonly intervals: ReturnType<typeof setInterval>[] = [];
  private readonly timeouts = new Set<ReturnType<typeof setTimeout>>();
  private flushing = false;
  /** Set by session:taken-over: this page no longer touches the seat's outbox. */
  private takenOver = false;
  private retryAt = 0;
  private failures = 0;
  private outboxDirty = false;
  /** The results received so far, parsed in the order they came (see onResults). */
  private resultsParsed: Promise<void> = Promise.resolve();
  private readonly dirty = new Set<ElementId>();
  private readonly lastPushed = new Map<ElementId, number>();
  private values: Partial<Record<ElementId, number>> = {};
  private readonly now: () => number;
  private readonly unloadHandlers: (() => void)[] = [];

  constructor(private readonly options: LiveClientOptions) {
    this.now = options.now ?? Date.now;
    this.state = initialLiveState();
  }

  // ---- store for React (useSyncExternalStore) ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LiveState => this.state;

  private update(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private updatePending(): void {
    if (!this.outbox) return;
    const p = this.outbox.pending;
    const old = this.state.pending;
    if (p.samples !== old.samples || p.moments !== old.moments || p.final !== old.final) this.update({ pending: p });
  }

  // ---- lifecycle ----

  start(): void {
    const socket = (this.options.openSocket ?? defaultSocket)();
    this.socket = socket;
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on("connect_error", this.onConnectError);
    socket.on("session:state", this.onState);
    socket.on("session:results", this.onResults);
    socket.on("session:tips", this.onTips);
    socket.on("session:removed", this.onRemoved);
    socket.on("session:taken-over", this.onTakenOver);
    socket.on("presence:active", this.onPresence);
    socket.on("storage:status", this.onStorage);
    socket.connect();
    this.intervals.push(setInterval(this.sampleTick, SAMPLE_INTERVAL_MS), setInterval(this.flushTick, FLUSH_INTERVAL_MS));
    if (typeof window !== "undefined") {
      const save = () => this.saveOutbox();
      const onVisibility = () => {
        if (document.visibilityState === "hidden") save();
        // A phone coming out of its pocket: reconnect now rather than at the next backoff step.
        else if (this.state.status !== "ended" && this.socket && !this.socket.connected) this.socket.connect();
      };
      // The browser knows about a lost network before a heartbeat does: show it and start over.
      const onOffline = () => {
        if (this.state.status === "ended") return;
        this.socket?.disconnect();
        this.update({ status: "offline" });
        this.socket?.connect();
      };
      const onOnline = () => {
        if (this.state.status !== "ended" && this.socket && !this.socket.connected) this.socket.connect();
      };
      window.addEventListener("pagehide", save);
      window.addEventListener("offline", onOffline);
      window.addEventListener("online", onOnline);
      document.addEventListener("visibilitychange", onVisibility);
      this.unloadHandlers.push(
        () => window.removeEventListener("pagehide", save),
        () => window.removeEventListener("offline", onOffline),
        () => window.removeEventListener("online", onOnline),
        () => document.removeEventListener("visibilitychange", onVisibility),
      );
    }
  }

  stop(): void {
    this.stopped = true;
    this.saveOutbox();
    for (const i of this.intervals) clearInterval(i);
    for (const t of this.timeouts) clearTimeout(t);
    this.timeouts.clear();
    for (const off of this.unloadHandlers) off();
    const socket = this.socket;
    if (socket) {
      socket.off("connect", this.onConnect);
      socket.off("disconnect", this.onDisconnect);
      socket.off("connect_error", this.onConnectError);
      socket.off("session:state", this.onState);
      socket.off("session:results", this.onResults);
      socket.off("session:tips", this.onTips);
      socket.off("session:removed", this.onRemoved);
      socket.off("session:taken-over", this.onTakenOver);
      socket.off("presence:active", this.onPresence);
      socket.off("storage:status", this.onStorage);
      socket.disconnect();
    }
    this.socket = null;
    this.joined = false;
    this.listeners.clear();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timeouts.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timeouts.add(t);
  }

  private end(error: AppError): void {
    this.joined = false;
    if (this.options.credentials.kind === "seat") {
      this.options.store.remove(storageKeys.seat(this.options.code));
    }
    this.update({ status: "ended", ended: error });
    this.socket?.disconnect();
  }

  // ---- socket events ----

  private onConnect = () => {
    void this.join();
  };

  private onDisconnect = (reason: string) => {
    this.joined = false;
    if (this.state.status === "ended" || this.stopped) return;
    this.update({ status: "offline" });
    // After a server-side disconnect (a restart, a shutdown) Socket.IO does not reconnect by itself.
    if (reason === "io server disconnect") this.later(() => this.socket?.connect(), 1_000);
  };

  private onConnectError = () => {
    if (this.state.status !== "ended") this.update({ status: this.state.snapshot ? "offline" : "connecting" });
  };

  private onState = (snapshot: SessionSnapshot) => {
    if (snapshot.code !== this.state.snapshot?.code && this.state.snapshot) return;
    this.offset.observe(snapshot.serverTime, this.now());
    const leftLive = this.state.snapshot?.phase === "live" && snapshot.phase !== "live";
    this.update({ snapshot });
    if (leftLive) {
      // Anything still waiting for details goes out now, as it is.
      this.outbox?.releaseMoments();
      this.flushSoon();
    }
  };

  /**
   * Takes in what needs the results schema, in the order it came: the schema (and zod with it)
   * loads with the first results, so a phone that only rates never downloads it (the rater page's
   * budget, decision 010), and results sent after a reaction-time change, or the tips that follow
   * them, never land before what was sent earlier. `unloadable` is the change when the schema could
   * not be loaded (the connection dropped); null changes nothing.
   */
  private inTurn(take: (schemas: typeof import("../core/results-schema")) => Partial<LiveState> | null, unloadable: Partial<LiveState> | null): void {
    this.resultsParsed = this.resultsParsed
      .then(() => import("../core/results-schema"))
      .then(take, () => unloadable)
      .then((change) => {
        if (change && !this.stopped) this.update(change);
      });
  }

  private onResults = (payload: unknown) => {
    this.inTurn(
      ({ revealResultsSchema }) => {
        const parsed = revealResultsSchema.safeParse(payload);
        return parsed.success ? { results: parsed.data, resultsUnreadable: false } : { results: null, resultsUnreadable: true };
      },
      // The page says to reload.
      { results: null, resultsUnreadable: true },
    );
  };

  // Tips that do not parse are as good as none.
  private onTips = (payload: unknown) => {
    this.inTurn(({ rankedTipsSchema }) => {
      const parsed = rankedTipsSchema.safeParse(payload);
      return parsed.success ? { tips: parsed.data } : null;
    }, null);
  };

  private onRemoved = (info: { message: string }) => {
    this.outbox?.clear();
    this.end({ code: "removed", message: info?.message || ERROR_MESSAGES.removed });
  };

  /**
   * Another tab or device joined this seat and rates now (docs/decisions/016). This one stops for
   * good: no more samples, no reconnect, and it no longer writes the outbox, which the other tab
   * (in the same browser) now keeps. What was acked is stored; the seat stays in the browser.
   */
  private onTakenOver = (info: { message: string }) => {
    this.takenOver = true;
    this.joined = false;
    this.update({
      status: "ended",
      takenOver: true,
      ended: { code: "forbidden", message: info?.message || "Je beoordeelt nu in een ander venster of op een ander apparaat." },
    });
    this.socket?.disconnect();
  };

  private onStorage = (info: StorageStatus) => {
    if (typeof info?.ok === "boolean" && typeof info.message === "string") this.update({ storage: { ok: info.ok, message: info.message } });
  };

  private onPresence = (info: { active: string[] }) => {
    if (Array.isArray(info?.active)) this.update({ active: info.active, presenceReceived: true });
  };

  // ---- requests ----

  /** One acknowledged emit; null when it timed out or there is no connection. */
  private async call<E extends keyof ClientToServerEvents>(
    event: E,
    payload: unknown,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<AckOf<E> | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    const timed = socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<AckOf<E>>;
    };
    try {
      return await timed.emitWithAck(event, payload);
    } catch {
      return null;
    }
  }

  private async join(): Promise<void> {
    if (this.joining || this.stopped || this.state.status === "ended") return;
    this.joining = true;
    try {
      const { code, credentials } = this.options;
      const payload =
        credentials.kind === "host" ? { code, hostToken: credentials.hostToken } : { code, resumeToken: credentials.resumeToken };
      const sentAt = this.now();
      const ack = await this.call("session:join", payload, 8_000);
      if (this.stopped) return;
      if (!ack) {
        if (this.socket?.connected) this.later(() => void this.join(), 2_000);
        return;
      }
      if (!ack.ok) {
        if (FATAL_JOIN.includes(ack.error.code)) this.end(ack.error);
        else this.later(() => void this.join(), this.nextBackoff());
        return;
      }
      this.failures = 0;
      this.onJoined(ack.data, sentAt);
    } finally {
      this.joining = false;
    }
  }

  private onJoined(result: JoinResult, sentAt: number): void {
    const { code } = this.options;
    const snapshot = result.state;
    this.offset.observeRoundTrip(snapshot.serverTime, sentAt, this.now());
    if (result.role !== "host") {
      writeSeat(this.options.store, code, { participantId: result.participantId, resumeToken: result.resumeToken });
      if (!this.outbox) this.outbox = new Outbox(this.options.store, storageKeys.outbox(code, result.participantId));
      this.outbox.syncFromServer(snapshot.you.lastSampleSeq, snapshot.you.lastMomentSeq);
      this.values = this.outbox.currentValues(snapshot.you.current);
      this.saveOutbox(true);
    }
    this.joined = true;
    this.retryAt = 0;
    this.update({
      status: "online",
      ended: null,
      snapshot,
      // The server sends presence only when it changes; the join's snapshot is fresh until then.
      presenceReceived: false,
      // Likewise storage: a server that still cannot store says so right after this join.
      storage: null,
      current: { ...this.values },
      ackedSampleSeq: Math.max(this.state.ackedSampleSeq, snapshot.you.lastSampleSeq),
      ackedMomentSeq: Math.max(this.state.ackedMomentSeq, snapshot.you.lastMomentSeq),
      pending: this.outbox?.pending ?? this.state.pending,
    });
    void this.flush();
  }

  /**
   * A host or participant action (phase, clock, remove, focus): an acknowledged emit, tried up
   * to three times when the ack does not come. All of these are safe to repeat.
   */
  async request<E extends Exclude<keyof ClientToServerEvents, "session:join">>(event: E, payload: unknown): Promise<AckOf<E>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!this.joined) break;
      const ack = await this.call(event, payload);
      if (ack) {
        if (!ack.ok && ack.error.code === "unauthorized") this.rejoin();
        return ack;
      }
    }
    return { ok: false, error: OFFLINE_ERROR } as AckOf<E>;
  }

  private rejoin(): void {
    this.joined = false;
    void this.join();
  }

  // ---- rating ----

  private get role(): ParticipantRole | "host" | null {
    return this.state.snapshot?.you.role ?? null;
  }

  /** A rater in the live phase: the only time samples and moments are recorded. */
  canRate(): boolean {
    const role = this.role;
    return (
      this.state.status !== "ended" &&
      this.state.snapshot?.phase === "live" &&
      role !== null &&
      role !== "host" &&
      RATER_ROLES.includes(role)
    );
  }

  /** Wall time now (epoch ms) as the server's clock says: for the OT method's round timer. */
  serverNow(): number {
    return this.now() + this.offset.offset;
  }

  /** Gesprek seconds now, as the server's clock says. */
  gesprekTime(): number {
    const s = this.state.snapshot;
    if (!s) return 0;
    return gesprekTimeAt(s.clock, this.now() + this.offset.offset, s.duration);
  }

  /** The rater moved a slider. Sampled at most 10 Hz per element; unchanged values repeat at 1 Hz while the clock runs. */
  setValue(element: ElementId, value: number): void {
    if (!this.canRate()) return;
    this.values[element] = value;
    this.dirty.add(element);
    this.update({ current: { ...this.values } });
  }

  private pushSample(element: ElementId, t: number, nowMs: number): void {
    const value = this.values[element];
    if (value === undefined || !this.outbox) return;
    this.outbox.addSample(element, value, Math.round(t * 1000) / 1000);
    this.lastPushed.set(element, nowMs);
    this.outboxDirty = true;
  }

  private sampleTick = () => {
    if (!this.canRate() || !this.outbox) return;
    const nowMs = this.now();
    const t = this.gesprekTime();
    for (const element of this.dirty) this.pushSample(element, t, nowMs);
    this.dirty.clear();
    if (this.state.snapshot?.clock.playing) {
      for (const element of Object.keys(this.values) as ElementId[]) {
        if (nowMs - (this.lastPushed.get(element) ?? 0) >= HOLD_INTERVAL_MS) this.pushSample(element, t, nowMs);
      }
    }
    this.updatePending();
  };

  /** One tap: a moment on `element` at this instant. Returns its seq, to add details to it. */
  markMoment(element: ElementId): number | null {
    if (!this.canRate() || !this.outbox) return null;
    const seq = this.outbox.addMoment({ element, t: Math.round(this.gesprekTime() * 1000) / 1000 }, this.now(), MOMENT_HOLD_MS);
    this.saveOutbox(true);
    this.updatePending();
    return seq;
  }

  /** Adds a behaviour or signal and a note to a moment that is still waiting; then sends it. */
  detailMoment(seq: number, details: { behaviourId?: string; note?: string }): boolean {
    if (!this.outbox) return false;
    const changed = this.outbox.editMoment(seq, details);
    this.outbox.releaseMoments();
    this.saveOutbox(true);
    this.flushSoon();
    return changed;
  }

  /** Sends any moment still waiting for details, as it is. */
  releaseMoments(): void {
    if (!this.outbox) return;
    this.outbox.releaseMoments();
    this.saveOutbox(true);
    this.flushSoon();
  }

  /** The final rating; kept in the outbox until acked, so it survives a lost connection. */
  submitFinal(final: FinalInput): void {
    if (!this.outbox) return;
    this.outbox.setFinal(final);
    this.saveOutbox(true);
    this.update({ lastError: null, pending: this.outbox.pending });
    this.flushSoon();
  }

  // ---- delivery ----

  private saveOutbox(force = false): void {
    if (!this.outbox || this.takenOver || (!force && !this.outboxDirty)) return;
    this.outbox.save();
    this.outboxDirty = false;
  }

  private flushTick = () => {
    this.saveOutbox();
    void this.flush();
  };

  private flushSoon(): void {
    this.retryAt = 0;
    void this.flush();
  }

  private nextBackoff(): number {
    this.failures++;
    return Math.min(1_000 * 2 ** Math.min(this.failures - 1, 4), 15_000);
  }

  /** Sends what waits, in order: samples, moments, the final rating. One request in flight. */
  private async flush(): Promise<void> {
    if (this.flushing || !this.joined || !this.outbox || this.now() < this.retryAt) return;
    this.flushing = true;
    const outbox = this.outbox;
    try {
      for (;;) {
        const batch = outbox.sampleBatch();
        if (!batch.length) break;
        const ack = await this.call("rating:samples", { samples: batch });
        const go = this.settle(ack, (data: AckData<"rating:samples">) => {
          outbox.ackSamples(data.lastSeq);
          this.update({ ackedSampleSeq: Math.max(this.state.ackedSampleSeq, data.lastSeq) });
        }, () => outbox.ackSamples(batch[batch.length - 1].seq));
        if (!go) return;
      }
      for (;;) {
        const moment = outbox.nextMoment(this.now());
        if (!moment) break;
        const ack = await this.call("moment:mark", moment);
        const go = this.settle(
          ack,
          (data: AckData<"moment:mark">) => {
            outbox.ackMoments(data.lastSeq);
            this.update({ ackedMomentSeq: Math.max(this.state.ackedMomentSeq, data.lastSeq) });
          },
          () => outbox.ackMoments(moment.seq),
        );
        if (!go) return;
      }
      const final = outbox.final;
      if (final) {
        const ack = await this.call("rating:final", final);
        // Only clear what we sent: the rater may have changed it meanwhile.
        const clear = () => {
          if (outbox.final === final) outbox.clearFinal();
        };
        this.settle(ack, clear, clear);
      }
    } finally {
      this.flushing = false;
      this.saveOutbox(true);
      this.updatePending();
    }
  }

  /** Handles the answer to a rating item; true when the next item may go. */
  private settle<T>(ack: Ack<T> | null, onOk: (data: T) => void, onDrop: () => void): boolean {
    if (!ack) {
      this.retryAt = this.now() + this.nextBackoff();
      return false;
    }
    if (ack.ok) {
      this.failures = 0;
      onOk(ack.data);
      return true;
    }
    const { code } = ack.error;
    if (DROP_ITEM.includes(code)) {
      // It will never be accepted; keeping it would block everything behind it.
      onDrop();
      this.update({ lastError: ack.error });
      return true;
    }
    if (code === "unauthorized") {
      this.rejoin();
      return false;
    }
    if (code === "removed") {
      this.onRemoved({ message: ack.error.message });
      return false;
    }
    // rate_limited, storage_failed, internal, not_found: try again a little later.
    this.retryAt = this.now() + this.nextBackoff();
    return false;
  }
}

/**
 * Joins a session once as a new participant (the /doe-mee page) and keeps the seat in storage;
 * the room then joins with the resume token. The socket is closed again afterwards.
 */
export async function joinAsNew(
  store: KeyValueStore,
  input: { code: string; name: string; role: ParticipantRole },
  openSocket: () => ClientSocket = defaultSocket,
): Promise<Ack<JoinResult>> {
  const existing = readSeat(store, input.code);
  const socket = openSocket();
  try {
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.connect();
    });
    if (!connected) return { ok: false, error: OFFLINE_ERROR };
    // Someone who already has a seat here (a second tab, the back button) keeps it.
    const payload = existing ? { code: input.code, resumeToken: existing.resumeToken } : input;
    const send = async (p: unknown): Promise<Ack<JoinResult>> => {
      try {
        return (await socket.timeout(8_000).emitWithAck("session:join", p)) as Ack<JoinResult>;
      } catch {
        return { ok: false, error: OFFLINE_ERROR };
      }
    };
    let ack = await send(payload);
    if (!ack.ok && existing && ack.error.code === "unauthorized") {
      // The session no longer knows the old seat: take a new one.
      store.remove(storageKeys.seat(input.code));
      ack = await send(input);
    }
    if (ack.ok) writeSeat(store, input.code, { participantId: ack.data.participantId, resumeToken: ack.data.resumeToken });
    return ack;
  } finally {
    socket.disconnect();
  }
}
