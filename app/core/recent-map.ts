/**
 * A map with a size limit that forgets the entry set least recently: for state keyed by names a
 * stranger chooses (JIDs, resources), so that no sender can make us keep more than the limit.
 * Every operation is O(1): a JavaScript Map keeps insertion order, and setting a key moves it last.
 */
export class RecentMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
    this.#limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Reads without counting as an update. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Sets the value as the newest entry; past the limit the oldest one goes, and is returned. */
  set(key: K, value: V): [K, V] | undefined {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size <= this.#limit) return undefined;
    const oldest = this.#entries.entries().next().value as [K, V];
    this.#entries.delete(oldest[0]);
    return oldest;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Oldest first. */
  entries(): MapIterator<[K, V]> {
    return this.#entries.entries();
  }

  /** Oldest first. */
  values(): MapIterator<V> {
    return this.#entries.values();
  }

  /** Oldest first. */
  keys(): MapIterator<K> {
    return this.#entries.keys();
  }
}
