// The client's delivery rules against a scripted socket: what is sent, in which order, what is
// kept after a lost ack or a dropped connection, and what a reload brings back. The real server
// and real browsers are in tests/integration and tests/e2e.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ElementId } from "../core/domain";
import { type Ack, fail, ok, type Phase, type SessionSnapshot } from "../core/protocol";
import { session as revealed } from "../components/results/test-session";
import { type ClientSocket, LiveClient } from "./live-client";
import { type KeyValueStore, memoryStore, readSeat, storageKeys, writeSeat } from "./storage";

type Handler = (...args: unknown[]) => void;
const LOST = Symbol("lost");

/** A socket.io-client stand-in: events in both directions, acks by a scripted server. */
class FakeSocket {
  connected = false;
  sent: { event: string; payload: unknown }[] = [];
  private handlers = new Map<string, Set<Handler>>();
  constructor(private readonly server: FakeServer) {}

  on(event: string, fn: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
    return this;
  }
  off(event: string, fn: Handler) {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
  listenerCount() {
    return [...this.handlers.values()].reduce((n, s) => n + s.size, 0);
  }
  connect() {
    if (this.connected || !this.server.up) return this;
    this.connected = true;
    this.fire("connect");
    return this;
  }
  disconnect() {
    if (!this.connected) return this;
    this.connected = false;
    this.fire("disconnect", "io client disconnect");
    return this;
  }
  /** The network goes away under the client. */
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }
  timeout(ms: number) {
    return {
      emitWithAck: (event: string, payload: unknown): Promise<unknown> => {
        this.sent.push({ event, payload });
        const answer = this.connected ? this.server.handle(event, payload) : LOST;
        if (answer === LOST) return new Promise((_, reject) => setTimeout(() => reject(new Error("operation has timed out")), ms));
        const delay = this.server.ackDelayMs;
        return delay > 0 ? new Promise((resolve) => setTimeout(() => resolve(answer), delay)) : Promise.resolve(answer);
      },
    };
  }
}

/**
 * Just enough of the server: seats, phases, and the server's own seq rule (decision 003, "highest
 * stored"): an item is stored only when its seq is above the highest held from this rater, and the
 * ack says that highest seq. Gaps are not waited for.
 */
class FakeServer {
  up = true;
  phase: Phase = "live";
  samples = new Map<number, { element: ElementId; value: number; t: number }>();
  moments = new Map<number, unknown>();
  final: unknown = null;
  /** Answer the next n acks for this event with nothing (the ack is lost after storing). */
  loseAcks: Record<string, number> = {};
  refuse: Record<string, Ack<never>> = {};
  /** Refuse only the next call of this event (then answer normally). */
  refuseNext: Record<string, Ack<never>> = {};
  /** How long the server takes to answer. */
  ackDelayMs = 0;

  highest(map: Map<number, unknown>): number {
    return Math.max(0, ...map.keys());
  }

  snapshot(): SessionSnapshot {
    return {
      sessionId: "s1",
      code: "ACD234",
      title: "Test",
      phase: this.phase,
      source: { kind: "roleplay" },
      briefing: { setting: "", question: "?" },
      clock: { playing: false, t: 12, at: 0 },
      duration: null,
      settings: { separateRoles: true, nameDisplay: "pseudoniemen", allowSingleRaterGroup: false },
      participants: [],
      you: {
        id: "p1",
        name: "Anna",
        role: "arbeidsdeskundige",
        focus: "binding",
        lastSampleSeq: this.highest(this.samples),
        lastMomentSeq: this.highest(this.moments),
        current: {},
        moments: [],
        final: null,
      },
      serverTime: Date.now(),
    };
  }

  handle(event: string, payload: unknown): unknown {
    if (this.refuse[event]) return this.refuse[event];
    const once = this.refuseNext[event];
    if (once) {
      delete this.refuseNext[event];
      return once;
    }
    let answer: unknown;
    switch (event) {
      case "session:join":
        answer = ok({ participantId: "p1", resumeToken: "resume-token-0123456789", role: "arbeidsdeskundige", state: this.snapshot() });
        break;
      case "rating:samples":
        for (const s of (payload as { samples: { seq: number; element: ElementId; value: number; t: number }[] }).samples) {
          if (s.seq > this.highest(this.samples)) this.samples.set(s.seq, s);
        }
        answer = ok({ lastSeq: this.highest(this.samples) });
        break;
      case "moment:mark": {
        const m = payload as { seq: number };
        if (m.seq > this.highest(this.moments)) this.moments.set(m.seq, m);
        answer = ok({ lastSeq: this.highest(this.moments) });
        break;
      }
      case "rating:final":
        this.final = payload;
        answer = ok({ submittedAt: 1 });
        break;
      default:
        answer = fail("invalid_payload");
    }
    if ((this.loseAcks[event] ?? 0) > 0) {
      this.loseAcks[event]--;
      return LOST;
    }
    return answer;
  }
}

