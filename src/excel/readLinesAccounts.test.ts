import { RecordingExcel } from '../../test/addin/recordingExcel';
import { seedTable } from '../../test/addin/seedTable';
import { readLinesAccounts } from './readLinesAccounts';

describe('readLinesAccounts', () => {
  test('readLinesAccounts(context, chunkRows) reads only the Account column, chunkRows rows a sync, distinct and sorted', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    seedTable(excel, 'Lines', 'BillingLines', [
      ['Period', 'Account', 'UnblendedCost'],
      ['2023-11', '222222222222', 1], ['2023-11', '000000000001', 2], ['2023-11', '', 3], ['2023-11', 333333333333, 4], ['2023-11', '222222222222', 5],
    ], { row: 2, column: 1 });
    const accounts = await excel.run((context) => readLinesAccounts(context, 2));
    expect(accounts).toEqual(['000000000001', '222222222222', '333333333333']);
    const reads = excel.syncs.flatMap((sync) => sync.ops).filter((op) => op.kind === 'load' && op.block);
    expect(reads.map((op) => op.block)).toEqual([[3, 2, 2, 1], [5, 2, 2, 1], [7, 2, 1, 1]]);
  });

  test('readLinesAccounts(context) is null without a BillingLines table or an Account column', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    await expect(excel.run((context) => readLinesAccounts(context))).resolves.toBeNull();
    seedTable(excel, 'Lines', 'BillingLines', [['Period'], ['2023-11']]);
    await expect(excel.run((context) => readLinesAccounts(context))).resolves.toBeNull();
  });
});
