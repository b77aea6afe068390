// Token buckets: `capacity` requests at once, refilled at `perSecond`. The clock is injected.

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

/** A bucket per key (an IP address). Full buckets are dropped, so memory stays bounded. */
export class KeyedLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number,
  ) {}

  #bucket(key: string): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= 10_000) this.sweep();
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
    for (const [key, bucket] of this.#buckets) if (bucket.full(now)) this.#buckets.delete(key);
  }
}
