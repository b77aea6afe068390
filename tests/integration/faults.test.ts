// When the disk or the data goes wrong, nothing acknowledged is lost and nothing is silently
// replaced:
//   - disk full while writing (a real, tiny tmpfs, where root may mount one; and everywhere a
//     file-size limit on the running server, which fails writes on the real store path the same
//     way): no ack for what was not stored, storage_failed with a Dutch message for the rater and
//     for the host (who is also told that storing fails, and that it works again, also on the host
//     screen in Chromium), the files on disk still parse, and work resumes when space returns;
//   - a damaged file at start (empty, truncated, NUL bytes, the JSON `null`) in a session document,
//     a profile, a rating log, the results, the cookie secret: the process exits with a message that
//     names the file, and the file is left as it was; only a torn last log line (a write a crash cut
//     short, never acked) is cut off;
//   - two servers started on one data folder at the same moment: one runs, the other refuses.
// (SIGKILL under load and a rater offline are in live-room-resilience.test.ts.)
import { execFileSync } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ERROR_MESSAGES } from "../../app/core/protocol";
import type { CreatedSession } from "../../app/core/session-service";
import { readLog } from "../../server/store/event-log";
import { StoreError } from "../../server/store/json-doc";
import { type RatingRecord, ratingRecordSchema, sessionDocSchema } from "../../server/store/sessions";
import { launchBrowser } from "../support/browser";
import { type ChildServer, spawnServer, startTestServer, tempDataDir } from "../support/server";
import { api, call, connect, createSession, joinAs, joinHost, must, next, startLive } from "./live-helpers";

// ---------------------------------------------------------------------------------------------
// Disk full
// ---------------------------------------------------------------------------------------------

