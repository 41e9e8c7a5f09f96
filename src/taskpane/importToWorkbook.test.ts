import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { readBilling } from '../formats/readBilling';
import { bytesSource } from '../formats/source';
import { DecimalTotal } from '../engine/money';
import { MODEL_TABLES, IMPORTS_TABLE } from '../engine/workbookLayout';
import { invoiceCells } from '../functions/invoiceFunctions';
import type { ImportGrain } from '../engine/grain/aggregateLines';
import { inThreadSession } from './importSession';
import { importToWorkbook } from './importToWorkbook';
import type { AnalyzedFile } from './importCore';

const SAMPLES = resolve(__dirname, '../../samples/public');
const CUR = 'cur1-sample-2023-11.csv';
const FOCUS = 'focus-1.0-sample.csv';
const LINES = MODEL_TABLES.lines;
const col = (name: string) => LINES.columns.indexOf(name);

function sample(name: string, as = name): File {
  return new File([readFileSync(resolve(SAMPLES, name))], as);
}

async function analyzeAndImport(excel: RecordingExcel, files: File[], grain: ImportGrain = 'line', signal = new AbortController().signal) {
  const session = inThreadSession(readBilling);
  const analyzed = await session.analyze(files, { signal, onProgress: () => undefined });
  const outcome = await importToWorkbook(session, analyzed, grain, { signal, run: excel.run });
  return { analyzed, outcome };
}

/** Σ of a decimal column of Lines: the shadow's exact text where there is one, else the number. */
function columnSum(excel: RecordingExcel, name: string): string {
  const [, ...rows] = excel.tableValues(LINES.table);
  const sum = new DecimalTotal();
  for (const row of rows) {
    const shadow = row[col(`${name}Exact`)];
    const value = shadow !== '' ? String(shadow) : row[col(name)] === '' ? '0' : String(row[col(name)]);
    sum.add(value);
  }
  return sum.toText();
}

