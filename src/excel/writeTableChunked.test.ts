import { RecordingExcel } from '../../test/addin/recordingExcel';
import { blocksOf, columnRuns, writeTableChunked, type RowBlock } from './writeTableChunked';
import type { CellInput } from './estimateRowBytes';

function rowsOf(count: number, make: (i: number) => CellInput[]): CellInput[][] {
  return Array.from({ length: count }, (_, i) => make(i));
}

describe('writeTableChunked', () => {
  test('writeTableChunked(context, sheet, header, rows) writes the header and rows exactly, one sync per chunk', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    const result = await writeTableChunked(excel.context, sheet, ['Account', 'Cost'], [['000000000001', 1.5], ['000000000002', null]]);
    expect(result).toMatchObject({ rowsWritten: 2, syncs: 2 });
    // The reported largest sync is the writer's estimate: an upper bound of what was sent.
    expect(result.largestSyncBytes).toBeGreaterThanOrEqual(excel.syncs[1].bytes);
    expect(excel.valuesOf('Sheet1')).toEqual([['Account', 'Cost'], ['000000000001', 1.5], ['000000000002', '']]);
    expect(excel.syncs.map((s) => s.ops.map((op) => `${op.kind}@${op.block?.join(',')}`))).toEqual([
      ['numberFormat@0,0,1,2', 'values@0,0,1,2'],
      ['values@1,0,2,2'],
    ]);
  });

  test('writeTableChunked keeps every sync under the byte budget and splits 30,000 rows into equal-budget chunks', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    const rows = rowsOf(30_000, (i) => [`acct-${String(i).padStart(6, '0')}`, 'AmazonEC2', 'BoxUsage:t3.micro', i / 1000, `tag "${i}" é`]);
    const budget = 1_000_000;
    const result = await writeTableChunked(excel.context, sheet, ['A', 'B', 'C', 'D', 'E'], rows, { maxChunkBytes: budget, textColumns: [0, 4] });
    expect(result.rowsWritten).toBe(30_000);
    const dataSyncs = excel.syncs.slice(1);
    expect(result.syncs).toBe(excel.syncs.length);
    for (const sync of dataSyncs) expect(sync.bytes).toBeLessThanOrEqual(budget);
    // The estimate is an upper bound, yet not so loose that chunks come out tiny.
    for (const sync of dataSyncs.slice(0, -1)) expect(sync.bytes).toBeGreaterThan(budget * 0.6);
    const blocks = dataSyncs.map((s) => s.ops.find((op) => op.kind === 'values')?.block);
    expect(blocks.reduce((sum, block) => sum + (block?.[2] ?? 0), 0)).toBe(30_000);
    expect(blocks[1]?.[0]).toBe(1 + (blocks[0]?.[2] ?? 0));
    expect(excel.valuesOf('Sheet1')[30_000]).toEqual(['acct-029999', 'AmazonEC2', 'BoxUsage:t3.micro', 29.999, 'tag "29999" é']);
  });

  test('writeTableChunked text-formats untrusted columns before their values so formulas stay text', async () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+cmd', '-x', '@x'];
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    await writeTableChunked(excel.context, sheet, ['Tag', 'Cost'], hostile.map((tag) => [tag, 1]), { textColumns: [0] });
    expect(excel.formulasOf('Sheet1')).toEqual([]);
    expect(excel.valuesOf('Sheet1').slice(1).map((row) => row[0])).toEqual(hostile);
    const kinds = excel.syncs[1].ops.map((op) => `${op.kind}@${op.block?.join(',')}`);
    expect(kinds).toEqual(['numberFormat@1,0,4,1', 'values@1,0,4,2']);
  });

  test('without textColumns the fake turns the same strings into formulas (the guard above is what protects)', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    await writeTableChunked(excel.context, sheet, ['Tag'], [['+cmd'], ['=1+1']]);
    expect(excel.formulasOf('Sheet1')).toEqual(['+cmd', '=1+1']);
  });

  test('writeTableChunked reports progress after each chunk and honours maxChunkRows', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    const seen: string[] = [];
    await writeTableChunked(excel.context, sheet, ['N'], rowsOf(25, (i) => [i]), {
      maxChunkRows: 10, onProgress: (p) => seen.push(`${p.rowsWritten}/${p.rowsTotal}`),
    });
    expect(seen).toEqual(['10/25', '20/25', '25/25']);
  });

  test('writeTableChunked stops between chunks when cancelled and rejects with an AbortError', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    const abort = new AbortController();
    const promise = writeTableChunked(excel.context, sheet, ['N'], rowsOf(50, (i) => [i]), {
      maxChunkRows: 10, signal: abort.signal, onProgress: (p) => { if (p.rowsWritten === 20) abort.abort(); },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(excel.syncs).toHaveLength(3);
  });

  test('writeTableChunked with a row of the wrong width throws BAD_TABLE naming the row', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    await expect(writeTableChunked(excel.context, sheet, ['A', 'B'], [['x', 1], ['y']])).rejects.toMatchObject({
      code: 'BAD_TABLE', message: 'Row 2 has 1 cells but the header has 2 columns.',
    });
  });

  test('writeTableChunked(context, sheet, header, { blocks }) takes a producer\'s blocks and trusts their rowBytes instead of measuring each row again', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    // Each row claims 400,000 bytes: with a 1,000,000-byte budget two rows fit a chunk, whatever the rows hold.
    const blocks: RowBlock[] = [
      { rows: [['a', 1], ['b', null], ['c', 3]], rowBytes: [400_000, 400_000, 400_000] },
      { rows: [['d', 4], ['e', 5]], rowBytes: [400_000, 400_000] },
    ];
    const result = await writeTableChunked(excel.context, sheet, ['K', 'N'], { blocks: async function* () { yield* blocks; } }, { maxChunkBytes: 1_000_000 });
    expect(result).toMatchObject({ rowsWritten: 5, syncs: 4 });
    expect(excel.syncs.slice(1).map((s) => s.ops.find((op) => op.kind === 'values')?.block)).toEqual([[1, 0, 2, 2], [3, 0, 2, 2], [5, 0, 1, 2]]);
    expect(excel.valuesOf('Sheet1').slice(1)).toEqual([['a', 1], ['b', ''], ['c', 3], ['d', 4], ['e', 5]]);
    // Without rowBytes the writer measures the rows itself: all five fit one chunk.
    const measured = new RecordingExcel();
    const other = measured.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    const plain = await writeTableChunked(measured.context, other, ['K', 'N'], { blocks: async function* () { yield* blocks.map((b) => ({ rows: b.rows })); } }, { maxChunkBytes: 1_000_000 });
    expect(plain).toMatchObject({ rowsWritten: 5, syncs: 2 });
  });

  test('writeTableChunked yields to the event loop around each chunk\'s sync, so the page can draw and take input while the fake\'s syncs resolve at once', async () => {
    const excel = new RecordingExcel();
    const sheet = excel.context.workbook.worksheets.getItemOrNullObject('Sheet1');
    let syncsWhenTheOtherTaskRan: number | null = null;
    setImmediate(() => { syncsWhenTheOtherTaskRan = excel.syncs.length; });
    await writeTableChunked(excel.context, sheet, ['N'], rowsOf(100, (i) => [i]), { maxChunkRows: 10 });
    expect(excel.syncs).toHaveLength(11);
    // Another task got its turn after the header and before the last chunk.
    expect(syncsWhenTheOtherTaskRan).toBeGreaterThanOrEqual(1);
    expect(syncsWhenTheOtherTaskRan).toBeLessThan(11);
  });

  test('blocksOf(rows) cuts a plain array into blocks of 1,000 copied rows, blanks as \'\'', async () => {
    const rows = rowsOf(2_500, (i) => [i, null]);
    const blocks: RowBlock[] = [];
    for await (const block of blocksOf(rows)) blocks.push(block);
    expect(blocks.map((b) => b.rows.length)).toEqual([1_000, 1_000, 500]);
    expect(blocks[2].rows[499]).toEqual([2_499, '']);
    expect(blocks[0].rows[0]).not.toBe(rows[0]);
    expect(rows[0]).toEqual([0, null]);
  });

  test('columnRuns([5, 0, 2, 1], 6) groups adjacent columns into [[0, 3], [5, 1]]', () => {
    expect(columnRuns([5, 0, 2, 1], 6)).toEqual([[0, 3], [5, 1]]);
    expect(() => columnRuns([6], 6)).toThrow('Text column 6 is outside the 6 columns of the header.');
  });
});
