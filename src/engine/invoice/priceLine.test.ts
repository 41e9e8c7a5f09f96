import { priceLine } from './priceLine';
import { makeCustomers, makeLine, makePriceBook } from '../../../test/engine/fixtures';

describe('priceLine', () => {
  const priceBook = makePriceBook([
    { Rule: 'acme', Customer: 'Acme', Method: 'margin', Value: '20%' },
    { Rule: 'list', Basis: 'list', Method: 'discount', Value: '5%', ValidFrom: '2024-01' },
    { Rule: 'drop', ProductCode: 'AmazonS3', Method: 'exclude' },
  ]);
  const customers = makeCustomers([['Acme', '111111111111', 'business']]);

  test('priceLine(line, options) prices one line like the invoice run and names the rule', () => {
    const priced = priceLine(makeLine({ unblendedCost: '100' }), { priceBook, customers });
    expect([priced.customer, priced.rule, priced.method, priced.basis, priced.basisAmount.toFixed(), priced.price?.toFixed()]).toEqual(['Acme', 'acme', 'margin', 'unblended', '100', '125']);
  });

  test('priceLine(line, { period }) rates as of another period; a missing basis figure stands in with unblended', () => {
    const line = makeLine({ account: '222222222222', unblendedCost: '100', listCost: null, format: 'dbr' });
    expect(priceLine(line, { priceBook }).rule).toBe('(none)');
    const priced = priceLine(line, { priceBook, period: '2024-02' });
    expect([priced.rule, priced.price?.toFixed(), priced.basisUnavailable]).toEqual(['list', '95', true]);
  });

  test('priceLine(line, options) gives null for a line that is not invoiced: excluded, removed by a setting, replaced by a plan', () => {
    expect(priceLine(makeLine({ account: '2', productCode: 'AmazonS3', unblendedCost: '1' }), { priceBook }).destination).toBe('excluded');
    expect(priceLine(makeLine({ kind: 'tax', unblendedCost: '1' }), { priceBook }).price).toBeNull();
    const support = priceLine(makeLine({ kind: 'support', unblendedCost: '1' }), { priceBook, customers });
    expect([support.rule, support.destination, support.price]).toEqual(['support-plan', 'support-replaced', null]);
    expect(priceLine(makeLine({ kind: 'tax', unblendedCost: '1' }), { priceBook, settings: { tax: 'pass-through' } }).price?.toFixed()).toBe('1');
  });
});
