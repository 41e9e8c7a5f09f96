import { Decimal } from '../engine/money';
import type { VarianceWalk, WalkStepName } from '../engine/reconcile/varianceWalk';
import { reconcileSheet } from './reconcileSheet';

function walk(steps: [WalkStepName, string, boolean][]): VarianceWalk {
  return {
    customer: 'Acme', period: '2023-11', sourceCurrency: 'USD', currency: 'USD', complete: true,
    steps: steps.map(([step, amount, subtotal]) => ({ step, amount: new Decimal(amount), currency: 'USD', subtotal })),
  } as VarianceWalk;
}

const figures = (cells: unknown[]) => cells.map((c) => (c !== null && typeof c === 'object' && 'number' in c ? (c as { number: string }).number : c));

describe('reconcileSheet', () => {
  test('each step gets its native-waterfall change and its stacked-column base, rise, fall and total', () => {
    const { sheet, walks } = reconcileSheet([walk([
      ['awsBlended', '10', true], ['blending', '-1', false], ['awsUnblended', '9', true], ['pricing', '3', false], ['credits', '-15', false], ['preFx', '-3', true],
    ])], []);
    expect(sheet.name).toBe('Reconcile');
    expect(walks).toEqual([{ customer: 'Acme', period: '2023-11', firstRow: 2, lastRow: 7 }]);
    expect(sheet.rows.slice(0, 6).map((r) => figures(r.slice(6)))).toEqual([
      ['awsBlended', '10', '0', '0', '0', '10'],
      ['blending', '-1', '9', '0', '1', '0'],
      ['awsUnblended', '0', '0', '0', '0', '9'],
      ['pricing', '3', '9', '3', '0', '0'],
      // 12 → −3 crosses zero: drawn from zero to the new level.
      ['credits', '-15', '0', '0', '-3', '0'],
      ['preFx', '0', '0', '0', '0', '-3'],
    ]);
    expect(figures(sheet.rows[0].slice(0, 5))).toEqual(['Acme', '2023-11', 'awsBlended', '10', 'USD']);
  });

  test('the control totals per file follow the walks under their own header', () => {
    const { sheet } = reconcileSheet([], [{ file: 'cur.csv', format: 'cur1', rowsRead: 3, rowsRated: 3, rowsSkipped: 0, unblendedRead: '1.5', unblendedAccounted: '1.5' }]);
    expect(sheet.rows.map(figures)).toEqual([
      [],
      ['File', 'Format', 'RowsRead', 'RowsRated', 'RowsSkipped', 'UnblendedRead', 'UnblendedAccounted'],
      ['cur.csv', 'cur1', '3', '3', '0', '1.5', '1.5'],
    ]);
  });
});
