import { ControlTally, mergeControls, ratedLineCount, sameAmount } from './fileControl';
import type { BillingLine } from '../engine/line';

function line(kind: BillingLine['kind'], cost: string | null, account = '000000000001'): BillingLine {
  return {
    source: { file: 'f.csv', line: 2 }, format: 'cur1', period: '2023-11', payerAccount: '111111111111', account, kind,
    productCode: null, service: null, usageType: null, operation: null, availabilityZone: null, region: null, instanceType: null,
    platform: null, tenancy: null, billingEntity: null, usageAmount: null, unblendedRate: null, unblendedCost: cost, blendedRate: null,
    blendedCost: null, listCost: null, amortizedCost: null, commitmentArn: null, commitmentOwner: null, currency: 'USD', invoiceId: null,
    provider: 'AWS', description: null, resourceId: null, tags: null,
  };
}

describe('ControlTally', () => {
  it('ControlTally.finish() sums lines by kind, leaves totals out of the accounted cost and adds skipped known costs', () => {
    const tally = new ControlTally('f.csv');
    tally.rowsRead = 5;
    for (const [kind, cost] of [['usage', '1.10'], ['usage', '2'], ['tax', '0.3'], ['total', '3.4']] as const) tally.count(line(kind, cost));
    tally.skip('BAD_NUMBER', '0.05');
    tally.skip('BAD_ROW', null);
    const control = tally.finish();
    expect(control).toMatchObject({ rowsRead: 5, linesEmitted: 4, rowsSkipped: 2, skippedByReason: { BAD_NUMBER: 1, BAD_ROW: 1 }, unblendedAccounted: '3.45' });
    expect(control.unblendedByKind).toMatchObject({ usage: '3.1', tax: '0.3', total: '3.4', credit: '0' });
    expect(ratedLineCount(control)).toBe(3);
  });

  it('mergeControls(file, controls) adds up two tables of a zip', () => {
    const a = new ControlTally('z.zip!a.csv');
    a.format = 'cur1';
    a.rowsRead = 1;
    a.addRead('1.5');
    a.count(line('usage', '1.5', '000000000002'));
    const b = new ControlTally('z.zip!b.csv');
    b.format = 'cur1';
    b.rowsRead = 2;
    b.addRead('0.25');
    b.count(line('credit', '0.25'));
    b.skip('BAD_ROW', null);
    const merged = mergeControls('z.zip', [a.finish(), b.finish()]);
    expect(merged).toMatchObject({
      file: 'z.zip', format: 'cur1', rowsRead: 3, linesEmitted: 2, rowsSkipped: 1, skippedByReason: { BAD_ROW: 1 },
      accounts: ['000000000001', '000000000002'], unblendedRead: '1.75', unblendedAccounted: '1.75',
    });
    expect(merged.unblendedByKind).toMatchObject({ usage: '1.5', credit: '0.25' });
  });

  it('sameAmount(a, b) compares exact values, not spellings', () => {
    expect(sameAmount('1.50', '1.5')).toBe(true);
    expect(sameAmount('1.8E-9', '0.0000000018')).toBe(true);
    expect(sameAmount('1.5', '1.51')).toBe(false);
  });
});
