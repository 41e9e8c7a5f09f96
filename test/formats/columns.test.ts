import { strToU8 } from 'fflate';
import type { BillingLine } from '../../src/engine/line';
import { readBilling } from '../../src/formats/readBilling';
import { bytesSource } from '../../src/formats/source';

/** Required columns and fallbacks per format (issue 9, src/formats/README.md "Required columns"). */
async function read(name: string, header: string[], rows: string[][]) {
  const lines: BillingLine[] = [];
  const text = [header.join(','), ...rows.map((r) => r.join(','))].join('\n');
  const result = await readBilling(bytesSource(name, strToU8(`${text}\n`)), (line) => lines.push(line));
  const issueSummary = result.issues.map((i) => [i.code, i.severity, i.source?.line ?? null, i.source?.column ?? null]);
  return { ...result, lines, issueSummary };
}

/** The table without `drop` (a column name), header and rows alike. */
function without(header: string[], rows: string[][], ...drop: string[]): [string[], string[][]] {
  const keep = header.map((name, i) => (drop.includes(name) ? -1 : i)).filter((i) => i >= 0);
  return [keep.map((i) => header[i]), rows.map((r) => keep.map((i) => r[i]))];
}

const CUR1 = ['lineItem/LineItemType', 'bill/BillingPeriodStartDate', 'bill/PayerAccountId', 'lineItem/UsageAccountId', 'lineItem/ProductCode', 'lineItem/UnblendedCost'];
const CUR1_ROWS = [['Usage', '2023-11-01T00:00:00Z', '123456789012', '000000000042', 'AmazonS3', '1.5'], ['Usage', '2023-11-01T00:00:00Z', '123456789012', '000000000043', 'AmazonS3', '2']];
const CUR2 = ['line_item_line_item_type', 'bill_billing_period_start_date', 'bill_payer_account_id', 'line_item_usage_account_id', 'line_item_unblended_cost'];
const CUR2_ROWS = [['Usage', '2023-11-01T00:00:00Z', '123456789012', '000000000042', '1.5']];
const FOCUS = ['BilledCost', 'ChargeCategory', 'BillingPeriodStart', 'BillingAccountId', 'SubAccountId', 'ProviderName'];
const FOCUS_ROWS = [['1.5', 'Usage', '2023-11-01 00:00:00', '123456789012', '000000000042', 'AWS']];
const DBR = ['InvoiceID', 'PayerAccountId', 'LinkedAccountId', 'RecordType', 'UsageStartDate', 'UnBlendedCost'];
const DBR_ROWS = [['1', '123456789012', '000000000042', 'LineItem', '2017-05-01 00:00:00', '1.5']];
const MONTHLY = ['RecordID', 'RecordType', 'PayerAccountId', 'LinkedAccountId', 'BillingPeriodStartDate', 'UsageStartDate', 'CostBeforeTax', 'TotalCost'];
const MONTHLY_ROWS = [['1', 'LinkedLineItem', '123456789012', '000000000042', '2017-05-01 00:00:00', '2017-05-03 00:00:00', '1.5', '1.5']];

describe('required columns', () => {
  it.each([
    ['cur1', ['lineItem/UnblendedCost'], CUR1, CUR1_ROWS, 'lineItem/UnblendedCost'],
    ['cur1', ['bill/BillingPeriodStartDate'], CUR1, CUR1_ROWS, 'bill/BillingPeriodStartDate'],
    ['cur1', ['lineItem/UsageAccountId', 'bill/PayerAccountId'], CUR1, CUR1_ROWS, 'lineItem/UsageAccountId or bill/PayerAccountId'],
    ['cur2', ['line_item_unblended_cost'], CUR2, CUR2_ROWS, 'line_item_unblended_cost'],
    ['cur2', ['bill_billing_period_start_date'], CUR2, CUR2_ROWS, 'bill_billing_period_start_date'],
    ['focus', ['BillingPeriodStart'], FOCUS, FOCUS_ROWS, 'BillingPeriodStart'],
    ['focus', ['SubAccountId', 'BillingAccountId'], FOCUS, FOCUS_ROWS, 'SubAccountId or BillingAccountId'],
    ['dbr', ['UsageStartDate'], DBR, DBR_ROWS, 'UsageStartDate (or a YYYY-MM in the file name)'],
    ['dbr-monthly', ['RecordType'], MONTHLY, MONTHLY_ROWS, 'RecordType'],
    ['dbr-monthly', ['LinkedAccountId', 'PayerAccountId'], MONTHLY, MONTHLY_ROWS, 'LinkedAccountId or PayerAccountId'],
    ['dbr-monthly', ['BillingPeriodStartDate', 'UsageStartDate'], MONTHLY, MONTHLY_ROWS, 'BillingPeriodStartDate or UsageStartDate (or a YYYY-MM in the file name)'],
  ])('readBilling(%s without %j) is MISSING_COLUMN at the header line, every row skipped, nothing emitted', async (format, drop, header, rows, named) => {
    const [h, r] = without(header, rows, ...drop);
    const result = await read('bill.csv', h, r);
    expect(result.format).toBe(format);
    expect(result.issueSummary).toEqual([['MISSING_COLUMN', 'error', 1, named]]);
    expect(result.issues[0].message).toBe(`bill.csv (header at line 1) has no column ${named}, which the ${format} format needs; every row of it is skipped.`);
    expect(result.lines).toEqual([]);
    expect(result.control).toMatchObject({ rowsRead: r.length, rowsSkipped: r.length, skippedByReason: { MISSING_COLUMN: r.length }, linesEmitted: 0 });
  });

  it('readBilling(each format with every required column) has no MISSING_COLUMN issue', async () => {
    for (const [header, rows] of [[CUR1, CUR1_ROWS], [CUR2, CUR2_ROWS], [FOCUS, FOCUS_ROWS], [DBR, DBR_ROWS], [MONTHLY, MONTHLY_ROWS]] as const) {
      const result = await read('bill.csv', [...header], rows.map((r) => [...r]));
      expect([header[0], result.issues]).toEqual([header[0], []]);
      expect(result.lines).toHaveLength(rows.length);
    }
  });
});

