import type { BillingLine } from '../line';
import { makeLine, makeTable } from '../../../test/engine/fixtures';
import type { Issue } from '../issues';
import {
  BILLING_LINES_COLUMNS, BILLING_LINES_HEADER, BILLING_LINES_SHADOW_HEADER, billingLineToRow, createBillingLinesReader, loadBillingLines, shadowColumnName,
} from './billingLinesTable';

/** A line with every field set, odd texts included, to check that nothing is lost or reordered. */
function fullLine(): BillingLine {
  return makeLine({
    source: { file: 'bill, "Nov".csv', line: 42 },
    format: 'cur2', period: '2023-11', payerAccount: '000123456789', account: '012345678901', kind: 'ri-covered',
    productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', usageType: 'BoxUsage:m5.large',
    operation: 'RunInstances:0002', availabilityZone: 'eu-west-1a', region: 'eu-west-1', instanceType: 'm5.large',
    platform: 'Windows', tenancy: 'Shared', billingEntity: 'AWS', usageAmount: '1.8E-9', unblendedRate: '0.0960000000',
    unblendedCost: '-0.12345678901234567890', blendedRate: '0.09', blendedCost: '12.5', listCost: '13', amortizedCost: '0',
    commitmentArn: 'arn:aws:ec2:eu-west-1:000987654321:reserved-instances/abc', commitmentOwner: '000987654321',
    currency: 'EUR', invoiceId: 'EUINGB23-123', provider: 'AWS', description: ' =HYPERLINK("x") \n second line ',
    resourceId: 'i-0abc', tags: { 'user:Team': 'Data "core"', 'user:Empty': '' },
  });
}

