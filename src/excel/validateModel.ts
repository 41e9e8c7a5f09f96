import { RerateError, type Issue, type IssueCode, type Severity } from '../engine/issues';
import { columnIndexes, type TableRows } from '../engine/table';
import { cellText, describeCell, tableRowsFromCells } from '../engine/tableRowsFromCells';
import { loadSettings, mergeSettings } from '../engine/settings';
import { configFromTables } from '../engine/inMemory/configFromTables';
import { createInvoiceRun } from '../engine/invoice/createInvoiceRun';
import { MODEL_TABLES } from '../engine/workbookLayout';
import { cellAddress } from './cellAddress';
import { readExcelTables, type ExcelTableCells } from './readExcelTables';
import { MODEL_SETUP_TABLES, type ModelSetupTable } from './modelSetup';

/** One problem of the model tables, where it is in the workbook. */
export interface ModelProblem {
  code: IssueCode;
  severity: Severity;
  /** The engine's sentence, naming the table (by its Excel table name) and the sheet row. */
  message: string;
  /** The Excel table it is in (`PriceBook`). */
  table: string;
  /** Sheet and cell (`B7`) to select; null for a table that does not exist. */
  sheet: string | null;
  cell: string | null;
  /** The cell's text as the loader read it ('' when the problem is a whole row or a missing column). */
  value: string;
}

/** What a missing table means, for the one problem it gives. */
const MISSING: Record<ModelSetupTable, { severity: Severity; consequence: string }> = {
  priceBook: { severity: 'warning', consequence: 'every line passes through at unblended cost' },
  customers: { severity: 'warning', consequence: 'every account is invoiced as its own customer' },
  settings: { severity: 'warning', consequence: 'the default settings apply' },
  fxRates: { severity: 'info', consequence: 'invoices can be made only in the billing currency' },
  supportPlans: { severity: 'info', consequence: "AWS's published support plans apply" },
};

/**
 * Validates the model tables in place: reads PriceBook, Customers, Settings, FxRates and
 * SupportPlans by their Excel table names (two syncs), turns their cells into the engine's
 * `TableRows` as the custom functions do (`tableRowsFromCells`), and runs the engine's own checks —
 * `loadSettings`, `configFromTables` (the loaders `rerate invoice` and DBR.INVOICE run) and the
 * invoice run's check of the customers' support plans (UNKNOWN_PLAN). Each issue becomes a problem
 * with its sheet, cell and value: the row from the issue's line, the column from the issue's column
 * name looked up in the table's header (the row's first cell without one; the header row for a
 * missing column).
 *
 * Rows are numbered as the sheet numbers them (the tables' `line` is shifted by the header's row),
 * so a message's "PriceBook line 7" is row 7 of the sheet wherever the table sits.
 * Example: FxRates at D1:G3 whose row 3 has Rate `-1` gives
 * `{ code: 'BAD_VALUE', severity: 'error', table: 'FxRates', sheet: 'Settings', cell: 'G3', value: '-1',
 *    message: 'FX Rate "-1" in FxRates line 3 is not a positive number.' }`.
 */
export async function validateModel(context: Excel.RequestContext): Promise<ModelProblem[]> {
  const read = await readExcelTables(context, MODEL_SETUP_TABLES.map((name) => MODEL_TABLES[name].table));
  const problems: ModelProblem[] = [];
  const places = new Map<string, TablePlace>();
  const rowsOf: Partial<Record<ModelSetupTable, TableRows | null>> = {};
  for (const name of MODEL_SETUP_TABLES) {
    const { table, sheet } = MODEL_TABLES[name];
    const cells = read.get(table) ?? null;
    if (cells === null) {
      const { severity, consequence } = MISSING[name];
      problems.push({
        code: 'BAD_TABLE', severity, table, sheet: null, cell: null, value: '',
        message: `There is no Excel table named ${table} (expected on sheet ${sheet}), so ${consequence}. Set up the model to create it.`,
      });
      rowsOf[name] = null;
      continue;
    }
    try {
      const rows = tableRowsFromCells(table, cells.values);
      // Sheet rows, not rows of the range: line 1 stays the header's mark, as the loaders use it.
      for (const row of rows.rows) row.line += cells.row;
      places.set(table, { cells, header: rows.header });
      rowsOf[name] = rows;
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      places.set(table, { cells, header: cells.values[0]?.map((cell) => (typeof cell === 'string' ? cell : '')) ?? [] });
      const line = (error.source?.line ?? 1) + cells.row;
      problems.push(problemOf({ code: error.code, severity: 'error', message: error.message, source: { ...error.source, file: table, line } }, places));
      rowsOf[name] = null;
    }
  }

  const issues: Issue[] = [];
  const loadedSettings = rowsOf.settings ? loadSettings(rowsOf.settings) : { result: {}, issues: [] };
  issues.push(...loadedSettings.issues);
  const config = configFromTables({
    priceBook: rowsOf.priceBook ?? null,
    customers: rowsOf.customers ?? null,
    fxRates: rowsOf.fxRates ?? null,
    supportPlans: rowsOf.supportPlans ?? null,
  }, mergeSettings(loadedSettings.result), issues);
  // With no lines, the run reports only what it checks of the tables themselves (UNKNOWN_PLAN).
  issues.push(...createInvoiceRun(config).finish().issues);
  for (const issue of issues) problems.push(problemOf(issue, places));
  // Table by table in MODEL_SETUP_TABLES order; within a table, in the order the engine found them.
  const order = MODEL_SETUP_TABLES.map((name) => MODEL_TABLES[name].table);
  const rank = (problem: ModelProblem) => { const i = order.indexOf(problem.table); return i < 0 ? order.length : i; };
  return problems.map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

interface TablePlace {
  cells: ExcelTableCells;
  header: readonly string[];
}

/** An engine issue as a problem at its cell. */
function problemOf(issue: Issue, places: ReadonlyMap<string, TablePlace>): ModelProblem {
  const place = issue.source?.file === undefined ? undefined : places.get(issue.source.file);
  const base = { code: issue.code, severity: issue.severity, message: issue.message, table: issue.source?.file ?? '' };
  if (!place) return { ...base, sheet: null, cell: null, value: '' };
  const { cells, header } = place;
  const headerRow = cells.row;
  const line = issue.source?.line ?? 1;
  // Line 1 is the header (MISSING_COLUMN names it); data lines are sheet rows.
  const row = line <= 1 ? headerRow : line - 1;
  const columnName = issue.source?.column;
  const named = columnName === undefined ? -1 : columnIndexes(header, [columnName])[columnName];
  const column = named >= 0 && row > headerRow ? named : 0;
  const raw = cells.values[row - headerRow]?.[column];
  const value = row > headerRow && named >= 0 ? valueText(raw, issue.source?.file ?? '', row, column) : '';
  return { ...base, sheet: cells.sheet, cell: cellAddress(row, cells.column + column), value };
}

function valueText(cell: unknown, table: string, row: number, column: number): string {
  try {
    return cellText(table, cell, row + 1, column, undefined);
  } catch {
    return describeCell(cell);
  }
}
