import type { Issue } from '../../engine/issues';
import type { BillingLine } from '../../engine/line';
import type { FileControl } from '../fileControl';
import { mapCsv } from '../../../test/formats/feedCsv';
import { readFixture } from '../../../test/formats/readFixture';


describe('DbrMapper', () => {
  let lines: BillingLine[];
  let control: FileControl;
  let issues: Issue[];
  beforeAll(async () => {
    ({ lines, control, issues } = await readFixture('dbr/dbr-2017-05.csv'));
  });
  const byLine = (n: number): BillingLine => lines.find((l) => l.source.line === n) as BillingLine;

  it('maps a consolidated DBR row by row with the kinds of FORMATS.md', () => {
    expect(lines.map((l) => [l.source.line, l.kind])).toEqual([
      [2, 'usage'], [3, 'usage'], [4, 'ri-covered'], [5, 'ri-fee'], [6, 'upfront'], [7, 'support'], [8, 'ri-covered'],
      [9, 'tax'], [10, 'credit'], [11, 'refund'], [12, 'usage'], [13, 'rounding'], [14, 'rounding'],
      [15, 'total'], [16, 'total'], [17, 'total'], [18, 'total'],
    ]);
    expect(issues).toEqual([]);
  });

  it('derives product code, region, instance type, period and invoice from a DBR row', () => {
    expect(byLine(2)).toMatchObject({
      format: 'dbr', period: '2017-05', payerAccount: '999988887777', account: '012345678901',
      productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', usageType: 'USW2-BoxUsage:m4.large',
      region: 'us-west-2', instanceType: 'm4.large', availabilityZone: 'us-west-2a', invoiceId: '123456789',
      usageAmount: '24', unblendedRate: '0.1', unblendedCost: '2.4', blendedRate: '0.095', blendedCost: '2.28',
      listCost: null, amortizedCost: null, currency: 'USD', provider: 'AWS', resourceId: 'i-0abc',
      tags: { 'user:Name': 'web', 'user:env': 'prod' },
    });
    expect(byLine(3)).toMatchObject({ productCode: 'AmazonS3', region: 'us-east-1', instanceType: null, tags: null });
    expect(byLine(4)).toMatchObject({ instanceType: 'c4.large', region: 'us-east-1' });
    expect(byLine(8)).toMatchObject({ region: 'eu-central-1', instanceType: 't2.micro' });
    expect(byLine(7)).toMatchObject({ productCode: 'AWSSupportBusiness', kind: 'support' });
    expect(byLine(12)).toMatchObject({ region: 'eu-west-2', unblendedCost: '0.0042' });
    expect(byLine(18)).toMatchObject({ kind: 'total', period: '2017-05', account: null, region: null, unblendedCost: '421.73', blendedCost: '421.61' });
  });

  it('reconciles the LineItem and Rounding rows with every total row, unblended and blended', () => {
    expect(control.checks.map((c) => [c.scope, c.key, c.basis, c.line, c.stated, c.summed, c.ok])).toEqual([
      ['account', '012345678901', 'unblended', 15, '325.48', '325.48', true],
      ['account', '012345678901', 'blended', 15, '325.36', '325.36', true],
      ['account', '222233334444', 'unblended', 16, '96.25', '96.25', true],
      ['account', '222233334444', 'blended', 16, '96.25', '96.25', true],
      ['invoice', '123456789', 'unblended', 17, '421.73', '421.73', true],
      ['invoice', '123456789', 'blended', 17, '421.61', '421.61', true],
      ['statement', '', 'unblended', 18, '421.73', '421.73', true],
      ['statement', '', 'blended', 18, '421.61', '421.61', true],
    ]);
  });

  it('counts rows, lines and unblended cost by kind for the control totals', () => {
    expect(control).toMatchObject({
      format: 'dbr', rowsRead: 17, linesEmitted: 17, rowsSkipped: 0, periods: ['2017-05'],
      payerAccounts: ['999988887777'], accounts: ['012345678901', '222233334444'],
      unblendedRead: '421.73', unblendedAccounted: '421.73',
    });
    expect(control.unblendedByKind).toMatchObject({
      usage: '2.42730419', 'ri-covered': '0', 'ri-fee': '23.064', upfront: '300', support: '100',
      tax: '1.5', credit: '-5', refund: '-0.25', rounding: '-0.01130419', total: '1265.19',
    });
  });

  it('reads a standalone account DBR (Rate, Cost) with Cost as both unblended and blended', async () => {
    const standalone = await readFixture('dbr/dbr-standalone-2017-06.csv');
    expect(standalone.issues).toEqual([]);
    expect(standalone.lines[0]).toMatchObject({
      period: '2017-06', payerAccount: '000011112222', account: '000011112222', invoiceId: null,
      region: 'ap-south-1', instanceType: 't3.small', unblendedCost: '2.24', blendedCost: '2.24',
      unblendedRate: '0.0224', blendedRate: '0.0224', productCode: 'AmazonEC2',
    });
    expect(standalone.lines[1]).toMatchObject({ productCode: 'awskms', service: 'AWS Key Management Service' });
    expect(standalone.control.checks.map((c) => [c.scope, c.key, c.basis, c.stated, c.summed, c.ok])).toEqual([
      ['invoice', 'Estimated', 'unblended', '2.27', '2.27', true],
      ['statement', '', 'unblended', '2.27', '2.27', true],
    ]);
    expect(standalone.control.unblendedRead).toBe('2.27');
  });

  it('reports CONTROL_TOTAL_MISMATCH naming both figures and the line of a total row that does not reconcile', async () => {
    const bad = await readFixture('dbr/dbr-mismatch-2017-07.csv');
    expect(bad.issues).toEqual([
      {
        code: 'CONTROL_TOTAL_MISMATCH', severity: 'error', count: 1, source: { file: 'dbr-mismatch-2017-07.csv', line: 5 },
        message: 'The AccountTotal row at line 5 of dbr-mismatch-2017-07.csv states unblended cost 1.03 for account 012345678901, but its rows sum to 1.02 (difference -0.01).',
      },
      {
        code: 'CONTROL_TOTAL_MISMATCH', severity: 'error', count: 1, source: { file: 'dbr-mismatch-2017-07.csv', line: 5 },
        message: 'The AccountTotal row at line 5 of dbr-mismatch-2017-07.csv states blended cost 1.03 for account 012345678901, but its rows sum to 1.02 (difference -0.01).',
      },
    ]);
    expect(bad.control.checks.filter((c) => !c.ok).map((c) => c.difference)).toEqual(['-0.01', '-0.01']);
    expect(bad.control.checks.filter((c) => c.ok)).toHaveLength(4);
  });

  it('takes the period from the file name when a DBR row has no UsageStartDate', () => {
    const header = 'InvoiceID,PayerAccountId,LinkedAccountId,RecordType,ProductName,UsageType,ItemDescription,UsageStartDate,UnBlendedCost,BlendedCost';
    const text = `${header}\n1,111111111111,,LineItem,AWS Lambda,Lambda-GB-Second,Compute,,0.5,0.5\n`;
    expect(mapCsv('123-aws-billing-detailed-line-items-2018-02.csv', text).lines[0]).toMatchObject({ period: '2018-02', productCode: 'AWSLambda' });
    const noDate = mapCsv('dbr.csv', text);
    expect(noDate.lines).toEqual([]);
    expect(noDate.issues.issues.map((i) => [i.code, i.message])).toEqual([
      ['BAD_DATE', '"" in column UsageStartDate at line 2 of dbr.csv is not a date; the row is skipped.'],
    ]);
    expect(noDate.control).toMatchObject({ rowsSkipped: 1, skippedByReason: { BAD_DATE: 1 }, unblendedRead: '0.5', unblendedAccounted: '0.5' });
  });
});
