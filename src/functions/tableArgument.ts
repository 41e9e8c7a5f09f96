import { RerateError } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { describeCell, isBlank, type CellValue } from './cells';
import { toGrid } from './grid';
import { isExcelError } from './toExcelError';

/**
 * A table argument (`priceBook`, `usage`, `reservations`…) as the engine's `TableRows`, so the
 * add-in and the CLI go through the same loaders and messages (PRODUCT.md "Table arguments").
 * The first row of the range is the header; each later row keeps its 1-based row number in the
 * range as its `line` (the header is row 1), and `source` is the argument's name.
 *
 * Cells become text exactly as a CSV would hold them: numbers through `decimalFromNumber` (their
 * shortest round-trip text, so 0.1 is "0.1" and 1e21 is "1000000000000000000000"), text as is
 * (an account id beyond 15 digits kept as text stays exact), blanks `''`, booleans `TRUE`/`FALSE`.
 * Rows made only of blanks are dropped (a whole-column reference such as A:D brings a million).
 * An error cell is a `RerateError` naming the argument, the row and the column.
 *
 * Example: `tableRowsFromCells('fxRates', [['From', 'Rate'], ['EUR', 1.08], ['', '']])` gives
 * `{ source: 'fxRates', header: ['From', 'Rate'], rows: [{ line: 2, values: ['EUR', '1.08'] }] }`.
 */
export function tableRowsFromCells(name: string, cells: unknown[][]): TableRows {
  const grid = toGrid(cells);
  const table = headerOf(name, grid);
  addRows(name, grid, table, 1, grid.length);
  return table;
}

/**
 * The same, yielding to Excel's runtime (`pause`) after every `chunkRows` rows, so a table of
 * 100,000 rows never blocks it for the whole conversion.
 */
export async function tableRowsFromCellsAsync(
  name: string, cells: unknown[][], pause: () => Promise<void>, chunkRows: number,
): Promise<TableRows> {
  const grid = toGrid(cells);
  const table = headerOf(name, grid);
  for (let start = 1; start < grid.length; start += chunkRows) {
    if (start > 1) await pause();
    addRows(name, grid, table, start, Math.min(grid.length, start + chunkRows));
  }
  return table;
}

function headerOf(name: string, grid: unknown[][]): TableRows {
  return { source: name, header: headerFromCells(name, grid), rows: [] };
}

/** Row 1 of a range as a table's header: its cells as text (an error cell throws, naming it). */
export function headerFromCells(name: string, grid: unknown[][]): string[] {
  return (grid[0] ?? []).map((cell, column) => cellText(name, cell, 1, column, undefined));
}

/**
 * Grid row `row` (0-based, ≥ 1) as text, written into `values` — one array reused for every row of
 * a long table (DBR.RERATE's and DBR.INVOICE's `lines`), so no row array is made per row. False
 * when every cell is blank (`tableRowsFromCells` drops such rows). Every cell is checked as there:
 * an error cell throws the same BAD_VALUE naming argument, row and column. Only the columns whose
 * `reads[column]` is true are converted to text (a finite number of another column needs no
 * check); the others, and cells past the row's end, are ''.
 */
export function rowTextFromCells(
  name: string, grid: unknown[][], row: number, header: readonly string[], reads: readonly boolean[], values: string[],
): boolean {
  const cells = grid[row];
  const width = header.length;
  let blank = true;
  for (let column = 0; column < cells.length; column += 1) {
    const cell: unknown = cells[column];
    let text = '';
    if (typeof cell === 'string') {
      text = cell;
    } else if (typeof cell === 'number' && Number.isFinite(cell)) {
      if (reads[column] === true) text = numberText(cell);
    } else if (!isBlank(cell)) {
      text = cellText(name, cell, row + 1, column, header[column]);
    }
    if (blank && !isBlank(cell)) blank = false;
    if (column < width) values[column] = reads[column] === true ? text : '';
  }
  for (let column = cells.length; column < width; column += 1) values[column] = '';
  return !blank;
}

/** Appends grid rows `from` (0-based, ≥ 1) up to `to`, skipping rows of blanks only. */
function addRows(name: string, grid: unknown[][], table: TableRows, from: number, to: number): void {
  for (let row = from; row < to; row += 1) {
    const cellsOfRow = grid[row];
    if (cellsOfRow.every(isBlank)) continue;
    table.rows.push({ line: row + 1, values: cellsOfRow.map((cell, column) => cellText(name, cell, row + 1, column, table.header[column])) });
  }
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

/** One cell as the text a CSV file would hold. `line` is 1-based, `column` 0-based. */
function cellText(name: string, cell: CellValue, line: number, column: number, columnName: string | undefined): string {
  if (typeof cell === 'string') return cell;
  if (isBlank(cell)) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw badCell(name, cell, line, column, columnName, 'not a finite number');
    return numberText(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isExcelError(cell)) throw badCell(name, cell, line, column, columnName, 'an error value; fix that cell first');
  throw badCell(name, cell, line, column, columnName, 'not a number, text or a boolean');
}

function badCell(name: string, cell: CellValue, line: number, column: number, columnName: string | undefined, what: string): RerateError {
  const headed = columnName ? ` (${columnName})` : '';
  return new RerateError('BAD_VALUE',
    `${name} row ${line}, column ${column + 1}${headed} is ${describeCell(cell)}, ${what}.`,
    { file: name, line, ...(columnName ? { column: columnName } : {}) });
}
