// Backup while raters rate, restore into a fresh folder, start on it: every acked sample, moment and
// final is there exactly once. The commands are the compiled ones `npm run backup` / `npm run restore` run.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as pace } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedSession } from "../../app/core/session-service";
import { startTestServer, tempDataDir } from "../support/server";
import { joinAs, must, type Rater, startLive } from "./live-helpers";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const OPS = path.join(ROOT, "build/node/ops.js");

function ops(command: "backup" | "restore", dir: string, dataDir: string, env: Record<string, string> = {}) {
  return run(process.execPath, [OPS, command, dir], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, ...env } });
}

/** What the server has acked to one rater, by kind. */
interface Acked {
  samples: number[];
  moments: number[];
}

/**
 * A rater who sends a batch of samples (and now and then a moment) ten times a second, until
 * stopped: the pace of a phone that batches, under the server's per-connection limit.
 */
function stream(rater: Rater, acked: Acked, stop: { now: boolean }): Promise<void> {
  return (async () => {
    let seq = 0;
    let moment = 0;
    while (!stop.now) {
      const batch = Array.from({ length: 10 }, () => ++seq).map((s) => ({ seq: s, element: "binding", value: s % 11, t: s / 10 }));
      await Promise.all([must(rater.socket, "rating:samples", { samples: batch }), pace(100)]);
      acked.samples.push(...batch.map((s) => s.seq));
      if (seq % 100 === 0) {
        moment++;
        await must(rater.socket, "moment:mark", { seq: moment, t: seq / 10, element: "vertrouwen" });
        acked.moments.push(moment);
      }
    }
  })();
}

