// An ack always means stored, also with one seat open in two tabs (or on two phones) at once.
// Each tab numbers its samples from its own counter; the server keeps "highest seq stored" per
// seat. Two streams at once used to get both acked while the server dropped one as duplicates.
// Now a seat rates through one connection (docs/decisions/016): the newest join takes over and the
// older socket is told (session:taken-over) and closed. Here both tabs send at the same time,
// numbering as the protocol says, and every sample either tab got an ok ack for must be in the
// stored log exactly once; a batch retried on the surviving tab is still deduplicated.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Ack, JoinResult } from "../../app/core/protocol";
import { storedSamples } from "../../server/realtime/rooms";
import { readLog } from "../../server/store/event-log";
import { ratingRecordSchema } from "../../server/store/sessions";
import { serverForFile } from "../support/file-server";
import { connect, joinAs, must, next, startLive, type TestSocket } from "./live-helpers";

const server = serverForFile();

type Sample = { seq: number; element: string; value: number; t: number };
const key = (s: Sample) => `${s.seq}|${s.element}|${s.value}|${s.t}`;

/** An emit with an ack, or null when none came (the socket was closed, or it timed out). */
async function send(socket: TestSocket, batch: Sample[]): Promise<Ack<{ lastSeq: number }> | null> {
  if (!socket.connected) return null;
  try {
    return (await socket.timeout(3_000).emitWithAck("rating:samples", { samples: batch })) as Ack<{ lastSeq: number }>;
  } catch {
    return null;
  }
}

/**
 * One tab's stream: batches of 5 samples on its own element, numbered from `from` on, one batch in
 * flight, until it has sent `batches` or its socket is gone. Returns the samples acked ok.
 */
async function stream(socket: TestSocket, element: string, from: number, batches: number, onBatch?: (n: number) => void) {
  const acked: Sample[] = [];
  let seq = from;
  for (let n = 0; n < batches && socket.connected; n++) {
    const batch = Array.from({ length: 5 }, (_, i) => ({ seq: seq + i, element, value: (seq + i) % 11, t: (seq + i) / 10 }));
    const ack = await send(socket, batch);
    if (ack?.ok) {
      acked.push(...batch);
      seq = ack.data.lastSeq + 1;
    } else if (ack === null) break;
    onBatch?.(n);
  }
  return acked;
}

describe("one seat in two tabs at once", () => {
  it("stores every sample either tab got acked exactly once; the older tab is told and stops", async () => {
    const { created, host } = await startLive(server.url);
    const first = await joinAs(server.url, created.code, "Anna", "arbeidsdeskundige");
    await must(first.socket, "rating:samples", { samples: [{ seq: 1, element: "vertrouwen", value: 5, t: 0.1 }] });

    // The first tab streams; while it does, a second tab joins the same seat and streams too.
    const takenOver = next(first.socket, "session:taken-over");
    let joinSecond!: () => void;
    const secondMayJoin = new Promise<void>((resolve) => (joinSecond = resolve));
    const firstStream = stream(first.socket, "vertrouwen", 2, 40, (n) => n === 3 && joinSecond());
    await secondMayJoin;
    const second = await connect(server.url);
    const joined = (await must(second, "session:join", { code: created.code, resumeToken: first.resumeToken })) as JoinResult;
    expect(joined.participantId).toBe(first.participantId);
    const secondStream = stream(second, "binding", joined.state.you.lastSampleSeq + 1, 20);
    const [firstAcked, secondAcked] = await Promise.all([firstStream, secondStream]);

    expect((await takenOver).message).toMatch(/Je beoordeelt nu in een ander venster/);
    expect(first.socket.connected).toBe(false);
    expect(secondAcked).toHaveLength(100);
    expect(firstAcked.length).toBeGreaterThanOrEqual(20); // it streamed until the takeover

    // A retried batch on the surviving tab: acked with the same lastSeq, nothing stored twice.
    const last = secondAcked.slice(-5);
    const retry = await send(second, last);
    expect(retry).toEqual({ ok: true, data: { lastSeq: last[4].seq } });

    const log = path.join(server.dataDir, "sessions", created.sessionId, "ratings.ndjson");
    const stored = storedSamples((await readLog(log, ratingRecordSchema)).records);
    const count = new Map<string, number>();
    for (const s of stored) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
    const acked = [{ seq: 1, element: "vertrouwen", value: 5, t: 0.1 }, ...firstAcked, ...secondAcked];
    const missing = acked.filter((s) => count.get(key(s)) !== 1);
    expect(missing).toEqual([]);
    // Nothing stored that is not one of the two tabs' samples, and no seq twice.
    expect(new Set(stored.map((s) => s.seq)).size).toBe(stored.length);

    // The seat is connected once (the second tab) and the host still sees one rater.
    const snapshot = await (await fetch(`${server.url}/api/sessions/${created.sessionId}`, { headers: { authorization: `Bearer ${created.hostToken}` } })).json();
    expect(snapshot.participants.filter((p: { connected: boolean }) => p.connected)).toHaveLength(1);
    second.close();
    host.socket.close();
  });
});
