// A Map with a ceiling: reading or writing a key makes it the most recent; past `max` entries the
// least recently used one goes. For caches that must not grow with the number of users.
export class LruMap<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new Error("een LRU-cache heeft minstens één plaats");
  }

  get size(): number {
    return this.#map.size;
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key)!;
    // A Map keeps insertion order: moving the key to the end makes the first one the oldest.
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  /** Every entry, oldest first (does not count as use). */
  entries(): IterableIterator<[K, V]> {
    return this.#map.entries();
  }
}
