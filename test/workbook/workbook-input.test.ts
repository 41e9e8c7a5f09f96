/**
 * `rerate invoice|reconcile --workbook F.xlsx`: the tables come from a workbook — the accountant's
 * workbook written by `--format xlsx` (round trip), or one holding real Excel tables as the add-in
 * builds them — and the run equals the same run from the CSV tables.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { main } from '../../src/cli/main';
import { readWorkbookTables } from '../../src/cli/readWorkbookTables';
import { captureIo } from '../helpers/captureIo';

const ROOT = path.resolve(__dirname, '..', '..');
const DEMO = path.join(ROOT, 'samples', 'demo');
const LINES = path.join(DEMO, 'cur-2023-10-11.csv');
const CSV_TABLES = ['--pricebook', path.join(DEMO, 'pricebook.csv'), '--customers', path.join(DEMO, 'customers.csv'), '--fx', path.join(DEMO, 'fx.csv')];

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-workbook-input-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

interface InvoiceJson { invoices: unknown[]; carriedCredits: unknown[]; issues: { code: string; severity: string; message: string }[] }

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(dir);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

async function invoiceJson(args: string[]): Promise<InvoiceJson> {
  const { code, out } = await run(['invoice', LINES, ...args, '--format', 'json']);
  const json = JSON.parse(out) as InvoiceJson;
  expect({ code, errors: json.issues.filter((i) => i.severity !== 'info') }).toEqual({ code: 0, errors: [] });
  return json;
}

function csvCells(file: string): string[][] {
  return fs.readFileSync(path.join(DEMO, file), 'utf8').trim().split('\n').map((line) => line.split(','));
}

/** The demo's tables as real Excel tables (ListObjects), typed as a user would: a period as a date, an account as a number. */
async function writeHandMadeWorkbook(file: string, options: { withPriceBook: boolean }): Promise<void> {
  const workbook = new Workbook();
  if (options.withPriceBook) {
    const [header, ...rows] = csvCells('pricebook.csv');
    workbook.addWorksheet('PriceBook').addTable({ name: 'PriceBook', ref: 'A1', columns: header.map((name) => ({ name })), rows });
  }
  const [customerHeader, ...customers] = csvCells('customers.csv');
  const typed = customers.map((row) => row.map((value, i) => (i === 1 && value === '210987654321' ? 210987654321 : value)));
  workbook.addWorksheet('Customers').addTable({ name: 'Customers', ref: 'B3', columns: customerHeader.map((name) => ({ name })), rows: typed });
  const settings = workbook.addWorksheet('Settings');
  settings.addTable({ name: 'Settings', ref: 'A1', columns: [{ name: 'Setting' }, { name: 'Value' }], rows: [['rounding', 'half-up'], ['credits', 'next-period']] });
  const fx = csvCells('fx.csv').slice(1).map(([period, from, to, rate]) => {
    const [year, month] = period.split('-').map(Number);
    return [period === '2023-10' ? new Date(Date.UTC(year, month - 1, 1)) : period, from, to, Number(rate)];
  });
  settings.addTable({ name: 'FxRates', ref: 'D1', columns: ['Period', 'From', 'To', 'Rate'].map((name) => ({ name })), rows: fx });
  await workbook.xlsx.writeFile(file);
}

