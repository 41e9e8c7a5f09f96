import type { Issue } from '../../engine/issues';
import type { BillingLine } from '../../engine/line';
import type { FileControl } from '../fileControl';
import { readFixture } from '../../../test/formats/readFixture';


describe('FocusMapper', () => {
  let lines: BillingLine[];
  let control: FileControl;
  let issues: Issue[];
  beforeAll(async () => {
    ({ lines, control, issues } = await readFixture('focus/focus-1.2-2025-01.csv'));
  });

  it('maps charge categories, commitment status and frequency (any case) to kinds', () => {
    expect(issues).toEqual([]);
    expect(lines.map((l) => [l.kind, l.unblendedCost, l.amortizedCost])).toEqual([
      ['usage', '0.96', '0.96'],
      ['sp-covered', '0', '0.6'],
      ['ri-covered', '0', '43.2'],
      ['sp-fee', '0', '1.4'],
      ['upfront', '500', '0'],
      ['sp-fee', '7.2', '0'],
      ['fee', '25', '25'],
      ['support', '100', '100'],
      ['tax', '2.1', '2.1'],
      ['credit', '-5', '-5'],
      ['refund', '-0.25', '-0.25'],
      ['usage', '12.5', '12.5'],
    ]);
  });

  it('maps FOCUS columns, x_ extensions, NULL tokens, tags and the provider', () => {
    expect(lines[0]).toMatchObject({
      format: 'focus', period: '2025-01', payerAccount: '111122223333', account: '000000000042', provider: 'AWS',
      productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', usageType: 'USE1-BoxUsage:m5.large',
      operation: 'RunInstances', region: 'us-east-1', availabilityZone: 'us-east-1a', usageAmount: '10', listCost: '0.96',
      invoiceId: 'INV-1', currency: 'USD', tags: { team: 'web', 'cost-center': '42' }, blendedCost: null,
    });
    expect(lines[2]).toMatchObject({ commitmentOwner: '555566667777', period: '2025-01' });
    expect(lines[3]).toMatchObject({ usageAmount: null, region: null, usageType: 'ComputeSP:1yrNoUpfront', commitmentOwner: '111122223333' });
  });

  it('keeps another provider\'s support-named charge an ordinary usage line', () => {
    expect(lines[11]).toMatchObject({ provider: 'Microsoft', kind: 'usage', productCode: 'AWS Support (Business)', usageType: null, operation: null });
  });

  it('accounts for every billed cost', () => {
    expect(control).toMatchObject({ rowsRead: 12, linesEmitted: 12, unblendedRead: '642.51', unblendedAccounted: '642.51', periods: ['2025-01'] });
  });
});
