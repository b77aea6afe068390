// Runtime figures for operators and for `npm run bench`: event-loop delay and the commits of the
// rating logs. Cheap enough to run always: a 10 ms timer histogram (perf_hooks) and a subscription
// to the log's diagnostics channel. `kill -USR2 <pid>` prints them as one line, `metrics {json}`,
// and starts a new interval (server/index.ts). Nothing is exposed over the network.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { createHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { type LogFlush, logFlushChannel } from "./store/group-commit";

/** The event-loop histogram samples with this timer; its own interval is not delay. */
const RESOLUTION_MS = 10;

export interface RuntimeMetrics {
  /** Length of the interval these figures cover. */
  seconds: number;
  /** How late the event loop ran timers (ms): p50, p99, max. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Commits of the rating logs (write + fdatasync) in the interval. */
  logFlush: { count: number; records: number; p50Ms: number; p95Ms: number; maxMs: number };
  /** Sessions held in memory right now (the others are on disk only; docs/decisions/028). */
  loadedRooms?: number;
}

/** Figures read at the moment they are taken. */
export interface Gauges {
  loadedRooms?: () => number;
}

export interface Metrics {
  /** The figures since the last take (or the start), then starts over. */
  take(): RuntimeMetrics;
  stop(): void;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function startMetrics(now: () => number = () => performance.now(), gauges: Gauges = {}): Metrics {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  // Microseconds: the histogram holds integers ≥ 1.
  const flush = createHistogram();
  let records = 0;
  const onFlush = (message: unknown) => {
    const m = message as LogFlush;
    flush.record(Math.max(1, Math.round(m.ms * 1000)));
    records += m.records;
  };
  subscribe(logFlushChannel.name, onFlush);
  let since = now();
  const delay = (ns: number) => round(Math.max(0, ns / 1e6 - RESOLUTION_MS));
  const us = (x: number) => (flush.count ? round(x / 1000) : 0);

  return {
    take() {
      const t = now();
      const result: RuntimeMetrics = {
        seconds: round((t - since) / 1000),
        eventLoopDelayMs: loop.count
          ? { p50: delay(loop.percentile(50)), p99: delay(loop.percentile(99)), max: delay(loop.max) }
          : { p50: 0, p99: 0, max: 0 },
        logFlush: {
          count: flush.count,
          records,
          p50Ms: us(flush.percentile(50)),
          p95Ms: us(flush.percentile(95)),
          maxMs: us(flush.max),
        },
        ...(gauges.loadedRooms ? { loadedRooms: gauges.loadedRooms() } : {}),
      };
      loop.reset();
      flush.reset();
      records = 0;
      since = t;
      return result;
    },
    stop() {
      loop.disable();
      unsubscribe(logFlushChannel.name, onFlush);
    },
  };
}
