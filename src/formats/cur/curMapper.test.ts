import type { Issue } from '../../engine/issues';
import type { BillingLine } from '../../engine/line';
import type { FileControl } from '../fileControl';
import { mapCsv } from '../../../test/formats/feedCsv';
import { readFixture } from '../../../test/formats/readFixture';


describe('CurMapper', () => {
  let lines: BillingLine[];
  let control: FileControl;
  let issues: Issue[];
  beforeAll(async () => {
    ({ lines, control, issues } = await readFixture('cur2/cur2-2023-12.csv'));
  });

  it('maps every CUR 2.0 line item type to its kind and amortized cost', () => {
    expect(issues).toEqual([]);
    expect(lines.map((l) => [l.kind, l.unblendedCost, l.amortizedCost])).toEqual([
      ['usage', '0.96', '0.96'],
      ['ri-covered', '0', '43.2'],
      ['ri-fee', '36.0', '1.55'],
      ['upfront', '500', '0'],
      ['sp-covered', '0.96', '0.6'],
      ['sp-negation', '-0.96', '0'],
      ['sp-fee', '7.2', '6.6'],
      ['fee', '12', '12'],
      ['support', '100', '100'],
      ['credit', '-5', '-5'],
      ['discount', '-3.5', '-3.5'],
      ['tax', '2.1', '2.1'],
    ]);
  });

  it('reads product attributes from columns and the product map, tags from resource_tags, owners from ARNs', () => {
    expect(lines[0]).toMatchObject({
      format: 'cur2', period: '2023-12', payerAccount: '111122223333', account: '000000000042', invoiceId: '2023120001',
      billingEntity: 'AWS', productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', region: 'us-east-1',
      instanceType: 'm5.large', platform: 'Linux', tenancy: 'Shared', listCost: '0.96', usageAmount: '10',
      tags: { user_team: 'web', user_env: 'prod' }, commitmentArn: null, commitmentOwner: null,
    });
    expect(lines[1]).toMatchObject({ commitmentArn: 'arn:aws:ec2:us-east-1:111122223333:reserved-instances/abcd-1234', commitmentOwner: '111122223333' });
    expect(lines[4]).toMatchObject({ commitmentOwner: '444455556666', tags: null });
    expect(lines[6]).toMatchObject({ service: 'Savings Plans for AWS Compute usage', productCode: 'ComputeSavingsPlans' });
  });

  it('accounts for every unblended cost of the file', () => {
    expect(control).toMatchObject({
      format: 'cur2', rowsRead: 12, linesEmitted: 12, rowsSkipped: 0, periods: ['2023-12'],
      payerAccounts: ['111122223333'], accounts: ['000000000042', '111122223333', '444455556666'],
      unblendedRead: '649.76', unblendedAccounted: '649.76',
    });
  });

  it('reads an unknown line item type as a fee with a warning', () => {
    const text = 'lineItem/LineItemType,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/UnblendedCost\nMysteryFee,2023-11-01T00:00:00Z,000000000042,1\nMysteryFee,2023-11-01T00:00:00Z,000000000042,2\n';
    const result = mapCsv('cur.csv', text);
    expect(result.lines.map((l) => l.kind)).toEqual(['fee', 'fee']);
    expect(result.issues.issues).toEqual([
      {
        code: 'BAD_VALUE', severity: 'warning', count: 2, source: { file: 'cur.csv', line: 2, column: 'lineItem/LineItemType' },
        message: 'Line item type "MysteryFee" at line 2 of cur.csv is not one FORMATS.md maps; the line is read as a fee.',
      },
    ]);
  });

  it('reads columns a month lacks as null, and ri-fee amortized cost from one present part', () => {
    const text = 'lineItem/LineItemType,bill/BillingPeriodStartDate,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/UnblendedCost,reservation/UnusedRecurringFee\nRIFee,2023-11-01 00:00:00,123456789012,000000000042,5,0.25\n';
    expect(mapCsv('cur.csv', text).lines[0]).toMatchObject({ kind: 'ri-fee', amortizedCost: '0.25', listCost: null, region: null, period: '2023-11' });
  });
});