async function hostCookie(url: string, created: CreatedSession): Promise<string> {
  const res = await fetch(`${url}/api/sessions/${created.sessionId}/host-cookie`, { method: "POST", headers: { authorization: `Bearer ${created.hostToken}` } });
  expect(res.status).toBe(204);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/** The CSV's rows of one kind, as "rater@t" keys (t identifies a sample; a moment's t too). */
async function csvKeys(url: string, code: string, cookie: string, kind: string): Promise<string[]> {
  const res = await fetch(`${url}/sessie/${code}/verslag.csv`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const rows = (await res.text()).split("\r\n").filter(Boolean).slice(1).map((l) => l.split(","));
  return rows.filter((r) => r[6] === kind).map((r) => (kind === "final" ? `${r[1]}@${r[3]}` : `${r[1]}@${r[4]}`));
}

const pseudonym = (i: number) => `Beoordelaar ${i + 1}`;

/** Waits until the clock has passed into the next second. */
async function nextSecond(): Promise<void> {
  const started = Math.floor(Date.now() / 1000);
  await expect.poll(() => Math.floor(Date.now() / 1000), { interval: 50 }).toBeGreaterThan(started);
}

describe("npm run backup / npm run restore", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const backups = tempDataDir("ak-backups-");

  beforeAll(async () => {
    if (!existsSync(OPS)) throw new Error("build/node/ops.js ontbreekt: eerst `npm run build` (npm test doet dat).");
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("copies a running server's data consistently, and a restored copy holds every acked item exactly once", async () => {
    const { created, host } = await startLive(server.url);
    const raters = await Promise.all(["Anouk", "Bas", "Cem"].map((name, i) => joinAs(server.url, created.code, name, i === 2 ? "ervaringsdeskundige" : "arbeidsdeskundige")));
    const acked: Acked[] = raters.map(() => ({ samples: [], moments: [] }));
    const stop = { now: false };
    const load = raters.map((r, i) => stream(r, acked[i], stop));

    // Backup 1 while all three stream: what was acked before it started must be in it.
    await expect.poll(() => Math.min(...acked.map((a) => a.samples.length))).toBeGreaterThan(100);
    const before1 = acked.map((a) => ({ samples: [...a.samples], moments: [...a.moments] }));
    const first = await ops("backup", backups, server.dataDir);
    expect(first.stdout).toMatch(/Back-up gemaakt: .*alliantiekompas-\d{8}T\d{6}Z \(\d+ sessies/);
    // The load went on during the backup (otherwise this proves nothing about a live copy).
    expect(Math.min(...acked.map((a, i) => a.samples.length - before1[i].samples.length))).toBeGreaterThan(0);
    stop.now = true;
    await Promise.all(load);

    // Finals, then backup 2 while another room streams.
    await must(host.socket, "session:phase", { phase: "final" });
    for (const r of raters) await must(r.socket, "rating:final", { scores: { vertrouwen: 6, "richting-kader": 5, binding: 7, stroefheid: 3 }, observed: [] });
    const other = await startLive(server.url);
    const otherRater = await joinAs(server.url, other.created.code, "Dirk", "arbeidsdeskundige");
    const otherStop = { now: false };
    const otherAcked: Acked = { samples: [], moments: [] };
    const otherLoad = stream(otherRater, otherAcked, otherStop);
    await expect.poll(() => otherAcked.samples.length).toBeGreaterThan(0);
    await nextSecond(); // backups are named by the second they start
    const second = await ops("backup", backups, server.dataDir);
    otherStop.now = true;
    await otherLoad;
    const [path1, path2] = readdirSync(backups).filter((n) => n.startsWith("alliantiekompas-")).sort().map((n) => path.join(backups, n));
    expect(second.stdout).toContain(path2);
    expect(readdirSync(backups).filter((n) => n.startsWith(".bezig-"))).toEqual([]);

    // Restore each into a fresh folder; a server starts on it and its report has every acked item once.
    for (const [backup, expected, finals] of [
      [path1, before1, false],
      [path2, acked, true],
    ] as const) {
      const fresh = tempDataDir("ak-restored-");
      const restored = await ops("restore", backup, fresh);
      expect(restored.stdout).toMatch(/Hersteld uit .*: \d+ sessies staan nu in/);
      const again = await startTestServer({ dataDir: fresh });
      try {
        const cookie = await hostCookie(again.url, created);
        const sampleKeys = await csvKeys(again.url, created.code, cookie, "sample");
        const momentKeys = await csvKeys(again.url, created.code, cookie, "moment");
        expect(new Set(sampleKeys).size).toBe(sampleKeys.length); // nothing twice
        expect(new Set(momentKeys).size).toBe(momentKeys.length);
        expected.forEach((a, i) => {
          const mine = new Set(sampleKeys.filter((k) => k.startsWith(`${pseudonym(i)}@`)));
          for (const seq of a.samples) expect(mine.has(`${pseudonym(i)}@${seq / 10}`), `sample ${seq} of rater ${i + 1}`).toBe(true);
          expect(momentKeys.filter((k) => k.startsWith(`${pseudonym(i)}@`)).length).toBeGreaterThanOrEqual(a.moments.length);
        });
        if (finals) {
          // After the load stopped nothing was in flight: the copy is the whole session.
          expect(sampleKeys).toHaveLength(acked.reduce((n, a) => n + a.samples.length, 0));
          expect(momentKeys).toHaveLength(acked.reduce((n, a) => n + a.moments.length, 0));
          expect(await csvKeys(again.url, created.code, cookie, "final")).toHaveLength(raters.length * 4);
        }
      } finally {
        await again.close();
      }
    }
  });

  it("keeps the newest BACKUP_KEEP backups and removes older ones", async () => {
    const dir = tempDataDir("ak-rotate-");
    for (let i = 0; i < 3; i++) {
      const out = await ops("backup", dir, server.dataDir, { BACKUP_KEEP: "2" });
      if (i === 2) expect(out.stdout).toContain("Oudere back-ups opgeruimd (bewaard: de laatste 2): 1.");
      await nextSecond(); // backups are named by the second they start
    }
    expect(readdirSync(dir).filter((n) => n.startsWith("alliantiekompas-"))).toHaveLength(2);
  });

  it("refuses to restore over a running server's data, and refuses a damaged backup without touching the data", async () => {
    const dir = tempDataDir("ak-refuse-");
    await ops("backup", dir, server.dataDir);
    const refused = await ops("restore", dir, server.dataDir).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(/al in gebruik door een andere Alliantiekompas-server[\s\S]*Herstellen kan alleen als de server gestopt is/);

    // Damage one session document in the backup: the restore names it and leaves the target as it was.
    const backup = readdirSync(dir).find((n) => n.startsWith("alliantiekompas-"))!;
    const sessions = path.join(dir, backup, "sessions");
    const victim = path.join(sessions, readdirSync(sessions)[0], "session.json");
    writeFileSync(victim, ""); // an empty file where the document was
    const target = tempDataDir("ak-target-");
    const marker = path.join(target, "cookie-secret");
    writeFileSync(marker, "x".repeat(64));
    const damaged = await ops("restore", dir, target).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(damaged?.code).toBe(1);
    expect(damaged?.stderr).toContain("session.json is onbruikbaar: het bestand is leeg");
    expect(readdirSync(target).filter((n) => n !== ".lock")).toEqual(["cookie-secret"]);
    expect(readFileSync(marker, "utf8")).toBe("x".repeat(64));
    expect(readdirSync(path.dirname(target)).filter((n) => n.startsWith(`${path.basename(target)}.herstel-`))).toEqual([]);
  });

  it("says how to use it, and refuses a folder without Alliantiekompas data", async () => {
    const usage = await run(process.execPath, [OPS, "backup"], { cwd: ROOT }).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(usage?.code).toBe(2);
    expect(usage?.stderr).toContain("Gebruik: npm run backup --");
    const empty = tempDataDir("ak-empty-");
    const none = await ops("backup", tempDataDir("ak-out-"), empty).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(none?.code).toBe(1);
    expect(none?.stderr).toContain("geen gegevens van Alliantiekompas");
  });
});
