import { tryParseDecimal, type Decimal } from '../money';
import type { IssueCode, IssueLog } from '../issues';
import { cell, columnIndexes, shownCell, type TableRow, type TableRows } from '../table';

/**
 * The indexes of a table's columns; a missing required column is one `MISSING_COLUMN` error and
 * null (the loader then returns no rows rather than guessing).
 */
export function findColumns<K extends string>(
  table: TableRows, required: readonly K[], optional: readonly K[], tableName: string, log: IssueLog,
): Record<K, number> | null {
  const indexes = columnIndexes(table.header, [...required, ...optional]);
  const missing = required.filter((name) => indexes[name] < 0);
  for (const name of missing) {
    log.add({
      code: 'MISSING_COLUMN', severity: 'error', source: { file: table.source, line: 1 },
      message: `The ${tableName} table ${table.source} has no "${name}" column (it needs ${required.join(', ')}).`,
    });
  }
  return missing.length > 0 ? null : indexes;
}

/** A row of only blank cells: Excel tables end with some; they are skipped without an issue. */
export function isBlankRow(row: TableRow): boolean {
  return row.values.every((value) => value.trim() === '');
}

/** Reads one table row's cells by column name and records what is wrong with them. */
export class RowReader<K extends string> {
  /** False once any cell of this row was found bad. */
  ok = true;

  constructor(
    private readonly table: TableRows,
    private readonly row: TableRow,
    private readonly columns: Record<K, number>,
    private readonly code: IssueCode,
    private readonly log: IssueLog,
  ) {}

  text(column: K): string {
    return cell(this.row, this.columns[column]);
  }

  /** The cell's text, or a problem when it is blank. */
  required(column: K): string {
    const text = this.text(column);
    if (text === '') this.problem(column, `Column ${column} of line ${this.row.line} is blank.`, 'blank');
    return text;
  }

  /**
   * A decimal ≥ 0 (or > 0 with `positive`), exact from the text; blank gives `fallback` when one
   * is allowed. A bad value is a problem and gives null.
   */
  decimal(column: K, what: string, options: { fallback?: Decimal | null; positive?: boolean; whole?: boolean } = {}): Decimal | null {
    const text = this.text(column);
    if (text === '' && options.fallback !== undefined) return options.fallback;
    const value = tryParseDecimal(text);
    const lowest = options.positive ? 'greater than 0' : '0 or more';
    if (value === null) {
      this.problem(column, `Column ${column} of line ${this.row.line} is "${shownCell(text)}", not a decimal number of ${what}.`, 'number');
    } else if (value.isNegative() || (options.positive && value.isZero())) {
      this.problem(column, `Column ${column} of line ${this.row.line} is "${text}", but ${what} must be ${lowest}.`, 'range');
    } else if (options.whole && !value.isInteger()) {
      this.problem(column, `Column ${column} of line ${this.row.line} is "${text}", but ${what} must be a whole number.`, 'whole');
    } else {
      return value;
    }
    return null;
  }

  /**
   * Records a problem of this row. Problems of the same `kind` in the same column fold into one
   * issue (the first one's message and place, with a count), so a million bad rows stay readable.
   */
  problem(column: K | null, message: string, kind?: string): void {
    this.ok = false;
    this.log.add(
      {
        code: this.code, severity: 'error', message,
        source: { file: this.table.source, line: this.row.line, ...(column ? { column } : {}) },
      },
      kind === undefined ? undefined : `${this.code}\u0000${this.table.source}\u0000${column ?? ''}\u0000${kind}`,
    );
  }

  get source(): { file: string; line: number } {
    return { file: this.table.source, line: this.row.line };
  }
}