/** The text a cell holds for a field, read generically through the column list. */
function cellOf(line: BillingLine, field: (typeof BILLING_LINES_COLUMNS)[number]['field']): string {
  if (field === 'source.file') return line.source.file;
  if (field === 'source.line') return String(line.source.line);
  const value = line[field];
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('BILLING_LINES_COLUMNS', () => {
  test('one column per BillingLine field (source as file and line), no name twice', () => {
    const fields = BILLING_LINES_COLUMNS.map((c) => c.field).sort();
    const lineFields = Object.keys(fullLine()).filter((k) => k !== 'source').concat('source.file', 'source.line').sort();
    expect(fields).toEqual(lineFields);
    expect(new Set(BILLING_LINES_HEADER).size).toBe(BILLING_LINES_COLUMNS.length);
    expect(BILLING_LINES_HEADER.slice(0, 7)).toEqual(['SourceFile', 'SourceLine', 'Format', 'Period', 'PayerAccount', 'Account', 'ChargeKind']);
    expect(BILLING_LINES_COLUMNS.length).toBe(32);
  });
});

describe('billingLineToRow', () => {
  test('writes each column in the order of BILLING_LINES_COLUMNS, exact text, null as blank', () => {
    for (const line of [fullLine(), makeLine()]) {
      expect(billingLineToRow(line)).toEqual(BILLING_LINES_COLUMNS.map((c) => cellOf(line, c.field)));
    }
    const row = billingLineToRow(fullLine());
    const at = (name: string) => row[BILLING_LINES_HEADER.indexOf(name)];
    expect([at('SourceLine'), at('PayerAccount'), at('UsageAmount'), at('UnblendedCost'), at('InvoiceId'), at('Tags')])
      .toEqual(['42', '000123456789', '1.8E-9', '-0.12345678901234567890', 'EUINGB23-123', '{"user:Team":"Data \\"core\\"","user:Empty":""}']);
    expect(at('CommitmentArn')).toBe('arn:aws:ec2:eu-west-1:000987654321:reserved-instances/abc');
    expect(billingLineToRow(makeLine())[BILLING_LINES_HEADER.indexOf('Tags')]).toBe('');
  });
});

describe('loadBillingLines', () => {
  test('gives back the lines it was given, field for field', () => {
    const lines = [fullLine(), makeLine(), makeLine({ kind: 'tax', tags: {}, format: 'dbr', currency: 'JPY' })];
    const table = makeTable('Lines', [...BILLING_LINES_HEADER], lines.map(billingLineToRow));
    expect(loadBillingLines(table)).toEqual({ result: lines, issues: [] });
  });

  test('matches headers case-insensitively, ignoring spaces, in any order, extra columns ignored', () => {
    const line = fullLine();
    const row = billingLineToRow(line);
    const order = BILLING_LINES_HEADER.map((_, i) => i).reverse();
    const header = ['Extra', ...order.map((i) => BILLING_LINES_HEADER[i].replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase())];
    expect(header).toContain('UNBLENDED COST');
    const table = makeTable('Sheet1!Lines', header, [['ignored', ...order.map((i) => row[i])]]);
    expect(loadBillingLines(table)).toEqual({ result: [line], issues: [] });
  });

  test('the three required columns alone: blank source is the table row, currency USD, format cur1, the rest null', () => {
    const { result, issues } = loadBillingLines(makeTable('Sheet1!Lines', ['period', 'charge kind', 'Unblended_Cost'], [['2023-12', 'usage', ' 1.50 '], ['', '', '']]));
    expect(issues).toEqual([]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ source: { file: 'Sheet1!Lines', line: 2 }, format: 'cur1', period: '2023-12', kind: 'usage', unblendedCost: '1.50', currency: 'USD', account: null, tags: null, provider: null });
  });

  test('a missing required column is a MISSING_COLUMN error each, and no lines', () => {
    const { result, issues } = loadBillingLines(makeTable('lines.csv', ['Period', 'Account'], [['2023-11', '111111111111']]));
    expect(result).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity, i.source])).toEqual([
      ['MISSING_COLUMN', 'error', { file: 'lines.csv', line: 1, column: 'ChargeKind' }],
      ['MISSING_COLUMN', 'error', { file: 'lines.csv', line: 1, column: 'UnblendedCost' }],
    ]);
    expect(issues[0].message).toBe(`lines.csv has no ChargeKind column; a BillingLines table has the columns ${BILLING_LINES_HEADER.join(', ')}.`);
  });

  test('bad cells are errors naming the table, row and column; the row is left out, the others load', () => {
    const header = ['Period', 'ChargeKind', 'UnblendedCost', 'UsageAmount', 'Currency', 'Format', 'SourceLine', 'Tags'];
    const table = makeTable('lines.csv', header, [
      ['2023-11', 'usage', '12 USD', '1', '', '', '', ''],
      ['Nov 2023', 'usage', '1', '1', '', '', '', ''],
      ['2023-11', 'usage', '1', '1', '', '', '', ''],
      ['2023-11', 'credits', '1', '', 'US$', 'cur3', '0', '["a"]'],
    ]);
    const { result, issues } = loadBillingLines(table);
    expect(result.map((l) => l.source)).toEqual([{ file: 'lines.csv', line: 4 }]);
    expect(issues.map((i) => [i.code, i.severity, i.source?.line, i.source?.column])).toEqual([
      ['BAD_NUMBER', 'error', 2, 'UnblendedCost'],
      ['BAD_DATE', 'error', 3, 'Period'],
      ['BAD_NUMBER', 'error', 5, 'SourceLine'],
      ['BAD_VALUE', 'error', 5, 'Format'],
      ['BAD_VALUE', 'error', 5, 'ChargeKind'],
      ['BAD_VALUE', 'error', 5, 'Currency'],
      ['BAD_VALUE', 'error', 5, 'Tags'],
    ]);
    expect(issues[0].message).toBe('UnblendedCost "12 USD" in lines.csv line 2 is not a number; the row is left out.');
    expect(issues[1].message).toBe('Period "Nov 2023" in lines.csv line 3 is not a billing period YYYY-MM; the row is left out.');
    expect(issues[3].message).toBe('Format "cur3" in lines.csv line 5 is not one of dbr, dbr-monthly, cur1, cur2, focus; the row is left out.');
  });

  test('currency codes are case-insensitive: usd loads as USD', () => {
    const table = makeTable('lines.csv', ['Period', 'ChargeKind', 'UnblendedCost', 'Currency'], [['2023-11', 'usage', '1', 'usd'], ['2023-11', 'usage', '2', 'Eur']]);
    const { result, issues } = loadBillingLines(table);
    expect(issues).toEqual([]);
    expect(result.map((l) => l.currency)).toEqual(['USD', 'EUR']);
  });

  test('loadBillingLines(rows, { pricingFieldsOnly }) neither reads nor checks the descriptive columns, as rerate invoice reads files', () => {
    const header = ['Period', 'ChargeKind', 'UnblendedCost', 'Tags', 'Description', 'InstanceType', 'UsageType'];
    const table = makeTable('lines.csv', header, [['2023-11', 'usage', '1', '["not an object"]', 'd', 'm5.large', 'BoxUsage']]);
    expect(loadBillingLines(table).issues.map((i) => [i.code, i.source?.column])).toEqual([['BAD_VALUE', 'Tags']]);
    const { result, issues } = loadBillingLines(table, { pricingFieldsOnly: true });
    expect(issues).toEqual([]);
    expect(result.map((l) => [l.tags, l.description, l.instanceType, l.usageType, l.unblendedCost])).toEqual([[null, null, null, 'BoxUsage', '1']]);
  });

  test('a long bad cell is quoted to 40 characters', () => {
    const { issues } = loadBillingLines(makeTable('lines.csv', ['Period', 'ChargeKind', 'UnblendedCost'], [['2023-11', 'usage', 'x'.repeat(100)]]));
    expect(issues[0].message).toBe(`UnblendedCost "${'x'.repeat(40)}…" in lines.csv line 2 is not a number; the row is left out.`);
  });

  describe('shadow columns (decimals beyond Excel\'s 15 digits)', () => {
    const header = ['Period', 'ChargeKind', 'UnblendedCost', 'UsageAmount', 'ListCost', ...BILLING_LINES_SHADOW_HEADER];
    const shadows = (cells: Record<string, string>) => BILLING_LINES_SHADOW_HEADER.map((name) => cells[name] ?? '');

    test('shadowColumnName(name) is <Name>Exact, one per decimal column, after the canonical columns', () => {
      expect(shadowColumnName('UnblendedCost')).toBe('UnblendedCostExact');
      expect(BILLING_LINES_SHADOW_HEADER).toEqual(['UsageAmountExact', 'UnblendedRateExact', 'UnblendedCostExact', 'BlendedRateExact', 'BlendedCostExact', 'ListCostExact', 'AmortizedCostExact']);
    });

    test('loadBillingLines reads a non-blank shadow cell instead of its number cell: the exact 20-digit text, not the rounded double', () => {
      const table = makeTable('lines', header, [
        ['2023-11', 'usage', '0.12345678901234568', '1234567.8901234567', '2', ...shadows({ UnblendedCostExact: '0.12345678901234567890', UsageAmountExact: ' 1234567.89012345678901 ' })],
      ]);
      const { result, issues } = loadBillingLines(table);
      expect(issues).toEqual([]);
      expect(result.map((l) => [l.unblendedCost, l.usageAmount, l.listCost])).toEqual([['0.12345678901234567890', '1234567.89012345678901', '2']]);
    });

    test('loadBillingLines reads the number cell where the shadow cell is blank, and a shadow alone where the column is absent', () => {
      const table = makeTable('lines', header, [['2023-11', 'usage', '1.5', '', '', ...shadows({ UnblendedCostExact: '  ' })]]);
      expect(loadBillingLines(table).result.map((l) => [l.unblendedCost, l.usageAmount])).toEqual([['1.5', null]]);
      const alone = makeTable('lines', ['period', 'charge kind', 'Unblended Cost', 'amortized cost exact'], [['2023-11', 'usage', '1', '0.100000000000000000001']]);
      expect(loadBillingLines(alone, { pricingFieldsOnly: true }).result.map((l) => l.amortizedCost)).toEqual(['0.100000000000000000001']);
    });

    test('a bad shadow cell is BAD_NUMBER naming the shadow column, and its row is left out', () => {
      const table = makeTable('lines', header, [
        ['2023-11', 'usage', '0.1', '', '', ...shadows({ UnblendedCostExact: '0.1 USD' })],
        ['2023-11', 'usage', '0.2', '', '', ...shadows({})],
      ]);
      const { result, issues } = loadBillingLines(table);
      expect(result.map((l) => l.unblendedCost)).toEqual(['0.2']);
      expect(issues).toEqual([{
        code: 'BAD_NUMBER', severity: 'error', source: { file: 'lines', line: 2, column: 'UnblendedCostExact' },
        message: 'UnblendedCostExact "0.1 USD" in lines line 2 is not a number; the row is left out.',
      }]);
    });
  });

  test('createBillingLinesReader(source, header).read(values, line, issues) loads each row as loadBillingLines does, and says which columns it reads', () => {
    const rows = [billingLineToRow(fullLine()), BILLING_LINES_HEADER.map(() => ' '), billingLineToRow(makeLine({ period: 'Nov' }))];
    const table = makeTable('Lines', [...BILLING_LINES_HEADER, 'Note'], rows.map((row) => [...row, 'x']));
    const reader = createBillingLinesReader('Lines', table.header, { pricingFieldsOnly: true });
    const issues: Issue[] = [];
    const lines = table.rows.map((row) => reader.read(row.values, row.line, issues));
    const loaded = loadBillingLines(table, { pricingFieldsOnly: true });
    expect([lines.filter((line) => line !== null), issues]).toEqual([loaded.result, loaded.issues]);
    expect(lines[1]).toBeNull();
    const read = table.header.filter((_, column) => reader.readsColumn[column]);
    expect(read).toContain('UnblendedCost');
    expect(read).not.toContain('Description');
    expect(read).not.toContain('Note');
  });
});
