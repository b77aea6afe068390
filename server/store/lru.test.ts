import { describe, expect, it } from "vitest";
import { KeyedLimiter } from "../realtime/rate-limit";
import { LruMap } from "./lru";

describe("LruMap", () => {
  it("never holds more than its ceiling and drops the least recently used", () => {
    const lru = new LruMap<string, number>(3);
    for (const [i, key] of ["a", "b", "c"].entries()) lru.set(key, i);
    expect(lru.get("a")).toBe(0); // a is now the most recent
    lru.set("d", 3);
    expect(lru.size).toBe(3);
    expect(lru.has("b")).toBe(false);
    expect([...lru.entries()].map(([k]) => k)).toEqual(["c", "a", "d"]);
    for (let i = 0; i < 10_000; i++) lru.set(`k${i}`, i);
    expect(lru.size).toBe(3);
    expect([...lru.entries()].map(([k]) => k)).toEqual(["k9997", "k9998", "k9999"]);
  });
});

describe("KeyedLimiter", () => {
  it("keeps at most maxKeys buckets, even when every address is still limited", () => {
    let now = 0;
    const limiter = new KeyedLimiter({ capacity: 2, perSecond: 1 / 60 }, () => now, 100);
    for (let i = 0; i < 5_000; i++) {
      limiter.take(`10.0.${i >> 8}.${i & 255}`);
      now += 1;
    }
    expect(limiter.size).toBe(100);
  });

  it("still limits the addresses it holds, and sweeps full buckets first", () => {
    let now = 0;
    const limiter = new KeyedLimiter({ capacity: 2, perSecond: 1 }, () => now, 10);
    expect(limiter.take("a")).toBe(true);
    expect(limiter.take("a")).toBe(true);
    expect(limiter.take("a")).toBe(false);
    for (let i = 0; i < 9; i++) limiter.take(`b${i}`);
    now += 5_000; // every bucket is full again: the next new key sweeps them all
    limiter.take("c");
    expect(limiter.size).toBe(1);
    expect(limiter.has("a")).toBe(true);
  });
});
