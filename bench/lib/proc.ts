// CPU time and resident memory of a process, from /proc (Linux). Elsewhere the figures are absent.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticksPerSecond = 0;
function clockTicks(): number {
  if (!ticksPerSecond) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface ProcSample {
  /** user + system CPU seconds so far */
  cpuSeconds: number;
  rssBytes: number;
  at: number;
}

export function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { cpuSeconds: (utime + stime) / clockTicks(), rssBytes: rssKb * 1024, at: performance.now() };
  } catch {
    return null;
  }
}

/** CPU use between two samples, in % of one core. */
export function cpuPercent(a: ProcSample | null, b: ProcSample | null): number {
  if (!a || !b || b.at <= a.at) return Number.NaN;
  return (100 * (b.cpuSeconds - a.cpuSeconds)) / ((b.at - a.at) / 1000);
}

export function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}
