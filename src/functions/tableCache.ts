/**
 * A small least-recently-used cache keyed by content, so a table argument (`reservations`,
 * `priceBook`…) is converted and loaded once per distinct content, however many cells call the
 * function with it. Excel recalculates every dependent cell when any of them changes; a workbook
 * with 500 `=DBR.RIALLOC(Usage, Reservations)` cells loads the reservations once.
 *
 * The key is the argument's kind plus the JSON of its cells: exact (two ranges with the same
 * cells share the entry, one changed cell is a new entry) and native-speed to compute. The
 * cache holds at most `capacity` entries (16 by default) and drops the least recently used.
 * Counters `hits` and `misses` are for the bench and tests.
 */
export class ContentCache<V> {
  private readonly entries = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 16) {}

  /** The value for `key`, computing (and keeping) it on a miss. A throw is not cached. */
  get(key: string, compute: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined || this.entries.has(key)) {
      this.hits += 1;
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.entries.delete(key);
      this.entries.set(key, found as V);
      return found as V;
    }
    this.misses += 1;
    const value = compute();
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

/** The content key of a table argument: its kind (which loader reads it) and its cells. */
export function contentKey(kind: string, cells: unknown): string {
  return `${kind}\u0000${JSON.stringify(cells)}`;
}
