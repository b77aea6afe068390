import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileProfileRepository } from "./profiles";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("FileProfileRepository's cache", () => {
  it("holds at most its ceiling and reads an evicted profile back from its file, changes included", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ak-profiles-"));
    dirs.push(dir);
    const repo = new FileProfileRepository(dir, () => new Date(0), 2);
    const ids = Array.from({ length: 6 }, (_, i) => `profiel-${String(i).padStart(12, "0")}`);
    for (const [i, id] of ids.entries()) {
      await repo.update(id, (p) => ({ ...p, werkblad: { ...p.werkblad, ervaringen: `notitie ${i}` } }));
    }
    // Written again after it was evicted: the second change builds on the first.
    await repo.update(ids[0], (p) => ({ ...p, werkblad: { ...p.werkblad, toekomst: "verder" } }));
    for (const [i, id] of ids.entries()) expect((await repo.get(id))?.werkblad.ervaringen).toBe(`notitie ${i}`);
    expect((await repo.get(ids[0]))?.werkblad.toekomst).toBe("verder");
    expect(repo.cached).toBeLessThanOrEqual(2);
    // A fresh repository on the same folder (a restart) sees the same.
    const again = new FileProfileRepository(dir, () => new Date(0), 2);
    expect(await again.verifyAll()).toBe(6);
    expect(again.cached).toBe(2);
    expect((await again.get(ids[0]))?.werkblad.toekomst).toBe("verder");
  });
});
