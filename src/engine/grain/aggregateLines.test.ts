import type { BillingLine } from '../line';
import { MonthAggregator } from './aggregateLines';

const base: BillingLine = {
  source: { file: 'cur.csv', line: 2 }, format: 'cur1', period: '2023-11', payerAccount: '111122223333', account: '111122223333',
  kind: 'usage', productCode: 'AmazonEC2', service: 'AmazonEC2', usageType: 'BoxUsage:t3.micro', operation: 'RunInstances',
  availabilityZone: 'us-east-1a', region: 'us-east-1', instanceType: 't3.micro', platform: null, tenancy: null, billingEntity: 'AWS',
  usageAmount: '1', unblendedRate: '0.0104', unblendedCost: '0.0104', blendedRate: null, blendedCost: null,
  listCost: null, amortizedCost: null, commitmentArn: null, commitmentOwner: null, currency: 'USD', invoiceId: null, provider: 'AWS',
  description: 'a', resourceId: 'i-1', tags: { 'user:Team': 'A' },
};

describe('MonthAggregator', () => {
  test('lines of one pricing group and month become one row with exact sums, the first source line and the count', () => {
    const month = new MonthAggregator();
    month.add(base);
    month.add({ ...base, source: { file: 'cur.csv', line: 9 }, usageAmount: '2', unblendedCost: '0.0208', resourceId: 'i-2', tags: null });
    month.add({ ...base, source: { file: 'cur.csv', line: 10 }, account: '444455556666' });
    expect(month.size).toBe(2);
    expect(month.linesAdded).toBe(3);
    const rows = [...month.rows()];
    expect(rows[0]).toEqual({
      count: 2,
      line: { ...base, usageAmount: '3', unblendedCost: '0.0312', unblendedRate: null, description: null, resourceId: null, tags: null },
    });
    expect(rows[1].line.account).toBe('444455556666');
  });

  test('a group splits on which figures are blank, on the period and on the file', () => {
    const month = new MonthAggregator();
    month.add(base);
    month.add({ ...base, amortizedCost: '0.01' });
    month.add({ ...base, period: '2023-12' });
    month.add({ ...base, source: { file: 'other.csv', line: 2 } });
    expect(month.size).toBe(4);
  });
});
