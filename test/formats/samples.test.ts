import * as path from 'node:path';
import { fileSource } from '../../src/cli/fileSource';
import type { BillingLine } from '../../src/engine/line';
import { ExactSum, formatDecimal } from '../../src/engine/money';
import { readBilling } from '../../src/formats/readBilling';

const PUBLIC = path.resolve(__dirname, '../../samples/public');

async function readSample(name: string) {
  const lines: BillingLine[] = [];
  const result = await readBilling(fileSource(path.join(PUBLIC, name)), (line) => lines.push(line));
  return { ...result, lines };
}

const sum = (lines: BillingLine[]) => {
  const total = new ExactSum();
  for (const line of lines) if (line.unblendedCost !== null) total.add(line.unblendedCost);
  return formatDecimal(total.toDecimal());
};

describe('public samples through readBilling', () => {
  it('readBilling(cur1-sample-2023-11.csv) gives 1,281 lines (1,269 usage, 12 tax) of period 2023-11 summing to 1.6823086974', async () => {
    const { format, issues, control, lines } = await readSample('cur1-sample-2023-11.csv');
    expect(format).toBe('cur1');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues).toEqual([]);
    expect(lines).toHaveLength(1281);
    expect(control).toMatchObject({
      format: 'cur1', rowsRead: 1281, linesEmitted: 1281, rowsSkipped: 0, periods: ['2023-11'],
      payerAccounts: ['123412340534'], accounts: ['123412340534'],
      unblendedRead: '1.6823086974', unblendedAccounted: '1.6823086974', checks: [],
    });
    expect(control.linesByKind).toMatchObject({ usage: 1269, tax: 12 });
    expect(control.unblendedByKind).toMatchObject({ usage: '1.6023086974', tax: '0.08' });
    expect(sum(lines)).toBe('1.6823086974');
    expect(lines.filter((l) => l.unblendedCost !== null && /e/i.test(l.unblendedCost)).length).toBeGreaterThan(0);
    expect(new Set(lines.map((l) => l.invoiceId))).toEqual(new Set([null]));
  });

  it('readBilling(focus-1.0-sample.csv) gives 1,000 lines: AWS 942 / Microsoft 51 / Oracle 7 and the BilledCost sums', async () => {
    const { format, issues, control, lines } = await readSample('focus-1.0-sample.csv');
    expect(format).toBe('focus');
    // The anonymised AWS ids are 13 (BillingAccountId) and 11 (SubAccountId) digits: damaged, so
    // warned once per column for the 942 AWS rows; Microsoft's and Oracle's ids are not checked.
    expect(issues.map((i) => [i.code, i.severity, i.source?.line, i.source?.column, i.count])).toEqual([
      ['BAD_VALUE', 'warning', 2, 'BillingAccountId', 942],
      ['BAD_VALUE', 'warning', 2, 'SubAccountId', 942],
    ]);
    expect(issues[0].message).toContain('Account id "1234567890123" in column BillingAccountId at line 2 of');
    expect(control).toMatchObject({ rowsRead: 1000, linesEmitted: 1000, rowsSkipped: 0, unblendedRead: '20.52022672899', unblendedAccounted: '20.52022672899' });
    const byProvider = (provider: string) => lines.filter((l) => l.provider === provider);
    expect([byProvider('AWS').length, byProvider('Microsoft').length, byProvider('Oracle').length]).toEqual([942, 51, 7]);
    expect(sum(byProvider('AWS'))).toBe('18.0066386184');
    expect(sum(lines)).toBe('20.52022672899');
    expect(lines[0]).toMatchObject({ source: { line: 2 }, period: '2024-09', account: '51738928782', unblendedCost: '0.00000080000', usageAmount: '2.000000000000000' });
  });
});
