import { isCurrencyCode, isRoundingMode, type RoundingMode } from '../engine/money';
import { RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { cellToText, describeCell, isBlank, type CellValue } from './cells';
import { toGrid } from './grid';
import { ContentCache, contentKey } from './tableCache';
import { tableRowsFromCells, tableRowsFromCellsAsync } from './tableArgument';
import { toExcelError } from './toExcelError';

/**
 * What every DBR function shares: one try/catch turning any throw into the Excel error of
 * toExcelError.ts, the checks of its common arguments (currency, rounding mode, account lists),
 * and table arguments loaded through the engine's own loaders, once per distinct content.
 */

/** Runs a function body; a throw leaves as the Excel error for the whole call. */
export function excelCall<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toExcelError(error);
  }
}

/** The same for an async body (functions over large tables, which yield between chunks). */
export async function excelCallAsync<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toExcelError(error);
  }
}

/** Rows handled between two yields to Excel's runtime in long calls. */
export const CHUNK_ROWS = 10_000;

/** Lets Excel's runtime run (a macrotask, not a microtask: a resolved promise would not). */
export function yieldToExcel(): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}

/** An ISO 4217 currency argument, upper-cased; `fallback` when omitted. */
export function currencyArgument(value: CellValue, name = 'currency', fallback = 'USD'): string {
  const code = cellToText(value, name, fallback).toUpperCase();
  if (!isCurrencyCode(code)) throw new RerateError('BAD_VALUE', `${name} is ${describeCell(value)}, not a three-letter ISO 4217 code such as USD.`);
  return code;
}

/** A rounding-mode argument; half-up when omitted. */
export function roundingArgument(value: CellValue, name = 'mode'): RoundingMode {
  const mode = cellToText(value, name, 'half-up').toLowerCase();
  if (!isRoundingMode(mode)) throw new RerateError('BAD_VALUE', `${name} is ${describeCell(value)}, not "half-up" or "half-even".`);
  return mode;
}

/**
 * A list of account ids: a cell or a range, each cell one id or several separated by commas (as
 * the CLI's `--no-sharing`); numbers as their digits (a 12-digit id fits a double exactly).
 */
export function accountListArgument(value: CellValue, name: string): string[] {
  const ids: string[] = [];
  for (const cells of toGrid(value)) {
    for (const cell of cells) {
      if (isBlank(cell)) continue;
      if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) ids.push(String(cell));
      else if (typeof cell === 'string') ids.push(...cell.split(',').map((id) => id.trim()).filter((id) => id !== ''));
      else throw new RerateError('BAD_VALUE', `${name} holds ${describeCell(cell)}, not an account id.`);
    }
  }
  return ids;
}

/** A table argument as its engine loader read it, with the rows it was read from. */
export interface LoadedTable<T> {
  table: TableRows;
  loaded: WithIssues<T>;
}

/** Table arguments by content; `tableCache.hits` / `misses` count how often loading was saved. */
export const tableCache = new ContentCache<LoadedTable<unknown>>(16);

/**
 * A table argument through its engine loader (one validation for both faces), cached by content.
 * `kind` names the loader (two loaders never share an entry). Issues are returned, not thrown:
 * use `throwTableErrors` for a table whose bad row spoils the whole result.
 */
export function loadTableArgument<T>(kind: string, name: string, cells: unknown[][], load: (table: TableRows) => WithIssues<T>): LoadedTable<T> {
  return tableCache.get(contentKey(`${kind}\u0000${name}`, cells), () => {
    const table = tableRowsFromCells(name, cells);
    return { table, loaded: load(table) };
  }) as LoadedTable<T>;
}

/** The same, converting the cells in chunks of `CHUNK_ROWS` with a yield to Excel between them. */
export async function loadTableArgumentAsync<T>(
  kind: string, name: string, cells: unknown[][], load: (table: TableRows) => WithIssues<T>,
): Promise<LoadedTable<T>> {
  const key = contentKey(`${kind}\u0000${name}`, cells);
  const found = tableCache.lookup(key);
  if (found !== undefined) return found as LoadedTable<T>;
  const table = await tableRowsFromCellsAsync(name, cells, yieldToExcel, CHUNK_ROWS);
  const loaded: LoadedTable<T> = { table, loaded: load(table) };
  tableCache.put(key, loaded);
  return loaded;
}

/** Throws the first error issue (with how many more there are) as a RerateError. */
export function throwTableErrors(issues: readonly Issue[]): void {
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length === 0) return;
  const [first] = errors;
  const more = errors.length - 1 + errors.reduce((sum, issue) => sum + (issue.count ?? 1) - 1, 0);
  throw new RerateError(first.code, more > 0 ? `${first.message} (and ${more} more)` : first.message, first.source);
}
