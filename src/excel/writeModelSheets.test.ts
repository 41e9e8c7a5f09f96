import { RecordingExcel } from '../../test/addin/recordingExcel';
import type { WorkbookSheet } from '../workbook/workbookModel';
import { writeModelSheets } from './writeModelSheets';

const invoice: WorkbookSheet = {
  name: 'Invoice',
  columns: [{ header: 'Customer' }, { header: 'Price' }, { header: 'Amount' }],
  rows: [
    ['=HYPERLINK("http://x","y")', { number: '1.2345' }, { formula: 'ROUND(B2,2)', numFmt: '#,##0.00' }],
    ['Acme', { number: '2' }, null],
  ],
};
const audit: WorkbookSheet = { name: 'Audit', columns: [{ header: 'Code' }], rows: [['BAD_RULE']] };

describe('writeModelSheets', () => {
  test('writes model sheets with text as text, numbers as numbers and formulas as formulas, replacing sheets of the same name in place', async () => {
    const excel = new RecordingExcel(['Lines', 'Invoice', 'Notes']);
    const result = await excel.run((context) => writeModelSheets(context, [invoice, audit]));
    expect(excel.sheets.map((s) => [s.name, s.visibility])).toEqual([['Lines', 'Visible'], ['Invoice', 'Visible'], ['Notes', 'Visible'], ['Audit', 'Visible']]);
    expect(excel.valuesOf('Invoice')).toEqual([
      ['Customer', 'Price', 'Amount'],
      ['=HYPERLINK("http://x","y")', 1.2345, '=ROUND(B2,2)'],
      ['Acme', 2, ''],
    ]);
    expect(excel.formulasOf('Invoice')).toEqual(['=ROUND(B2,2)']);
    expect(excel.formatsOf('Invoice')[1]).toEqual(['@', 'General', '#,##0.00']);
    expect(result.largestSyncBytes).toBeGreaterThan(0);
  });

  test('a failure or a cancel while writing leaves the workbook as it was', async () => {
    const excel = new RecordingExcel(['Lines', 'Invoice']);
    const before = excel.snapshot();
    excel.failAtSync = 3;
    await expect(excel.run((context) => writeModelSheets(context, [invoice, audit]))).rejects.toThrow(/simulated/);
    expect(excel.snapshot()).toEqual(before);

    const controller = new AbortController();
    excel.failAtSync = null;
    excel.onSync = (n) => { if (n === excel.syncs.length && n > 6) controller.abort(); };
    await expect(excel.run((context) => writeModelSheets(context, [invoice, audit], { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(excel.snapshot()).toEqual(before);
  });

  test('chunks stay under the byte budget', async () => {
    const big: WorkbookSheet = { name: 'PriceLines', columns: [{ header: 'A' }, { header: 'B' }], rows: Array.from({ length: 5000 }, (_, i) => [`row ${i}`, { number: String(i) }]) };
    const excel = new RecordingExcel();
    await excel.run((context) => writeModelSheets(context, [big], { maxChunkBytes: 20_000 }));
    for (const sync of excel.syncs) expect(sync.bytes).toBeLessThanOrEqual(20_000);
    expect(excel.valuesOf('PriceLines')).toHaveLength(5001);
  });
});
