import { RerateError } from '../engine/issues';
import { MODEL_TABLES, RESULT_SHEETS, type ModelTableName } from '../engine/workbookLayout';
import { buildAccountantWorkbook } from '../workbook/buildAccountantWorkbook';
import { liveInvoiceSheet } from '../workbook/liveInvoice';
import { reconcileSheet, type WalkPlacement } from '../workbook/reconcileSheet';
import type { WorkbookSheet } from '../workbook/workbookModel';
import { columnLetters, parseRangeAddress } from './cellAddress';
import { runWorkbook, type WorkbookRun } from './workbookRun';
import { writeModelSheets, type WriteModelSheetsOptions } from './writeModelSheets';

/** Progress of a result action: which stage, and a fraction where one is known. */
export interface ResultProgress {
  stage: 'reading' | 'pricing' | 'writing' | 'charting' | 'values';
  done: number;
  total: number;
}

export interface ResultOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ResultProgress) => void;
}

/** The requirement set of the native waterfall chart type (`Excel.ChartType.waterfall`). */
export const WATERFALL_API = { set: 'ExcelApi', version: '1.9' } as const;

/** True where Office says the native waterfall chart can be created; false outside Office. */
export function supportsNativeWaterfall(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported(WATERFALL_API.set, WATERFALL_API.version) === true;
  } catch {
    return false;
  }
}

const LIVE_TABLES: readonly ModelTableName[] = ['lines', 'priceBook', 'customers', 'settings', 'fxRates', 'supportPlans'];

/**
 * Rate (PRODUCT.md task pane 3): writes the live `Invoice` sheet — DBR.INVOICE over the model
 * tables by name (src/workbook/liveInvoice.ts) — so editing PriceBook or FxRates reprices at once.
 * Every table the formula names must exist (else BAD_TABLE, nothing written).
 */
export async function rate(context: Excel.RequestContext, options: ResultOptions = {}): Promise<{ sheet: string }> {
  const tables = LIVE_TABLES.map((name) => {
    const table = context.workbook.tables.getItemOrNullObject(MODEL_TABLES[name].table);
    table.load('isNullObject');
    return { name, table };
  });
  await context.sync();
  const missing = tables.filter((t) => t.table.isNullObject).map((t) => MODEL_TABLES[t.name].table);
  if (missing.length > 0) {
    throw new RerateError('BAD_TABLE', `DBR.INVOICE reads ${missing.join(', ')}, which the workbook does not have: import billing files and set up the model first.`);
  }
  options.onProgress?.({ stage: 'writing', done: 0, total: 1 });
  await writeModelSheets(context, [liveInvoiceSheet()], { signal: options.signal, activate: RESULT_SHEETS.invoice });
  options.onProgress?.({ stage: 'writing', done: 1, total: 1 });
  return { sheet: RESULT_SHEETS.invoice };
}

/**
 * Adds one chart per walk beside it on Reconcile: the native waterfall over ChartStep and Change
 * (G:H) where ExcelApi 1.9 is supported; elsewhere a stacked-column waterfall over G:L with the
 * Change series removed and the Base series left without fill, so the changes float (ExcelApi 1.7).
 */
function addWalkCharts(sheet: Excel.Worksheet, walks: readonly WalkPlacement[], native: boolean): void {
  // Charts go right of the chart data: N to U, one walk's rows high (at least 12 rows).
  for (const walk of walks) {
    const rows = walk.lastRow - walk.firstRow + 1;
    const source = sheet.getRange(native ? `G${walk.firstRow}:H${walk.lastRow}` : `G${walk.firstRow}:L${walk.lastRow}`);
    const chart = sheet.charts.add(native ? 'Waterfall' : 'ColumnStacked', source, 'Columns');
    chart.title.text = `${walk.customer} ${walk.period}: from AWS to the invoice`;
    chart.setPosition(`N${walk.firstRow}`, `${columnLetters(20)}${walk.firstRow + Math.max(rows, 12) - 1}`);
    if (!native) {
      chart.series.getItemAt(0).delete();
      // After the delete, Base is the first series.
      chart.series.getItemAt(0).format.fill.clear();
    }
  }
}

