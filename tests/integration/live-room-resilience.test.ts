// Nothing is lost: a rater who goes offline and comes back, and a server killed with SIGKILL and
// started again on the same data folder. Every acked item is stored, and none of them twice.
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JoinResult } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { type ChildServer, freePort, spawnServer, startTestServer, tempDataDir } from "../support/server";
import { call, connect, createSession, joinAs, joinHost, must, next, samples, startLive, type TestSocket } from "./live-helpers";

interface LogLine {
  type: "samples" | "moment" | "final";
  participantId?: string;
  samples?: [number, string, number, number][];
  moment?: { participantId: string; seq: number };
  rating?: { participantId: string; scores: Record<string, number> };
}

/** What is in a session's rating log on disk, line by line (not deduplicated). */
function storedLog(dataDir: string, sessionId: string): LogLine[] {
  const text = readFileSync(path.join(dataDir, "sessions", sessionId, "ratings.ndjson"), "utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine);
}

function storedSampleSeqs(lines: LogLine[], participantId: string): number[] {
  return lines.filter((l) => l.type === "samples" && l.participantId === participantId).flatMap((l) => l.samples!.map(([seq]) => seq));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * A rater's phone as the real client behaves: every sample goes into an outbox first, batches go
 * out in seq order with acks, and on every (re)connect it joins again and resends what the server
 * does not hold.
 */
class Phone {
  outbox: { seq: number; element: string; value: number; t: number }[] = [];
  acked = 0;
  nextSeq = 1;
  sending = false;
  constructor(
    public socket: TestSocket,
    readonly code: string,
    readonly resumeToken: string,
  ) {}

  rate(count: number) {
    for (let i = 0; i < count; i++) {
      const seq = this.nextSeq++;
      this.outbox.push({ seq, element: "binding", value: seq % 11, t: seq / 10 });
    }
  }

  /** Sends everything in the outbox; resolves when it is acked (or the connection dropped). */
  async flush(): Promise<void> {
    while (this.outbox.length && this.socket.connected) {
      const batch = this.outbox.slice(0, 200);
      const ack = await call(this.socket, "rating:samples", { samples: batch }).catch(() => null);
      if (!ack || !ack.ok) return;
      this.ackUpTo(ack.data.lastSeq);
    }
  }

  ackUpTo(seq: number) {
    this.acked = Math.max(this.acked, seq);
    this.outbox = this.outbox.filter((s) => s.seq > seq);
  }

  /** Full resync on (re)connect: never trust that the server kept the socket's state. */
  async rejoin(): Promise<JoinResult> {
    const data = await must(this.socket, "session:join", { code: this.code, resumeToken: this.resumeToken });
    this.ackUpTo(data.state.you.lastSampleSeq);
    return data;
  }
}

describe("a rater who loses the connection mid-live", () => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  it("keeps rating offline, comes back by itself, resends, and the server has every sample exactly once", async () => {
    const server = await startTestServer();
    stop = server.close;
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Hanna", "ervaringsdeskundige");
    const phone = new Phone(rater.socket, created.code, rater.resumeToken);

    phone.rate(100);
    await phone.flush();
    expect(phone.acked).toBe(100);

    // A batch is on its way when the wifi drops: did it arrive? The phone cannot know.
    phone.rate(50);
    const inFlight = call(phone.socket, "rating:samples", { samples: phone.outbox.slice(0, 50) }).catch(() => null);
    const reconnected = new Promise<void>((resolve) => phone.socket.io.once("reconnect", () => resolve()));
    const dropped = new Promise((resolve) => phone.socket.once("disconnect", resolve));
    phone.socket.io.engine.close();
    await dropped;
    expect(phone.socket.connected).toBe(false);

    // Offline: the slider keeps recording into the outbox. An emit now is buffered by the client
    // and goes out on reconnect, before the rejoin: a duplicate the server must shrug off.
    phone.rate(400);
    void call(phone.socket, "rating:samples", { samples: phone.outbox.slice(0, 200) }).catch(() => null);
    await inFlight;

    await reconnected;
    const data = await phone.rejoin();
    expect(data.participantId).toBe(rater.participantId);
    expect(data.state.phase).toBe("live");
    await phone.flush();
    expect(phone.outbox).toHaveLength(0);
    expect(phone.acked).toBe(550);

    // A stale retry of the very first batch: acked, stored nothing.
    const stale = await must(phone.socket, "rating:samples", { samples: samples(1, 100, "binding") });
    expect(stale.lastSeq).toBe(550);

    const seqs = storedSampleSeqs(storedLog(server.dataDir, created.sessionId), rater.participantId);
    expect(seqs).toEqual(range(1, 550));
    const again = await phone.rejoin();
    expect(again.state.you.lastSampleSeq).toBe(550);
    expect(again.state.you.current).toEqual({ binding: 550 % 11 });
    phone.socket.close();
    host.socket.close();
  });
});

describe("a server killed with SIGKILL under rating (and the unsynced log lost, as in a power cut)", () => {
  const children: ChildServer[] = [];
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) await c.kill();
  });

  it("keeps every acked sample, moment and final rating (none twice); clients reconnect and carry on", async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const first = await spawnServer({ dataDir, port });
    children.push(first);

    const created: CreatedSession = await createSession(first.url);
    const host = await joinHost(first.url, created);
    await must(host.socket, "session:phase", { phase: "briefing" });
    await must(host.socket, "session:phase", { phase: "live" });
    const a = await joinAs(first.url, created.code, "Ilse", "arbeidsdeskundige");
    const b = await joinAs(first.url, created.code, "Jamal", "ervaringsdeskundige");
    const phones = [a, b].map((r) => new Phone(r.socket, created.code, r.resumeToken));

    // Moments from both, then the final rating of one of them.
    for (const r of [a, b]) expect((await must(r.socket, "moment:mark", { seq: 1, t: 3, element: "vertrouwen", note: "open vraag" })).lastSeq).toBe(1);
    for (const p of phones) {
      p.rate(100);
      await p.flush();
    }
    await must(host.socket, "session:phase", { phase: "final" });
    const scores = { vertrouwen: 8, "richting-kader": 6, binding: 7, stroefheid: 2 };
    await must(a.socket, "rating:final", { scores, observed: ["veilige-sfeer"], notes: { binding: "goed geluisterd" } });

    // Under rating: both phones keep sending (late samples are still taken in final) ...
    // (A phone that lost the connection stops here; what it has not had acked stays in its outbox.)
    const loops = phones.map(async (p) => {
      while (p.socket.connected) {
        p.rate(20);
        await p.flush();
      }
    });
    // ... until the server is killed in the middle of it.
    await new Promise<void>((resolve) => {
      const check = () => (phones.every((p) => p.acked > 400) ? resolve() : setImmediate(check));
      check();
    });
    const reconnects = phones.map((p) => new Promise<void>((resolve) => p.socket.io.once("reconnect", () => resolve())));
    await first.kill();
    await Promise.all(loops);
    const ackedBeforeKill = phones.map((p) => p.acked);

    // The kill left the rating logs' journal behind (decision 029) ...
    const journal = path.join(dataDir, "journal");
    expect(readdirSync(journal).filter((f) => f.endsWith(".wal")).length).toBeGreaterThan(0);
    // ... and we make it a power cut: the log was never synced in this run (its first checkpoint
    // would come after a minute), so the disk may have kept none of it.
    const logFile = path.join(dataDir, "sessions", created.sessionId, "ratings.ndjson");
    expect(statSync(logFile).size).toBeGreaterThan(0);
    truncateSync(logFile, 0);

    // Same data folder, same port: the clients find it by themselves.
    const second = await spawnServer({ dataDir, port });
    children.push(second);
    await Promise.all(reconnects);
    // ... which the start wrote back into the logs, and said so.
    expect(second.output()).toMatch(/Het journaal van een vorige run die niet netjes stopte is verwerkt: \d+ schrijfacties? opnieuw in 1 beoordelingslogboek gezet/);

    for (const [i, p] of phones.entries()) {
      const data = await p.rejoin();
      expect(data.state.phase).toBe("final");
      expect(data.state.you.lastSampleSeq).toBeGreaterThanOrEqual(ackedBeforeKill[i]);
      expect(data.state.you.moments).toHaveLength(1);
    }
    expect((await phones[0].rejoin()).state.you.final?.scores).toEqual(scores);

    // Carry on: resend what was not acked, rate a little more.
    for (const p of phones) {
      p.rate(30);
      await p.flush();
      expect(p.outbox).toHaveLength(0);
    }

    const lines = storedLog(dataDir, created.sessionId);
    for (const [i, r] of [a, b].entries()) {
      const seqs = storedSampleSeqs(lines, r.participantId);
      // Every seq the phone ever made is there exactly once: acked before the kill, resent after.
      expect(seqs).toEqual(range(1, phones[i].nextSeq - 1));
      expect(lines.filter((l) => l.type === "moment" && l.moment!.participantId === r.participantId)).toHaveLength(1);
    }
    const finals = lines.filter((l) => l.type === "final");
    expect(finals).toHaveLength(1);
    expect(finals[0].rating!.scores).toEqual(scores);

    host.socket.close();
    for (const p of phones) p.socket.close();
    expect(await second.stop()).toBe(0);
    // A clean stop leaves no journal: every log was synced.
    expect(readdirSync(journal)).toEqual([]);
  });

  it("a second server on the same data folder refuses to start", async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer({ dataDir });
    children.push(first);
    const error = await spawnServer({ dataDir }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/al in gebruik door een andere Alliantiekompas-server/);
    // The first one is untouched.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.stop();
  });
});

