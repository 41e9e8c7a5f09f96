import { parquetWriteBuffer } from 'hyparquet-writer';
import type { BillingLine } from '../../src/engine/line';
import { readBilling } from '../../src/formats/readBilling';
import { bytesSource } from '../../src/formats/source';

describe('readBilling on a CUR 2.0 Parquet file', () => {
  it('readBilling(cur2.parquet) maps doubles, timestamps and the product map like the CSV export', async () => {
    const start = new Date(Date.UTC(2023, 11, 1));
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'bill_payer_account_id', data: ['111122223333', '111122223333', '111122223333'], type: 'STRING' },
        { name: 'bill_billing_period_start_date', data: [start, start, start], type: 'TIMESTAMP' },
        { name: 'line_item_usage_account_id', data: ['000000000042', '000000000042', '444455556666'], type: 'STRING' },
        { name: 'line_item_line_item_type', data: ['Usage', 'SavingsPlanCoveredUsage', 'Tax'], type: 'STRING' },
        { name: 'line_item_product_code', data: ['AmazonS3', 'AmazonEC2', 'AmazonS3'], type: 'STRING' },
        { name: 'line_item_unblended_cost', data: [1.8e-9, 0.96, 0.08], type: 'DOUBLE' },
        { name: 'savings_plan_savings_plan_effective_cost', data: [null, 0.6, null], type: 'DOUBLE' },
        { name: 'savings_plan_savings_plan_a_r_n', data: [null, 'arn:aws:savingsplans::444455556666:savingsplan/sp-1', null], type: 'STRING' },
        {
          name: 'product',
          data: [
            '{"product_name":"Amazon Simple Storage Service","region":"us-east-1"}',
            '{"product_name":"Amazon Elastic Compute Cloud","region":"eu-west-1","instance_type":"m5.large"}',
            null,
          ],
          type: 'STRING',
        },
      ],
    });
    const lines: BillingLine[] = [];
    const result = await readBilling(bytesSource('cur2.parquet', new Uint8Array(buffer)), (line) => lines.push(line));
    expect(result.format).toBe('cur2');
    expect(result.issues).toEqual([]);
    expect(lines.map((l) => [l.source.line, l.kind, l.period, l.account, l.unblendedCost, l.amortizedCost, l.service, l.region])).toEqual([
      [2, 'usage', '2023-12', '000000000042', '1.8e-9', '1.8e-9', 'Amazon Simple Storage Service', 'us-east-1'],
      [3, 'sp-covered', '2023-12', '000000000042', '0.96', '0.6', 'Amazon Elastic Compute Cloud', 'eu-west-1'],
      [4, 'tax', '2023-12', '444455556666', '0.08', '0.08', 'AmazonS3', null],
    ]);
    expect(lines[1]).toMatchObject({ instanceType: 'm5.large', commitmentOwner: '444455556666' });
    expect(result.control).toMatchObject({ rowsRead: 3, unblendedRead: '1.0400000018', unblendedAccounted: '1.0400000018' });
  });
});
