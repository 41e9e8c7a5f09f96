import { RecordingExcel } from '../../test/addin/recordingExcel';
import { replaceSheet, stagingSheetName } from './replaceSheet';
import { writeTableChunked } from './writeTableChunked';

describe('replaceSheet', () => {
  test('replaceSheet(context, "Lines", fill) swaps the filled staging sheet in at the old sheet’s place', async () => {
    const excel = new RecordingExcel(['Intro', 'Lines', 'PriceBook']);
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Lines');
    await writeTableChunked(excel.context, sheet, ['Old'], [['stale']]);
    await replaceSheet(excel.context, 'Lines', (staging) => writeTableChunked(excel.context, staging, ['New'], [['fresh']]));
    expect(excel.sheets.map((s) => `${s.name}:${s.visibility}`)).toEqual(['Intro:Visible', 'Lines:Visible', 'PriceBook:Visible']);
    expect(excel.valuesOf('Lines')).toEqual([['New'], ['fresh']]);
  });

  test('replaceSheet creates the sheet when there was none, hidden until complete', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    const seen: string[] = [];
    await replaceSheet(excel.context, 'Lines', async () => {
      seen.push(excel.sheets.map((s) => `${s.name}:${s.visibility}`).join(' '));
    });
    expect(seen).toEqual(['Sheet1:Visible ~Lines:Hidden']);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines']);
  });

  test('replaceSheet leaves the workbook as it was when the fill fails part-way', async () => {
    const excel = new RecordingExcel(['Lines']);
    await writeTableChunked(excel.context, excel.context.workbook.worksheets.getItemOrNullObject('Lines'), ['Old'], [['kept']]);
    const before = excel.syncs.length;
    excel.failAtSync = before + 4; // setup (2 syncs), header, then the first data chunk fails
    const fill = (staging: Excel.Worksheet) => writeTableChunked(excel.context, staging, ['New'], [['a'], ['b'], ['c']], { maxChunkRows: 1 });
    await expect(replaceSheet(excel.context, 'Lines', fill)).rejects.toThrow('failed (simulated)');
    expect(excel.sheets.map((s) => s.name)).toEqual(['Lines']);
    expect(excel.valuesOf('Lines')).toEqual([['Old'], ['kept']]);
  });

  test('replaceSheet removes a staging sheet left behind by a crashed run', async () => {
    const excel = new RecordingExcel(['Sheet1', '~Lines']);
    await replaceSheet(excel.context, 'Lines', async () => undefined);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines']);
  });

  test('stagingSheetName(name) stays within Excel’s 31 characters', () => {
    expect(stagingSheetName('Lines')).toBe('~Lines');
    expect(stagingSheetName('x'.repeat(31))).toHaveLength(31);
  });
});
