/**
 * Picks a format's columns out of a header, by name (case-insensitive, first occurrence), and
 * remembers which source columns the reader must deliver. A mapper asks once per table; per row
 * it reads `fields[position]`, where `position` is what `pick` returned (-1 = column absent).
 */
export class ColumnPicker {
  private readonly indexByName = new Map<string, number>();
  private readonly wantedIndexes: number[] = [];
  private readonly positionByIndex = new Map<number, number>();

  constructor(readonly names: readonly string[]) {
    names.forEach((name, index) => {
      const key = name.trim().toLowerCase();
      if (!this.indexByName.has(key)) this.indexByName.set(key, index);
    });
  }

  /** True when the header has a column of this name. */
  has(name: string): boolean {
    return this.indexByName.has(name.toLowerCase());
  }

  /** The delivered position of the first of `alternatives` the header has, or -1. */
  pick(...alternatives: string[]): number {
    for (const name of alternatives) {
      const index = this.indexByName.get(name.toLowerCase());
      if (index !== undefined) return this.want(index);
    }
    return -1;
  }

  /** Every column whose name starts with `prefix` (case-insensitive): its name and position. */
  pickPrefixed(prefix: string): { name: string; position: number }[] {
    const lower = prefix.toLowerCase();
    const found: { name: string; position: number }[] = [];
    this.names.forEach((name, index) => {
      if (name.toLowerCase().startsWith(lower) && name.length > prefix.length) {
        found.push({ name: name.trim(), position: this.want(index) });
      }
    });
    return found;
  }

  /** The source column indexes to deliver, in delivery order (the answer to `RecordSink.header`). */
  get wanted(): number[] {
    return this.wantedIndexes.slice();
  }

  private want(index: number): number {
    const known = this.positionByIndex.get(index);
    if (known !== undefined) return known;
    const position = this.wantedIndexes.length;
    this.wantedIndexes.push(index);
    this.positionByIndex.set(index, position);
    return position;
  }
}
