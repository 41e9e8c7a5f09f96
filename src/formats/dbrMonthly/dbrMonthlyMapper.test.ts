import type { Issue } from '../../engine/issues';
import type { BillingLine } from '../../engine/line';
import type { FileControl } from '../fileControl';
import { readFixture } from '../../../test/formats/readFixture';


describe('DbrMonthlyMapper', () => {
  let lines: BillingLine[];
  let control: FileControl;
  let issues: Issue[];
  beforeAll(async () => {
    ({ lines, control, issues } = await readFixture('dbr/monthly-2016-01.csv'));
  });

  it('splits Credits and TaxAmount into credit and tax lines of the same source row', () => {
    expect(lines.map((l) => [l.source.line, l.kind, l.unblendedCost])).toEqual([
      [2, 'usage', '100.00'], [2, 'credit', '-10.00'], [2, 'tax', '9.00'],
      [3, 'usage', '5.50'], [3, 'tax', '0.55'],
      [4, 'support', '100.00'],
      [5, 'total', '106.05'], [6, 'total', '205.05'], [7, 'total', '205.05'],
    ]);
  });

  it('maps the monthly report fields: payer lines on the payer, product codes, period from slashed dates', () => {
    expect(lines[0]).toMatchObject({
      format: 'dbr-monthly', period: '2016-01', payerAccount: '999988887777', account: '999988887777',
      productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', region: 'us-east-1', instanceType: 'm3.medium',
      usageAmount: '1492.537', blendedRate: '0.067', invoiceId: null, currency: 'USD',
    });
    expect(lines[1]).toMatchObject({ kind: 'credit', usageAmount: null, blendedRate: null, source: { line: 2 } });
    expect(lines[3]).toMatchObject({ account: '012345678901', region: 'eu-west-1', productCode: 'AmazonS3' });
  });

  it('skips the EstimatedDisclaimer row with an info issue and accounts for every cost', () => {
    expect(issues.map((i) => [i.code, i.severity, i.source?.line])).toEqual([['SKIPPED_ROW', 'info', 8]]);
    expect(control).toMatchObject({
      rowsRead: 7, linesEmitted: 9, rowsSkipped: 1, skippedByReason: { EstimatedDisclaimer: 1 }, accounts: ['012345678901', '999988887777'],
      unblendedRead: '205.05', unblendedAccounted: '205.05', checks: [],
    });
    expect(control.unblendedByKind).toMatchObject({ usage: '105.5', support: '100', credit: '-10', tax: '9.55' });
  });
});