/**
 * Reconcile (PRODUCT.md task pane 4): runs the engine over the workbook (`runWorkbook`) and writes
 * `Reconcile` — the variance walk per customer and period, the control totals per imported file
 * (src/workbook/reconcileSheet.ts, the CLI's sheet too) — then a waterfall chart of each walk.
 */
export async function reconcile(context: Excel.RequestContext, options: ResultOptions & { nativeWaterfall?: boolean } = {}): Promise<{ run: WorkbookRun; charts: number; native: boolean }> {
  const run = await readAndRun(context, options);
  const { sheet, walks } = reconcileSheet(run.result.walks, run.controls);
  const native = options.nativeWaterfall ?? supportsNativeWaterfall();
  // The charts go on the staged sheet, so they land with it or not at all.
  await writeSheets(context, [sheet], options, { decorate: (_, staged) => addWalkCharts(staged, walks, native), activate: RESULT_SHEETS.reconcile });
  return { run, charts: walks.length, native };
}

/**
 * Share with accountant (PRODUCT.md task pane 5): the same sheets `rerate invoice --format xlsx`
 * writes, from the same pure module (`buildAccountantWorkbook`) over the engine's run of this
 * workbook — PriceLines, the native-formula Invoice (SUMIFS/ROUND over PriceLines), Reconcile and
 * Audit — replacing the live Invoice; then every other DBR formula in the workbook becomes its
 * value, so the workbook reads the same without the add-in. The model tables stay as they are.
 */
export async function shareWithAccountant(context: Excel.RequestContext, options: ResultOptions & { nativeWaterfall?: boolean } = {}): Promise<{ run: WorkbookRun; sheets: string[]; frozen: number }> {
  const run = await readAndRun(context, options);
  const model = buildAccountantWorkbook(run.result, run.settings, run.controls, run.issues, run.inputs);
  const wanted = new Set<string>([RESULT_SHEETS.priceLines, RESULT_SHEETS.invoice, RESULT_SHEETS.reconcile, RESULT_SHEETS.audit]);
  const sheets = model.sheets.filter((s) => wanted.has(s.name));
  const walks = reconcileSheet(run.result.walks, run.controls).walks;
  const native = options.nativeWaterfall ?? supportsNativeWaterfall();
  // DBR formulas elsewhere are found first and turned into values in the swap batch itself.
  options.onProgress?.({ stage: 'values', done: 0, total: 1 });
  const formulas = await findDbrFormulas(context, [MODEL_TABLES.lines.sheet, ...wanted], options.signal);
  await writeSheets(context, sheets, options, {
    decorate: (model, staged) => { if (model.name === RESULT_SHEETS.reconcile) addWalkCharts(staged, walks, native); },
    inSwap: () => { for (const { range, values } of formulas) range.values = values; },
    activate: RESULT_SHEETS.invoice,
  });
  return { run, sheets: sheets.map((s) => s.name), frozen: formulas.length };
}

async function readAndRun(context: Excel.RequestContext, options: ResultOptions): Promise<WorkbookRun> {
  options.onProgress?.({ stage: 'reading', done: 0, total: 0 });
  const run = await runWorkbook(context, {
    signal: options.signal,
    onProgress: (p) => options.onProgress?.({ stage: 'reading', done: p.rowsRead, total: p.rowsTotal }),
  });
  options.signal?.throwIfAborted();
  return run;
}

function writeSheets(
  context: Excel.RequestContext,
  sheets: readonly WorkbookSheet[],
  options: ResultOptions,
  hooks: Pick<WriteModelSheetsOptions, 'decorate' | 'inSwap' | 'activate'> = {},
) {
  const total = sheets.reduce((sum, s) => sum + s.rows.length, 0);
  let before = 0;
  let current = '';
  return writeModelSheets(context, sheets, {
    ...hooks,
    signal: options.signal,
    onProgress: (p) => {
      if (p.sheet !== current) {
        before += current === '' ? 0 : sheets.find((s) => s.name === current)?.rows.length ?? 0;
        current = p.sheet;
      }
      options.onProgress?.({ stage: 'writing', done: before + p.rowsWritten, total });
    },
  });
}

