import {
  BUILT_IN_SUPPORT_PLANS, DEFAULT_SETTINGS, invoiceLines, isPeriod, loadCustomers, loadFxRates, loadPriceBook,
  loadSettings, loadSupportPlans, createLineRater, type InvoiceRunConfig, type RatedLine, type Settings,
} from '../engine';
import { formatPrecise, type Decimal } from '../engine/money';
import { RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import type { BillingLine } from '../engine/line';
import { createBillingLinesReader, type BillingLinesReader } from '../engine/lines';
import { cellToText, decimalToCell, describeCell, isBlank, scaledToCell, type CellResult, type CellValue } from './cells';
import { toGrid } from './grid';
import { CHUNK_ROWS, loadTableArgument, throwTableErrors, yieldToExcel } from './adapter';
import { headerFromCells, rowTextFromCells } from './tableArgument';
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
  const out: CellResult[][] = new Array(grid.length);
  out[0] = [...RERATE_HEADER];
  const rowIssues: Issue[] = [];
  // A missing column fails the whole call (once the first chunk is read, as a bad cell there would
  // first); a bad row fails its own row only; a blank row stays blank.
  await forEachLinesRow(grid, (reader, values, row) => {
    const line = values === null ? null : reader.read(values, row + 1, rowIssues);
    if (line !== null) out[row] = rateCells(row + 1, line, rate);
    else if (rowIssues.length > 0) out[row] = errorCells(rowIssues);
    else out[row] = ['', ''];
    rowIssues.length = 0;
  }, (reader) => throwTableErrors(reader.headerIssues));
  return out;
}

/** A bad row's cells: its first error (the one that left it out), in both. */
function errorCells(issues: readonly Issue[]): CellResult[] {
  const error = issues.find((issue) => issue.severity === 'error') ?? issues[0];
  const excel = toExcelError(new RerateError(error.code, error.message, error.source));
  return [excel, excel];
}

/** One line's `Price, Rule` cells (or its error in both). */
function rateCells(line: number, entry: BillingLine, rate: (line: BillingLine) => RatedLine): CellResult[] {
  try {
    const rated = rate(entry);
    if (rated.code !== null) throw new RerateError(rated.code, `lines row ${line}: ${rated.reason ?? ''}.`);
    // A price computed as a scaled integer becomes a number without a Decimal.
    if (rated.priceScale >= 0) return [scaledToCell(rated.priceUnits, rated.priceScale), rated.rule];
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
 * The `lines` argument straight from its cells, row by row through the one BillingLines reader
 * (`createBillingLinesReader`, which `loadBillingLines` uses too): the same lines, issues and
 * messages as `loadBillingLines` over the range as one table, without making that table — no row
 * arrays, no 100,000-row intermediate. `each(reader, values, row)` runs for every data row in order
 * (`row` 0-based in the range, `values` its cells as text — one array reused for every row — or
 * null for a row of blanks). Rows are taken in chunks of `CHUNK_ROWS` with a yield to Excel's
 * runtime before each chunk after the first, so a call over 100,000 lines never blocks it for long;
 * `afterFirst(reader)` runs once the first chunk is read (even with no data rows). An error cell
 * throws as soon as it is reached. `lines` is not put in the table cache: it is the argument that
 * changes between calls, and 16 entries of 100,000 lines (and their keys) would hold gigabytes.
 */
async function forEachLinesRow(
  grid: unknown[][],
  each: (reader: BillingLinesReader, values: readonly string[] | null, row: number) => void,
  afterFirst: (reader: BillingLinesReader) => void = () => undefined,
): Promise<BillingLinesReader> {
  const header = headerFromCells('lines', grid);
  const reader = createBillingLinesReader('lines', header, PRICING_FIELDS);
  const values: string[] = new Array<string>(header.length).fill('');
  for (let start = 1; start === 1 || start < grid.length; start += CHUNK_ROWS) {
    if (start > 1) await yieldToExcel();
    const end = Math.min(grid.length, start + CHUNK_ROWS);
    for (let row = start; row < end; row += 1) {
      each(reader, rowTextFromCells('lines', grid, row, header, reader.readsColumn, values) ? values : null, row);
    }
    if (start === 1) afterFirst(reader);
  }
  return reader;
}

/** The `lines` argument as `loadBillingLines` would load it in one table (the header's issues first). */
async function loadLinesArgument(grid: unknown[][]): Promise<WithIssues<BillingLine[]>> {
  const lines: BillingLine[] = [];
  const issues: Issue[] = [];
  const reader = await forEachLinesRow(grid, (rowReader, values, row) => {
    if (values === null) return;
    const line = rowReader.read(values, row + 1, issues);
    if (line !== null) lines.push(line);
  });
  return { result: lines, issues: [...reader.headerIssues, ...issues] };
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
  const billing = await loadLinesArgument(toGrid(lines));
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
