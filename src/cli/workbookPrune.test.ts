import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readWorkbookTables } from './readWorkbookTables';
import { EMPTY_WORKSHEET, pruneWorkbook } from './workbookPrune';

// exceljs's reader class: spied on to see what it is handed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XLSX = require('exceljs/lib/xlsx/xlsx') as { prototype: { load: (...args: unknown[]) => unknown } };

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-workbook-prune-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });
afterEach(() => jest.restoreAllMocks());

const LINES_ROWS = 40_000;

/**
 * The model tables — PriceBook as plain cells (with a picture), Customers, Settings and FxRates as
 * Excel tables — plus, when `lines`, a first sheet `Lines` of 40 000 rows of unique strings (≈ 4 MB
 * of sheet, ≈ 2 MB of shared strings) with a picture, a note and an Excel table of its own.
 * `names` renames the sheets (the Excel table names stay).
 */
async function modelWorkbook(file: string, options: { lines: boolean; names?: Partial<Record<'PriceBook' | 'Customers' | 'Settings', string>> }): Promise<string> {
  const workbook = new Workbook();
  const image = workbook.addImage({ buffer: PNG as unknown as ArrayBuffer, extension: 'png' });
  if (options.lines) {
    const lines = workbook.addWorksheet('Lines');
    lines.addTable({ name: 'LineItems', ref: 'A1', columns: [{ name: 'Id' }, { name: 'Product' }, { name: 'Cost' }], rows: [['x', 'y', 1]] });
    for (let r = 3; r < LINES_ROWS; r++) lines.getRow(r).values = [`line-${r}`, `resource-arn:aws:ec2:eu-west-1:${r}`, r / 7];
    lines.addImage(image, 'E2:F4');
    lines.getCell('E1').note = 'a note on the Lines sheet';
  }
  const names = { PriceBook: 'PriceBook', Customers: 'Customers', Settings: 'Settings', ...options.names };
  const book = workbook.addWorksheet(names.PriceBook);
  book.getRow(1).values = ['Rule', 'Method', 'Value', 'ValidFrom'];
  book.getRow(2).values = ['all', 'markup', 0.08, new Date(Date.UTC(2023, 10, 1))];
  book.getRow(3).values = [{ richText: [{ text: 'ec2-' }, { text: 'off' }] }, 'discount', '5%', null];
  book.addImage(image, 'F2:G4');
  if (names.PriceBook !== 'PriceBook') book.addTable({ name: 'PriceBook', ref: 'A10', columns: [{ name: 'Rule' }, { name: 'Method' }, { name: 'Value' }], rows: [['all', 'markup', 0.08]] });
  workbook.addWorksheet(names.Customers).addTable({
    name: 'Customers', ref: 'B2', columns: ['Customer', 'Account', 'SupportPlan', 'Currency'].map((name) => ({ name })),
    rows: [['Acme Ltd', 210987654321, '', 'GBP'], ['line-5', '000123456789', 'business', 'USD']],
  });
  const settings = workbook.addWorksheet(names.Settings);
  settings.addTable({ name: 'Settings', ref: 'A1', columns: [{ name: 'Setting' }, { name: 'Value' }], rows: [['rounding', 'half-up']] });
  settings.addTable({ name: 'FxRates', ref: 'D1', columns: ['Period', 'From', 'To', 'Rate'].map((name) => ({ name })), rows: [['2023-11', 'USD', 'GBP', 0.79]] });
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The zip exceljs was handed by the one readWorkbookTables call spied on. */
function handed(load: jest.SpyInstance): Record<string, Uint8Array> {
  expect(load).toHaveBeenCalledTimes(1);
  return unzipSync(new Uint8Array(load.mock.calls[0][0] as Buffer));
}

describe('readWorkbookTables hands exceljs only the sheets holding the model tables (workbookPrune.ts)', () => {
  test('a workbook with a 40 000-row Lines sheet reads its tables exactly as the same workbook without it; exceljs gets no Lines row, no media, only the shared strings used', async () => {
    const big = await modelWorkbook(path.join(dir, 'big.xlsx'), { lines: true });
    const small = await modelWorkbook(path.join(dir, 'small.xlsx'), { lines: false });
    const original = unzipSync(fs.readFileSync(big));
    expect(original['xl/worksheets/sheet1.xml'].byteLength).toBeGreaterThan(3_000_000);
    expect(original['xl/sharedStrings.xml'].byteLength).toBeGreaterThan(1_500_000);
    expect(original['xl/media/image1.png']).toBeDefined();

    const load = jest.spyOn(XLSX.prototype, 'load');
    const fromBig = await readWorkbookTables(big, { name: 'W.xlsx' });
    const parts = handed(load);
    const fromSmall = await readWorkbookTables(small, { name: 'W.xlsx' });
    expect(fromBig).toEqual(fromSmall);
    expect(fromBig.issues).toEqual([]);
    expect(fromBig.result.priceBook?.rows.map((r) => r.values)).toEqual([['all', 'markup', '0.08', '2023-11'], ['ec2-off', 'discount', '5%', '']]);
    expect(fromBig.result.customers?.rows.map((r) => r.values)).toEqual([['Acme Ltd', '210987654321', '', 'GBP'], ['line-5', '000123456789', 'business', 'USD']]);
    expect(fromBig.result.fxRates?.rows).toEqual([{ line: 2, values: ['2023-11', 'USD', 'GBP', '0.79'] }]);

    // The Lines sheet is empty, its rels, table, note and drawing are gone; the kept sheets' stay (but no media).
    expect(strFromU8(parts['xl/worksheets/sheet1.xml'])).toBe(EMPTY_WORKSHEET);
    expect(parts['xl/worksheets/_rels/sheet1.xml.rels']).toBeUndefined();
    expect(Object.keys(parts).filter((p) => /media|comments|vmlDrawing|theme/.test(p))).toEqual([]);
    expect(Object.keys(parts).filter((p) => p.startsWith('xl/tables/')).sort()).toEqual(['xl/tables/table2.xml', 'xl/tables/table3.xml', 'xl/tables/table4.xml']);
    expect(parts['xl/worksheets/_rels/sheet2.xml.rels']).toBeDefined();
    const sst = strFromU8(parts['xl/sharedStrings.xml']);
    expect(sst).not.toMatch(/resource-arn/);
    expect(sst).toMatch(/line-5/); // used by Customers too: kept, renumbered
    expect(Object.values(parts).reduce((n, p) => n + p.byteLength, 0)).toBeLessThan(40_000);
  });

  test('tables on renamed sheets are kept by their Excel table names and read as before', async () => {
    const file = await modelWorkbook(path.join(dir, 'renamed.xlsx'), { lines: true, names: { PriceBook: 'Rules', Customers: 'Clients', Settings: 'Config' } });
    const load = jest.spyOn(XLSX.prototype, 'load');
    const { result, issues } = await readWorkbookTables(file, { name: 'R.xlsx' });
    expect(issues).toEqual([]);
    expect(result.priceBook).toEqual({ source: 'R.xlsx!PriceBook', header: ['Rule', 'Method', 'Value'], rows: [{ line: 11, values: ['all', 'markup', '0.08'] }] });
    expect(result.customers?.source).toBe('R.xlsx!Customers');
    expect(result.customers?.rows).toHaveLength(2);
    expect(result.settings?.rows).toEqual([{ line: 2, values: ['rounding', 'half-up'] }]);
    expect(result.fxRates?.rows).toEqual([{ line: 2, values: ['2023-11', 'USD', 'GBP', '0.79'] }]);
    expect(strFromU8(handed(load)['xl/worksheets/sheet1.xml'])).toBe(EMPTY_WORKSHEET);
  });

  test('sheet names are matched case-insensitively, as readWorkbookTables finds them: a plain-cell sheet `pricebook` is kept', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Lines').getCell('A1').value = 'not read';
    workbook.addWorksheet('pricebook').getRow(1).values = ['Rule', 'Method', 'Value'];
    workbook.getWorksheet('pricebook')!.getRow(2).values = ['all', 'markup', 0.08];
    const file = path.join(dir, 'lower.xlsx');
    await workbook.xlsx.writeFile(file);
    const pruned = pruneWorkbook(fs.readFileSync(file), { sheets: ['PriceBook'], tables: ['PriceBook'] });
    expect(pruned).toMatchObject({ ok: true, keptSheets: ['pricebook'] });
    const { result } = await readWorkbookTables(file, { want: ['priceBook'] });
    expect(result.priceBook?.rows).toEqual([{ line: 2, values: ['all', 'markup', '0.08'] }]);
  });

  test('kept parts past maxKeptBytes are SIZE_LIMIT naming the workbook and the CSV flags; exceljs never loads it; the Lines sheet does not count', async () => {
    const file = await modelWorkbook(path.join(dir, 'budget.xlsx'), { lines: true });
    const load = jest.spyOn(XLSX.prototype, 'load');
    const { result, issues } = await readWorkbookTables(file, { name: 'in/budget.xlsx', maxKeptBytes: 10_000 });
    expect(result).toEqual({});
    expect(issues).toEqual([{
      code: 'SIZE_LIMIT', severity: 'error',
      message: 'Workbook in/budget.xlsx: the sheets holding its tables inflate past the limit of 10000 bytes for a workbook\'s tables; it is not read. '
        + 'Export the tables as CSV and pass them with --pricebook, --customers, --fx, --support-plans.',
    }]);
    expect(load).not.toHaveBeenCalled();
    // 100 kB is far below the 6 MB the workbook inflates to, and above what its model sheets need.
    expect((await readWorkbookTables(file, { maxKeptBytes: 100_000 })).issues).toEqual([]);
  });

  test('a big kept sheet is inflated no further than the budget', () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row/>'.repeat(1_000_000)}</sheetData></worksheet>`;
    const zip = zipSync({
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="PriceBook" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
    expect(pruneWorkbook(zip, { sheets: ['PriceBook'], tables: [] }, 1024 * 1024)).toEqual({ ok: false, why: 'kept' });
    expect(pruneWorkbook(zip, { sheets: ['PriceBook'], tables: [] }, 8 * 1024 * 1024)).toMatchObject({ ok: true, keptSheets: ['PriceBook'] });
    expect(pruneWorkbook(zip, { sheets: ['Customers'], tables: [] }, 1024)).toMatchObject({ ok: true, keptSheets: [] });
  });

  test('shared strings not in the plain form are handed over whole, and the kept sheets unchanged', async () => {
    const file = await modelWorkbook(path.join(dir, 'odd-sst.xlsx'), { lines: false });
    const parts = unzipSync(fs.readFileSync(file));
    parts['xl/sharedStrings.xml'] = strToU8(strFromU8(parts['xl/sharedStrings.xml']).replace('<si>', '<!-- a comment --><si>'));
    fs.writeFileSync(file, zipSync(parts));
    const load = jest.spyOn(XLSX.prototype, 'load');
    const odd = await readWorkbookTables(file, { name: 'W.xlsx' });
    const given = handed(load);
    expect(given['xl/sharedStrings.xml']).toEqual(parts['xl/sharedStrings.xml']);
    expect(given['xl/worksheets/sheet1.xml']).toEqual(parts['xl/worksheets/sheet1.xml']);
    expect(odd).toEqual(await readWorkbookTables(await modelWorkbook(path.join(dir, 'plain-sst.xlsx'), { lines: false }), { name: 'W.xlsx' }));
  });
});
