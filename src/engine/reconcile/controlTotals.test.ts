import { controlTotals } from './controlTotals';
import { Decimal } from '../money';

describe('controlTotals', () => {
  const result = { linesRated: new Map([['a.csv', 3]]), unblendedAccounted: new Map([['a.csv', new Decimal('10.5')]]) };

  test('controlTotals(read, result) is CONTROL_TOTAL_MISMATCH naming both figures when the sums differ', () => {
    const { result: rows, issues } = controlTotals([{ file: 'a.csv', format: 'cur1', rowsRead: 4, rowsSkipped: 1, unblendedRead: '10.75' }], result);
    expect(rows[0]).toEqual({ file: 'a.csv', format: 'cur1', rowsRead: 4, rowsRated: 3, rowsSkipped: 1, unblendedRead: '10.7500000000', unblendedAccounted: '10.5000000000' });
    expect(issues.map((i) => [i.code, i.severity, i.message])).toEqual([['CONTROL_TOTAL_MISMATCH', 'error', 'a.csv: unblended cost read 10.7500000000 differs from unblended cost accounted for 10.5000000000 by 0.2500000000.']]);
  });

  test('controlTotals(read, result) adds what the reader skipped with a known cost (from a FileControl)', () => {
    const read = { file: 'a.csv', format: 'cur1', rowsRead: 4, rowsSkipped: 1, unblendedRead: '10.75', unblendedAccounted: '10.75', unblendedByKind: { usage: '10.5', total: '99' } };
    expect(controlTotals([read], result).issues).toEqual([]);
  });
});
