import { exactAdd } from '../engine/exact';
import type { Issue } from '../engine/issues';
import type { Decimal } from '../engine/money';
import { RerateError } from '../engine/issues';
import type { BillingLine } from '../engine/line';
import { loadBillingLines } from '../engine/lines/billingLinesTable';
import { configFromTables } from '../engine/inMemory/configFromTables';
import { invoiceLines } from '../engine/inMemory/rateLines';
import type { InvoiceRunResult } from '../engine/invoice/invoiceTypes';
import { controlTotals, type ControlRow, type ReadControl } from '../engine/reconcile/controlTotals';
import { DEFAULT_SETTINGS, loadSettings, type Settings } from '../engine/settings';
import type { TableRows } from '../engine/table';
import { cellText, tableRowsFromCells } from '../engine/tableRowsFromCells';
import { IMPORTS_TABLE, MODEL_TABLES, type ModelTableName } from '../engine/workbookLayout';
import { workbookInputs, type WorkbookInputs } from '../workbook/buildAccountantWorkbook';
import { parseRangeAddress } from './cellAddress';
import { readExcelTables } from './readExcelTables';

/** Rows of `Lines` read per sync: 5,000 rows of ~45 cells stay well under Excel's 5 MB response. */
export const LINES_READ_ROWS = 5_000;

/** The engine's run over the open workbook: what Reconcile and Share with accountant write. */
export interface WorkbookRun {
  result: InvoiceRunResult;
  settings: Settings;
  controls: ControlRow[];
  /** Every problem: the tables', the lines', the run's and the control totals'. */
  issues: Issue[];
  inputs: WorkbookInputs;
  /** Lines rows read (a month row counts once). */
  rows: number;
}

export interface WorkbookRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { rowsRead: number; rowsTotal: number }) => void;
  chunkRows?: number;
}

/** The model tables the run needs; FxRates and SupportPlans may be absent (no FX; the built-in plans). */
const REQUIRED: readonly ModelTableName[] = ['lines', 'priceBook', 'customers', 'settings'];

/**
 * Reads `Lines` (in chunks of `chunkRows` rows a sync) and the model tables from the open workbook
 * and runs the engine over them exactly as DBR.INVOICE does over the same cells: the cells become
 * TableRows (`tableRowsFromCells`), the loaders and `configFromTables` check them, `invoiceLines`
 * prices. The control totals compare each imported file's Σ unblended cost (the `Imports` table,
 * as read from the file) with what the run accounted for from its rows in `Lines`: a row lost or
 * edited since the import is CONTROL_TOTAL_MISMATCH.
 */
export async function runWorkbook(context: Excel.RequestContext, options: WorkbookRunOptions = {}): Promise<WorkbookRun> {
  const { signal } = options;
  const names: ModelTableName[] = ['priceBook', 'customers', 'settings', 'fxRates', 'supportPlans'];
  const found = await readExcelTables(context, [...names.map((n) => MODEL_TABLES[n].table), IMPORTS_TABLE.table]);
  const linesTable = context.workbook.tables.getItemOrNullObject(MODEL_TABLES.lines.table);
  linesTable.load('isNullObject');
  await context.sync();
  const missing = REQUIRED.filter((n) => (n === 'lines' ? linesTable.isNullObject : !found.get(MODEL_TABLES[n].table)));
  if (missing.length > 0) {
    throw new RerateError('BAD_TABLE', `The workbook has no ${missing.map((n) => MODEL_TABLES[n].table).join(', ')} table${missing.length === 1 ? '' : 's'}: import billing files and set up the model first.`);
  }
  const rowsOf = (name: ModelTableName): TableRows | null => {
    const cells = found.get(MODEL_TABLES[name].table);
    return cells ? tableRowsFromCells(`${cells.sheet}!${MODEL_TABLES[name].table}`, cells.values) : null;
  };
  const issues: Issue[] = [];
  const tables = { priceBook: rowsOf('priceBook'), customers: rowsOf('customers'), fxRates: rowsOf('fxRates'), supportPlans: rowsOf('supportPlans') };
  const settingsTable = rowsOf('settings');
  const loadedSettings = settingsTable === null ? { result: {}, issues: [] } : loadSettings(settingsTable);
  issues.push(...loadedSettings.issues);
  const settings: Settings = { ...DEFAULT_SETTINGS, ...loadedSettings.result };
  const config = configFromTables(tables, settings, issues);

  const lines = await readLines(context, linesTable, options);
  issues.push(...lines.issues);
  signal?.throwIfAborted();
  const { result } = invoiceLines(lines.lines, config);
  issues.push(...result.issues);

  const imports = found.get(IMPORTS_TABLE.table);
  const read = imports ? readControls(imports.values) : [];
  const controls = controlTotals(read, byImportedFile(result, read));
  issues.push(...controls.issues);
  return {
    result,
    settings,
    controls: controls.result,
    issues,
    inputs: workbookInputs(tables, config),
    rows: lines.rows,
  };
}

