/**
 * A small table as the user keeps it — a CSV file or an Excel table (PriceBook, Customers,
 * FxRates, SupportPlans, reservations…): header names and text cells, each row with the line
 * (CSV) or row number (sheet) that issues name. Loaders match headers case-insensitively and
 * ignore extra columns.
 */
export interface TableRows {
  /** File name or `Sheet!Table` that issues name. */
  source: string;
  header: string[];
  rows: TableRow[];
}

export interface TableRow {
  /** 1-based line in the file, or row number in the sheet. */
  line: number;
  values: string[];
}

/** Index of each wanted column, matched case-insensitively and ignoring spaces; -1 if absent. */
export function columnIndexes<K extends string>(header: readonly string[], names: readonly K[]): Record<K, number> {
  const normalized = header.map((h) => h.trim().toLowerCase().replace(/[\s_]/g, ''));
  const result = {} as Record<K, number>;
  for (const name of names) {
    result[name] = normalized.indexOf(name.toLowerCase().replace(/[\s_]/g, ''));
  }
  return result;
}

/** A cell's text as a message quotes it: at most 40 characters, then `…` (a cell may hold megabytes). */
export function shownCell(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The trimmed cell of a row, or '' when the column is absent or the row is short. */
export function cell(row: TableRow, index: number): string {
  return index < 0 ? '' : (row.values[index] ?? '').trim();
}
