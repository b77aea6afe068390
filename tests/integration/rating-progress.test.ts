// The host sees that ratings are stored and how many, never what (rating:progress); and the server
// reports its event-loop delay and log commits on SIGUSR2, which `npm run bench` reads.
import { afterAll, describe, expect, it } from "vitest";
import type { RatingProgress } from "../../app/core/protocol";
import type { RuntimeMetrics } from "../../server/metrics";
import { type ChildServer, spawnServer, startTestServer } from "../support/server";
import { joinAs, joinHost, must, next, samples, startLive } from "./live-helpers";

describe("rating:progress", () => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  it("tells the host's sockets what was stored, as counts, and no one else", async () => {
    const server = await startTestServer();
    stop = server.close;
    const { created, host } = await startLive(server.url);
    const anna = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
    const bram = await joinAs(server.url, created.code, "Bram", "ervaringsdeskundige");
    const olga = await joinAs(server.url, created.code, "Olga", "observator");
    const seenByOthers: unknown[] = [];
    for (const r of [anna, bram, olga]) r.socket.on("rating:progress", (p) => seenByOthers.push(p));
    const progress: RatingProgress[] = [];
    host.socket.on("rating:progress", (p) => {
      expect(Object.keys(p)).toEqual(["raters"]);
      progress.push(...p.raters);
    });

    const first = next(host.socket, "rating:progress");
    await must(anna.socket, "rating:samples", { samples: samples(1, 10, "binding").map((s) => ({ ...s, value: 7.25 })) });
    expect(await first).toEqual({ raters: [{ participantId: anna.participantId, lastSeq: 10, samples: 10 }] });

    // A batch that is partly old stores (and counts) only what is new; a pure duplicate counts nothing,
    // so the next update the host gets is Bram's.
    const second = next(host.socket, "rating:progress");
    await must(anna.socket, "rating:samples", { samples: samples(6, 15, "binding") });
    expect(await second).toEqual({ raters: [{ participantId: anna.participantId, lastSeq: 15, samples: 5 }] });
    const third = next(host.socket, "rating:progress");
    await must(anna.socket, "rating:samples", { samples: samples(1, 15, "binding") });
    await must(bram.socket, "rating:samples", { samples: samples(1, 3, "vertrouwen") });
    expect(await third).toEqual({ raters: [{ participantId: bram.participantId, lastSeq: 3, samples: 3 }] });

    for (const p of progress) expect(Object.keys(p).sort()).toEqual(["lastSeq", "participantId", "samples"]);
    expect(JSON.stringify(progress)).not.toContain("7.25");
    expect(progress).toHaveLength(3);

    // A moment or a final rating is no batch of samples: nothing for the host here.
    await must(anna.socket, "moment:mark", { seq: 1, t: 2, element: "binding" });
    // Each rater's own ack comes after anything the server sent that rater before it.
    for (const r of [anna, bram, olga]) await must(r.socket, "session:join", { code: created.code, resumeToken: r.resumeToken });
    expect(seenByOthers).toEqual([]);
    expect(progress).toHaveLength(3);
    for (const s of [host.socket, anna.socket, bram.socket, olga.socket]) s.close();
  });

  it("counts batches stored together in one message, each rater once, every stored sample exactly once", async () => {
    const server = await startTestServer();
    const { created, host } = await startLive(server.url);
    const raters = await Promise.all(["Anna", "Bram", "Olga"].map((name) => joinAs(server.url, created.code, name, "arbeidsdeskundige")));
    const messages: { raters: RatingProgress[] }[] = [];
    host.socket.on("rating:progress", (p) => messages.push(p));
    // Three rounds, the raters' batches sent at once: they meet in the server's group commits.
    for (let round = 0; round < 3; round++) {
      await Promise.all(raters.map((r) => must(r.socket, "rating:samples", { samples: samples(round * 10 + 1, round * 10 + 10) })));
    }
    // The acks went out before the progress: wait until the host has counted every batch.
    const counted = () => messages.flatMap((m) => m.raters).reduce((n, p) => n + p.samples, 0);
    await new Promise<void>((resolve) => {
      const check = () => (counted() >= 90 ? resolve() : host.socket.once("rating:progress", () => setImmediate(check)));
      check();
    });
    expect(counted()).toBe(90);
    for (const m of messages) expect(new Set(m.raters.map((p) => p.participantId)).size).toBe(m.raters.length);
    for (const r of raters) {
      const mine = messages.flatMap((m) => m.raters).filter((p) => p.participantId === r.participantId);
      expect(mine.reduce((n, p) => n + p.samples, 0)).toBe(30);
      expect(mine.at(-1)!.lastSeq).toBe(30);
    }
    expect(messages.length).toBeLessThanOrEqual(9);
    for (const s of [host.socket, ...raters.map((r) => r.socket)]) s.close();
    await server.close();
  });
});

