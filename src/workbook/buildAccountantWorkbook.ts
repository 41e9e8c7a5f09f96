import { formatDecimal, minorUnits, type Decimal } from '../engine/money';
import type { Issue } from '../engine/issues';
import { settingRows, type Settings } from '../engine/settings';
import type { TableRows } from '../engine/table';
import type { SupportPlanTable } from '../engine/support/supportPlans';
import { supportPlanRows } from '../engine/support/loadSupportPlans';
import { MODEL_TABLES, RESULT_SHEETS, SUPPORT_PLANS_COLUMNS } from '../engine/workbookLayout';
import type { ControlRow } from '../engine/json/invoiceRunToJson';
import type { DrillRow, InvoiceRunConfig, InvoiceRunResult } from '../engine/invoice/invoiceTypes';
import type { ConfigTables } from '../engine/inMemory/configFromTables';
import type { Cell, WorkbookModel, WorkbookSheet } from './workbookModel';
import { roundFormula } from './roundFormula';
import { reconcileSheet } from './reconcileSheet';
import { sanitizeWorkbookText, xmlForbiddenIssue } from './xmlText';

/** The input tables to copy into the workbook as text, when the run had them (FX rates and support plans go under Settings). */
export interface WorkbookInputs {
  priceBook?: TableRows | null;
  customers?: TableRows | null;
  fxRates?: TableRows | null;
  supportPlans?: SupportPlanTable | null;
}

/**
 * The inputs of a run to copy into the workbook: its tables as read, with the support plans as the
 * config loaded them (the built-in plans when the run had no table) — the one place both the CLI
 * (`runInvoices`) and the task pane (`runWorkbook`) derive them, so neither loads a table twice.
 */
export function workbookInputs(tables: ConfigTables, config: Pick<InvoiceRunConfig, 'supportPlans'>): WorkbookInputs {
  return { priceBook: tables.priceBook, customers: tables.customers, fxRates: tables.fxRates, supportPlans: config.supportPlans };
}

const LINES_HEADERS = [
  'Customer', 'Period', 'Currency', 'Category', 'Account', 'Source', 'Rule', 'Method', 'Lines', 'Cost',
  'SourceCurrency', 'PriceSource', 'FxRate', 'Price', 'PriceExact', 'InvoiceLine',
] as const;
/** Columns of `PriceLines` the Invoice formulas read: N Price, P InvoiceLine. */
const LINES_PRICE = 'N';
const LINES_KEY = 'P';
/** The sheet names of the workbook model (src/engine/workbookLayout.ts); no name needs quoting in a formula. */
const LINES_SHEET = RESULT_SHEETS.priceLines;

/**
 * The accountant's workbook (PRODUCT.md "Share with accountant"): values only, plus native formulas
 * that re-derive every invoice line from the `PriceLines` values, so it ties out without the add-in.
 * Worked example, one USD line of 1.2345 priced into two contributions 1.0000 + 0.2345:
 *   PriceLines row 2 … Price 1      InvoiceLine 1
 *            row 3  … Price 0.2345 InvoiceLine 1
 *   Invoice  row 2  InvoiceLine 1 … Price =SUMIFS(PriceLines!$N:$N,PriceLines!$P:$P,A2) → 1.2345
 *                                   Amount =ROUND(G2,2) → 1.23
 *            then Total =ROUND(SUM(H2:H2),2), PreciseTotal =SUM(G2:G2), Residual =ROUND(H3-ROUND(G4,2),2).
 * PriceLines rows are matched to invoice lines by a number (InvoiceLine), never by text: SUMIFS would read
 * `*`, `?`, `~`, `<`, `>` or `=` in an untrusted category as a pattern and compare case-blind.
 * Text an xlsx cannot hold (XML-forbidden characters, `xmlText.ts`) is replaced with U+FFFD in every
 * sheet; then one BAD_VALUE warning with the count is added to `issues` (so the run reports it)
 * and to the Audit sheet.
 */
