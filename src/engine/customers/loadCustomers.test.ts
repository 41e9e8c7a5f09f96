import { loadCustomers } from './loadCustomers';
import { customerOf } from './customerDirectory';
import { makeTable } from '../../../test/engine/fixtures';

describe('loadCustomers', () => {
  test('loadCustomers(table) maps accounts, keeps plans per account and the first currency per customer', () => {
    const { result, issues } = loadCustomers(makeTable('Customers', ['Customer', 'Account', 'SupportPlan', 'Currency'], [
      ['Acme', '012345678901', 'business', 'gbp'],
      ['Acme', '222222222222', '', ''],
      ['Beta', '333333333333', 'None', ''],
    ]));
    expect(issues).toEqual([]);
    expect(customerOf(result, '222222222222')).toBe('Acme');
    expect(customerOf(result, '444444444444')).toBe('444444444444');
    expect(result.accounts.get('012345678901')!.supportPlan).toBe('business');
    expect(result.accounts.get('333333333333')!.supportPlan).toBeNull();
    expect(result.currencies.get('Acme')).toBe('GBP');
  });

  test('loadCustomers(table) reports a currency conflict, a duplicate account and lost leading zeros with their rows', () => {
    const { result, issues } = loadCustomers(makeTable('Customers', ['Customer', 'Account', 'SupportPlan', 'Currency'], [
      ['Acme', '111111111111', '', 'EUR'],
      ['Acme', '222222222222', '', 'USD'],
      ['Beta', '111111111111', '', ''],
      ['Gamma', '12345678901', '', ''],
      ['', '555555555555', '', ''],
    ]));
    expect(issues.map((i) => [i.code, i.severity, i.source?.line])).toEqual([
      ['CURRENCY_CONFLICT', 'error', 3], ['BAD_VALUE', 'error', 4], ['BAD_VALUE', 'warning', 5], ['BAD_VALUE', 'error', 6],
    ]);
    expect(issues[0].message).toBe('Customer "Acme" has currency USD in Customers line 3 but EUR on line 2; EUR is kept.');
    expect(result.currencies.get('Acme')).toBe('EUR');
    expect(customerOf(result, '111111111111')).toBe('Acme');
  });
});
