/**
 * Small integer ids for match keys, so the allocation indexes with numbers instead of building
 * and hashing strings per row (the difference is most of its run time at 100,000 rows).
 */

/** Ids for texts, by their canonical form: `canonical` runs once per distinct raw text. */
export class TextIds {
  private readonly byRaw = new Map<string, number>();
  private readonly byCanonical = new Map<string, number>();
  readonly texts: string[] = [];

  constructor(private readonly canonical: (raw: string) => string) {}

  id(raw: string): number {
    let id = this.byRaw.get(raw);
    if (id === undefined) {
      const text = this.canonical(raw);
      id = this.byCanonical.get(text);
      if (id === undefined) {
        id = this.texts.length;
        this.byCanonical.set(text, id);
        this.texts.push(text);
      }
      this.byRaw.set(raw, id);
    }
    return id;
  }
}

/** Below 2^26 = 67,108,864: a and b of a pair then combine into one exact JavaScript integer. */
const PAIR_BASE = 67108864;

/** Ids 0, 1, 2… for pairs of ids, in first-seen order. */
export class PairIds {
  private readonly ids = new Map<number, number>();

  get size(): number {
    return this.ids.size;
  }

  /** The pair's id, made on first sight. */
  id(a: number, b: number): number {
    const key = a * PAIR_BASE + b;
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  /** The pair's id, or −1 when it was never made (either part −1 too). */
  find(a: number, b: number): number {
    return a < 0 || b < 0 ? -1 : this.ids.get(a * PAIR_BASE + b) ?? -1;
  }
}

/**
 * Reorders `items` stably by `keyOf[item]` (0 ≤ key < keyCount): a counting sort, O(items + keys).
 */
export function sortByKey(items: Int32Array, keyOf: ArrayLike<number>, keyCount: number): Int32Array {
  const starts = new Int32Array(keyCount + 1);
  for (let k = 0; k < items.length; k += 1) starts[keyOf[items[k]] + 1] += 1;
  for (let key = 0; key < keyCount; key += 1) starts[key + 1] += starts[key];
  const sorted = new Int32Array(items.length);
  for (let k = 0; k < items.length; k += 1) sorted[starts[keyOf[items[k]]]++] = items[k];
  return sorted;
}
