import { describe, expect, it } from "vitest";
import { ClockOffset, gesprekTimeAt, mediaCorrection } from "./clock";

describe("gesprekTimeAt", () => {
  it("runs on from t while playing and stands still when paused", () => {
    expect(gesprekTimeAt({ playing: true, t: 10, at: 1_000 }, 3_500, null)).toBe(12.5);
    expect(gesprekTimeAt({ playing: false, t: 10, at: 1_000 }, 3_500, null)).toBe(10);
  });
  it("stays within the gesprek", () => {
    expect(gesprekTimeAt({ playing: true, t: 100, at: 0 }, 60_000, 120)).toBe(120);
    expect(gesprekTimeAt({ playing: true, t: 0, at: 5_000 }, 1_000, 120)).toBe(0);
  });
});

describe("ClockOffset", () => {
  it("takes the estimate with the shortest travel time", () => {
    const o = new ClockOffset();
    o.observe(10_000, 9_700); // 300 ms, of which some was travel
    o.observe(20_000, 19_750);
    expect(o.offset).toBe(300);
    o.observeRoundTrip(30_000, 29_600, 29_800); // half-way: 29 700
    expect(o.offset).toBe(300);
  });
  it("follows a clock that was set back once old estimates leave the window", () => {
    const o = new ClockOffset(2);
    o.observe(1_000, 0);
    o.observe(2_000, 1_900);
    o.observe(3_000, 2_900);
    expect(o.offset).toBe(100);
  });
});

describe("mediaCorrection", () => {
  it("leaves small drift alone", () => {
    expect(mediaCorrection(10.05, 10, true)).toEqual({ seekTo: null, playbackRate: 1 });
  });
  it("slows down when ahead and speeds up when behind, within ±25%", () => {
    expect(mediaCorrection(10.4, 10, true).playbackRate).toBe(0.8);
    expect(mediaCorrection(9.6, 10, true).playbackRate).toBe(1.2);
    expect(mediaCorrection(12.5, 10, true).playbackRate).toBe(0.75);
    expect(mediaCorrection(12.5, 10, true).seekTo).toBeNull();
  });
  it("jumps beyond 3 seconds, and when paused away from the clock", () => {
    expect(mediaCorrection(20, 10, true)).toEqual({ seekTo: 10, playbackRate: 1 });
    expect(mediaCorrection(10.5, 10, false)).toEqual({ seekTo: 10, playbackRate: 1 });
  });
});
