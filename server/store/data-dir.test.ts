// The data-folder lock against real processes: a live owner keeps the folder, a dead one or a
// process that merely got the same id later does not.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, lockText, processIdentity } from "./data-dir";

let other: ChildProcess;
let dir: string;
const onLinux = existsSync("/proc/self/stat");

beforeAll(async () => {
  // Another process that stays alive while the tests run.
  other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await new Promise((resolve) => other.once("spawn", resolve));
});
afterAll(() => {
  other.kill("SIGKILL");
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), "ak-lock-")));
const lockFile = () => path.join(dir, ".lock");

describe("lockDataDir", () => {
  it("takes a free folder, writes who it is, and gives the folder back on release", () => {
    fresh();
    const lock = lockDataDir(dir);
    expect(readFileSync(lockFile(), "utf8")).toBe(lockText(process.pid, processIdentity(process.pid)));
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("refuses a folder whose owner still runs, naming the process", () => {
    fresh();
    writeFileSync(lockFile(), lockText(other.pid!, processIdentity(other.pid!)));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`proces ${other.pid}`);
    // An older lock with only the pid: the owner runs, so refused too.
    writeFileSync(lockFile(), String(other.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it("takes over a lock whose process is gone", async () => {
    fresh();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => gone.once("exit", resolve));
    writeFileSync(lockFile(), lockText(gone.pid!, "x:1"));
    const lock = lockDataDir(dir);
    // Taken over: the lock now names this process, and releasing it frees the folder.
    expect(readFileSync(lockFile(), "utf8")).toBe(lockText(process.pid, processIdentity(process.pid)));
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it.skipIf(!onLinux)("takes over a lock whose pid now belongs to another process (the id was reused)", () => {
    fresh();
    const identity = processIdentity(other.pid!)!;
    expect(identity).toMatch(/^[0-9a-f-]+:\d+$/);
    const [boot, start] = identity.split(":");
    writeFileSync(lockFile(), lockText(other.pid!, `${boot}:${Number(start) - 1}`));
    const lock = lockDataDir(dir);
    expect(readFileSync(lockFile(), "utf8")).toBe(lockText(process.pid, processIdentity(process.pid)));
    lock.release();
  });
});
