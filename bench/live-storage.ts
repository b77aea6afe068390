// Measures what one write costs in the live-room storage (docs/decisions/002-live-storage.md):
//   npx tsx bench/live-storage.ts
// A write must cost the same however many sessions are held and however long a session is.
import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { initialState, newSessionDoc, createSessionInput, type SessionDoc } from "../app/core/session";
import { SessionStore, type RatingRecord } from "../server/store/sessions";

function quantiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
  return `p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${s.at(-1)!.toFixed(2)} ms`;
}

function doc(id: string, participants = 30): SessionDoc {
  const d = newSessionDoc({
    id,
    code: "ACD234",
    hostTokenHash: "a".repeat(64),
    now: Date.now(),
    input: createSessionInput.parse({ title: "Bench", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen" }),
    vignette: null,
  });
  for (let i = 0; i < participants; i++) {
    d.participants.push({
      id: `participant-${String(i).padStart(10, "0")}`,
      name: `Deelnemer ${i}`,
      role: i % 3 ? "arbeidsdeskundige" : "ervaringsdeskundige",
      pseudonym: `Beoordelaar ${i + 1}`,
      focus: null,
      joinedAt: Date.now(),
      removed: false,
      resumeTokenHash: "b".repeat(64),
    });
  }
  return initialState(d).doc;
}

/** One rater's batch: a second of sliding at 10 Hz. */
function batch(pid: string, seq: number): RatingRecord {
  return { type: "samples", participantId: pid, at: Date.now(), samples: Array.from({ length: 10 }, (_, i) => [seq + i, "binding", 6.5, (seq + i) / 10]) };
}

const sid = (i: number) => `bench-session-${String(i).padStart(8, "0")}`;

async function timeAppends(store: SessionStore, id: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await store.append(id, [batch("participant-0000000000", 1_000_000 + i * 10)]);
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ak-bench-"));
  const store = new SessionStore(dataDir);
  await store.loadAll();

  // 1. One session, empty log.
  await store.create(doc(sid(0)));
  console.log(`append, 1 session, empty log:            ${quantiles(await timeAppends(store, sid(0), 300))}`);

  // 2. A long session: an hour of 30 raters at 10 Hz ≈ 1.08 million samples already in the log.
  await store.create(doc(sid(1)));
  const big = path.join(store.dirOf(sid(1)), "ratings.ndjson");
  const line = `${JSON.stringify(batch("participant-0000000001", 1))}\n`;
  appendFileSync(big, line.repeat(108_000));
  await store.close();
  const reopened = new SessionStore(dataDir);
  const loadStart = performance.now();
  await reopened.loadAll();
  console.log(`start: load + validate 1.08 M samples:   ${(performance.now() - loadStart).toFixed(0)} ms`);
  console.log(`append, log holding 1.08 M samples:      ${quantiles(await timeAppends(reopened, sid(1), 300))}`);

  // 3. Many sessions held: 200 open sessions.
  for (let i = 2; i < 202; i++) await reopened.create(doc(sid(i)));
  console.log(`append, 200 sessions held:               ${quantiles(await timeAppends(reopened, sid(100), 300))}`);

  // 4. The session document (30 participants), as on a join or a clock change.
  const docTimes: number[] = [];
  const d = doc(sid(5));
  for (let i = 0; i < 200; i++) {
    d.clock = { playing: true, t: i, at: Date.now() };
    const start = performance.now();
    await reopened.saveDoc(sid(5), { ...d });
    docTimes.push(performance.now() - start);
  }
  console.log(`session document write (30 people):      ${quantiles(docTimes)}`);

  // 5. Load: 50 sessions × 30 raters, each sending its batch once a second, for 10 seconds.
  const ackTimes: number[] = [];
  let commits = 0;
  const t0 = performance.now();
  for (let second = 0; second < 10; second++) {
    const tick = performance.now();
    await Promise.all(
      Array.from({ length: 50 * 30 }, async (_, k) => {
        const session = sid(2 + (k % 50));
        const start = performance.now();
        await reopened.append(session, [batch(`participant-${String(Math.floor(k / 50)).padStart(10, "0")}`, 1 + second * 10)]);
        ackTimes.push(performance.now() - start);
      }),
    );
    commits += 50;
    const left = 1000 - (performance.now() - tick);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }
  console.log(
    `load, 50 sessions × 30 raters, 1 batch/s: ack ${quantiles(ackTimes)} (${ackTimes.length} batches in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  void commits;
  await reopened.close();
}

void main();
