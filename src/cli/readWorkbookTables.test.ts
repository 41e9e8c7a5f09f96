import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { readWorkbookTables } from './readWorkbookTables';
import { checkInflatedSize } from './workbookInflateGuard';

// exceljs's reader class: spied on to prove an oversized workbook never reaches it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XLSX = require('exceljs/lib/xlsx/xlsx') as { prototype: { load: (...args: unknown[]) => unknown } };

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

  describe('a workbook that inflates past the decompression limit', () => {
    afterEach(() => jest.restoreAllMocks());

    /** The plain workbook plus a 4 MiB part of zeros (≈ 4 KiB compressed); `lie` rewrites every declared size to 1. */
    async function padded(name: string, lie: boolean): Promise<string> {
      const parts = unzipSync(fs.readFileSync(await plainWorkbook()));
      parts['xl/media/pad.bin'] = new Uint8Array(4 * 1024 * 1024);
      const zip = zipSync(parts);
      if (lie) {
        for (let at = 0; at + 4 <= zip.length; at += 1) {
          const view = new DataView(zip.buffer, zip.byteOffset);
          if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 1, true);
          if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 1, true);
        }
      }
      const file = path.join(dir, name);
      fs.writeFileSync(file, zip);
      return file;
    }

    test('readWorkbookTables(file, { maxDecompressedBytes: 1 MiB }) of a workbook declaring 4 MiB is SIZE_LIMIT naming it; exceljs never loads it', async () => {
      const load = jest.spyOn(XLSX.prototype, 'load');
      const { result, issues } = await readWorkbookTables(await padded('big.xlsx', false), { name: 'in/big.xlsx', maxDecompressedBytes: 1024 * 1024 });
      expect(result).toEqual({});
      expect(issues).toEqual([{
        code: 'SIZE_LIMIT', severity: 'error',
        message: expect.stringMatching(/^Workbook in\/big\.xlsx declares \d+ bytes uncompressed, past the decompression limit of 1048576 bytes; it is not read\.$/),
      }]);
      expect(load).not.toHaveBeenCalled();
    });

    test('readWorkbookTables(file, { maxDecompressedBytes: 1 MiB }) of a workbook whose declared sizes lie counts the inflated bytes: SIZE_LIMIT', async () => {
      const file = await padded('liar.xlsx', true);
      expect(checkInflatedSize(fs.readFileSync(file), 1024 * 1024)).toEqual({ ok: false, why: 'inflated', bytes: expect.any(Number) });
      const load = jest.spyOn(XLSX.prototype, 'load');
      const { issues } = await readWorkbookTables(file, { maxDecompressedBytes: 1024 * 1024 });
      expect(issues.map((i) => [i.code, i.message])).toEqual([
        ['SIZE_LIMIT', 'Workbook liar.xlsx inflates to more than 1048576 bytes, past the decompression limit of 1048576 bytes; it is not read.'],
      ]);
      expect(load).not.toHaveBeenCalled();
    });

    test('readWorkbookTables(file) holds a workbook to 256 MiB whatever limit billing files have: one declaring 300 MiB is SIZE_LIMIT, unread', async () => {
      const file = await padded('huge.xlsx', false);
      const zip = fs.readFileSync(file);
      const view = new DataView(zip.buffer, zip.byteOffset);
      for (let at = 0; at + 4 <= zip.length; at += 1) {
        if (view.getUint32(at, true) === 0x02014b50 && view.getUint32(at + 24, true) === 4 * 1024 * 1024) view.setUint32(at + 24, 300 * 1024 * 1024, true);
      }
      fs.writeFileSync(file, zip);
      const load = jest.spyOn(XLSX.prototype, 'load');
      for (const options of [{}, { maxDecompressedBytes: 64 * 1024 ** 3 }]) {
        const { result, issues } = await readWorkbookTables(file, options);
        expect(result).toEqual({});
        expect(issues.map((i) => [i.code, i.message])).toEqual([
          ['SIZE_LIMIT', expect.stringMatching(/^Workbook huge\.xlsx declares 3\d{8} bytes uncompressed, past the decompression limit of 268435456 bytes; it is not read\.$/)],
        ]);
      }
      expect(load).not.toHaveBeenCalled();
    });

    test('readWorkbookTables(file) of the same workbook under the default limit reads its tables', async () => {
      const { result, issues } = await readWorkbookTables(await padded('fine.xlsx', false));
      expect(result.customers?.rows).toEqual([{ line: 2, values: ['Acme', '123456789012'] }]);
      expect(issues.map((i) => i.code)).toEqual(['BAD_VALUE', 'BAD_VALUE']);
      expect(checkInflatedSize(fs.readFileSync(path.join(dir, 'fine.xlsx')), 64 * 1024 ** 3)).toEqual({ ok: true, inflated: expect.any(Number) });
    });
  });
});
