import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import { thrown } from '../../test/helpers/thrown';
import { RerateError } from '../engine/issues';
import { loadSupportPlans } from '../engine';
import {
  accountListArgument, currencyArgument, excelCall, excelCallAsync, loadTableArgument, roundingArgument, tableCache, throwTableErrors, yieldToExcel,
} from './adapter';

describe('functions adapter', () => {
  test('excelCall returns the body’s value and turns a throw into the Excel error of toExcelError', () => {
    expect(excelCall(() => [[1]])).toEqual([[1]]);
    expect(thrown(() => excelCall(() => { throw new RerateError('UNKNOWN_PLAN', 'no plan'); }))).toEqual(new FakeExcelError('#N/A', 'no plan'));
    expect(thrown(() => excelCall(() => { throw new RangeError('zero'); }))).toEqual(new FakeExcelError('#NUM!', 'zero'));
  });

  test('excelCallAsync does the same for an async body', async () => {
    await expect(excelCallAsync(async () => 2)).resolves.toBe(2);
    await expect(excelCallAsync(async () => { throw new RerateError('BAD_VALUE', 'bad'); })).rejects.toEqual(new FakeExcelError('#VALUE!', 'bad'));
  });

  test('yieldToExcel resolves after a macrotask, not before pending timers', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await yieldToExcel();
    order.push('after yield');
    expect(order).toEqual(['timer', 'after yield']);
  });

  test('currencyArgument and roundingArgument: defaults, case, and messages', () => {
    expect(currencyArgument(undefined)).toBe('USD');
    expect(currencyArgument(' jpy ')).toBe('JPY');
    expect(thrown(() => currencyArgument('US'))).toMatchObject({ code: 'BAD_VALUE', message: 'currency is "US", not a three-letter ISO 4217 code such as USD.' });
    expect(roundingArgument(null)).toBe('half-up');
    expect(roundingArgument('Half-Even')).toBe('half-even');
    expect(thrown(() => roundingArgument('up'))).toMatchObject({ message: 'mode is "up", not "half-up" or "half-even".' });
  });

  test('accountListArgument reads cells, comma lists and 12-digit numbers; rejects booleans', () => {
    expect(accountListArgument([['111111111111, 222222222222'], [333333333333], ['']], 'noSharingAccounts'))
      .toEqual(['111111111111', '222222222222', '333333333333']);
    expect(accountListArgument(undefined, 'noSharingAccounts')).toEqual([]);
    expect(thrown(() => accountListArgument([[true]], 'noSharingAccounts'))).toMatchObject({ message: 'noSharingAccounts holds true, not an account id.' });
  });

  test('loadTableArgument loads a table once per distinct content (hits and misses counted)', () => {
    tableCache.clear();
    const cells = [['Plan', 'Minimum', 'Tiers'], ['gold', 10, '0:10%']];
    const first = loadTableArgument('supportPlans', 'supportPlans', cells, loadSupportPlans);
    const again = loadTableArgument('supportPlans', 'supportPlans', cells.map((row) => [...row]), loadSupportPlans);
    expect(again).toBe(first);
    expect(first.loaded.result.plans.get('gold')?.minimum.toFixed()).toBe('10');
    loadTableArgument('supportPlans', 'supportPlans', [['Plan', 'Minimum', 'Tiers'], ['gold', 11, '0:10%']], loadSupportPlans);
    expect([tableCache.hits, tableCache.misses]).toEqual([1, 2]);
  });

  test('throwTableErrors throws the first error with the count of the others, ignores warnings', () => {
    expect(() => throwTableErrors([{ code: 'CREDIT_CARRIED', severity: 'warning', message: 'w' }])).not.toThrow();
    expect(thrown(() => throwTableErrors([
      { code: 'BAD_VALUE', severity: 'error', message: 'first.', count: 2 },
      { code: 'MISSING_COLUMN', severity: 'error', message: 'second.' },
    ]))).toMatchObject({ code: 'BAD_VALUE', message: 'first. (and 2 more)' });
  });
});
