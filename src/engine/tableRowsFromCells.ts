import { RerateError } from './issues';
import type { TableRows } from './table';

/**
 * A spreadsheet's cells as the engine's `TableRows`, so a range handed to a custom function and a
 * table the task pane reads with `range.values` go through the same loaders and messages as the
 * CLI's CSV tables (PRODUCT.md "Table arguments"). Shared by src/functions and src/excel.
 *
 * The first row is the header; each later row keeps its 1-based row number in the grid as its
 * `line` (the header is row 1), and `source` is the name given. Cells become text exactly as a
 * CSV would hold them: numbers through their shortest round-trip text (`decimalFromNumber`, so 0.1
 * is "0.1" and 1e21 is "1000000000000000000000"), text as is (an account id beyond 15 digits kept
 * as text stays exact), blanks `''`, booleans `TRUE`/`FALSE`. Rows made only of blanks are dropped
 * (a whole-column reference such as A:D brings a million). An error cell is a `RerateError`
 * BAD_VALUE naming the table, the row and the column.
 *
 * Example: `tableRowsFromCells('fxRates', [['From', 'Rate'], ['EUR', 1.08], ['', '']])` gives
 * `{ source: 'fxRates', header: ['From', 'Rate'], rows: [{ line: 2, values: ['EUR', '1.08'] }] }`.
 */
export function tableRowsFromCells(name: string, grid: readonly (readonly unknown[])[]): TableRows {
  const table: TableRows = { source: name, header: (grid[0] ?? []).map((cell, column) => cellText(name, cell, 1, column, undefined)), rows: [] };
  for (let row = 1; row < grid.length; row += 1) {
    const cells = grid[row];
    if (cells.every(isBlankCell)) continue;
    table.rows.push({ line: row + 1, values: cells.map((cell, column) => cellText(name, cell, row + 1, column, table.header[column])) });
  }
  return table;
}

/** Empty cells arrive as `''` (inside ranges), `null` or `undefined` (omitted optional arguments). */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** An Excel error value handed to a custom function (`{ code: '#N/A' }`, a `CustomFunctions.Error`). */
export function isErrorCell(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
    && String((value as { code: string }).code).startsWith('#');
}

/** A cell as a message quotes it: text in quotes, `blank`, an error by its code. */
export function describeCell(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null || value === undefined) return 'blank';
  if (typeof value === 'object' && 'code' in value) return String((value as { code: unknown }).code);
  return String(value);
}

/**
 * One cell as the text a CSV file would hold. `line` is 1-based, `column` 0-based; `name` and
 * `columnName` name the place when the cell is bad (an error value, a non-finite number).
 */
export function cellText(name: string, cell: unknown, line: number, column: number, columnName: string | undefined): string {
  if (typeof cell === 'string') return cell;
  if (isBlankCell(cell)) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw badCell(name, cell, line, column, columnName, 'not a finite number');
    return numberText(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isErrorCell(cell)) throw badCell(name, cell, line, column, columnName, 'an error value; fix that cell first');
  throw badCell(name, cell, line, column, columnName, 'not a number, text or a boolean');
}

function badCell(name: string, cell: unknown, line: number, column: number, columnName: string | undefined, what: string): RerateError {
  const headed = columnName ? ` (${columnName})` : '';
  return new RerateError('BAD_VALUE',
    `${name} row ${line}, column ${column + 1}${headed} is ${describeCell(cell)}, ${what}.`,
    { file: name, line, ...(columnName ? { column: columnName } : {}) });
}

/**
 * A finite number as `formatDecimal(decimalFromNumber(n))` gives it, without a Decimal: its
 * shortest round-trip text (what decimalFromNumber starts from), which without an exponent is
 * already the decimal's plain text (String(-0) is "0"); an exponent (below 1e-6, from 1e21) is
 * written out: `1.81e-8` → `0.0000000181`, `1.5e+21` → `1500000000000000000000`. The digits
 * are the same and only the point moves, so the value is exactly the same.
 */
export function numberText(value: number): string {
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.charCodeAt(0) === 45; /* - */
  const mantissa = text.slice(negative ? 1 : 0, e);
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  const integerDigits = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  let plain: string;
  if (integerDigits <= 0) plain = `0.${'0'.repeat(-integerDigits)}${digits}`;
  else if (integerDigits >= digits.length) plain = digits + '0'.repeat(integerDigits - digits.length);
  else plain = `${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
  return negative ? `-${plain}` : plain;
}