/** A fresh tmpfs of `size`, or null when this machine does not let us mount one (needs root or sudo -n). */
function mountTmpfs(size: string): string | null {
  const dir = mkdtempSync(path.join(tmpdir(), "ak-vol-"));
  for (const command of [["mount"], ["sudo", "-n", "mount"]]) {
    try {
      execFileSync(command[0], [...command.slice(1), "-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir], { stdio: "pipe" });
      return dir;
    } catch {
      // try the next way
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return null;
}

function unmount(dir: string): void {
  for (const command of [["umount"], ["sudo", "-n", "umount"]]) {
    try {
      execFileSync(command[0], [...command.slice(1), dir], { stdio: "pipe" });
      break;
    } catch {
      // try the next way
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** The most a filler may write: a few times the tmpfs, never a real disk's worth. */
const MAX_FILLER = 16 * 1024 * 1024;

/**
 * Writes a filler file until the file system says ENOSPC; returns its path. Only on a mount point
 * of ours (its device differs from its parent's) and never more than MAX_FILLER bytes, so a
 * mistake can never fill the machine's own disk.
 */
function fillDisk(dir: string): string {
  if (statSync(dir).dev === statSync(path.dirname(dir)).dev) throw new Error(`${dir} is geen aangekoppelde tmpfs: niet vullen`);
  const filler = path.join(dir, "filler");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(64 * 1024, 1);
  let written = 0;
  try {
    for (;;) {
      written += writeSync(fd, chunk);
      if (written > MAX_FILLER) throw new Error(`${dir} raakte niet vol na ${written} bytes: niet verder vullen`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") {
      closeSync(fd);
      rmSync(filler, { force: true });
      throw error;
    }
  }
  // The last pages, byte by byte: nothing is left for anyone.
  try {
    for (;;) writeSync(fd, Buffer.alloc(1, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  }
  closeSync(fd);
  return filler;
}

/** The seqs of the live samples in a log, in the order stored. */
const sampleSeqs = (log: { records: RatingRecord[] }) => log.records.flatMap((r) => (r.type === "samples" ? r.samples.map(([seq]) => seq) : []));
/** 1, 2, … n. */
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** 200 samples with long decimals: one log line of about 10 KB, more than any page left free. */
function bigBatch(from: number) {
  return Array.from({ length: 200 }, (_, i) => ({ seq: from + i, element: "binding", value: (Math.PI * (i + 1)) % 10, t: Math.E * (i + 1) * 0.1 }));
}

/** Whether this machine lets us mount a tmpfs: root, or sudo without a password. Asked, not tried. */
function mayMount(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    execFileSync("sudo", ["-n", "true"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

// Without root the 'disk full' describe shows as skipped; the file-size-limit test below runs everywhere.
describe.skipIf(!mayMount())("disk full while writing (a real 2 MB tmpfs, mounted for this test)", () => {
  let browser: Browser | undefined;
  let volume: string | null = null;
  // Mounted when this describe runs (never while the file is collected), and for all of its tests.
  beforeAll(() => {
    volume = mountTmpfs("2m");
    if (!volume) throw new Error("Root of sudo -n is er, maar de tmpfs kon niet worden aangekoppeld.");
  });
  afterAll(async () => {
    await browser?.close();
    if (volume) unmount(volume);
  });

  it("acks nothing it could not store, tells rater and host in Dutch, keeps the files readable, and resumes when space returns", async () => {
    const dataDir = path.join(volume!, "data");
    let server = await startTestServer({ dataDir });
    try {
      const created: CreatedSession = await createSession(server.url);
      const host = await joinHost(server.url, created);
      await must(host.socket, "session:phase", { phase: "briefing" });
      await must(host.socket, "session:phase", { phase: "live" });
      const rater = await joinAs(server.url, created.code, "Dirk", "arbeidsdeskundige");
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(1) })).lastSeq).toBe(200);
      expect((await must(rater.socket, "moment:mark", { seq: 1, t: 2, element: "binding", note: "vóór de volle schijf" })).lastSeq).toBe(1);
      const sessionDir = path.join(dataDir, "sessions", created.sessionId);
      const logFile = path.join(sessionDir, "ratings.ndjson");
      const docFile = path.join(sessionDir, "session.json");
      const docBefore = readFileSync(docFile, "utf8");
      // The facilitator's screen too, in real Chromium: it must say when storing fails and when it works again.
      browser = await launchBrowser();
      const screen = await (await browser.newContext()).newPage();
      await screen.goto(`${server.url}${created.hostUrl}`);
      await screen.locator("#live-h").waitFor({ state: "attached" }); // joined: the live phase is shown

      const filler = fillDisk(volume!);

      // The rater's batch cannot be stored: no ack, a Dutch message, and the host hears of it.
      const hostTold = next(host.socket, "storage:status", (s) => !s.ok);
      const refused = await call(rater.socket, "rating:samples", { samples: bigBatch(201) });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe("storage_failed");
        expect(refused.error.message).toBe(ERROR_MESSAGES.storage_failed);
      }
      const told = await hostTold;
      expect(told.message).toMatch(/schijf/);
      expect(told.message).toMatch(/opnieuw verstuurd/);
      const failing = screen.locator('[role="alert"] > .storage-status');
      await failing.getByText("Opslaan lukt niet.").waitFor();
      expect(await failing.textContent()).toContain(told.message);

      // The host's own step cannot be stored either: refused with a message for the host, nothing changed.
      const play = await call(host.socket, "session:clock", { action: "play", t: 0 });
      expect(play.ok).toBe(false);
      if (!play.ok) {
        expect(play.error.code).toBe("storage_failed");
        expect(play.error.message).toMatch(/niets veranderd/);
      }
      const hostView = await (await api(server.url, `/api/sessions/${created.sessionId}`, { token: created.hostToken })).json();
      expect(hostView.clock.playing).toBe(false);

      // A new session cannot be stored: 503 with a Dutch message, and no half folder left behind.
      const sessionsBefore = readdirSync(path.join(dataDir, "sessions")).sort();
      const create = await api(server.url, "/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "Vol", source: { kind: "roleplay" }, separateRoles: true, nameDisplay: "namen" }),
      });
      expect(create.status).toBe(503);
      expect((await create.json()).error).toMatchObject({ code: "storage_failed", message: expect.stringMatching(/opgeslagen/) });
      expect(readdirSync(path.join(dataDir, "sessions")).sort()).toEqual(sessionsBefore);

      // Memory claims nothing the disk does not hold: the seat still reports 200.
      const seat = await must(rater.socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
      expect(seat.state.you.lastSampleSeq).toBe(200);

      // What is on disk still parses: the document as it was, the log with whole lines only.
      expect(readFileSync(docFile, "utf8")).toBe(docBefore);
      expect(sessionDocSchema.safeParse(JSON.parse(docBefore)).success).toBe(true);
      const duringFull = await readLog(logFile, ratingRecordSchema);
      expect(duringFull.truncatedBytes).toBe(0);
      expect(sampleSeqs(duringFull)).toEqual(upTo(200));

      // Space returns: the same batch goes in, the host hears that storing works again.
      rmSync(filler);
      const hostRelieved = next(host.socket, "storage:status", (s) => s.ok);
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(201) })).lastSeq).toBe(400);
      expect((await hostRelieved).message).toMatch(/lukt weer/);
      await screen.locator('[role="status"] > .storage-status').getByText(/Opslaan lukt weer/).waitFor();
      expect(await failing.count()).toBe(0);
      expect((await must(host.socket, "session:clock", { action: "play", t: 0 })).playing).toBe(true);
      expect((await must(rater.socket, "moment:mark", { seq: 2, t: 3, element: "vertrouwen" })).lastSeq).toBe(2);
      rater.socket.close();
      host.socket.close();
      await server.close();

      // And the folder starts again, with everything acked exactly once.
      server = await startTestServer({ dataDir });
      const after = await readLog(logFile, ratingRecordSchema);
      const seqs = sampleSeqs(after);
      expect(seqs).toEqual(upTo(400));
      expect(after.records.filter((r) => r.type === "moment")).toHaveLength(2);
      const socket = await connect(server.url);
      const back = await must(socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
      expect(back.state.you.lastSampleSeq).toBe(400);
      expect(back.state.clock.playing).toBe(true);
      socket.close();
    } finally {
      await server.close();
    }
  });

  it("when re-reading the session after a failed write fails too, answers nothing from memory (not even a resend as a duplicate) until the session reads back, then carries on", async () => {
    const dataDir = path.join(volume!, "data-stale");
    const server = await startTestServer({ dataDir });
    try {
      const { created, host } = await startLive(server.url);
      const rater = await joinAs(server.url, created.code, "Ruud", "arbeidsdeskundige");
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(1) })).lastSeq).toBe(200);
      const docFile = path.join(dataDir, "sessions", created.sessionId, "session.json");
      const doc = readFileSync(docFile);

      // The disk fills up, and the session document is damaged meanwhile (bit rot, a careless hand).
      const filler = fillDisk(volume!);
      writeFileSync(docFile, "{");
      const states: number[] = [];
      rater.socket.on("session:state", (st) => states.push(st.you.lastSampleSeq));
      for (let attempt = 0; attempt < 3; attempt++) {
        // The batch, and every resend of it: refused, never acked as a duplicate of something unstored.
        const ack = await call(rater.socket, "rating:samples", { samples: bigBatch(201) });
        expect(ack.ok ? `ok ${ack.data.lastSeq}` : ack.error.code, `attempt ${attempt + 1}`).toBe("storage_failed");
      }
      const seat = await call(rater.socket, "session:join", { code: created.code, resumeToken: rater.resumeToken });
      expect(seat.ok ? `ok ${seat.data.state.you.lastSampleSeq}` : seat.error.code).toBe("storage_failed");
      // No snapshot ever claimed more than the disk held.
      expect(states.every((seq) => seq <= 200)).toBe(true);

      // Space returns and the document is put back: the same batch goes in, once.
      rmSync(filler);
      writeFileSync(docFile, doc);
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(201) })).lastSeq).toBe(400);
      const log = await readLog(path.join(dataDir, "sessions", created.sessionId, "ratings.ndjson"), ratingRecordSchema);
      expect(sampleSeqs(log)).toEqual(upTo(400));
      rater.socket.close();
      host.socket.close();
    } finally {
      await server.close();
    }
  });
});

