import { RerateError } from '../engine/issues';
import { isBlank, type CellResult, type CellValue } from './cells';
import { isExcelError, toExcelError } from './toExcelError';

/**
 * Range arguments and spilled results. Each DBR function takes a single cell or a whole range and
 * answers with a grid of the same shape (PRODUCT.md): `=DBR.ROUND(B1:B4)` over
 * `[["Cost"], [1.005], [""], ["x"]]` gives `[["Cost"], [1.01], [""], [#VALUE!]]` — the header row
 * passes through, a blank stays blank, and one bad cell is an error in its own cell only.
 */
export type Grid<T> = T[][];

/** A range argument as a grid: a single value (or an omitted one) becomes 1×1. */
export function toGrid(value: CellValue): Grid<CellValue> {
  if (Array.isArray(value) && value.every((row) => Array.isArray(row))) return value as Grid<CellValue>;
  return [[value]];
}

/** A first row of text only (no numbers, at least one non-blank cell) over more rows is a header. */
export function hasHeaderRow(grid: Grid<CellValue>): boolean {
  if (grid.length < 2) return false;
  const first = grid[0];
  return first.some((cell) => !isBlank(cell))
    && first.every((cell) => isBlank(cell) || (typeof cell === 'string' && !/^\s*[+-]?(\d|\.\d)/.test(cell)));
}

/** Where a cell sits for messages: nothing for a single cell, else its row and column in the range. */
export function cellPlace(grid: Grid<unknown>, row: number, column: number): string {
  return grid.length === 1 && grid[0].length === 1 ? '' : ` (row ${row + 1}, column ${column + 1} of the range)`;
}

function headerText(cell: CellValue): string {
  return isBlank(cell) ? '' : String(cell);
}

/** Runs `compute` for one cell, turning a throw into that cell's Excel error. */
function guard(compute: () => CellResult): CellResult {
  try {
    return compute();
  } catch (error) {
    return toExcelError(error);
  }
}

/**
 * Maps every cell of `grid`; blanks stay blank, input errors pass through, a header row is copied
 * (`header`: whether the first row is one, by default `hasHeaderRow`).
 */
export function mapCells(
  grid: Grid<CellValue>, compute: (cell: CellValue, where: string) => CellResult, header = hasHeaderRow(grid),
): Grid<CellResult> {
  return grid.map((cells, row) => cells.map((cell, column) => {
    if (header && row === 0) return headerText(cell);
    if (isBlank(cell)) return '';
    if (isExcelError(cell)) return cell;
    return guard(() => compute(cell, cellPlace(grid, row, column)));
  }));
}

/**
 * Pairs the cells of two grids of the same shape, or of any grid with a single cell (a rate for a
 * whole column). Any other pair of shapes is a bad argument for the whole call.
 */
export function zipCells(
  first: Grid<CellValue>, second: Grid<CellValue>, names: [string, string],
  compute: (a: CellValue, b: CellValue, where: string) => CellResult,
): Grid<CellResult> {
  const single = (grid: Grid<CellValue>) => grid.length === 1 && grid[0].length === 1;
  const sameShape = first.length === second.length && first.every((cells, row) => cells.length === second[row].length);
  if (!sameShape && !single(first) && !single(second)) {
    throw new RerateError('BAD_VALUE',
      `${names[1]} is a ${shape(second)} range but ${names[0]} is ${shape(first)}; give the same shape or a single cell.`);
  }
  const shaped = single(first) && !single(second) ? second : first;
  // A single cell is never a header, so this looks at whichever argument is a range.
  const header = hasHeaderRow(first) || hasHeaderRow(second);
  return shaped.map((cells, row) => cells.map((_, column) => {
    const a = single(first) ? first[0][0] : first[row][column];
    const b = single(second) ? second[0][0] : second[row][column];
    if (header && row === 0) return headerText(isBlank(a) || single(first) ? b : a);
    if (isBlank(a) || isBlank(b)) return '';
    if (isExcelError(a)) return a;
    if (isExcelError(b)) return b;
    return guard(() => compute(a, b, cellPlace(shaped, row, column)));
  }));
}

function shape(grid: Grid<unknown>): string {
  return `${grid.length}×${grid[0]?.length ?? 0}`;
}
