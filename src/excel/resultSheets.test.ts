import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { captureIo } from '../../test/helpers/captureIo';
import { main } from '../cli/main';
import { readBilling } from '../formats/readBilling';
import { MODEL_TABLES, RESULT_SHEETS } from '../engine/workbookLayout';
import { inThreadSession } from '../taskpane/importSession';
import { importToWorkbook } from '../taskpane/importToWorkbook';
import { LIVE_INVOICE_FORMULA } from '../workbook/liveInvoice';
import { setUpModel } from './modelSetup';
import { rate, reconcile, reenterDbrFormulas, shareWithAccountant } from './resultSheets';

const SAMPLE = resolve(__dirname, '../../samples/public/cur1-sample-2023-11.csv');

/** A recorded workbook with the public CUR sample imported and the model set up from a template. */
async function preparedWorkbook(): Promise<RecordingExcel> {
  const excel = new RecordingExcel(['Sheet1']);
  const session = inThreadSession(readBilling);
  const signal = new AbortController().signal;
  const files = await session.analyze([new File([readFileSync(SAMPLE)], 'cur1-sample-2023-11.csv')], { signal, onProgress: () => undefined });
  await importToWorkbook(session, files, 'line', { signal, run: excel.run });
  await excel.run((context) => setUpModel(context, { template: 'markup' }));
  return excel;
}

function csvOf(rows: unknown[][]): string {
  return rows.map((row) => row.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(',')).join('\n');
}

/** The model tables as CSV files, and `rerate invoice --format xlsx` over them: the CLI's workbook. */
async function cliWorkbook(excel: RecordingExcel): Promise<Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-share-'));
  for (const [name, file] of [['priceBook', 'pricebook.csv'], ['customers', 'customers.csv'], ['supportPlans', 'plans.csv']] as const) {
    writeFileSync(join(dir, file), csvOf(excel.tableValues(MODEL_TABLES[name].table)));
  }
  writeFileSync(join(dir, 'cur1-sample-2023-11.csv'), readFileSync(SAMPLE));
  const io = captureIo(dir);
  const code = await main(['invoice', 'cur1-sample-2023-11.csv', '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--support-plans', 'plans.csv', '--format', 'xlsx', '--out', 'cli.xlsx'], io);
  expect(io.err).toBe('');
  expect(code).toBe(0);
  const workbook = new Workbook();
  await workbook.xlsx.readFile(join(dir, 'cli.xlsx'));
  return workbook;
}

/** Rows without their trailing blanks, and no trailing blank rows: how both workbooks compare. */
function trimmed(rows: unknown[][]): unknown[][] {
  const out = rows.map((row) => {
    const cells = Array.from(row, (cell) => cell ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

/** A sheet's cells as the recorded workbook holds them: formulas with their `=`, numbers, text. */
function cliCells(workbook: Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name)!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const value = cell.value as unknown;
      cells[c - 1] = value !== null && typeof value === 'object' && 'formula' in (value as object) ? `=${(value as { formula: string }).formula}` : value ?? '';
    });
    rows[r - 1] = cells;
  });
  return rows;
}