/**
 * Without root there is no tmpfs to fill, but the kernel can still refuse writes on the real store
 * path: a file-size limit (RLIMIT_FSIZE, set on the running server with util-linux's prlimit) makes
 * every write past it fail (EFBIG), just as a full disk fails it (ENOSPC). Runs everywhere.
 */
const PRLIMIT = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => existsSync(p)) ?? null;
function limitFileSize(pid: number, bytes: number | "unlimited"): void {
  execFileSync(PRLIMIT!, ["--pid", String(pid), `--fsize=${bytes}:unlimited`], { stdio: "pipe" });
}

describe.skipIf(!PRLIMIT)("a write refused on the real store path (a file-size limit on the server process; no root needed)", () => {
  it("acks nothing it could not store, tells rater and host, keeps the log readable, and resumes when writing works again", async () => {
    const dataDir = tempDataDir();
    let server = await spawnServer({ dataDir });
    try {
      const { created, host } = await startLive(server.url);
      const rater = await joinAs(server.url, created.code, "Dirk", "arbeidsdeskundige");
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(1) })).lastSeq).toBe(200);
      const logFile = path.join(dataDir, "sessions", created.sessionId, "ratings.ndjson");
      const before = statSync(logFile).size;

      // The next batch (a line of about 10 KB) no longer fits under the limit.
      limitFileSize(server.process.pid!, before + 512);
      const hostTold = next(host.socket, "storage:status", (s) => !s.ok);
      const refused = await call(rater.socket, "rating:samples", { samples: bigBatch(201) });
      expect(refused.ok || refused.error.code).toBe("storage_failed");
      if (!refused.ok) expect(refused.error.message).toBe(ERROR_MESSAGES.storage_failed);
      expect((await hostTold).message).toMatch(/schijf/);
      // What was written of the refused line is gone again: whole lines only, the first 200 samples.
      expect(statSync(logFile).size).toBe(before);
      const during = await readLog(logFile, ratingRecordSchema);
      expect(during.truncatedBytes).toBe(0);
      expect(sampleSeqs(during)).toEqual(upTo(200));

      // Writing works again: the same batch goes in once, and the host hears so.
      limitFileSize(server.process.pid!, "unlimited");
      const hostRelieved = next(host.socket, "storage:status", (s) => s.ok);
      expect((await must(rater.socket, "rating:samples", { samples: bigBatch(201) })).lastSeq).toBe(400);
      expect((await hostRelieved).message).toMatch(/lukt weer/);
      rater.socket.close();
      host.socket.close();
      expect(await server.stop()).toBe(0);

      // Started again on the folder: every acked sample exactly once.
      server = await spawnServer({ dataDir });
      const after = await readLog(logFile, ratingRecordSchema);
      expect(sampleSeqs(after)).toEqual(upTo(400));
    } finally {
      await server.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Damaged files at start
// ---------------------------------------------------------------------------------------------

interface Base {
  dir: string;
  sessionId: string;
  hostToken: string;
  profileFile: string;
}

/** A data folder holding a revealed session (samples, moments, a final rating, results) and a profile. */
async function makeBase(): Promise<Base> {
  const server = await startTestServer();
  try {
    const { created, host } = await startLive(server.url);
    const rater = await joinAs(server.url, created.code, "Els", "arbeidsdeskundige");
    for (let i = 0; i < 5; i++) {
      await must(rater.socket, "rating:samples", { samples: Array.from({ length: 20 }, (_, j) => ({ seq: i * 20 + j + 1, element: "binding", value: 6, t: i * 2 + j / 10 })) });
    }
    await must(rater.socket, "moment:mark", { seq: 1, t: 3, element: "binding", note: "mooi" });
    await must(host.socket, "session:phase", { phase: "final" });
    await must(rater.socket, "rating:final", { scores: { vertrouwen: 6, "richting-kader": 7, binding: 8, stroefheid: 2 }, observed: [] });
    await must(host.socket, "session:phase", { phase: "reveal" });
    rater.socket.close();
    host.socket.close();
    const form = new URLSearchParams({ intent: "save", ervaringen: "Mijn ervaring", behoeften: "", toekomst: "" });
    const saved = await fetch(`${server.url}/werkblad`, { method: "POST", body: form, redirect: "manual" });
    expect(saved.status).toBe(200);
    const profiles = readdirSync(path.join(server.dataDir, "profiles"));
    expect(profiles).toHaveLength(1);
    return { dir: server.dataDir, sessionId: created.sessionId, hostToken: created.hostToken, profileFile: path.join("profiles", profiles[0]) };
  } finally {
    await server.close();
  }
}

type Damage = (bytes: Buffer) => Buffer;
const EMPTY: Damage = () => Buffer.alloc(0);
const TRUNCATED: Damage = (b) => b.subarray(0, Math.floor(b.length / 2));
const NUL_BYTES: Damage = (b) => Buffer.alloc(b.length);
const JSON_NULL: Damage = () => Buffer.from("null");

/** Runs `work` over `items`, `limit` at a time (each starts a process; two cores). */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (nextIndex < items.length) {
        const i = nextIndex++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

describe("a damaged data file at start", () => {
  let base: Base;
  const dirs: string[] = [];
  beforeAll(async () => {
    base = await makeBase();
  });
  afterAll(() => {
    for (const d of [base?.dir, ...dirs]) if (d) rmSync(d, { recursive: true, force: true });
  });

  /** A copy of the base folder with one file damaged. */
  function damaged(file: string, damage: Damage): { dir: string; target: string; bytes: Buffer } {
    const dir = tempDataDir("ak-damaged-");
    dirs.push(dir);
    cpSync(base.dir, dir, { recursive: true });
    const target = path.join(dir, file);
    const bytes = damage(readFileSync(target));
    writeFileSync(target, bytes);
    return { dir, target, bytes };
  }

  const session = (name: string) => () => path.join("sessions", base.sessionId, name);
  const cases: [string, () => string, Damage][] = [
    ["an empty session document", session("session.json"), EMPTY],
    ["a truncated session document", session("session.json"), TRUNCATED],
    ["a session document of NUL bytes", session("session.json"), NUL_BYTES],
    ["a session document holding null", session("session.json"), JSON_NULL],
    ["an empty profile", () => base.profileFile, EMPTY],
    ["a truncated profile", () => base.profileFile, TRUNCATED],
    ["a profile of NUL bytes", () => base.profileFile, NUL_BYTES],
    ["a profile holding null", () => base.profileFile, JSON_NULL],
    ["an empty cookie secret", () => "cookie-secret", EMPTY],
    ["a truncated cookie secret", () => "cookie-secret", TRUNCATED],
  ];
  // Read when the session is first used, not at start (decision 028): they stop that session only.
  const sessionFiles: [string, () => string, Damage][] = [
    ["a rating log of NUL bytes (zeroed blocks)", session("ratings.ndjson"), NUL_BYTES],
    ["a rating log whose tail is NUL bytes", session("ratings.ndjson"), (b) => Buffer.concat([b, Buffer.alloc(4096)])],
    ["a rating log holding null", session("ratings.ndjson"), () => Buffer.from("null\n")],
    ["a rating log with NUL bytes in a line", session("ratings.ndjson"), (b) => Buffer.concat([b.subarray(0, 20), Buffer.alloc(8), b.subarray(28)])],
    ["empty results", session("results.json"), EMPTY],
    ["results holding null", session("results.json"), JSON_NULL],
  ];

  it(`refuses to start on each of ${cases.length} damaged files, names the file, and leaves it as it was`, async () => {
    for (const [label, file, damage] of cases) {
      const { dir, target, bytes } = damaged(file(), damage);
      const listing = readdirSync(path.dirname(target)).sort();
      const error = await startTestServer({ dataDir: dir }).then(
        async (server) => {
          await server.close();
          return null;
        },
        (e: Error) => e,
      );
      expect(error, `${label}: the server started`).toBeInstanceOf(StoreError);
      expect(error!.message, label).toContain(target);
      expect(error!.message, label).toMatch(/De server start niet om verlies te voorkomen/);
      // Never replaced by an empty or default file, and nothing added beside it.
      expect(readFileSync(target).equals(bytes), `${label}: the file was changed`).toBe(true);
      expect(readdirSync(path.dirname(target)).sort(), label).toEqual(listing);
    }
  });

  it(`starts on each of ${sessionFiles.length} damaged rating logs and results, refuses that session with a Dutch message, and leaves the file as it was`, async () => {
    for (const [label, file, damage] of sessionFiles) {
      const { dir, target, bytes } = damaged(file(), damage);
      const listing = readdirSync(path.dirname(target)).sort();
      const warnings: string[] = [];
      const warn = vi.spyOn(console, "warn").mockImplementation((message: string) => void warnings.push(String(message)));
      try {
        const server = await startTestServer({ dataDir: dir });
        try {
          const res = await api(server.url, `/api/sessions/${base.sessionId}`, { token: base.hostToken });
          expect(res.status, label).toBe(500);
          expect(await res.json(), label).toEqual({ ok: false, error: { code: "internal", message: expect.stringMatching(/beschadigd/) } });
          expect((await fetch(`${server.url}/healthz`)).status, label).toBe(200);
        } finally {
          await server.close();
        }
      } finally {
        warn.mockRestore();
      }
      // The server's log names the file; the file is never replaced, and nothing is added beside it.
      expect(warnings.join("\n"), label).toContain(target);
      expect(readFileSync(target).equals(bytes), `${label}: the file was changed`).toBe(true);
      expect(readdirSync(path.dirname(target)).sort(), label).toEqual(listing);
    }
  });

  it("as its own process (npm start): exits with code 1 and a message that names the damaged file", async () => {
    // One damaged file for each stage of the start (profiles, the cookie secret, the sessions); the
    // full list runs in process above, where the same StoreError is thrown.
    const chosen = ["a truncated profile", "an empty cookie secret", "a truncated session document"];
    const kinds = cases.filter(([label]) => chosen.includes(label));
    expect(kinds).toHaveLength(chosen.length);
    const outcomes = await pool(kinds, 3, async ([label, file, damage]) => {
      const { dir, target, bytes } = damaged(file(), damage);
      const started = await spawnServer({ dataDir: dir }).then(
        async (child) => {
          await child.stop();
          return null;
        },
        (error: Error) => error.message,
      );
      return { label, target, started, bytes, still: readFileSync(target) };
    });
    for (const o of outcomes) {
      expect(o.started, `${o.label}: the server started`).not.toBeNull();
      expect(o.started, o.label).toMatch(/code 1\b/);
      expect(o.started, o.label).toContain("Alliantiekompas start niet");
      expect(o.started, o.label).toContain(o.target);
      expect(o.still.equals(o.bytes), `${o.label}: the file was changed`).toBe(true);
    }
  }, 60_000);

  it("cuts off a torn last log line (never acked), says which file, and keeps every whole line", async () => {
    const log = session("ratings.ndjson")();
    const whole = readFileSync(path.join(base.dir, log));
    const lines = whole.toString("utf8").split("\n").filter(Boolean);
    // Cut in the middle of the last line: what a crash during its write leaves.
    const cut = whole.length - Math.floor(Buffer.byteLength(lines.at(-1)!) / 2) - 1;
    const { dir, target } = damaged(log, (b) => b.subarray(0, cut));
    const warnings: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((message: string) => void warnings.push(String(message)));
    const server = await startTestServer({ dataDir: dir }).catch((error: Error) => {
      warn.mockRestore();
      throw error;
    });
    try {
      // The log is read, and its torn line cut, when the session is first used (decision 028).
      expect((await api(server.url, `/api/sessions/${base.sessionId}`, { token: base.hostToken })).status).toBe(200);
      warn.mockRestore();
      expect(warnings.join("\n")).toContain(target);
      expect(warnings.join("\n")).toMatch(/bytes .*afgekapt/);
      const kept = readFileSync(target, "utf8");
      expect(kept).toBe(`${lines.slice(0, -1).join("\n")}\n`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it("an empty rating log is a session without ratings: it starts and keeps the session", async () => {
    // The log cannot be told apart from a new session's; the session document and results stay.
    const { dir } = damaged(session("ratings.ndjson")(), EMPTY);
    const server = await startTestServer({ dataDir: dir });
    try {
      const sessions = readdirSync(path.join(dir, "sessions"));
      expect(sessions).toEqual([base.sessionId]);
      expect(existsSync(path.join(dir, "sessions", base.sessionId, "results.json"))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("a session folder left by a create cut short before its first write is cleared, not a reason to refuse", async () => {
    const dir = tempDataDir("ak-cut-create-");
    dirs.push(dir);
    cpSync(base.dir, dir, { recursive: true });
    // What `create` leaves when the process dies between opening the log and writing the document.
    const half = path.join(dir, "sessions", "halfAangemaaktSessie01");
    cpSync(path.join(dir, "sessions", base.sessionId), half, { recursive: true });
    for (const f of readdirSync(half)) rmSync(path.join(half, f));
    writeFileSync(path.join(half, "ratings.ndjson"), "");
    const server = await startTestServer({ dataDir: dir });
    try {
      expect(existsSync(half)).toBe(false);
      expect(readdirSync(path.join(dir, "sessions"))).toEqual([base.sessionId]);
    } finally {
      await server.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// One process per data folder
// ---------------------------------------------------------------------------------------------

describe("two servers on one data folder", () => {
  const children: ChildServer[] = [];
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) await c.kill();
  });

  it("started at the same moment: exactly one runs, the other exits with a message naming the folder", async () => {
    const dataDir = tempDataDir();
    const outcomes = await Promise.allSettled([spawnServer({ dataDir }), spawnServer({ dataDir })]);
    const running = outcomes.filter((o): o is PromiseFulfilledResult<ChildServer> => o.status === "fulfilled").map((o) => o.value);
    children.push(...running);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => (o.reason as Error).message);
    expect(running).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/code 1\b/);
    expect(refused[0]).toContain(dataDir);
    expect(refused[0]).toMatch(/al in gebruik door een andere Alliantiekompas-server \(proces \d+\)/);
    expect((await fetch(`${running[0].url}/healthz`)).status).toBe(200);
    expect(await running[0].stop()).toBe(0);
  });
});