describe("rating:progress is live only (decision 030)", () => {
  it("reaches every socket of the host; a host that reconnects is brought up to date, without the counts it missed", async () => {
    const server = await startTestServer();
    try {
      const { created, host } = await startLive(server.url);
      const secondTab = await joinHost(server.url, created);
      const anna = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
      const first: RatingProgress[] = [];
      const second: RatingProgress[] = [];
      host.socket.on("rating:progress", (p) => first.push(...p.raters));
      secondTab.socket.on("rating:progress", (p) => second.push(...p.raters));
      const both = () => Promise.all([next(host.socket, "rating:progress"), next(secondTab.socket, "rating:progress")]);

      const one = both();
      await must(anna.socket, "rating:samples", { samples: samples(1, 10) });
      await one;

      // The first tab's connection drops. Meanwhile Anna rates and Bram joins.
      const away = new Promise((resolve) => host.socket.once("disconnect", resolve));
      host.socket.io.engine.close();
      await away;
      const missed = next(secondTab.socket, "rating:progress");
      await must(anna.socket, "rating:samples", { samples: samples(11, 20) });
      await missed;
      await joinAs(server.url, created.code, "Bram", "ervaringsdeskundige").then((bram) => bram.socket.close());

      // Back within the recovery window: seated again with the current state, the missed counts not replayed.
      const news = next(host.socket, "session:state", (s) => s.participants.some((p) => p.displayName === "Bram"));
      const back = new Promise<void>((resolve) => host.socket.once("connect", () => resolve()));
      host.socket.connect();
      await back;
      expect(host.socket.recovered).toBe(true);
      await news;
      const three = both();
      await must(anna.socket, "rating:samples", { samples: samples(21, 30) });
      await three;

      const counts = (list: RatingProgress[]) => list.map((p) => [p.lastSeq, p.samples]);
      expect(counts(second)).toEqual([[10, 10], [20, 10], [30, 10]]);
      // lastSeq is absolute: the host that was away still knows where Anna is.
      expect(counts(first)).toEqual([[10, 10], [30, 10]]);
      for (const s of [host.socket, secondTab.socket, anna.socket]) s.close();
    } finally {
      await server.close();
    }
  });
});

describe("runtime metrics on SIGUSR2", () => {
  let child: ChildServer | undefined;
  afterAll(async () => {
    if (child && child.process.exitCode === null) await child.stop();
  });

  it("prints event-loop delay and the log commits since the last signal, then starts over", async () => {
    child = await spawnServer();
    // One JSON line per entry (server/log.ts): the metrics are the entry's `metrics` field.
    const metricsLines = () =>
      child!
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{") && l.endsWith("}"))
        .map((l) => JSON.parse(l) as { msg: string; metrics?: RuntimeMetrics })
        .filter((entry) => entry.msg === "metrics");
    const metricsLine = async (): Promise<RuntimeMetrics> => {
      const seen = metricsLines().length;
      child!.process.kill("SIGUSR2");
      const entry = await new Promise<{ metrics?: RuntimeMetrics }>((resolve) => {
        const check = () => {
          const lines = metricsLines();
          if (lines.length > seen) resolve(lines[seen]);
          else child!.process.stdout!.once("data", check);
        };
        check();
      });
      return entry.metrics!;
    };
    const { created, host } = await startLive(child.url);
    const rater = await joinAs(child.url, created.code, "Carla", "arbeidsdeskundige");
    for (let i = 0; i < 3; i++) await must(rater.socket, "rating:samples", { samples: samples(i * 10 + 1, i * 10 + 10) });

    const first = await metricsLine();
    expect(first.logFlush.count).toBe(3);
    expect(first.logFlush.records).toBe(3);
    expect(first.logFlush.p95Ms).toBeGreaterThan(0);
    // The one session is in memory: its host and rater are in it.
    expect(first.loadedRooms).toBe(1);
    // Delays are read from one histogram: ordered, and never negative or NaN.
    const { p50, p99, max } = first.eventLoopDelayMs;
    expect(Number.isFinite(p50) && p50 >= 0).toBe(true);
    expect(p50).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
    expect(first.seconds).toBeGreaterThan(0);
    const second = await metricsLine();
    expect(second.logFlush.count).toBe(0);
    rater.socket.close();
    host.socket.close();
  });
});
