// Token buckets: `capacity` requests at once, refilled at `perSecond`. The clock is injected.
import { LruMap } from "../store/lru";

export interface BucketOptions {
  capacity: number;
  perSecond: number;
}

export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly options: BucketOptions,
    now: number,
  ) {
    this.#tokens = options.capacity;
    this.#at = now;
  }

  #refill(now: number) {
    const elapsed = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.options.capacity, this.#tokens + elapsed * this.options.perSecond);
    this.#at = now;
  }

  /** Takes a token if there is one. */
  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** True when a token is available, without taking it. */
  has(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= 1;
  }

  full(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.options.capacity;
  }
}

/**
 * A bucket per key (an IP address). Memory stays bounded: at `maxKeys` the full buckets are swept,
 * and if every bucket is still in use the least recently used one goes (that address starts over
 * with a full bucket: with that many addresses at once, a per-address limit no longer holds anyway).
 */
export class KeyedLimiter {
  readonly #buckets: LruMap<string, TokenBucket>;

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number,
    maxKeys = 10_000,
  ) {
    this.#buckets = new LruMap(maxKeys);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= this.#buckets.max) this.sweep();
      bucket = new TokenBucket(this.options, this.now());
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  take(key: string): boolean {
    return this.#bucket(key).take(this.now());
  }

  has(key: string): boolean {
    return this.#buckets.get(key)?.has(this.now()) ?? true;
  }

  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of [...this.#buckets.entries()]) if (bucket.full(now)) this.#buckets.delete(key);
  }
}