describe("damaged data stops the start", () => {
  it("names a damaged session document, and never replaces it with defaults", async () => {
    const server = await startTestServer();
    const created = await createSession(server.url);
    await server.close();
    const doc = path.join(server.dataDir, "sessions", created.sessionId, "session.json");
    for (const damage of ["", "{\"version\":1,", "null", JSON.stringify({ version: 1, id: created.sessionId })]) {
      writeFileSync(doc, damage);
      await expect(startTestServer({ dataDir: server.dataDir })).rejects.toThrow(doc);
      expect(readFileSync(doc, "utf8")).toBe(damage);
    }
  });

  it("cuts off a torn last line of a rating log (never acked) when it is read; a damaged line inside stops that session, not the start", async () => {
    const server = await startTestServer();
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Karin", "arbeidsdeskundige");
    await must(rater.socket, "rating:samples", { samples: samples(1, 10) });
    rater.socket.close();
    host.socket.close();
    await server.close();

    const log = path.join(server.dataDir, "sessions", created.sessionId, "ratings.ndjson");
    const intact = readFileSync(log, "utf8");
    appendFileSync(log, '{"type":"samples","participantId":"');
    const again = await startTestServer({ dataDir: server.dataDir });
    // A log is read when its session is first used (decision 028): the torn line goes then.
    const socket = await connect(again.url);
    const data = await must(socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(readFileSync(log, "utf8")).toBe(intact);
    expect(data.state.you.lastSampleSeq).toBe(10);
    socket.close();
    await again.close();

    writeFileSync(log, `${intact}not json\n${intact}`);
    const third = await startTestServer({ dataDir: server.dataDir });
    const refused = await connect(third.url);
    const ack = await call(refused, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(ack.ok || ack.error).toEqual({ code: "internal", message: expect.stringMatching(/beschadigd/) });
    expect(readFileSync(log, "utf8")).toBe(`${intact}not json\n${intact}`);
    refused.close();
    await third.close();
  });
});

describe("host and rater survive a reload", () => {
  it("a rater's second tab and a reload keep the same seat and their own ratings", async () => {
    const server = await startTestServer();
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Lotte", "arbeidsdeskundige");
    await must(rater.socket, "rating:samples", { samples: samples(1, 30, "richting-kader") });
    rater.socket.close();
    const tab = await connect(server.url);
    const seenByHost = next(host.socket, "session:state", (s) => s.participants.some((p) => p.connected));
    const data = await must(tab, "session:join", { code: created.code, resumeToken: rater.resumeToken });
    expect(data.participantId).toBe(rater.participantId);
    expect(data.state.you.lastSampleSeq).toBe(30);
    expect(data.state.you.current["richting-kader"]).toBe((30 * 7) % 11);
    expect(data.state.participants).toHaveLength(1);
    await seenByHost;
    tab.close();
    host.socket.close();
    await server.close();
  });
});

describe("Socket.IO connection state recovery", () => {
  it("seats a recovered socket again without a rejoin, but not a seat that was removed meanwhile", async () => {
    const server = await startTestServer();
    try {
      const { created, host } = await startLive(server.url);
      const stays = await joinAs(server.url, created.code, "Ruben", "arbeidsdeskundige");
      const goes = await connect(server.url, { reconnection: false });
      const seat = await must(goes, "session:join", { code: created.code, name: "Sanne", role: "arbeidsdeskundige" });

      const back = new Promise<void>((resolve) => stays.socket.once("connect", () => resolve()));
      stays.socket.io.engine.close();
      await back;
      expect(stays.socket.recovered).toBe(true);
      // No session:join: the server re-checked the seat and took the socket back in.
      expect((await must(stays.socket, "rating:samples", { samples: samples(1, 5) })).lastSeq).toBe(5);
      const seen = next(stays.socket, "session:state", (s) => s.phase === "final");
      await must(host.socket, "session:phase", { phase: "final" });
      await seen;

      // Removed while away: recovery does not bring the seat back.
      const dropped = new Promise((resolve) => goes.once("disconnect", resolve));
      goes.io.engine.close();
      await dropped;
      await must(host.socket, "participant:remove", { participantId: seat.participantId });
      const told = next(goes, "session:removed");
      const closed = new Promise<string>((resolve) => goes.once("disconnect", (reason) => resolve(reason)));
      goes.connect();
      expect((await told).message).toMatch(/uit deze sessie gehaald/);
      expect(goes.recovered).toBe(true);
      expect(await closed).toBe("io server disconnect");
      for (const s of [host.socket, stays.socket, goes]) s.close();
    } finally {
      await server.close();
    }
  });
});