describe('result sheets through the recording Excel fake', () => {
  test('rate writes the live Invoice: DBR.INVOICE over the model tables at A3, and refuses without the tables', async () => {
    const empty = new RecordingExcel();
    await expect(empty.run((context) => rate(context))).rejects.toMatchObject({ code: 'BAD_TABLE', message: expect.stringContaining('BillingLines, PriceBook, Customers, Settings, FxRates, SupportPlans') });
    const excel = await preparedWorkbook();
    await excel.run((context) => rate(context));
    expect(excel.formulasOf(RESULT_SHEETS.invoice)).toEqual([`=${LIVE_INVOICE_FORMULA}`]);
    expect(excel.valuesOf(RESULT_SHEETS.invoice)[2][0]).toBe(`=${LIVE_INVOICE_FORMULA}`);
    expect(excel.activeSheet).toBe(RESULT_SHEETS.invoice);
  });

  test('reconcile writes each walk and the control totals, with a waterfall chart per walk (native or stacked)', async () => {
    const excel = await preparedWorkbook();
    const native = await excel.run((context) => reconcile(context, { nativeWaterfall: true }));
    expect(native.run.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const values = excel.valuesOf(RESULT_SHEETS.reconcile);
    expect(values[1].slice(0, 5)).toEqual(['123412340534', '2023-11', 'awsBlended', 1.6823086974, 'USD']);
    const controls = values.findIndex((row) => row[0] === 'File');
    expect(values[controls + 1].slice(0, 7)).toEqual(['cur1-sample-2023-11.csv', 'cur1', 1281, 1281, 0, 1.6823086974, 1.6823086974]);
    expect(excel.charts.map((c) => [c.sheet.name, c.type, c.source, c.deletedSeries, c.clearedSeries])).toEqual([
      ['Reconcile', 'Waterfall', "'~Reconcile'!G2:H16", [], []],
    ]);
    expect(excel.charts[0].title).toBe('123412340534 2023-11: from AWS to the invoice');

    const stacked = await preparedWorkbook();
    await stacked.run((context) => reconcile(context, { nativeWaterfall: false }));
    expect(stacked.charts.map((c) => [c.type, c.source, c.deletedSeries, c.clearedSeries])).toEqual([['ColumnStacked', "'~Reconcile'!G2:L16", [0], [0]]]);
  });

  test('share with accountant writes the CLI\'s PriceLines, Invoice formulas and Reconcile for the same inputs, and DBR formulas become values', async () => {
    const excel = await preparedWorkbook();
    await excel.run((context) => rate(context));
    // A DBR formula the user wrote elsewhere, showing its computed value.
    excel.setFormulaResult('Sheet1', 0, 0, '=DBR.ROUND(1.005)', 1.01);
    const shared = await excel.run((context) => shareWithAccountant(context, { nativeWaterfall: true }));
    expect(shared.sheets).toEqual(['PriceLines', 'Invoice', 'Reconcile', 'Audit']);
    expect(shared.frozen).toBe(1);
    expect(excel.valuesOf('Sheet1')[0][0]).toBe(1.01);
    expect(excel.formulasOf('Sheet1')).toEqual([]);
    expect(excel.formulasOf(RESULT_SHEETS.invoice).some((f) => f.includes('DBR.'))).toBe(false);

    const cli = await cliWorkbook(excel);
    for (const name of [RESULT_SHEETS.invoice, RESULT_SHEETS.priceLines, RESULT_SHEETS.reconcile]) {
      expect({ name, cells: trimmed(excel.valuesOf(name)) }).toEqual({ name, cells: trimmed(cliCells(cli, name)) });
    }
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines', 'Imports', 'PriceBook', 'Customers', 'Settings', 'Invoice', 'PriceLines', 'Reconcile', 'Audit']);
  });

  test('a failure or a cancel during share leaves the workbook as it was', async () => {
    const excel = await preparedWorkbook();
    await excel.run((context) => rate(context));
    const before = excel.snapshot();
    excel.failAtSync = excel.syncs.length + 12;
    await expect(excel.run((context) => shareWithAccountant(context))).rejects.toThrow(/simulated/);
    expect(excel.snapshot()).toEqual(before);
    excel.failAtSync = null;
    const controller = new AbortController();
    const start = excel.syncs.length;
    excel.onSync = (n) => { if (n === start + 14) controller.abort(); };
    await expect(excel.run((context) => shareWithAccountant(context, { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(excel.snapshot()).toEqual(before);
  });
});

describe('reenterDbrFormulas', () => {
  test('sets again every DBR formula that shows #NAME?, and only those', async () => {
    const excel = new RecordingExcel(['Invoice', 'Notes']);
    excel.setFormulaResult('Invoice', 2, 0, '=DBR.INVOICE(BillingLines[#All],PriceBook[#All])', '#NAME?');
    excel.setFormulaResult('Notes', 4, 1, '=DBR.ROUND(1.005)', 1.01);
    excel.setFormulaResult('Notes', 5, 1, '=SUM(1,2)', '#NAME?');
    const count = await excel.run((context) => reenterDbrFormulas(context));
    expect(count).toBe(1);
    const writes = excel.syncs.flatMap((s) => s.ops).filter((op) => op.kind === 'formulas');
    expect(writes.map((op) => [op.sheet, op.block])).toEqual([['Invoice', [2, 0, 1, 1]]]);
    expect(excel.formulasOf('Invoice')).toEqual(['=DBR.INVOICE(BillingLines[#All],PriceBook[#All])']);
  });
});