let server: FakeServer;
let store: KeyValueStore;
let sockets: FakeSocket[];

function startClient(): LiveClient {
  const client = new LiveClient({
    code: "ACD234",
    credentials: { kind: "seat", resumeToken: "resume-token-0123456789" },
    store,
    openSocket: () => {
      const s = new FakeSocket(server);
      sockets.push(s);
      return s as unknown as ClientSocket;
    },
  });
  client.start();
  return client;
}

const socket = () => sockets[sockets.length - 1];
const sentOf = (event: string) => sockets.flatMap((s) => s.sent.filter((x) => x.event === event));

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer();
  store = memoryStore();
  sockets = [];
  writeSeat(store, "ACD234", { participantId: "p1", resumeToken: "resume-token-0123456789" });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("LiveClient", () => {
  it("joins with the seat's resume token and takes the full snapshot from the answer", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    expect(sentOf("session:join")[0].payload).toEqual({ code: "ACD234", resumeToken: "resume-token-0123456789" });
    expect(client.getState().status).toBe("online");
    expect(client.getState().snapshot?.you.name).toBe("Anna");
  });

  it("samples at most 10 times a second and sends batches at least every second, keyed to the gesprek clock", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 30; i++) {
      client.setValue("binding", i % 11);
      await vi.advanceTimersByTimeAsync(10); // 100 changes a second
    }
    await vi.advanceTimersByTimeAsync(1_000);
    const seqs = [...server.samples.keys()];
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs.length).toBeLessThanOrEqual(4); // 300 ms of moving: ~3 samples, not 30
    expect([...server.samples.values()].every((s) => s.t === 12)).toBe(true); // the paused clock, not the wall clock
    expect(client.getState().pending.samples).toBe(0);
    expect(client.getState().ackedSampleSeq).toBe(seqs.length);
  });

  it("keeps recording offline and delivers every sample exactly once after the reconnect", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setValue("vertrouwen", 4);
    await vi.advanceTimersByTimeAsync(1_100);
    socket().drop();
    expect(client.getState().status).toBe("offline");
    for (let v = 5; v <= 9; v++) {
      client.setValue("vertrouwen", v);
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(client.getState().pending.samples).toBe(5);
    expect(server.samples.size).toBe(1);
    socket().connect();
    await vi.advanceTimersByTimeAsync(1_100);
    expect([...server.samples.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...server.samples.values()].map((s) => s.value)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(client.getState().pending.samples).toBe(0);
    // After the reconnect it joined again (full resync), before anything else was sent.
    const order = socket().sent.map((x) => x.event);
    expect(order.lastIndexOf("session:join")).toBeLessThan(order.indexOf("rating:samples", order.lastIndexOf("session:join")));
  });

  it("sends a batch again when its ack is lost; the seqs stay the same, so the server stores it once", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    server.loseAcks["rating:samples"] = 1;
    client.setValue("stroefheid", 3);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(client.getState().pending.samples).toBe(1);
    await vi.advanceTimersByTimeAsync(8_000);
    const batches = sentOf("rating:samples").map((x) => (x.payload as { samples: { seq: number }[] }).samples.map((s) => s.seq));
    expect(batches.slice(0, 2)).toEqual([[1], [1]]);
    expect(server.samples.size).toBe(1);
    expect(client.getState().pending.samples).toBe(0);
  });

  it("keeps what was recorded while a batch was on its way, and sends it next", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    server.ackDelayMs = 600;
    client.setValue("binding", 2);
    await vi.advanceTimersByTimeAsync(1_050); // batch [1] is in flight
    client.setValue("binding", 3);
    await vi.advanceTimersByTimeAsync(150); // sample 2 recorded before the ack of [1]
    await vi.advanceTimersByTimeAsync(3_000);
    expect([...server.samples.values()].map((s) => s.value)).toEqual([2, 3]);
    expect(client.getState().pending.samples).toBe(0);
  });

  it("never reuses a seq the server already holds, even with an empty outbox", async () => {
    for (let seq = 1; seq <= 5; seq++) server.samples.set(seq, { element: "binding", value: 1, t: 0 });
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setValue("binding", 7);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(server.samples.get(6)?.value).toBe(7);
  });

  it("does not send again what the join says is stored (an ack lost just before the connection)", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    server.loseAcks["rating:samples"] = 1;
    client.setValue("binding", 4);
    await vi.advanceTimersByTimeAsync(1_050); // stored, ack lost
    socket().drop();
    await vi.advanceTimersByTimeAsync(6_000);
    socket().connect();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sentOf("rating:samples")).toHaveLength(1);
    expect(client.getState().pending.samples).toBe(0);
  });

  it("after a reload, continues from the outbox it left in storage", async () => {
    const first = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket().drop();
    first.setValue("binding", 8);
    await vi.advanceTimersByTimeAsync(200);
    first.stop(); // the tab goes away with one sample unsent
    expect(socket().listenerCount()).toBe(0);

    const second = startClient();
    await vi.advanceTimersByTimeAsync(1_100);
    expect([...server.samples.entries()]).toEqual([[1, { seq: 1, element: "binding", value: 8, t: 12 }]]);
    expect(second.getState().current).toEqual({ binding: 8 });
    second.setValue("binding", 9);
    await vi.advanceTimersByTimeAsync(1_100);
    expect([...server.samples.keys()]).toEqual([1, 2]);
  });

  it("drops an item the server will never take, and tells the rater, without blocking the rest", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    server.refuse["rating:final"] = fail("wrong_phase", "Het eindoordeel is al onthuld.");
    client.submitFinal({ scores: { vertrouwen: 6, "richting-kader": 7, binding: 5, stroefheid: 2 }, observed: [] });
    await vi.advanceTimersByTimeAsync(10);
    expect(client.getState().pending.final).toBe(false);
    expect(client.getState().lastError?.message).toBe("Het eindoordeel is al onthuld.");
  });

  it("drops a samples batch the server refuses, goes on with the next seqs, and never sends the dropped ones again", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    server.refuseNext["rating:samples"] = fail("out_of_range", "Buiten het bereik: t");
    client.setValue("binding", 4);
    await vi.advanceTimersByTimeAsync(1_100); // batch [1] refused and dropped
    expect(client.getState().lastError?.code).toBe("out_of_range");
    expect(client.getState().pending.samples).toBe(0);
    client.setValue("binding", 6);
    await vi.advanceTimersByTimeAsync(1_100);
    client.setValue("binding", 8);
    await vi.advanceTimersByTimeAsync(5_000);
    // Stored with a gap where the dropped seq was; the ack's highest seq settles the outbox.
    expect([...server.samples.keys()]).toEqual([2, 3]);
    expect(client.getState().pending.samples).toBe(0);
    const sentSeqs = sentOf("rating:samples").flatMap((x) => (x.payload as { samples: { seq: number }[] }).samples.map((s) => s.seq));
    expect(sentSeqs).toEqual([1, 2, 3]);

    // After a reload the seat goes on above what the server holds, never reusing a seq.
    client.stop();
    const again = startClient();
    await vi.advanceTimersByTimeAsync(0);
    again.setValue("binding", 9);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(server.samples.get(4)?.value).toBe(9);
    expect(server.samples.size).toBe(3);
  });

  it("keeps the final rating through a lost connection and sends it after the rejoin", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket().drop();
    const final = { scores: { vertrouwen: 6, "richting-kader": 7, binding: 5, stroefheid: 2 }, observed: ["geen-druk"] };
    client.submitFinal(final);
    expect(client.getState().pending.final).toBe(true);
    expect(JSON.parse(store.get(storageKeys.outbox("ACD234", "p1"))!).final).toEqual(final);
    socket().connect();
    await vi.advanceTimersByTimeAsync(10);
    expect(server.final).toEqual(final);
    expect(client.getState().pending.final).toBe(false);
  });

  it("holds a moment for details, then sends it with them", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    const seq = client.markMoment("vertrouwen")!;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(server.moments.size).toBe(0);
    client.detailMoment(seq, { behaviourId: "geen-druk", note: "Rustig tempo" });
    await vi.advanceTimersByTimeAsync(10);
    expect(server.moments.get(seq)).toEqual({ seq, t: 12, element: "vertrouwen", behaviourId: "geen-druk", note: "Rustig tempo" });
  });

  it("records nothing outside the live phase", async () => {
    server.phase = "briefing";
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setValue("binding", 5);
    expect(client.markMoment("binding")).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sentOf("rating:samples")).toHaveLength(0);
  });

  it("ends and forgets the seat when the host removes the participant", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket().fire("session:removed", { message: "De begeleider heeft je uit deze sessie gehaald." });
    expect(client.getState().status).toBe("ended");
    expect(client.getState().ended?.code).toBe("removed");
    expect(readSeat(store, "ACD234")).toBeNull();
  });

  it("stops for good when another tab takes the seat over: no samples, no reconnect, the outbox left to that tab, the seat kept", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    client.setValue("binding", 4);
    await vi.advanceTimersByTimeAsync(1_000);
    const sentBefore = sentOf("rating:samples").length;
    expect(sentBefore).toBeGreaterThan(0);
    socket().fire("session:taken-over", { message: "Je beoordeelt nu in een ander venster of op een ander apparaat." });
    expect(client.getState().status).toBe("ended");
    expect(client.getState().takenOver).toBe(true);
    expect(client.getState().ended?.message).toMatch(/ander venster/);
    // The other tab (same browser) now writes the outbox; this one must not overwrite it.
    const key = storageKeys.outbox("ACD234", "p1");
    store.set(key, "van het andere tabblad");
    client.setValue("binding", 7);
    socket().fire("disconnect", "io server disconnect");
    await vi.advanceTimersByTimeAsync(10_000);
    client.stop();
    expect(sentOf("rating:samples")).toHaveLength(sentBefore);
    expect(sentOf("session:join")).toHaveLength(1);
    expect(store.get(key)).toBe("van het andere tabblad");
    expect(readSeat(store, "ACD234")?.participantId).toBe("p1");
  });

  it("keeps the results and the ranked tips the server sends after the reveal, and ignores tips it cannot read", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    const tips = [{ tipId: "eerst-binding", fits: true, weight: 3, rules: [], elements: ["binding"], moments: [] }];
    const results = JSON.parse(JSON.stringify(revealed()));
    socket().fire("session:results", results);
    socket().fire("session:tips", tips);
    await vi.waitFor(() => expect(client.getState().tips).toEqual(tips));
    expect(client.getState().results).toEqual(results);
    expect(client.getState().resultsUnreadable).toBe(false);
    socket().fire("session:tips", [{ tipId: 4 }]);
    socket().fire("session:tips", [{ ...tips[0], tipId: "onbekend" }]);
    socket().fire("session:tips", "tips");
    // Results and tips are taken in the order they came: once these results are in, the tips
    // before them were looked at, and refused.
    const later = { ...results, raterCount: results.raterCount + 1 };
    socket().fire("session:results", later);
    await vi.waitFor(() => expect(client.getState().results).toEqual(later));
    expect(client.getState().tips).toEqual(tips);
  });

  it("takes results only in their schema: anything else is marked unreadable, and good results mend it", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    const results = JSON.parse(JSON.stringify(revealed()));
    socket().fire("session:results", { raterCount: 2 });
    await vi.waitFor(() => expect(client.getState().resultsUnreadable).toBe(true));
    expect(client.getState().results).toBeNull();
    socket().fire("session:results", results);
    await vi.waitFor(() => expect(client.getState().results).toEqual(results));
    expect(client.getState().resultsUnreadable).toBe(false);
    // Two in a row (a reaction-time change right after the reveal): the last one sent is what stays.
    const later = { ...results, timeline: { ...results.timeline, lagSeconds: 2 } };
    socket().fire("session:results", { ...results, elements: results.elements.slice(1) });
    socket().fire("session:results", later);
    await vi.waitFor(() => expect(client.getState().results).toEqual(later));
    expect(client.getState().resultsUnreadable).toBe(false);
  });

  it("keeps what the server says about storing, ignores what it cannot read, and forgets it on the next join", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getState().storage).toBeNull();
    socket().fire("storage:status", { ok: false, message: "De schijf is vol." });
    expect(client.getState().storage).toEqual({ ok: false, message: "De schijf is vol." });
    socket().fire("storage:status", { ok: "nee" });
    socket().fire("storage:status", null);
    expect(client.getState().storage).toEqual({ ok: false, message: "De schijf is vol." });
    // Back after a restart: a server that still fails says so again after the join; until then nothing is claimed.
    socket().connected = false;
    socket().fire("disconnect", "io server disconnect");
    await vi.advanceTimersByTimeAsync(1_100);
    expect(client.getState().status).toBe("online");
    expect(client.getState().storage).toBeNull();
  });

  it("stops for good when the seat is no longer valid", async () => {
    server.refuse["session:join"] = fail("unauthorized", "Deze plek in de sessie is niet (meer) geldig.");
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getState().status).toBe("ended");
    expect(readSeat(store, "ACD234")).toBeNull();
  });

  it("retries a join refused for a passing reason", async () => {
    server.refuse["session:join"] = fail("rate_limited");
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getState().status).toBe("connecting");
    delete server.refuse["session:join"];
    await vi.advanceTimersByTimeAsync(1_100);
    expect(client.getState().status).toBe("online");
  });

  it("reconnects by itself after a server-side disconnect (a restart)", async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket().connected = false;
    socket().fire("disconnect", "io server disconnect");
    expect(client.getState().status).toBe("offline");
    await vi.advanceTimersByTimeAsync(1_100);
    expect(client.getState().status).toBe("online");
    expect(sentOf("session:join")).toHaveLength(2);
  });
});
