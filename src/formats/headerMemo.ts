/**
 * What a table's header gave — its format, its column check, its mapper's column plan — kept for
 * the next table whose header is the same names in the same order (a zip of many CSVs written
 * alike: 80,000 entries of one 94-column CUR header detect and plan once, not 80,000 times). A
 * different header clears it and is worked out afresh, exactly as without the memo. One memo
 * serves one `readBilling` (its options, so the plans, stay the same).
 *
 * Worked example: `use(['a','b'])` → false (new); `get('format', f)` calls f; `use(['a','b'])`
 * (another array, same names) → true and `get('format', f)` returns the kept value; `use(['b','a'])`
 * → false, and everything kept is dropped.
 */
export class HeaderMemo {
  private header: string[] | null = null;
  private readonly values = new Map<string, unknown>();

  /** Makes `header` the current one; true when it is the same as the previous one. */
  use(header: readonly string[]): boolean {
    const last = this.header;
    if (last !== null && last.length === header.length) {
      let same = true;
      for (let i = 0; i < header.length; i++) {
        if (last[i] !== header[i]) {
          same = false;
          break;
        }
      }
      if (same) return true;
    }
    this.header = header.slice();
    this.values.clear();
    return false;
  }

  /** The value kept under `key` for the current header, computed by `compute` the first time. */
  get<T>(key: string, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}