export function buildAccountantWorkbook(
  result: InvoiceRunResult,
  settings: Settings,
  controls: readonly ControlRow[],
  issues: Issue[],
  inputs: WorkbookInputs = {},
): WorkbookModel {
  const lineKeys = new Map<string, number>();
  result.invoices.forEach((invoice) => {
    for (const line of invoice.lines) {
      lineKeys.set(drillKey(invoice.customer, invoice.period, line.category, line.account), lineKeys.size + 1);
    }
  });

  const sheets: WorkbookSheet[] = [linesSheet(result.drill, lineKeys)];
  if (inputs.priceBook) sheets.push(tableSheet(MODEL_TABLES.priceBook.sheet, inputs.priceBook));
  if (inputs.customers) sheets.push(tableSheet(MODEL_TABLES.customers.sheet, inputs.customers));
  const audit = auditSheet(result, controls, issues);
  sheets.push(settingsSheet(settings, inputs), invoiceSheet(result, settings, lineKeys), reconcileSheet(result.walks, controls).sheet, audit);
  const model = { sheets };
  const replaced = sanitizeWorkbookText(model);
  if (replaced > 0) {
    const warning = xmlForbiddenIssue(replaced);
    issues.push(warning);
    audit.rows.push(issueRow(warning));
  }
  return model;
}

function drillKey(customer: string, period: string, category: string, account: string | null): string {
  return [customer, period, category, account ?? ''].join('\u0001');
}

function num(value: Decimal | number, numFmt?: string): Cell {
  const number = typeof value === 'number' ? String(value) : formatDecimal(value);
  return numFmt === undefined ? { number } : { number, numFmt };
}