describe('importToWorkbook: billing files into Lines through the recording Excel fake', () => {
  test('the public CUR sample lands in Lines/BillingLines: rows and Σ unblended equal the reader, every sync ≤ 2 MB, text formatted before values', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    const { analyzed, outcome } = await analyzeAndImport(excel, [sample(CUR)]);
    const inspect = await readBilling(bytesSource(CUR, readFileSync(resolve(SAMPLES, CUR))), null);
    expect(analyzed[0]).toMatchObject({ format: 'cur1', rowsAtGrain: { line: inspect.control.linesEmitted } });
    expect(analyzed[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome).toMatchObject({ rowsWritten: 1281, rowsKept: 0, rowsTotal: 1281, replaced: [] });
    const values = excel.tableValues(LINES.table);
    expect(values[0]).toEqual(LINES.columns);
    expect(values.length - 1).toBe(inspect.control.linesEmitted);
    expect(columnSum(excel, 'UnblendedCost')).toBe(inspect.control.unblendedRead);
    expect(excel.sheets.map((s) => [s.name, s.visibility])).toEqual([['Sheet1', 'Visible'], ['Lines', 'Visible'], ['Imports', 'Visible']]);
    expect(excel.table(LINES.table)).toMatchObject({ row: 0, column: 0, rows: 1282, columns: LINES.columns.length });
    for (const sync of excel.syncs) expect(sync.bytes).toBeLessThanOrEqual(2_000_000);
    // Ids are text with their leading zeros; money is a number; every data batch suspends calculation and formats before values.
    const first = values[1];
    expect(typeof first[col('Account')]).toBe('string');
    expect(typeof first[col('UnblendedCost')]).toBe('number');
    expect(excel.formatsOf('Lines')[1][col('Account')]).toBe('@');
    const dataSyncs = excel.syncs.filter((s) => s.ops.some((op) => op.kind === 'values' && op.sheet === '~Lines' && (op.block?.[0] ?? 0) > 0));
    expect(dataSyncs.length).toBeGreaterThan(0);
    for (const sync of dataSyncs) {
      const kinds = sync.ops.map((op) => op.kind);
      expect(kinds[0]).toBe('suspendCalculation');
      expect(kinds.lastIndexOf('numberFormat')).toBeLessThan(kinds.indexOf('values'));
    }
    // The table is created after the data, in the last batch, with the Imports record.
    const batches = excel.syncs.filter((s) => s.ops.length > 0);
    const last = batches[batches.length - 1].ops.map((op) => op.kind);
    expect(last).toEqual(expect.arrayContaining(['renameSheet', 'addTable']));
    expect(excel.tableValues(IMPORTS_TABLE.table)).toEqual([
      IMPORTS_TABLE.columns,
      [CUR, analyzed[0].sha256, 'cur1', 'line', 2, 1281, 1281, 1281, 0, inspect.control.unblendedRead, '0', expect.any(String)],
    ]);
  });

  test('hostile tag and description text stays text: nothing from a billing file becomes a formula', async () => {
    const header = 'identity/LineItemId,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,lineItem/LineItemDescription,bill/BillingPeriodStartDate,resourceTags/user:Team';
    const rows = ['=HYPERLINK("http://x","y")', '+cmd', '-1+1', '@SUM(1)'].map((text, i) =>
      `id${i},000000000001,000000000002,Usage,AmazonEC2,BoxUsage,1.5,"${text.replace(/"/g, '""')}",2023-11-01T00:00:00Z,"${text.replace(/"/g, '""')}"`);
    const excel = new RecordingExcel();
    await analyzeAndImport(excel, [new File([[header, ...rows].join('\n')], 'hostile.csv')]);
    expect(excel.formulasOf('Lines')).toEqual([]);
    const body = excel.tableValues(LINES.table).slice(1);
    expect(body.map((r) => r[col('Description')])).toEqual(['=HYPERLINK("http://x","y")', '+cmd', '-1+1', '@SUM(1)']);
    expect(body.map((r) => r[col('Account')])).toEqual(['000000000002', '000000000002', '000000000002', '000000000002']);
  });

  test('re-importing the same file replaces its rows; another file is added; re-importing the first keeps the second', async () => {
    const excel = new RecordingExcel();
    await analyzeAndImport(excel, [sample(CUR)]);
    const again = await analyzeAndImport(excel, [sample(CUR, 'renamed-copy.csv')]);
    expect(again.outcome).toMatchObject({ rowsKept: 0, rowsTotal: 1281, replaced: [CUR] });
    expect(excel.tableValues(LINES.table).length - 1).toBe(1281);

    await analyzeAndImport(excel, [sample(FOCUS)]);
    expect(excel.tableValues(LINES.table).length - 1).toBe(2281);
    const focusRowsBefore = excel.tableValues(LINES.table).slice(1282);
    const third = await analyzeAndImport(excel, [sample(CUR)]);
    expect(third.outcome).toMatchObject({ rowsKept: 1000, rowsWritten: 1281, rowsTotal: 2281, replaced: ['renamed-copy.csv'] });
    const after = excel.tableValues(LINES.table);
    // FOCUS rows moved up intact, the CUR rows follow them.
    expect(after.slice(1, 1001)).toEqual(focusRowsBefore);
    expect(after[1001][col('SourceFile')]).toBe(CUR);
    const imports = excel.tableValues(IMPORTS_TABLE.table).slice(1);
    expect(imports.map((r) => [r[0], r[4], r[5]])).toEqual([[FOCUS, 2, 1000], [CUR, 1002, 1281]]);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines', 'Imports']);
  });

  test('a cancel mid-way and a failed sync mid-way leave the recorded workbook exactly as it was, an earlier Lines included', async () => {
    const excel = new RecordingExcel();
    await analyzeAndImport(excel, [sample(FOCUS)]);
    const before = excel.snapshot();
    const syncsBefore = excel.syncs.length;

    const controller = new AbortController();
    excel.onSync = (n) => { if (n === syncsBefore + 6) controller.abort(); };
    await expect(analyzeAndImport(excel, [sample(CUR)], 'line', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(excel.snapshot()).toEqual(before);

    excel.onSync = null;
    excel.failAtSync = excel.syncs.length + 6;
    await expect(analyzeAndImport(excel, [sample(CUR)])).rejects.toThrow(/simulated/);
    expect(excel.snapshot()).toEqual(before);
  });

  test('a Lines sheet that is not Rerate\'s is never overwritten', async () => {
    const excel = new RecordingExcel(['Lines']);
    const before = excel.snapshot();
    await expect(analyzeAndImport(excel, [sample(CUR)])).rejects.toMatchObject({ code: 'BAD_TABLE', message: expect.stringContaining('holds no BillingLines table') });
    expect(excel.snapshot()).toEqual(before);
  });

  test('the month grain writes fewer rows whose DBR.INVOICE equals the line grain\'s to the last digit', async () => {
    const priceBook = [['Rule', 'Method', 'Value'], ['all', 'markup', '0.1']];
    const invoiceOf = async (grain: ImportGrain) => {
      const excel = new RecordingExcel();
      const { analyzed } = await analyzeAndImport(excel, [sample(CUR), sample(FOCUS)], grain);
      return { analyzed, rows: excel.tableValues(LINES.table).length - 1, invoice: await invoiceCells(excel.tableValues(LINES.table), priceBook, undefined, undefined, undefined, undefined, true) };
    };
    const line = await invoiceOf('line');
    const month = await invoiceOf('month');
    expect(line.rows).toBe(2281);
    expect(month.rows).toBe(month.analyzed[0].rowsAtGrain.month + month.analyzed[1].rowsAtGrain.month);
    expect(month.rows).toBeLessThan(line.rows);
    expect(month.invoice).toEqual(line.invoice);
    expect(line.invoice.length).toBeGreaterThan(3);
  });
});

export type { AnalyzedFile };
