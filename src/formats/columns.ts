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

/**
 * Stands for the `YYYY-MM` in a file name (DBR and monthly report names carry one) where a rule
 * lists columns: "present" when the table's name has one (`periodFromFileName`).
 */
export const FILE_NAME_PERIOD = 'a YYYY-MM in the file name';

/** One required entry as messages name it: `UsageStartDate (or a YYYY-MM in the file name)`. */
export function describeColumns(alternatives: readonly string[]): string {
  const names = alternatives.filter((name) => name !== FILE_NAME_PERIOD).join(' or ');
  return alternatives.includes(FILE_NAME_PERIOD) ? `${names} (or ${FILE_NAME_PERIOD})` : names;
}

/**
 * What a billing format needs of a header (src/formats/README.md "Required columns"): each
 * `required` entry is met by any one of its names; a `fallbacks` entry says which column stands
 * in when `column` is absent. A missing required column is a `MISSING_COLUMN` error that skips
 * the whole table; a fallback used is a `MISSING_COLUMN` warning naming both.
 */
export interface ColumnRules {
  required: readonly (readonly string[])[];
  fallbacks: readonly { column: string; instead: readonly string[] }[];
}

export interface ColumnCheck {
  /** Required entries none of whose names the header has. */
  missing: (readonly string[])[];
  /** Absent columns and what stands in for each (a column name, or FILE_NAME_PERIOD). */
  fallbacks: { column: string; used: string }[];
}

/** Checks a header (names compared as ColumnPicker does) against a format's rules. */
export function checkColumns(rules: ColumnRules, header: readonly string[], hasFileNamePeriod: boolean): ColumnCheck {
  const names = new Set(header.map((name) => name.trim().toLowerCase()));
  const has = (name: string): boolean => (name === FILE_NAME_PERIOD ? hasFileNamePeriod : names.has(name.toLowerCase()));
  const missing = rules.required.filter((alternatives) => !alternatives.some(has));
  const fallbacks: { column: string; used: string }[] = [];
  for (const { column, instead } of rules.fallbacks) {
    if (has(column)) continue;
    const used = instead.find(has);
    if (used !== undefined) fallbacks.push({ column, used });
  }
  return { missing, fallbacks };
}