describe('fallback columns', () => {
  it.each([
    ['cur1', 'lineItem/UsageAccountId', 'bill/PayerAccountId', CUR1, CUR1_ROWS, 'lineItem/UsageAccountId'],
    ['cur2', 'line_item_usage_account_id', 'bill_payer_account_id', CUR2, CUR2_ROWS, 'line_item_usage_account_id'],
    ['focus', 'SubAccountId', 'BillingAccountId', FOCUS, FOCUS_ROWS, 'SubAccountId'],
    ['dbr-monthly', 'LinkedAccountId', 'PayerAccountId', MONTHLY, MONTHLY_ROWS, 'LinkedAccountId'],
    ['dbr-monthly', 'BillingPeriodStartDate', 'UsageStartDate', MONTHLY, MONTHLY_ROWS, 'BillingPeriodStartDate'],
  ])('readBilling(%s without %s) warns MISSING_COLUMN naming %s as used instead, and bills every row', async (format, missing, used, header, rows, drop) => {
    const [h, r] = without(header, rows, drop);
    const result = await read('bill.csv', h, r);
    expect(result.format).toBe(format);
    expect(result.issueSummary).toEqual([['MISSING_COLUMN', 'warning', 1, missing]]);
    expect(result.issues[0].message).toBe(`bill.csv (header at line 1) has no column ${missing}; ${used} is used instead.`);
    expect(result.lines).toHaveLength(r.length);
    expect(result.control.rowsSkipped).toBe(0);
  });

  it('readBilling(DBR without UsageStartDate, named …-2017-05.csv) warns that the period comes from the file name', async () => {
    const [h, r] = without(DBR, DBR_ROWS, 'UsageStartDate');
    const result = await read('123456789012-aws-billing-detailed-line-items-2017-05.csv', h, r);
    expect(result.issueSummary).toEqual([['MISSING_COLUMN', 'warning', 1, 'UsageStartDate']]);
    expect(result.issues[0].message).toBe('123456789012-aws-billing-detailed-line-items-2017-05.csv (header at line 1) has no column UsageStartDate; the file name\'s YYYY-MM (2017-05) is used instead.');
    expect(result.lines.map((l) => l.period)).toEqual(['2017-05']);
  });

  it('readBilling(CUR without UsageAccountId) bills the lines with no account, so the engine uses the payer', async () => {
    const [h, r] = without(CUR1, CUR1_ROWS, 'lineItem/UsageAccountId');
    const result = await read('bill.csv', h, r);
    expect(result.lines.map((l) => [l.payerAccount, l.account])).toEqual([['123456789012', null], ['123456789012', null]]);
  });
});

describe('a part read from the middle of a file', () => {
  it('readBilling(resumeAtLine) repeats no header issue: the first part reports them', async () => {
    const [h, r] = without(CUR1, CUR1_ROWS, 'lineItem/UsageAccountId');
    const text = [h.join(','), ...r.map((row) => row.join(','))].join('\n');
    const resumed = await readBilling(bytesSource('bill.csv', strToU8(`${text}\n`)), () => undefined, { resumeAtLine: 40 });
    expect(resumed.issues).toEqual([]);
    expect(resumed.control.linesEmitted).toBe(2);
    const [h2, r2] = without(CUR1, CUR1_ROWS, 'lineItem/UnblendedCost');
    const text2 = [h2.join(','), ...r2.map((row) => row.join(','))].join('\n');
    const skipped = await readBilling(bytesSource('bill.csv', strToU8(`${text2}\n`)), () => undefined, { resumeAtLine: 40 });
    expect([skipped.issues, skipped.control.skippedByReason]).toEqual([[], { MISSING_COLUMN: 2 }]);
  });
});
