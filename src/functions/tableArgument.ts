import type { TableRows } from '../engine/table';
import { cellText, isBlankCell as isBlank, numberText } from '../engine/tableRowsFromCells';
import { toGrid } from './grid';

/** The number-to-text rule of every table cell (src/engine/tableRowsFromCells.ts), for the tests here. */
export { numberText };

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