describe('rerate invoice --workbook', () => {
  test('invoice demo --format xlsx, then invoice demo --workbook W.xlsx gives the same invoices and carried credits as the CSV tables', async () => {
    const written = await run(['invoice', LINES, ...CSV_TABLES, '--format', 'xlsx', '--out', 'W.xlsx']);
    expect(written.code).toBe(0);
    const fromCsv = await invoiceJson(CSV_TABLES);
    const fromWorkbook = await invoiceJson(['--workbook', 'W.xlsx']);
    expect(fromCsv.invoices.length).toBeGreaterThan(3);
    expect(fromCsv.carriedCredits.length).toBeGreaterThan(0);
    expect(fromWorkbook.invoices).toEqual(fromCsv.invoices);
    expect(fromWorkbook.carriedCredits).toEqual(fromCsv.carriedCredits);
  });

  test('readWorkbookTables(W.xlsx) finds the Settings, FxRates and SupportPlans tables side by side on the exported Settings sheet', async () => {
    const { result, issues } = await readWorkbookTables(path.join(dir, 'W.xlsx'));
    expect(issues).toEqual([]);
    expect(result.settings).toMatchObject({ source: 'W.xlsx!Settings', header: ['Setting', 'Value'] });
    expect(result.settings?.rows.map((r) => r.values)).toEqual([
      ['currency', 'USD'], ['rounding', 'half-up'], ['credits', 'next-period'], ['tax', 'exclude'],
      ['commitments', 'as-billed'], ['grain', 'service'], ['period', ''],
    ]);
    expect(result.fxRates?.header).toEqual(['Period', 'From', 'To', 'Rate']);
    expect(result.fxRates?.rows[0]).toEqual({ line: 2, values: ['2023-10', 'USD', 'GBP', '0.8213'] });
    expect(result.fxRates?.rows).toHaveLength(4);
    expect(result.supportPlans?.rows.map((r) => r.values)).toEqual([
      ['developer', '29', '0:0.03', 'account'],
      ['business', '100', '0:0.1, 10000:0.07, 80000:0.05, 250000:0.03', 'account'],
      ['enterprise-on-ramp', '5500', '0:0.1', 'customer'],
      ['enterprise', '15000', '0:0.1, 150000:0.07, 500000:0.05, 1000000:0.03', 'customer'],
    ]);
    expect(result.customers?.rows[0]).toEqual({ line: 2, values: ['Acme Ltd', '000123456789', 'business', 'GBP'] });
  });

  test('readWorkbookTables(hand.xlsx) reads Excel tables by name: a date Period as YYYY-MM, a number account as its digits, rows by sheet row', async () => {
    const file = path.join(dir, 'hand.xlsx');
    await writeHandMadeWorkbook(file, { withPriceBook: true });
    const { result, issues } = await readWorkbookTables(file);
    expect(issues).toEqual([]);
    expect(result.fxRates?.source).toBe('hand.xlsx!FxRates');
    expect(result.fxRates?.rows.map((r) => [r.line, ...r.values])).toEqual([
      [2, '2023-10', 'USD', 'GBP', '0.8213'], [3, '2023-10', 'USD', 'EUR', '0.9456'],
      [4, '2023-11', 'USD', 'GBP', '0.8047'], [5, '2023-11', 'USD', 'EUR', '0.9302'],
    ]);
    expect(result.customers?.source).toBe('hand.xlsx!Customers');
    expect(result.customers?.header).toEqual(['Customer', 'Account', 'SupportPlan', 'Currency']);
    expect(result.customers?.rows[1]).toEqual({ line: 5, values: ['Acme Ltd', '210987654321', '', 'GBP'] });
    expect(result.supportPlans).toBeUndefined();
  });

  test('invoice demo --workbook hand.xlsx (Excel tables, typed cells, built-in support plans) equals the CSV run', async () => {
    await writeHandMadeWorkbook(path.join(dir, 'hand.xlsx'), { withPriceBook: true });
    const fromCsv = await invoiceJson(CSV_TABLES);
    const fromWorkbook = await invoiceJson(['--workbook', 'hand.xlsx']);
    expect(fromWorkbook.invoices).toEqual(fromCsv.invoices);
    expect(fromWorkbook.carriedCredits).toEqual(fromCsv.carriedCredits);
  });

  test('invoice --workbook nope.xlsx exits 1 with UNREADABLE_FILE naming the workbook', async () => {
    const { code, out, err } = await run(['invoice', LINES, '--workbook', 'nope.xlsx']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('UNREADABLE_FILE Workbook nope.xlsx does not exist.\n');
  });

  test('invoice --workbook without a PriceBook sheet exits 1 with BAD_TABLE naming the sheet; an explicit --pricebook fills the gap', async () => {
    await writeHandMadeWorkbook(path.join(dir, 'no-pricebook.xlsx'), { withPriceBook: false });
    const missing = await run(['invoice', LINES, '--workbook', 'no-pricebook.xlsx']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('BAD_TABLE Workbook no-pricebook.xlsx has no Excel table PriceBook and no sheet PriceBook.\n');
    const fromCsv = await invoiceJson(CSV_TABLES);
    const mixed = await invoiceJson(['--workbook', 'no-pricebook.xlsx', '--pricebook', path.join(DEMO, 'pricebook.csv')]);
    expect(mixed.invoices).toEqual(fromCsv.invoices);
  });

  test('the workbook Settings act like --settings (credits same-period round-trips) and a flag still overrides them', async () => {
    expect((await run(['invoice', LINES, ...CSV_TABLES, '--credits', 'same-period', '--format', 'xlsx', '--out', 'same.xlsx'])).code).toBe(0);
    const sameCsv = await invoiceJson([...CSV_TABLES, '--credits', 'same-period']);
    const nextCsv = await invoiceJson(CSV_TABLES);
    expect(sameCsv.carriedCredits).toEqual([]);
    expect(nextCsv.carriedCredits).not.toEqual([]);
    const sameWorkbook = await invoiceJson(['--workbook', 'same.xlsx']);
    expect(sameWorkbook.invoices).toEqual(sameCsv.invoices);
    expect(sameWorkbook.carriedCredits).toEqual([]);
    const overridden = await invoiceJson(['--workbook', 'same.xlsx', '--credits', 'next-period']);
    expect(overridden.invoices).toEqual(nextCsv.invoices);
    expect(overridden.carriedCredits).toEqual(nextCsv.carriedCredits);
  });

  test('reconcile --workbook W.xlsx gives the same variance walks as reconcile with the CSV tables', async () => {
    const fromCsv = await run(['reconcile', LINES, ...CSV_TABLES, '--format', 'json']);
    const fromWorkbook = await run(['reconcile', LINES, '--workbook', 'W.xlsx', '--format', 'json']);
    expect(fromWorkbook.code).toBe(0);
    const walks = (out: string) => (JSON.parse(out) as { walks: unknown[] }).walks;
    expect(walks(fromWorkbook.out).length).toBeGreaterThan(3);
    expect(walks(fromWorkbook.out)).toEqual(walks(fromCsv.out));
  });
});
