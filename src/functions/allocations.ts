import {
  allocateReservations, allocateSavingsPlans, loadReservations, loadRiUsage, loadSavingsPlans, loadSpUsage,
} from '../engine/commitments';
import { RerateError, type Issue } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { decimalToCell, type CellResult } from './cells';
import { toGrid, type Grid } from './grid';
import {
  accountListArgument, CHUNK_ROWS, loadTableArgumentAsync, throwTableErrors, yieldToExcel,
} from './adapter';
import { toExcelError } from './toExcelError';

/**
 * RIALLOC and SPALLOC: the allocations of `rerate rialloc` / `rerate spalloc` (ENGINE.md §11–12)
 * on table arguments, spilled aligned with the usage range: its header row gives the output's
 * header row, each usage row its own output row, a blank row a blank row. A usage row the engine
 * left out (a bad cell, a negative quantity) is that row's error; a bad commitments table, or a
 * usage table without its required columns, is an error for the whole call. The per-commitment
 * figures (used, unused) and the SP totals are the CLI's; the spill is per usage row only.
 */

/** The output for one allocated usage row, keyed by its 1-based position in `table.rows`. */
type RowCells = (row: number) => CellResult[] | undefined;

export const RI_HEADER = ['Covered', 'OnDemand', 'Reservations'];
export const SP_HEADER = ['Covered', 'CoveredCost', 'OnDemand', 'OnDemandCost', 'Plans'];

/** `=DBR.RIALLOC(usage, reservations, [noSharingAccounts])`. */
export async function riAllocationCells(usage: unknown[][], reservations: unknown[][], noSharingAccounts?: unknown): Promise<CellResult[][]> {
  const sharingOff = accountListArgument(noSharingAccounts, 'noSharingAccounts');
  const usageGrid = toGrid(usage);
  const usageTable = await loadTableArgumentAsync('riUsage', 'usage', usageGrid, loadRiUsage);
  const reservationTable = await loadTableArgumentAsync('reservations', 'reservations', toGrid(reservations), loadReservations);
  throwTableErrors(reservationTable.loaded.issues);
  throwWholeTableErrors(usageTable.loaded.issues);
  await yieldToExcel();
  const allocated = allocateReservations(usageTable.loaded.result, reservationTable.loaded.result, { noSharingAccounts: sharingOff });
  throwTableErrors(allocated.issues.filter((issue) => issue.code !== 'BAD_USAGE'));
  const byRow = new Map(allocated.result.usage.map((u) => [u.row, u]));
  const rowCells: RowCells = (row) => {
    const u = byRow.get(row);
    return u && [decimalToCell(u.covered), decimalToCell(u.onDemand), u.reservations.join(', ')];
  };
  return spill(usageGrid, usageTable.table, RI_HEADER, rowCells, [...usageTable.loaded.issues, ...allocated.issues]);
}

/** `=DBR.SPALLOC(usage, savingsPlans)`. */
export async function spAllocationCells(usage: unknown[][], savingsPlans: unknown[][]): Promise<CellResult[][]> {
  const usageGrid = toGrid(usage);
  const usageTable = await loadTableArgumentAsync('spUsage', 'usage', usageGrid, loadSpUsage);
  const planTable = await loadTableArgumentAsync('savingsPlans', 'savingsPlans', toGrid(savingsPlans), loadSavingsPlans);
  throwTableErrors(planTable.loaded.issues);
  throwWholeTableErrors(usageTable.loaded.issues);
  await yieldToExcel();
  const allocated = allocateSavingsPlans(usageTable.loaded.result, planTable.loaded.result, {});
  throwTableErrors(allocated.issues.filter((issue) => issue.code !== 'BAD_USAGE'));
  const byRow = new Map(allocated.result.usage.map((u) => [u.row, u]));
  const rowCells: RowCells = (row) => {
    const u = byRow.get(row);
    return u && [
      decimalToCell(u.coveredQuantity), decimalToCell(u.coveredCost), decimalToCell(u.onDemandQuantity), decimalToCell(u.onDemandCost), u.plans.join(', '),
    ];
  };
  return spill(usageGrid, usageTable.table, SP_HEADER, rowCells, [...usageTable.loaded.issues, ...allocated.issues]);
}

/** Errors that spoil every row: a missing column (line 1) or an error with no row. */
function throwWholeTableErrors(issues: readonly Issue[]): void {
  throwTableErrors(issues.filter((issue) => issue.severity === 'error' && (issue.source?.line ?? 1) <= 1));
}

/**
 * The output grid: one row per usage grid row. The engine numbers usage rows by their position in
 * `table.rows` (blank rows are not in it); `line` maps them back to the grid.
 */
async function spill(grid: Grid<unknown>, table: TableRows, header: string[], rowCells: RowCells, issues: readonly Issue[]): Promise<CellResult[][]> {
  const rowErrors = new Map<number, Issue>();
  for (const issue of issues) {
    if (issue.severity === 'error' && issue.source && issue.source.file === table.source && !rowErrors.has(issue.source.line)) {
      rowErrors.set(issue.source.line, issue);
    }
  }
  const firstError = [...rowErrors.values()][0];
  const blank = header.map(() => '');
  const out: CellResult[][] = grid.map(() => blank);
  if (grid.length > 0) out[0] = header;
  for (let index = 0; index < table.rows.length; index += 1) {
    if (index > 0 && index % CHUNK_ROWS === 0) await yieldToExcel();
    const { line } = table.rows[index];
    const issue = rowErrors.get(line);
    const cells = issue ? undefined : rowCells(index + 1);
    if (cells) {
      out[line - 1] = cells;
      continue;
    }
    const error = toExcelError(new RerateError(issue?.code ?? 'BAD_USAGE', issue
      ? issue.message
      : `usage row ${line} was left out of the allocation, like others: ${firstError?.message ?? 'it could not be read.'}`));
    out[line - 1] = header.map(() => error);
  }
  return out;
}
