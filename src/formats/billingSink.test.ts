import fc from 'fast-check';
import { ExactSum, formatDecimal } from '../engine/money';
import { mapCsv } from '../../test/formats/feedCsv';

const HEADER = 'lineItem/LineItemType,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/UnblendedCost,lineItem/UsageAmount';

describe('BillingSink', () => {
  it('BillingSink counts every record once: rowsRead = lines emitted + rows skipped, and read = accounted', () => {
    const cell = fc.oneof(
      fc.constantFrom('1.5', '-0.25', '1.8E-9', '', 'NULL', '12 USD', '1,234.50', '0'),
      fc.integer({ min: -1000000, max: 1000000 }).map((n) => (n / 1000).toFixed(3)),
    );
    const record = fc.record({
      type: fc.constantFrom('Usage', 'Tax', 'Credit', 'SavingsPlanNegation', 'BundledDiscount'),
      date: fc.constantFrom('2023-11-01T00:00:00Z', '2023-11-01 00:00:00', 'soon'),
      cost: cell,
      amount: cell,
      short: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const body = records.map((r) => (r.short ? `${r.type},${r.date}` : `${r.type},${r.date},000000000001,"${r.cost}","${r.amount}"`));
        const { lines, control } = mapCsv('p.csv', [HEADER, ...body].join('\n'));
        const expected = new ExactSum();
        for (const r of records) {
          if (!r.short && /^-?[\d.]+(E-9)?$/.test(r.cost)) expected.add(r.cost);
        }
        expect(control.rowsRead).toBe(records.length);
        expect(control.linesEmitted).toBe(lines.length);
        expect(lines.length + control.rowsSkipped).toBe(records.length);
        expect(control.unblendedRead).toBe(formatDecimal(expected.toDecimal()));
        expect(control.unblendedAccounted).toBe(control.unblendedRead);
      }),
      { numRuns: 200 },
    );
  });

  it('BillingSink reports one BAD_NUMBER per row, for the first bad cell, folded per column', () => {
    const text = `${HEADER}\nUsage,2023-11-01T00:00:00Z,000000000001,abc,xyz\nUsage,2023-11-01T00:00:00Z,000000000001,1,xyz\nUsage,2023-11-01T00:00:00Z,000000000001,1,2\n`;
    const { issues, control } = mapCsv('b.csv', text);
    expect(issues.issues.map((i) => [i.code, i.source?.line, i.source?.column, i.count])).toEqual([
      ['BAD_NUMBER', 2, 'lineItem/UsageAmount', 2],
    ]);
    expect(control).toMatchObject({ rowsSkipped: 2, unblendedRead: '2', unblendedAccounted: '2' });
  });
});