/** Cells read per sync when looking for DBR formulas. */
const SCAN_CELLS = 200_000;

/** A cell holding a DBR formula: where, the formula, and what it shows. */
export interface DbrCell {
  sheet: Excel.Worksheet;
  row: number;
  column: number;
  formula: string;
  value: unknown;
}

/**
 * Every cell holding a DBR formula outside the `skip` sheets (and the staging `~` sheets): each
 * sheet's used range is read in chunks of rows, formulas and values.
 */
export async function scanDbrCells(context: Excel.RequestContext, skip: readonly string[], signal?: AbortSignal): Promise<DbrCell[]> {
  const list = context.workbook.worksheets.load('items/name');
  await context.sync();
  const skipped = new Set(skip.map((s) => s.toLowerCase()));
  const found: DbrCell[] = [];
  for (const sheet of list.items) {
    if (skipped.has(sheet.name.toLowerCase()) || sheet.name.startsWith('~')) continue;
    const used = sheet.getUsedRangeOrNullObject(true).load('isNullObject, rowCount, columnCount, address');
    await context.sync();
    if (used.isNullObject) continue;
    const top = parseRangeAddress(used.address);
    const step = Math.max(1, Math.floor(SCAN_CELLS / Math.max(used.columnCount, 1)));
    for (let start = 0; start < used.rowCount; start += step) {
      signal?.throwIfAborted();
      const part = sheet.getRangeByIndexes(top.row + start, top.column, Math.min(step, used.rowCount - start), used.columnCount).load('formulas, values');
      await context.sync();
      part.formulas.forEach((row, r) => row.forEach((formula, c) => {
        if (typeof formula === 'string' && /^=\s*DBR\./i.test(formula)) {
          found.push({ sheet, row: top.row + start + r, column: top.column + c, formula, value: part.values[r][c] });
        }
      }));
    }
  }
  return found;
}

/**
 * Every DBR formula outside the `skip` sheets, with the range its result fills (its spill, or the
 * cell itself) and those values: setting `range.values = values` turns it into its value.
 */
export async function findDbrFormulas(context: Excel.RequestContext, skip: readonly string[], signal?: AbortSignal): Promise<{ range: Excel.Range; values: unknown[][] }[]> {
  const cells = await scanDbrCells(context, skip, signal);
  if (cells.length === 0) return [];
  const anchors = cells.map(({ sheet, row, column }) => {
    const cell = sheet.getRangeByIndexes(row, column, 1, 1).load('values');
    return { cell, spill: cell.getSpillingToRangeOrNullObject().load('isNullObject, values') };
  });
  await context.sync();
  return anchors.map(({ cell, spill }) => (spill.isNullObject ? { range: cell, values: cell.values } : { range: spill, values: spill.values }));
}

/**
 * "Re-enter formulas": a DBR formula entered before the add-in had registered its functions shows
 * `#NAME?` until it is entered again. Every such cell (outside Lines) gets its own formula set
 * again, in one batch; returns how many.
 */
export async function reenterDbrFormulas(context: Excel.RequestContext, signal?: AbortSignal): Promise<number> {
  const stuck = (await scanDbrCells(context, [MODEL_TABLES.lines.sheet], signal)).filter((cell) => {
    const value = cell.value as unknown;
    return value === '#NAME?' || (typeof value === 'object' && value !== null && (value as { code?: unknown }).code === '#NAME?');
  });
  signal?.throwIfAborted();
  for (const cell of stuck) cell.sheet.getRangeByIndexes(cell.row, cell.column, 1, 1).formulas = [[cell.formula]];
  if (stuck.length > 0) await context.sync();
  return stuck.length;
}
