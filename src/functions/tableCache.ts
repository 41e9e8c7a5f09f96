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
export class ContentCache<V extends object> {
  private readonly entries = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 16) {}

  /** The value for `key`, computing (and keeping) it on a miss. A throw is not cached. */
  get(key: string, compute: () => V): V {
    const found = this.lookup(key);
    if (found !== undefined) return found;
    const value = compute();
    this.put(key, value);
    return value;
  }

  /** The value kept for `key` (a hit, now the most recent) or undefined (a miss). */
  lookup(key: string): V | undefined {
    const found = this.entries.get(key);
    if (found === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  /** Keeps `value` for `key`, dropping the least recently used entries beyond the capacity. */
  put(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
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
