import { loadFxRates } from './loadFxRates';
import { lookupFxRate } from './fxTable';
import { makeTable } from '../../../test/engine/fixtures';

describe('loadFxRates', () => {
  test('loadFxRates(table) reads rates per period; a blank period applies to periods without their own', () => {
    const { result, issues } = loadFxRates(makeTable('Fx', ['Period', 'From', 'To', 'Rate'], [
      ['2023-11', 'usd', 'GBP', '0.8'],
      ['', 'USD', 'GBP', '0.75'],
    ]));
    expect(issues).toEqual([]);
    expect(lookupFxRate(result, '2023-11', 'USD', 'GBP')!.toFixed()).toBe('0.8');
    expect(lookupFxRate(result, '2023-12', 'USD', 'GBP')!.toFixed()).toBe('0.75');
    expect(lookupFxRate(result, '2023-11', 'GBP', 'USD')).toBeNull();
    expect(lookupFxRate(null, '2023-11', 'JPY', 'JPY')!.toFixed()).toBe('1');
  });

  test('loadFxRates(table) rejects bad periods, codes, rates and conflicting duplicates with their row', () => {
    const { issues } = loadFxRates(makeTable('Fx', ['Period', 'From', 'To', 'Rate'], [
      ['2023-1', 'USD', 'EUR', '0.9'], ['2023-11', 'US', 'EUR', '0.9'], ['2023-11', 'USD', 'EUR', '-1'],
      ['2023-11', 'USD', 'EUR', '0.9'], ['2023-11', 'USD', 'EUR', '0.91'], ['2023-11', 'USD', 'EUR', '0.900'],
    ]));
    expect(issues.map((i) => [i.source?.line, i.source?.column])).toEqual([[2, 'Period'], [3, 'From'], [4, 'Rate'], [6, 'Rate']]);
    expect(issues[3].message).toBe('FX rate USD→EUR for 2023-11 is 0.91 in Fx line 6 but 0.9 on line 5; the first is kept.');
  });
});
