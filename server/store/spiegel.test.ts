// Retention of the mirror store: old releases and gesprekken go, expired links close (unless an
// answer for them is still held back), an unused mirror goes entirely.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type SpiegelDoc, SpiegelStore } from "./spiegel";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const own = { vertrouwen: 5, "richting-kader": 5, binding: 5, stroefheid: 5 };
const answer = { scores: own, opmerking: "" };

function doc(id: string, lastUsedAt: string): SpiegelDoc {
  const base = template(id, lastUsedAt);
  // Links are unique across mirrors: give each mirror its own.
  const json = JSON.stringify(base).replace(/"(oldlink|expired|held|open)(\w+)"/g, (_m, a: string, b: string) => `"${a}${b}${id.slice(0, 2)}"`);
  return JSON.parse(json) as SpiegelDoc;
}

function template(id: string, lastUsedAt: string): SpiegelDoc {
  return {
    id,
    keyHash: "a".repeat(64),
    createdAt: "2025-01-01T00:00:00.000Z",
    lastUsedAt,
    gesprekken: [
      { link: "oldlinkoldlinkold", own, date: "2025-01-10", expiresAt: "2025-01-24T00:00:00.000Z", answered: false },
      { link: "expiredexpiredexp", own, date: "2026-05-01", expiresAt: "2026-05-15T00:00:00.000Z", answered: false },
      { link: "heldheldheldheld1", own, date: "2026-05-01", expiresAt: "2026-05-15T00:00:00.000Z", answered: true },
      { link: "openopenopenopen1", own, date: "2026-06-01", expiresAt: "2026-06-15T00:00:00.000Z", answered: false },
    ],
    pending: [{ ...answer, link: "heldheldheldheld1" }],
    releases: [
      { date: "2025-02-01", answers: [answer, answer, answer] },
      { date: "2026-04-01", answers: [answer, answer, answer] },
    ],
  };
}

describe("SpiegelStore retention", () => {
  it("drops what is older than 12 months, closes expired links and deletes unused mirrors", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "ak-spiegel-"));
    dirs.push(dataDir);
    const store = new SpiegelStore(dataDir);
    await store.open();
    await store.create(doc("usedusedusedused1", "2026-05-20T00:00:00.000Z"));
    await store.create(doc("unusedunusedunuse", "2025-05-01T00:00:00.000Z"));
    expect(store.byLink("expiredexpiredexpus")).toBe("usedusedusedused1");

    const result = await store.sweep(new Date("2026-06-05T00:00:00.000Z"));
    expect(result).toEqual({ deleted: 1, changed: 1 });
    expect(store.get("unusedunusedunuse")).toBeNull();
    const kept = store.get("usedusedusedused1")!;
    expect(kept.releases.map((r) => r.date)).toEqual(["2026-04-01"]);
    expect(kept.gesprekken.map((g) => g.link)).toEqual([null, "heldheldheldheld1us", "openopenopenopen1us"]);
    expect(store.byLink("expiredexpiredexpus")).toBeNull();
    expect(store.byLink("openopenopenopen1us")).toBe("usedusedusedused1");

    // The same on disk: a fresh store reads what the sweep wrote.
    const again = new SpiegelStore(dataDir);
    expect(await again.open()).toBe(1);
    expect(again.get("usedusedusedused1")).toEqual(kept);
  });
});
