// A month of an organisation's sessions on disk, for "start with a month of data" (startup.ts).
// The documents go through the store's own write path (SessionStore.create / saveDoc); the logs are
// written by a fast writer that produces the same bytes EventLog.append would: one
// `JSON.stringify(record)\n` per accepted command, a batch of 10 samples per rater per second.
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { loadContent } from "../../app/content.server";
import { ELEMENT_IDS, type ElementId } from "../../app/core/domain";
import { joinCodeFromBytes } from "../../app/core/join-code";
import { PARTICIPANT_ROLES } from "../../app/core/protocol";
import { applyCommand, initialState, newSessionDoc, type SessionCommand, type SessionState } from "../../app/core/session";
import { hashToken } from "../../server/realtime/rooms";
import { type RatingRecord, SessionStore } from "../../server/store/sessions";
import { REPO } from "../lib/children";
import { random } from "./results";

export interface MonthShape {
  sessions: number;
  raters: number;
  minutes: number;
}

export interface GeneratedMonth {
  /** Every session's id, code and host token, oldest first. */
  sessions: { id: string; code: string; hostToken: string }[];
  samples: number;
  logBytes: number;
}

const DAY = 24 * 3600 * 1000;

/**
 * Writes `shape.sessions` sessions into `dataDir`, spread over the last 29 days (so retention keeps
 * them all), each with `raters` raters who rated `minutes` minutes at 10 Hz and gave a final rating.
 */
export async function writeMonth(dataDir: string, shape: MonthShape, log: (line: string) => void): Promise<GeneratedMonth> {
  const content = loadContent(path.join(REPO, "content"));
  const behaviours = new Map([...content.behaviourIndex].map(([id, b]) => [id, b.elementId]));
  const vignette = content.cases.find((c) => c.slug === "bezwaar-fml") ?? content.cases[0];
  const store = new SessionStore(dataDir);
  await store.scan();
  const now = Date.now();
  const out: GeneratedMonth = { sessions: [], samples: 0, logBytes: 0 };
  const perRater = shape.minutes * 60 * 10;
  const codes = new Set<string>();
  for (let i = 0; i < shape.sessions; i++) {
    const rnd = random(i + 1);
    const id = `maand-${String(i).padStart(12, "0")}-sessie`;
    let code: string | null = null;
    while (!code || codes.has(code)) code = joinCodeFromBytes(Uint8Array.from({ length: 16 }, () => Math.floor(rnd() * 256)));
    codes.add(code);
    const hostToken = `host-${String(i).padStart(20, "0")}`;
    const started = now - 29 * DAY + Math.floor((i / shape.sessions) * 28 * DAY);
    let state: SessionState = initialState(
      newSessionDoc({
        id,
        code,
        hostTokenHash: hashToken(hostToken),
        now: started,
        input: { title: `OT-groep ${i + 1}`, source: { kind: "vignette", slug: vignette.slug }, separateRoles: true, nameDisplay: "pseudoniemen" },
        vignette: { title: vignette.title, situation: vignette.situation, groupQuestion: vignette.groupQuestion, duration: vignette.duration },
        method: null,
      }),
    );
    const apply = (command: SessionCommand, at: number, actor: Parameters<typeof applyCommand>[2] = { kind: "host" }) => {
      const result = applyCommand(state, command, actor, { now: at, behaviours });
      if (!result.ok) throw new Error(`${id}: ${command.type} geweigerd: ${result.error.message}`);
      state = result.value.state;
    };
    const raters = Array.from({ length: shape.raters }, (_, r) => `deelnemer-${String(r).padStart(4, "0")}`);
    raters.forEach((participantId, r) =>
      apply({ type: "join", participantId, resumeTokenHash: hashToken(`${id}-${participantId}`), name: `Deelnemer ${r + 1}`, role: PARTICIPANT_ROLES[r % 2] }, started + r * 1000, { kind: "guest" }),
    );
    apply({ type: "phase", phase: "briefing" }, started + 60_000);
    const liveAt = started + 5 * 60_000;
    apply({ type: "phase", phase: "live" }, liveAt);
    await store.create(state.doc);

    // The log, in the order the server would have stored it: each second, one batch per rater.
    const file = path.join(store.dirOf(id), "ratings.ndjson");
    const fd = openSync(file, "a");
    try {
      let chunk: string[] = [];
      let chunkBytes = 0;
      const write = (r: RatingRecord) => {
        const line = `${JSON.stringify(r)}\n`;
        chunk.push(line);
        chunkBytes += line.length;
        if (chunkBytes > 1 << 20) flush();
      };
      const flush = () => {
        const buffer = Buffer.from(chunk.join(""));
        writeSync(fd, buffer);
        out.logBytes += buffer.length;
        chunk = [];
        chunkBytes = 0;
      };
      const values = raters.map(() => 3 + rnd() * 4);
      const elements = raters.map((_, r): ElementId => ELEMENT_IDS[r % 4]);
      for (let second = 0; second < perRater / 10; second++) {
        raters.forEach((participantId, r) => {
          const samples: [number, ElementId, number, number][] = [];
          for (let k = 1; k <= 10; k++) {
            const seq = second * 10 + k;
            values[r] = Math.min(10, Math.max(0, values[r] + (rnd() - 0.5) * 0.4));
            samples.push([seq, elements[r], Math.round(values[r] * 10) / 10, seq / 10]);
          }
          write({ type: "samples", participantId, at: liveAt + (second + 1) * 1000, samples });
          // A moment about every two minutes.
          if (second % 120 === 60) write({ type: "moment", at: liveAt + second * 1000, moment: { participantId, seq: Math.floor(second / 120) + 1, t: second, element: elements[r] } });
        });
      }
      out.samples += perRater * raters.length;
      const endAt = liveAt + shape.minutes * 60_000;
      for (const participantId of raters) {
        const score = () => Math.floor(rnd() * 11);
        write({ type: "final", rating: { participantId, scores: { vertrouwen: score(), "richting-kader": score(), binding: score(), stroefheid: score() }, observed: [], submittedAt: endAt } });
      }
      flush();
    } finally {
      closeSync(fd);
    }
    // The host moved on to the final ratings when the gesprek ended; this is where the group stopped.
    apply({ type: "phase", phase: "final" }, liveAt + shape.minutes * 60_000);
    await store.saveDoc(id, state.doc);
    await store.unload(id);
    out.sessions.push({ id, code: state.doc.code, hostToken });
    if ((i + 1) % 50 === 0) log(`  ${i + 1} / ${shape.sessions} sessies geschreven (${(out.logBytes / 1024 ** 3).toFixed(2)} GB)`);
  }
  await store.close();
  return out;
}
