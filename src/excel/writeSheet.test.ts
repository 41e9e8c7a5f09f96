import { OfficeMockObject } from 'office-addin-mock';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { isExcelAvailable, runInExcel } from './runInExcel';
import { writeSheet } from './writeSheet';

const globals = globalThis as unknown as { Excel?: unknown };

describe('writeSheet and runInExcel', () => {
  afterEach(() => { delete globals.Excel; });

  test('writeSheet(name, header, rows) goes through Excel.run and replaces the sheet in one run', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    globals.Excel = { run: excel.run };
    const result = await writeSheet('Lines', ['Account', 'Tag'], [['000000000001', '=cmd|x']], { textColumns: [0, 1] });
    expect(result).toMatchObject({ rowsWritten: 1, syncs: 2 });
    expect(excel.valuesOf('Lines')).toEqual([['Account', 'Tag'], ['000000000001', '=cmd|x']]);
    expect(excel.formulasOf('Lines')).toEqual([]);
  });

  test('runInExcel(batch) outside Excel rejects with a message saying where to open Rerate', async () => {
    expect(isExcelAvailable()).toBe(false);
    await expect(runInExcel(async () => 1)).rejects.toMatchObject({
      code: 'BAD_VALUE', message: 'Excel is not available here: open Rerate in Excel from Home → Rerate.',
    });
  });

  test('runInExcel(batch) hands the batch Excel’s request context (office-addin-mock)', async () => {
    const mock = new OfficeMockObject({
      context: { workbook: { name: 'Book1.xlsx' } },
      run: async function run(this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    }) as unknown as { context: { workbook: { name: string; load: (p: string) => void } }; run: unknown };
    globals.Excel = mock;
    const name = await runInExcel(async (context) => {
      context.workbook.load('name');
      await context.sync();
      return context.workbook.name;
    });
    expect(name).toBe('Book1.xlsx');
  });
});
