import type { ImportGrain } from '../engine/grain/aggregateLines';
import { EXCEL_MAX_ROWS } from '../excel/importLines';
import type { AnalyzedFile } from './importCore';
import { importPlan } from './importToWorkbook';

/** What the preview offers: the rows each grain writes and which grains fit a sheet. */
export interface GrainChoice {
  /** Rows each grain writes, summed over the files that grain imports (importPlan's). */
  rows: Record<ImportGrain, number>;
  /** A grain fits when its rows and the header fit in one sheet (EXCEL_MAX_ROWS). */
  fits: Record<ImportGrain, boolean>;
  /** The grain to preselect: every line when it fits, else month, else null (nothing fits). */
  preferred: ImportGrain | null;
  /** Set when a picked file is a groups table: why every line cannot be chosen (its names). */
  groupsTables: string[];
}

function rowsAt(files: readonly AnalyzedFile[], grain: ImportGrain): number {
  return importPlan(files, grain).plan.reduce((sum, file) => sum + file.rows, 0);
}

/**
 * The grain choice of analysed files. Rows already in `Lines` are not known here: importLines checks
 * the total again. A groups table among the files (one the month grain imports) rules out every
 * line: it holds no lines, and importing the other files line by line would leave it out.
 */
export function grainChoice(files: readonly AnalyzedFile[]): GrainChoice {
  const rows = { line: rowsAt(files, 'line'), month: rowsAt(files, 'month') };
  const { include } = importPlan(files, 'month');
  const groupsTables = include.filter((i) => files[i].groupsTable !== undefined).map((i) => files[i].file);
  const fits = { line: groupsTables.length === 0 && rows.line + 1 <= EXCEL_MAX_ROWS, month: rows.month + 1 <= EXCEL_MAX_ROWS };
  return { rows, fits, preferred: fits.line ? 'line' : fits.month ? 'month' : null, groupsTables };
}

/** Why each left-out file (by its index in `files`) is not imported at `grain`. */
export function leftOutFiles(files: readonly AnalyzedFile[], grain: ImportGrain): Map<number, string> {
  const { include, skipped } = importPlan(files, grain);
  const included = new Set(include);
  // importPlan lists the skipped files in pick order: pair them with the indexes it left out.
  const leftOut = files.map((_file, index) => index).filter((index) => !included.has(index));
  return new Map(leftOut.map((index, i) => [index, skipped[i].why]));
}
