/**
 * The task pane's "Share with accountant", end to end to a real spreadsheet: the demo CUR imported
 * into a recorded workbook, its model tables filled from the demo's CSVs, shared; the recorded
 * sheets written out as .xlsx (src/cli/writeXlsx) and recalculated by LibreOffice; every Invoice
 * amount, total and residual must equal `rerate invoice --format json` over the same files.
 * Skips, saying why, only when `soffice` is not on PATH (CI installs libreoffice-calc-nogui).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { RecordingExcel } from '../addin/recordingExcel';
import { captureIo } from '../helpers/captureIo';
import { main } from '../../src/cli/main';
import { writeXlsx } from '../../src/cli/writeXlsx';
import { formatDecimal, minorUnits, parseDecimal } from '../../src/engine/money';
import { MODEL_TABLES, RESULT_SHEETS } from '../../src/engine/workbookLayout';
import { setUpModel } from '../../src/excel/modelSetup';
import { rate, shareWithAccountant } from '../../src/excel/resultSheets';
import { readBilling } from '../../src/formats/readBilling';
import { inThreadSession } from '../../src/taskpane/importSession';
import { importToWorkbook } from '../../src/taskpane/importToWorkbook';
import type { Cell, WorkbookModel } from '../../src/workbook/workbookModel';

const DEMO = path.resolve(__dirname, '../../samples/demo');
const HAS_SOFFICE = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
if (!HAS_SOFFICE) console.warn('Skipping the shared-workbook LibreOffice test: soffice is absent (apt-get install -y libreoffice-calc-nogui).');

function csv(file: string): string[][] {
  return Papa.parse<string[]>(fs.readFileSync(path.join(DEMO, file), 'utf8'), { skipEmptyLines: true }).data;
}

/** Puts `values` into the recorded table `name` in place of what it held (text cells, as a user would type ids). */
function fillTable(excel: RecordingExcel, name: string, values: string[][]): void {
  const table = excel.table(name)!;
  for (let r = 0; r < table.rows; r += 1) for (let c = 0; c < table.columns; c += 1) table.sheet.cells.delete(`${table.row + r},${table.column + c}`);
  values.forEach((row, r) => row.forEach((value, c) => Object.assign(table.sheet.cell(table.row + r, table.column + c), { value, format: '@', formula: false })));
  Object.assign(table, { rows: values.length, columns: values[0].length });
}

/** The recorded sheets as a WorkbookModel: formulas stay formulas, numbers numbers, text text. */
function recordedModel(excel: RecordingExcel, names: readonly string[]): WorkbookModel {
  return {
    sheets: names.map((name) => {
      const sheet = excel.sheet(name)!;
      const [rows, columns] = sheet.extent();
      const cell = (r: number, c: number): Cell => {
        const found = sheet.cells.get(`${r},${c}`);
        if (!found || found.value === '') return null;
        if (found.formula) return { formula: String(found.value).slice(1) };
        if (typeof found.value === 'number') return { number: String(found.value) };
        return String(found.value);
      };
      return {
        name,
        columns: Array.from({ length: columns }, (_, c) => ({ header: String(sheet.cells.get(`0,${c}`)?.value ?? '') })),
        rows: Array.from({ length: rows - 1 }, (_, r) => Array.from({ length: columns }, (_, c) => cell(r + 1, c))),
      };
    }),
  };
}

(HAS_SOFFICE ? describe : describe.skip)('Share with accountant, recalculated by LibreOffice', () => {
  test('every Invoice amount, total and residual of the shared demo workbook equals rerate invoice', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    const session = inThreadSession(readBilling);
    const signal = new AbortController().signal;
    const files = await session.analyze([new File([fs.readFileSync(path.join(DEMO, 'cur-2023-10-11.csv'))], 'cur-2023-10-11.csv')], { signal, onProgress: () => undefined });
    await importToWorkbook(session, files, 'line', { signal, run: excel.run });
    await excel.run((context) => setUpModel(context, { template: 'markup' }));
    fillTable(excel, MODEL_TABLES.priceBook.table, csv('pricebook.csv'));
    fillTable(excel, MODEL_TABLES.customers.table, csv('customers.csv'));
    fillTable(excel, MODEL_TABLES.fxRates.table, csv('fx.csv'));
    await excel.run((context) => rate(context));
    const shared = await excel.run((context) => shareWithAccountant(context, { nativeWaterfall: true }));
    expect(shared.run.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-shared-'));
    try {
      const model = recordedModel(excel, [RESULT_SHEETS.priceLines, RESULT_SHEETS.invoice]);
      fs.writeFileSync(path.join(dir, 'shared.xlsx'), await writeXlsx(model));
      const converted = spawnSync('soffice', [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1', '--outdir', dir, path.join(dir, 'shared.xlsx'),
      ], { encoding: 'utf8', timeout: 120_000 });
      expect(converted.status).toBe(0);
      const rows = Papa.parse<string[]>(fs.readFileSync(path.join(dir, 'shared-Invoice.csv'), 'utf8').replace(/^\uFEFF/, '')).data;
      expect(rows.flat().join('\n')).not.toMatch(/Err:|#NAME|#VALUE|#REF|#DIV/);

      const io = captureIo(DEMO);
      await main(['invoice', 'cur-2023-10-11.csv', '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--fx', 'fx.csv', '--format', 'json'], io);
      const json = JSON.parse(io.out) as { invoices: { customer: string; period: string; currency: string; total: string; residual: string; lines: { category: string; amount: string }[] }[] };
      const penny = (text: string | undefined, engine: string, currency: string) => {
        expect(parseDecimal(text ?? 'NaN').equals(parseDecimal(engine))).toBe(true);
        expect(formatDecimal(parseDecimal(text ?? '0'), minorUnits(currency))).toBe(engine);
      };
      let r = 1;
      let checked = 0;
      for (const invoice of json.invoices) {
        for (const line of invoice.lines) {
          const row = rows[r++];
          expect(row.slice(1, 5)).toEqual([invoice.customer, invoice.period, invoice.currency, line.category]);
          penny(row[7], line.amount, invoice.currency);
          checked += 1;
        }
        const [total, , residual] = rows.slice(r, r + 3);
        r += 4;
        penny(total[7], invoice.total, invoice.currency);
        penny(residual[7], invoice.residual, invoice.currency);
      }
      expect(checked).toBeGreaterThan(5);
      expect(new Set(json.invoices.map((i) => i.currency))).toEqual(new Set(['EUR', 'GBP', 'USD']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
