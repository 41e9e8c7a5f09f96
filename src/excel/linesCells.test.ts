import { MODEL_TABLES } from '../engine/workbookLayout';
import type { BillingLine } from '../engine/line';
import { countedLineToCells, EXCEL_CELL_CHARACTERS, LINES_NUMBER_FORMATS, MONEY_FORMAT, significantDigits } from './linesCells';

const columns = MODEL_TABLES.lines.columns;
const col = (name: string) => columns.indexOf(name);

const line: BillingLine = {
  source: { file: 'cur.csv', line: 7 }, format: 'cur1', period: '2023-11', payerAccount: '000000000001', account: '012345678901',
  kind: 'usage', productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', usageType: 'BoxUsage:t3.micro', operation: 'RunInstances',
  availabilityZone: null, region: 'us-east-1', instanceType: null, platform: null, tenancy: null, billingEntity: 'AWS',
  usageAmount: '2', unblendedRate: '0.0104', unblendedCost: '0.1234567890123456789', blendedRate: null, blendedCost: '1.8E-9',
  listCost: null, amortizedCost: null, commitmentArn: null, commitmentOwner: null, currency: 'USD', invoiceId: null, provider: 'AWS',
  description: '=HYPERLINK("http://x","y")', resourceId: null, tags: { 'user:Team': '+cmd' },
};

describe('linesCells', () => {
  test('significantDigits counts from the first to the last non-zero digit', () => {
    expect([significantDigits('-0.00012300'), significantDigits('1.8E-9'), significantDigits('0'), significantDigits('123456789012345678'), significantDigits('1000')])
      .toEqual([3, 2, 0, 18, 1]);
  });

  test('countedLineToCells types each cell and keeps a decimal over 15 digits exact in its shadow column', () => {
    const stats = { shadowCells: 0, cutCells: 0 };
    const cells = countedLineToCells({ line, count: 3 }, stats);
    expect(cells).toHaveLength(columns.length);
    expect(cells[col('Account')]).toBe('012345678901');
    expect(cells[col('SourceLine')]).toBe(7);
    expect(cells[col('LineCount')]).toBe(3);
    expect(cells[col('UnblendedCost')]).toBe(0.12345678901234568);
    expect(cells[col('UnblendedCostExact')]).toBe('0.1234567890123456789');
    expect(cells[col('BlendedCost')]).toBe(1.8e-9);
    expect(cells[col('BlendedCostExact')]).toBe('');
    expect(cells[col('ListCost')]).toBe('');
    expect(cells[col('Description')]).toBe('=HYPERLINK("http://x","y")');
    expect(cells[col('Tags')]).toBe('{"user:Team":"+cmd"}');
    expect(stats).toEqual({ shadowCells: 1, cutCells: 0 });
  });

  test('text is formatted @ (ids, tags, periods, shadows), money with the money format', () => {
    expect(LINES_NUMBER_FORMATS).toHaveLength(columns.length);
    for (const name of ['Account', 'PayerAccount', 'Period', 'Tags', 'Description', 'UnblendedCostExact']) expect(LINES_NUMBER_FORMATS[col(name)]).toBe('@');
    expect(LINES_NUMBER_FORMATS[col('UnblendedCost')]).toBe(MONEY_FORMAT);
    expect(LINES_NUMBER_FORMATS[col('LineCount')]).toBe('0');
  });

  test('text past Excel\'s 32,767 characters is cut and counted', () => {
    const stats = { shadowCells: 0, cutCells: 0 };
    const cells = countedLineToCells({ line: { ...line, description: 'x'.repeat(40_000) }, count: 1 }, stats);
    expect(String(cells[col('Description')]).length).toBe(EXCEL_CELL_CHARACTERS);
    expect(stats.cutCells).toBe(1);
  });
});
