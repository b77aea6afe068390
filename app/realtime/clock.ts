// The gesprek clock as the browser sees it. The server sends { playing, t, at } in server time;
// we estimate how far our wall clock is from the server's and read the gesprek time from that.
import type { ClockState } from "../core/protocol";

/** Gesprek seconds at server time `serverNow`, clamped to the gesprek. */
export function gesprekTimeAt(clock: ClockState, serverNow: number, duration: number | null): number {
  const raw = clock.playing ? clock.t + (serverNow - clock.at) / 1000 : clock.t;
  const max = duration ?? Number.POSITIVE_INFINITY;
  return Math.min(Math.max(raw, 0), max);
}

/**
 * Estimates server time − local time. Every estimate taken from a message is too low by the
 * message's travel time, so the highest recent estimate is the best one; a window keeps it
 * following a local clock that was set back.
 */
export class ClockOffset {
  private estimates: number[] = [];
  constructor(private readonly window = 16) {}

  /** A message stamped `serverTime` arrived at local time `receivedAt`. */
  observe(serverTime: number, receivedAt: number): void {
    this.push(serverTime - receivedAt);
  }

  /** A request sent at `sentAt` was answered at `receivedAt` with `serverTime`: assume half-way. */
  observeRoundTrip(serverTime: number, sentAt: number, receivedAt: number): void {
    this.push(serverTime - (sentAt + receivedAt) / 2);
  }

  private push(estimate: number): void {
    this.estimates.push(estimate);
    if (this.estimates.length > this.window) this.estimates.shift();
  }

  get offset(): number {
    return this.estimates.length ? Math.max(...this.estimates) : 0;
  }
}

/** How a media element should follow the clock: a hard seek when far off, else a gentle rate. */
export interface MediaCorrection {
  seekTo: number | null;
  playbackRate: number;
}

export const HARD_SEEK_SECONDS = 3;
/** Drift we leave alone; below the 0.5 s we promise by a wide margin. */
export const DRIFT_DEADBAND = 0.08;

/**
 * `drift` = media time − clock time (seconds). Beyond 3 s we jump; otherwise we speed up or
 * slow down proportionally (at most ±25%), which closes 0.5 s of drift in about 2–4 seconds
 * without an audible jump.
 */
export function mediaCorrection(mediaTime: number, clockTime: number, playing: boolean): MediaCorrection {
  const drift = mediaTime - clockTime;
  if (Math.abs(drift) > HARD_SEEK_SECONDS || (!playing && Math.abs(drift) > DRIFT_DEADBAND)) {
    return { seekTo: clockTime, playbackRate: 1 };
  }
  if (!playing || Math.abs(drift) <= DRIFT_DEADBAND) return { seekTo: null, playbackRate: 1 };
  const rate = 1 - Math.max(-0.25, Math.min(0.25, drift * 0.5));
  return { seekTo: null, playbackRate: Math.round(rate * 100) / 100 };
}
