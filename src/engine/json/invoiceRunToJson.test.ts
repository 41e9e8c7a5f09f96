import { invoiceRunToJson } from './invoiceRunToJson';
import { formatPrecise } from '../money';
import { Decimal } from '../money';
import { makeCustomers, makeFx, makeLine, runLines } from '../../../test/engine/fixtures';

describe('invoiceRunToJson', () => {
  test('invoiceRunToJson(result, controls) writes the PRODUCT.md contract: money as strings, precise ≥ 10 decimals, amounts in minor units', () => {
    const customers = makeCustomers([['Acme', '111111111111', '', 'GBP']]);
    const fxRates = makeFx([['2023-11', 'USD', 'GBP', '0.947']]);
    const result = runLines([
      makeLine({ productCode: 'AmazonS3', service: 'Amazon Simple Storage Service', unblendedCost: '1.4405653565' }),
      makeLine({ kind: 'credit', unblendedCost: '-10' }),
    ], { customers, fxRates });
    const controls = [{ file: 'f.csv', format: 'cur1', rowsRead: 2, rowsRated: 2, rowsSkipped: 0, unblendedRead: '-8.5594346435', unblendedAccounted: '-8.5594346435' }];
    expect(invoiceRunToJson(result, controls)).toEqual({
      invoices: [{
        customer: 'Acme', period: '2023-11', currency: 'GBP',
        lines: [{ category: 'Amazon Simple Storage Service', account: null, cost: '1.4405653565', price: '1.3642153926055', amount: '1.36' }],
        total: '1.36', preciseTotal: '1.3642153926055', residual: '0.00',
      }],
      carriedCredits: [{ customer: 'Acme', fromPeriod: '2023-11', toPeriod: '2023-12', category: 'Credits', amount: '-10.0000000000', currency: 'USD' }],
      issues: [],
      controls,
    });
  });

  test('invoiceRunToJson(result) writes issues with code, severity, message, source and count', () => {
    const result = runLines([makeLine({ account: '222222222222', unblendedCost: '1', source: { file: 'x.csv', line: 9 } })], { customers: makeCustomers([['Acme', '111111111111']]) });
    const json = invoiceRunToJson(result) as { issues: unknown[]; controls: unknown[] };
    expect(json.issues).toEqual([{ code: 'UNMAPPED_ACCOUNT', severity: 'info', message: 'Account 222222222222 is not in the customers table Customers.csv; it is invoiced as its own customer "222222222222".', source: { file: 'x.csv', line: 9 }, count: 1 }]);
    expect(json.controls).toEqual([]);
  });

  test('formatPrecise(d) pads to 10 decimals, keeps more when exact, never rounds and never writes -0', () => {
    expect(formatPrecise(new Decimal('-10'))).toBe('-10.0000000000');
    expect(formatPrecise(new Decimal('20.52022672899'))).toBe('20.52022672899');
    expect(formatPrecise(new Decimal('1.8E-12'))).toBe('0.0000000000018');
    expect(formatPrecise(new Decimal('-0'))).toBe('0.0000000000');
  });
});
