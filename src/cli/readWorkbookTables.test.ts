import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { readWorkbookTables } from './readWorkbookTables';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-read-workbook-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

/** Plain cells, no Excel tables: PriceBook from B2, Settings and SupportPlans side by side, FxRates under Settings. */
async function plainWorkbook(): Promise<string> {
  const workbook = new Workbook();
  const book = workbook.addWorksheet('PriceBook');
  book.getRow(2).values = [null, 'Rule', 'Method', 'Value', 'ValidFrom'];
  book.getRow(3).values = [null, { richText: [{ text: 'all-' }, { text: 'markup' }] }, 'markup', 0.08, new Date(Date.UTC(2023, 10, 1))];
  book.getRow(4).values = [null, 'tiny', 'markup', 1e-7, { formula: 'D3*2', result: 0.16 }];
  book.getRow(5).values = [null, 'stale', 'markup', { formula: 'D3*3' }, { error: '#N/A' }];
  book.getRow(7).values = [null, 'after a blank row', 'markup', 1];
  workbook.addWorksheet('Customers').getRow(1).values = ['Customer', 'Account'];
  workbook.getWorksheet('Customers')!.getRow(2).values = ['Acme', 123456789012];
  const settings = workbook.addWorksheet('Settings');
  settings.getRow(1).values = ['setting', 'VALUE', null, 'Plan', 'Minimum', 'Tiers', 'Scope'];
  settings.getRow(2).values = ['currency', 'EUR', null, 'gold', 250, '0:12%', 'customer'];
  settings.getRow(4).values = ['Period', 'From', 'To', 'Rate'];
  settings.getRow(5).values = ['2023-11', 'USD', 'EUR', 0.9302];
  const file = path.join(dir, 'plain.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

describe('readWorkbookTables', () => {
  test('readWorkbookTables(file) without Excel tables finds each header on its sheet and reads down to the first blank row', async () => {
    const { result, issues } = await readWorkbookTables(await plainWorkbook());
    expect(result.priceBook).toEqual({
      source: 'plain.xlsx!PriceBook', header: ['Rule', 'Method', 'Value', 'ValidFrom'],
      rows: [
        { line: 3, values: ['all-markup', 'markup', '0.08', '2023-11'] },
        { line: 4, values: ['tiny', 'markup', '0.0000001', '0.16'] },
        { line: 5, values: ['stale', 'markup', '', ''] },
      ],
    });
    expect(result.customers?.rows).toEqual([{ line: 2, values: ['Acme', '123456789012'] }]);
    expect(result.settings).toEqual({ source: 'plain.xlsx!Settings', header: ['setting', 'VALUE'], rows: [{ line: 2, values: ['currency', 'EUR'] }] });
    expect(result.supportPlans?.rows).toEqual([{ line: 2, values: ['gold', '250', '0:12%', 'customer'] }]);
    expect(result.fxRates?.rows).toEqual([{ line: 5, values: ['2023-11', 'USD', 'EUR', '0.9302'] }]);
    expect(issues.map((i) => [i.code, i.source?.line, i.source?.column, i.message])).toEqual([
      ['BAD_VALUE', 5, 'Value', 'Cell D5 of plain.xlsx!PriceBook (row 5, Value) holds a formula without a saved result; open and save the workbook in Excel first.'],
      ['BAD_VALUE', 5, 'ValidFrom', 'Cell E5 of plain.xlsx!PriceBook (row 5, ValidFrom) holds the error #N/A.'],
    ]);
  });

  test('readWorkbookTables(file, { want }) looks only for the wanted tables, so a missing unwanted sheet is no issue', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Other').getCell('A1').value = 'x';
    const file = path.join(dir, 'other.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await readWorkbookTables(file, { want: ['fxRates', 'supportPlans'] })).toEqual({ result: {}, issues: [] });
    const all = await readWorkbookTables(file, { name: 'in/other.xlsx' });
    expect(all.issues.map((i) => [i.code, i.message])).toEqual([
      ['BAD_TABLE', 'Workbook in/other.xlsx has no Excel table PriceBook and no sheet PriceBook.'],
      ['BAD_TABLE', 'Workbook in/other.xlsx has no Excel table Customers and no sheet Customers.'],
      ['BAD_TABLE', 'Workbook in/other.xlsx has no Excel table Settings and no sheet Settings.'],
    ]);
  });

  test('readWorkbookTables(file) of a file that is not a workbook is UNREADABLE_FILE naming it', async () => {
    const file = path.join(dir, 'text.xlsx');
    fs.writeFileSync(file, 'not a zip');
    const { issues } = await readWorkbookTables(file);
    expect(issues.map((i) => i.code)).toEqual(['UNREADABLE_FILE']);
    expect(issues[0].message).toMatch(/^Workbook text\.xlsx cannot be read as an \.xlsx workbook/);
  });
});