function amountFormat(currency: string): string {
  const d = minorUnits(currency);
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

function linesSheet(drill: readonly DrillRow[], lineKeys: ReadonlyMap<string, number>): WorkbookSheet {
  return {
    name: LINES_SHEET,
    columns: LINES_HEADERS.map((header) => ({ header, width: header === 'Rule' || header === 'Category' ? 28 : 14 })),
    rows: drill.map((d) => [
      d.customer, d.period, d.currency, d.category, d.account, d.source, d.rule, d.method, num(d.lines),
      num(d.cost), d.sourceCurrency, num(d.priceSource), num(d.fxRate), num(d.price), formatDecimal(d.price),
      num(lineKeys.get(drillKey(d.customer, d.period, d.category, d.account)) ?? 0),
    ]),
  };
}

function tableSheet(name: string, table: TableRows): WorkbookSheet {
  return {
    name,
    columns: table.header.map((header) => ({ header, width: 16 })),
    rows: table.rows.map((row) => table.header.map((_, i) => row.values[i] ?? '')),
  };
}

/** Zero-based column of a layout position such as `D1`. */
function columnOf(at: string): number {
  let column = 0;
  for (const letter of /^[A-Z]+/.exec(at)?.[0] ?? 'A') column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

/**
 * `Settings` laid out as the task pane lays it out (MODEL_TABLES: Settings at A1, FxRates at D1,
 * SupportPlans at I1, side by side), so `rerate --workbook` and the add-in read the run's tables
 * back from the same places: the settings the run used, the FX rates as given (header only when
 * none were), and the support plans used — the built-in ones when none were given.
 */
function settingsSheet(settings: Settings, inputs: WorkbookInputs): WorkbookSheet {
  const blocks: { at: number; header: readonly string[]; rows: Cell[][] }[] = [
    { at: columnOf(MODEL_TABLES.settings.at), header: MODEL_TABLES.settings.columns, rows: settingRows(settings) },
    {
      at: columnOf(MODEL_TABLES.fxRates.at),
      header: inputs.fxRates?.header ?? MODEL_TABLES.fxRates.columns,
      rows: inputs.fxRates ? inputs.fxRates.rows.map((row) => inputs.fxRates!.header.map((_, i) => row.values[i] ?? '')) : [],
    },
  ];
  if (inputs.supportPlans) blocks.push({ at: columnOf(MODEL_TABLES.supportPlans.at), header: SUPPORT_PLANS_COLUMNS, rows: supportPlanRows(inputs.supportPlans) });
  const width = Math.max(...blocks.map((b) => b.at + b.header.length));
  const headers: string[] = new Array<string>(width).fill('');
  for (const b of blocks) b.header.forEach((h, c) => { headers[b.at + c] = h; });
  const height = Math.max(...blocks.map((b) => b.rows.length));
  const rows: Cell[][] = Array.from({ length: height }, () => new Array<Cell>(width).fill(null));
  for (const b of blocks) b.rows.forEach((row, r) => row.forEach((cell, c) => { rows[r][b.at + c] = cell; }));
  for (const row of rows) while (row.length > 0 && row[row.length - 1] === null) row.pop();
  return {
    name: MODEL_TABLES.settings.sheet,
    columns: headers.map((header) => ({ header, width: header === '' ? 3 : header === 'Tiers' ? 28 : 14 })),
    rows,
  };
}

/**
 * One block per invoice: its lines (Price = SUMIFS over PriceLines, Amount = the rounding formula), then
 * Total (Σ amounts), PreciseTotal (Σ prices) and Residual (Total − round(PreciseTotal)), then a
 * blank row. Labels of the summary rows go in the Category column, with InvoiceLine empty.
 */
function invoiceSheet(result: InvoiceRunResult, settings: Settings, lineKeys: ReadonlyMap<string, number>): WorkbookSheet {
  const rows: Cell[][] = [];
  const rowNumber = () => rows.length + 2;
  for (const invoice of result.invoices) {
    const d = minorUnits(invoice.currency);
    const fmt = amountFormat(invoice.currency);
    const first = rowNumber();
    for (const line of invoice.lines) {
      const r = rowNumber();
      const key = lineKeys.get(drillKey(invoice.customer, invoice.period, line.category, line.account)) as number;
      rows.push([
        num(key), invoice.customer, invoice.period, invoice.currency, line.category, line.account,
        { formula: `SUMIFS(${LINES_SHEET}!$${LINES_PRICE}:$${LINES_PRICE},${LINES_SHEET}!$${LINES_KEY}:$${LINES_KEY},A${r})` },
        { formula: roundFormula(`G${r}`, d, settings.rounding), numFmt: fmt },
      ]);
    }
    const last = rowNumber() - 1;
    const total = rowNumber();
    const sum = (col: string) => (last >= first ? `SUM(${col}${first}:${col}${last})` : '0');
    // Σ and − of amounts already at the minor unit are exact in decimal but not in binary
    // (0.1 + 0.2): ROUND(…, d) changes nothing but that noise (−0.00999999999999091 → −0.01).
    rows.push([null, invoice.customer, invoice.period, invoice.currency, 'Total', null, null, { formula: `ROUND(${sum('H')},${d})`, numFmt: fmt }]);
    const precise = rowNumber();
    rows.push([null, invoice.customer, invoice.period, invoice.currency, 'PreciseTotal', null, { formula: sum('G') }, null]);
    rows.push([null, invoice.customer, invoice.period, invoice.currency, 'Residual', null, null,
      { formula: `ROUND(H${total}-${roundFormula(`G${precise}`, d, settings.rounding)},${d})`, numFmt: fmt }]);
    rows.push([]);
  }
  return {
    name: RESULT_SHEETS.invoice,
    columns: [
      { header: 'InvoiceLine', width: 11 }, { header: 'Customer', width: 20 }, { header: 'Period', width: 9 },
      { header: 'Currency', width: 9 }, { header: 'Category', width: 32 }, { header: 'Account', width: 14 },
      { header: 'Price', width: 18 }, { header: 'Amount', width: 14 },
    ],
    rows,
  };
}

/** One row of the Audit sheet's issues block: Code, Severity, Message, Source, Count. */
function issueRow(i: Issue): Cell[] {
  const source = i.source ? `${i.source.file ?? ''}${i.source.line === undefined ? '' : `:${i.source.line}`}${i.source.column ? ` ${i.source.column}` : ''}` : null;
  return [i.code, i.severity, i.message, source, num(i.count ?? 1)];
}

/** Blocks one under another, each with its own header row of text: rule hits, controls, carried credits, issues. */
function auditSheet(result: InvoiceRunResult, controls: readonly ControlRow[], issues: readonly Issue[]): WorkbookSheet {
  const rows: Cell[][] = result.ruleHits.map((h) => [h.rule, h.method, h.line === null ? null : num(h.line), num(h.lines), num(h.cost), num(h.price)]);
  rows.push([], ['File', 'Format', 'RowsRead', 'RowsRated', 'RowsSkipped', 'UnblendedRead', 'UnblendedAccounted']);
  for (const c of controls) {
    rows.push([c.file, c.format, num(c.rowsRead), num(c.rowsRated), num(c.rowsSkipped), { number: c.unblendedRead }, { number: c.unblendedAccounted }]);
  }
  rows.push([], ['CarriedCustomer', 'FromPeriod', 'ToPeriod', 'Category', 'Amount', 'Currency']);
  for (const c of result.carriedCredits) rows.push([c.customer, c.fromPeriod, c.toPeriod, c.category, num(c.amount), c.currency]);
  rows.push([], ['Code', 'Severity', 'Message', 'Source', 'Count']);
  for (const i of issues) rows.push(issueRow(i));
  return {
    name: RESULT_SHEETS.audit,
    columns: ['Rule', 'Method', 'PriceBookRow', 'Lines', 'Cost', 'Price', ''].map((header) => ({ header, width: header === 'Rule' ? 28 : 16 })),
    rows,
  };
}
