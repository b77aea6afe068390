// What a run ran on: absolute numbers move between machines, so every result carries this.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { loadAverage } from "./proc";

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** File system of the folder the data goes to (tmpfs would make fsync free: a warning). */
  dataFs: string;
  loadAverageAtStart: string;
  commit: string;
  date: string;
}

function fsOf(dir: string): string {
  try {
    let best = { mount: "", type: "?", device: "?" };
    for (const line of readFileSync("/proc/mounts", "utf8").split("\n")) {
      const [device, mount, type] = line.split(" ");
      if (mount && (dir === mount || dir.startsWith(mount.endsWith("/") ? mount : `${mount}/`)) && mount.length >= best.mount.length) best = { mount, type, device };
    }
    return `${best.type} (${best.device} op ${best.mount})`;
  } catch {
    return "?";
  }
}

export function describeMachine(dataDir: string, repo: string): Machine {
  let cpuModel = os.cpus()[0]?.model ?? "?";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  let commit = "?";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repo, encoding: "utf8" }).trim();
    if (dirty) commit += " + lokale wijzigingen";
  } catch {
    // not a git checkout
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    dataFs: fsOf(dataDir),
    loadAverageAtStart: loadAverage(),
    commit,
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
  };
}
