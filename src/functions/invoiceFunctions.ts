import {
  BUILT_IN_SUPPORT_PLANS, DEFAULT_SETTINGS, invoiceLines, isPeriod, loadCustomers, loadFxRates, loadPriceBook,
  loadSettings, loadSupportPlans, createLineRater, type InvoiceRunConfig, type RatedLine, type Settings,
} from '../engine';
import { formatPrecise, type Decimal } from '../engine/money';
import { RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import type { BillingLine } from '../engine/line';
import { loadBillingLines } from '../engine/lines/billingLinesTable';
import { cellToText, decimalToCell, describeCell, isBlank, type CellResult, type CellValue } from './cells';
import { toGrid } from './grid';
import { CHUNK_ROWS, loadTableArgument, throwTableErrors, yieldToExcel } from './adapter';
import { tableRowsFromCellRange } from './tableArgument';
import { toExcelError } from './toExcelError';

/**
 * DBR.RERATE and DBR.INVOICE: table arguments in (by header name, through the engine's loaders and
 * the content cache of adapter.ts), one engine call (`rateLine` per line, `invoiceLines` for the
 * run `rerate invoice` makes), cells out.
 */

/** DBR.INVOICE's header row (PRODUCT.md "Custom functions"). */
export const INVOICE_HEADER = ['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount'] as const;

/** DBR.RERATE's header row: the price in the invoice currency, and the rule (or why no price). */
export const RERATE_HEADER = ['Price', 'Rule'] as const;

/** An optional table argument: omitted (or a single blank cell) is null. */
function isOmitted(value: CellValue): boolean {
  const grid = toGrid(value);
  return grid.every((cells) => cells.every(isBlank));
}

type Loader<T> = (rows: TableRows) => { result: T; issues: Issue[] };

/** Issues that mean the argument is not a table of its kind at all: the whole call fails on them. */
const STRUCTURAL: ReadonlySet<string> = new Set(['MISSING_COLUMN', 'BAD_TABLE']);

/**
 * A table argument through its engine loader (cached by content). With `issues` null (DBR.RERATE,
 * which has no place to show them) any error fails the call; otherwise, as in `rerate invoice`, only
 * a structural error does and every other issue — a bad row left out included — goes to `issues`
 * (DBR.INVOICE shows them as rows, the CLI prints them and exits 1).
 */
function table<T>(kind: string, cells: unknown, load: Loader<T>, issues: Issue[] | null): T {
  const { loaded } = loadTableArgument(kind, kind, toGrid(cells), load);
  if (issues === null) {
    throwTableErrors(loaded.issues);
  } else {
    throwTableErrors(loaded.issues.filter((issue) => STRUCTURAL.has(issue.code)));
    issues.push(...loaded.issues);
  }
  return loaded.result;
}

function optionalTable<T>(kind: string, cells: unknown, load: Loader<T>, issues: Issue[] | null): T | null {
  return isOmitted(cells) ? null : table(kind, cells, load, issues);
}

/**
 * The invoice config from the table arguments: the loaders of the CLI's `configFromTables` (one
 * validation for both faces), each table through the content cache.
 */
function configOf(
  priceBook: unknown, customers: unknown, settings: unknown, fxRates: unknown, supportPlans: unknown, warnings: Issue[] | null,
): InvoiceRunConfig {
  const layers = optionalTable('settings', settings, loadSettings, warnings);
  const merged: Settings = { ...DEFAULT_SETTINGS, ...layers };
  return {
    priceBook: optionalTable('priceBook', priceBook, loadPriceBook, warnings),
    customers: optionalTable('customers', customers, loadCustomers, warnings),
    fxRates: optionalTable('fxRates', fxRates, loadFxRates, warnings),
    supportPlans: optionalTable('supportPlans', supportPlans, loadSupportPlans, warnings) ?? BUILT_IN_SUPPORT_PLANS,
    settings: merged,
  };
}

/**
 * DBR.RERATE: one output row per row of `lines` — the header row `Price, Rule`, then per line its
 * precise price in the invoice currency (a number) and the rule that priced it; a line with no price
 * shows a blank price and why (`excluded by rule drop`, `replaced by the support plan charge`…).
 * A bad row of `lines` is `#VALUE!` in its own row only; a missing FX rate `#N/A` in its row.
 */
export async function rerateCells(lines: unknown, priceBook: unknown, customers: unknown, period: unknown): Promise<CellResult[][]> {
  const config = configOf(priceBook, customers, null, null, null, null);
  if (config.priceBook === null) throw new RerateError('BAD_VALUE', 'priceBook is empty; give the price book table with its header row.');
  const periodText = cellToText(period, 'period', '');
  if (periodText !== '' && !isPeriod(periodText)) throw new RerateError('BAD_VALUE', `period is ${describeCell(period)}, not a billing month YYYY-MM.`);
  const ratePeriod = periodText === '' ? null : periodText;
  const grid = toGrid(lines);
  const rate = createLineRater(config, ratePeriod);
  const out: CellResult[][] = grid.map(() => ['', '']);
  out[0] = [...RERATE_HEADER];
  await forEachLinesChunk(grid, (rows, loaded, first) => {
    // A missing column fails the whole call (the header's issues come with every chunk); a bad row
    // fails its own row only.
    if (first) throwTableErrors(loaded.issues.filter((issue) => issue.code === 'MISSING_COLUMN' || issue.source?.line === 1));
    for (const [line, entry] of linesByRow(rows, loaded.result, loaded.issues)) {
      out[line - 1] = rateCells(line, entry, rate);
    }
  });
  return out;
}

/** One line's `Price, Rule` cells (or its error in both). */
function rateCells(line: number, entry: BillingLine | RerateError, rate: (line: BillingLine) => RatedLine): CellResult[] {
  if (entry instanceof RerateError) {
    const excel = toExcelError(entry);
    return [excel, excel];
  }
  try {
    const rated = rate(entry);
    if (rated.code !== null) throw new RerateError(rated.code, `lines row ${line}: ${rated.reason ?? ''}.`);
    return rated.price === null ? ['', rated.reason ?? ''] : [decimalToCell(rated.price), rated.rule];
  } catch (error) {
    const excel = toExcelError(error);
    return [excel, excel];
  }
}

/**
 * Both functions read `lines` as `rerate invoice` reads billing files: only the columns pricing
 * reads (descriptive ones — tags, description, resource id … — are neither parsed nor checked).
 */
const PRICING_FIELDS = { pricingFieldsOnly: true } as const;

/**
 * The `lines` argument through `loadBillingLines` in chunks of `CHUNK_ROWS` grid rows, with a yield
 * to Excel's runtime before each chunk after the first, so a call over 100,000 lines never blocks it
 * for long and only one chunk's rows are held at a time. Each chunk is a table with the grid's header
 * (row numbers those of the range), so it gets the same lines and row issues as in one table; the
 * header's own issues come with every chunk (`first` marks the first). `lines` is not put in the
 * table cache: it is the argument that changes between calls, and 16 entries of 100,000 lines (and
 * their keys) would hold gigabytes.
 */
async function forEachLinesChunk(
  grid: unknown[][], each: (rows: TableRows, loaded: WithIssues<BillingLine[]>, first: boolean) => void,
): Promise<void> {
  for (let start = 1; start === 1 || start < grid.length; start += CHUNK_ROWS) {
    if (start > 1) await yieldToExcel();
    const rows = tableRowsFromCellRange('lines', grid, start, start + CHUNK_ROWS);
    each(rows, loadBillingLines(rows, PRICING_FIELDS), start === 1);
  }
}

/** The `lines` argument as `loadBillingLines` would load it in one table, read chunk by chunk. */
async function loadLinesInChunks(grid: unknown[][]): Promise<WithIssues<BillingLine[]>> {
  const lines: BillingLine[] = [];
  const issues: Issue[] = [];
  // The header's issues (requireColumns) lead every chunk's list: keep them once.
  const headerIssues = loadBillingLines(tableRowsFromCellRange('lines', grid, 1, 1), PRICING_FIELDS).issues.length;
  await forEachLinesChunk(grid, (_, loaded, first) => {
    for (const line of loaded.result) lines.push(line);
    for (const issue of first ? loaded.issues : loaded.issues.slice(headerIssues)) issues.push(issue);
  });
  return { result: lines, issues };
}

/**
 * Each data row of `rows` (by its row number in the range) with its line or the error that left it
 * out. `loadBillingLines` keeps the order of the rows it loads, so with no row left out (the usual
 * case) lines and rows pair up in order; otherwise each row is loaded on its own.
 */
function linesByRow(rows: TableRows, lines: BillingLine[], issues: Issue[]): Map<number, BillingLine | RerateError> {
  const result = new Map<number, BillingLine | RerateError>();
  if (issues.length === 0 && lines.length === rows.rows.length) {
    rows.rows.forEach((row, i) => result.set(row.line, lines[i]));
    return result;
  }
  for (const row of rows.rows) {
    const one = loadBillingLines({ ...rows, rows: [row] }, PRICING_FIELDS);
    const error = one.issues.find((issue) => issue.severity === 'error');
    if (error) result.set(row.line, new RerateError(error.code, error.message, error.source));
    else if (one.result.length === 1) result.set(row.line, one.result[0]);
  }
  return result;
}

/**
 * DBR.INVOICE: PRODUCT.md's layout — the header `Customer, Period, Currency, Category, Account, Cost,
 * Price, Amount`; per invoice (in the JSON contract's order) its lines, a `Total` row (Price the
 * precise total, Amount the total) and a `Residual` row (Amount the residual); then one row per issue
 * of the tables and the run (Customer `Issue`, Period the severity, Category `CODE: message`). With
 * `precise` TRUE, Cost and Price are exact text. As in `rerate invoice`, a bad row of a table (of
 * `lines` too) is left out and shown as an error issue row (the CLI prints it and exits 1); a table
 * without its required columns, or an error cell in any argument, fails the whole call (#VALUE!).
 */
export async function invoiceCells(
  lines: unknown, priceBook: unknown, customers: unknown, settings: unknown, fxRates: unknown, supportPlans: unknown, precise: unknown,
): Promise<CellResult[][]> {
  const warnings: Issue[] = [];
  const config = configOf(priceBook, customers, settings, fxRates, supportPlans, warnings);
  const exact = preciseFlag(precise);
  const billing = await loadLinesInChunks(toGrid(lines));
  throwTableErrors(billing.issues.filter((issue) => STRUCTURAL.has(issue.code)));
  warnings.push(...billing.issues);
  await yieldToExcel();
  const { result } = invoiceLines(billing.result, config);
  const figure = (value: Decimal): CellResult => (exact ? formatPrecise(value) : decimalToCell(value));
  const out: CellResult[][] = [[...INVOICE_HEADER]];
  for (const invoice of result.invoices) {
    const head = [invoice.customer, invoice.period, invoice.currency];
    for (const line of invoice.lines) {
      out.push([...head, line.category, line.account ?? '', figure(line.cost), figure(line.price), decimalToCell(line.amount)]);
    }
    out.push([...head, 'Total', '', '', figure(invoice.preciseTotal), decimalToCell(invoice.total)]);
    out.push([...head, 'Residual', '', '', '', decimalToCell(invoice.residual)]);
  }
  for (const issue of [...warnings, ...result.issues]) {
    out.push(['Issue', issue.severity, '', `${issue.code}: ${issue.message}`, '', '', '', '']);
  }
  return out;
}

function preciseFlag(value: unknown): boolean {
  const cell = toGrid(value)[0]?.[0];
  if (isBlank(cell) || cell === false) return false;
  if (cell === true) return true;
  if (typeof cell === 'string' && /^(true|false)$/i.test(cell.trim())) return cell.trim().toLowerCase() === 'true';
  throw new RerateError('BAD_VALUE', `precise is ${describeCell(cell)}, not TRUE or FALSE.`);
}