async function readLines(context: Excel.RequestContext, table: Excel.Table, options: WorkbookRunOptions): Promise<{ lines: BillingLine[]; issues: Issue[]; rows: number }> {
  const chunk = options.chunkRows ?? LINES_READ_ROWS;
  const header = table.getHeaderRowRange().load('values, address');
  const body = table.getDataBodyRange().load('rowCount, columnCount');
  await context.sync();
  const place = parseRangeAddress(header.address);
  const sheet = table.worksheet;
  const grid: unknown[][] = [header.values[0]];
  for (let start = 0; start < body.rowCount; start += chunk) {
    options.signal?.throwIfAborted();
    const part = sheet.getRangeByIndexes(place.row + 1 + start, place.column, Math.min(chunk, body.rowCount - start), body.columnCount).load('values');
    await context.sync();
    for (const row of part.values) grid.push(row);
    options.onProgress?.({ rowsRead: grid.length - 1, rowsTotal: body.rowCount });
  }
  const name = `${MODEL_TABLES.lines.sheet}!${MODEL_TABLES.lines.table}`;
  const { result, issues } = loadBillingLines(tableRowsFromCells(name, grid));
  return { lines: result, issues, rows: body.rowCount };
}

/**
 * The run's per-file figures under the names the Imports table gives: a row's SourceFile is the file
 * imported, or an entry of it — `a.zip!x.csv` (a zip's table), `groups.csv!cur.csv` (the billing file
 * a groups table's group came from) — whose figures count for `a.zip` and `groups.csv`.
 */
function byImportedFile(result: Pick<InvoiceRunResult, 'linesRated' | 'unblendedAccounted'>, read: readonly ReadControl[]): Pick<InvoiceRunResult, 'linesRated' | 'unblendedAccounted'> {
  const imported = new Set(read.map((control) => control.file));
  const fileOf = (source: string): string => {
    if (imported.has(source)) return source;
    for (let at = source.indexOf('!'); at > 0; at = source.indexOf('!', at + 1)) {
      if (imported.has(source.slice(0, at))) return source.slice(0, at);
    }
    return source;
  };
  const linesRated = new Map<string, number>();
  for (const [source, lines] of result.linesRated) linesRated.set(fileOf(source), (linesRated.get(fileOf(source)) ?? 0) + lines);
  const unblendedAccounted = new Map<string, Decimal>();
  for (const [source, cost] of result.unblendedAccounted) {
    const file = fileOf(source);
    const before = unblendedAccounted.get(file);
    unblendedAccounted.set(file, before === undefined ? cost : exactAdd(before, cost));
  }
  return { linesRated, unblendedAccounted };
}

/** The Imports rows as what each file's reader read (ReadControl), for the control totals. */
function readControls(values: readonly (readonly unknown[])[]): ReadControl[] {
  const [header = [], ...rows] = values;
  const at = (name: string) => header.findIndex((h) => String(h).toLowerCase() === name.toLowerCase());
  const text = (row: readonly unknown[], name: string, line: number) => (at(name) < 0 ? '' : cellText(IMPORTS_TABLE.table, row[at(name)], line, at(name), name).trim());
  const controls: ReadControl[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const file = text(row, 'File', line);
    const sha = text(row, 'Sha256', line);
    if (file === '' || sha === '') return;
    controls.push({
      file,
      format: text(row, 'Format', line) || null,
      rowsRead: Number(text(row, 'RowsRead', line) || text(row, 'SourceLines', line) || 0),
      rowsSkipped: Number(text(row, 'RowsSkipped', line) || 0),
      unblendedRead: text(row, 'UnblendedCost', line) || '0',
      unblendedSkipped: text(row, 'UnblendedSkipped', line) || '0',
    });
  });
  return controls;
}
