import { strToU8 } from 'fflate';
import { invoiceRunToJson } from '../../src/engine/json/invoiceRunToJson';
import { loadCustomers } from '../../src/engine/customers/loadCustomers';
import { loadFxRates } from '../../src/engine/fx/loadFxRates';
import { makeTable, runLines } from '../engine/fixtures';
import type { BillingLine } from '../../src/engine/line';
import { readBilling } from '../../src/formats/readBilling';
import { bytesSource } from '../../src/formats/source';

/** Reads text as a file through readBilling, collecting its lines (issue 9: values and columns). */
async function read(name: string, content: string, chunkSize?: number) {
  const lines: BillingLine[] = [];
  const result = await readBilling(bytesSource(name, strToU8(content), chunkSize), (line) => lines.push(line));
  const issueSummary = result.issues.map((i) => [i.code, i.severity, i.source?.line ?? null, i.source?.column ?? null, i.count ?? 1]);
  return { ...result, lines, issueSummary };
}

const CUR = 'lineItem/LineItemType,bill/BillingPeriodStartDate,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/CurrencyCode,lineItem/UnblendedCost';
const curRow = (cost: string, { account = '000000000042', date = '2023-11-01T00:00:00Z', currency = 'USD' } = {}) =>
  `Usage,${date},123456789012,${account},AmazonS3,${currency},${cost}`;

describe('numbers beyond the bounds', () => {
  it('readBilling(a 5 MB single cost) is BAD_NUMBER, the value shortened in the message (its time: npm run bench -- --only hostile)', async () => {
    const huge = '1'.repeat(5_000_000);
    const result = await read('huge.csv', `${CUR}\n${curRow(huge)}\n${curRow('2')}\n`, 8_000_000);
    expect(result.issueSummary).toEqual([['BAD_NUMBER', 'error', 2, 'lineItem/UnblendedCost', 1]]);
    expect(result.issues[0].message).toBe(
      `"${'1'.repeat(40)}…" in column lineItem/UnblendedCost at line 2 of huge.csv is not a number the readers accept ` +
        '(at most 40 significant digits, an exponent within ±100, below 10^21); the row is skipped.',
    );
    expect(result.control).toMatchObject({ rowsRead: 2, rowsSkipped: 1, skippedByReason: { BAD_NUMBER: 1 }, unblendedRead: '2' });
  });

  it('readBilling(1e400, 41 digits, 1E-101, 1e21) skips each row as BAD_NUMBER; 40 digits, 1E-100 and 1e20 are read', async () => {
    const forty = `0.${'1234567890'.repeat(4)}`;
    const text = [CUR, curRow('1e400'), curRow(`${forty}1`), curRow('1E-101'), curRow('1e21'), curRow(forty), curRow('1E-100'), curRow('1e20')].join('\n');
    const result = await read('bounds.csv', `${text}\n`);
    expect(result.issueSummary).toEqual([['BAD_NUMBER', 'error', 2, 'lineItem/UnblendedCost', 4]]);
    expect(result.lines.map((l) => l.unblendedCost)).toEqual([forty, '1E-100', '1e20']);
    expect(result.control.rowsSkipped).toBe(4);
  });
});

describe('impossible dates', () => {
  it('readBilling(2023-02-30, T99:99:99Z, T24:00:01) skips those rows as BAD_DATE naming file, line, column and value', async () => {
    const text = [CUR, curRow('1', { date: '2023-02-30T00:00:00Z' }), curRow('2', { date: '2023-11-01T99:99:99Z' }), curRow('4', { date: '2023-11-01T24:00:01Z' }), curRow('8')].join('\n');
    const result = await read('dates.csv', `${text}\n`);
    expect(result.issueSummary).toEqual([['BAD_DATE', 'error', 2, 'bill/BillingPeriodStartDate', 3]]);
    expect(result.issues[0].message).toBe('"2023-02-30T00:00:00Z" in column bill/BillingPeriodStartDate at line 2 of dates.csv is not a date; the row is skipped.');
    expect(result.lines.map((l) => [l.source.line, l.period])).toEqual([[5, '2023-11']]);
    expect(result.control).toMatchObject({ rowsSkipped: 3, skippedByReason: { BAD_DATE: 3 }, unblendedRead: '15', unblendedAccounted: '15' });
  });
});

describe('currency codes in any case', () => {
  const FOCUS = 'BilledCost,ChargeCategory,BillingPeriodStart,BillingAccountId,SubAccountId,ServiceName,BillingCurrency,ProviderName';
  const files = (currency: string) => ({
    'cur.csv': [CUR, curRow('10.5', { currency }), curRow('2.25', { currency, account: '000000000043' })].join('\n'),
    'focus.csv': [FOCUS, `1.5,Usage,2023-11-01 00:00:00,123456789012,000000000042,Amazon S3,${currency},AWS`].join('\n'),
    'monthly.csv': [
      'InvoiceID,PayerAccountId,LinkedAccountId,RecordType,RecordID,BillingPeriodStartDate,ProductName,CurrencyCode,CostBeforeTax,Credits,TaxAmount,TotalCost',
      `1,123456789012,000000000043,LinkedLineItem,1,2023-11-01 00:00:00,Amazon Simple Storage Service,${currency},4,0,0,4`,
    ].join('\n'),
  });

  async function invoices(currency: string) {
    const lines: BillingLine[] = [];
    for (const [name, text] of Object.entries(files(currency))) {
      const result = await readBilling(bytesSource(name, strToU8(`${text}\n`)), (line) => lines.push(line));
      expect([name, result.issues]).toEqual([name, []]);
    }
    const customers = loadCustomers(makeTable('Customers.csv', ['Customer', 'Account', 'SupportPlan', 'Currency'], [['Acme', '000000000042', '', 'eur'], ['Bolt', '000000000043', '', 'usd']]));
    const fx = loadFxRates(makeTable('Fx.csv', ['Period', 'From', 'To', 'Rate'], [['2023-11', 'usd', 'eur', '0.9']]));
    expect([customers.issues, fx.issues]).toEqual([[], []]);
    const result = runLines(lines, { customers: customers.result, fxRates: fx.result, settings: { currency: 'USD' } });
    return { lines, result };
  }

  it('readBilling reads line currency usd as USD, and createInvoiceRun invoices usd lines exactly as USD lines', async () => {
    const lower = await invoices('usd');
    const upper = await invoices('USD');
    expect(lower.lines.map((l) => l.currency)).toEqual(['USD', 'USD', 'USD', 'USD']);
    expect(lower.result.issues.map((i) => i.code)).toEqual([]);
    expect(invoiceRunToJson(lower.result)).toEqual(invoiceRunToJson(upper.result));
    expect(lower.result.invoices.map((i) => [i.customer, i.currency, i.total.toFixed()])).toEqual([
      ['Acme', 'EUR', '10.8'],
      ['Bolt', 'USD', '6.25'],
    ]);
  });
});

describe('deeply nested JSON in tags', () => {
  const deep = (n: number) => `{"team":"web","deep":${'['.repeat(n)}${']'.repeat(n)}}`;
  const FOCUS = 'BilledCost,ChargeCategory,BillingPeriodStart,BillingAccountId,SubAccountId,ServiceName,ProviderName,Tags';

  it('readBilling(FOCUS Tags nested 100,000 deep) warns BAD_VALUE with file, line and column, and bills the row without tags', async () => {
    const text = [FOCUS, `1.5,Usage,2023-11-01 00:00:00,123456789012,000000000042,Amazon S3,AWS,"${deep(100_000).replace(/"/g, '""')}"`,
      `2,Usage,2023-11-01 00:00:00,123456789012,000000000042,Amazon S3,AWS,"${deep(3).replace(/"/g, '""')}"`].join('\n');
    const result = await read('focus.csv', `${text}\n`);
    expect(result.issueSummary).toEqual([['BAD_VALUE', 'warning', 2, 'Tags', 1]]);
    expect(result.issues[0].message).toBe('Tags at line 2 of focus.csv are nested deeper than 100 levels; they are ignored.');
    expect(result.lines.map((l) => [l.unblendedCost, l.tags])).toEqual([['1.5', null], ['2', { team: 'web', deep: '[[[]]]' }]]);
  });

  it('readBilling(CUR 2.0 resource_tags and product nested 100,000 deep) warns BAD_VALUE per column and bills the row', async () => {
    const header = 'line_item_line_item_type,bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_product_code,line_item_unblended_cost,product,resource_tags';
    const cell = `"${deep(100_000).replace(/"/g, '""')}"`;
    const result = await read('cur2.csv', `${header}\nUsage,2023-11-01T00:00:00Z,123456789012,000000000042,AmazonS3,3,${cell},${cell}\n`);
    expect(result.issueSummary).toEqual([['BAD_VALUE', 'warning', 2, 'product', 1], ['BAD_VALUE', 'warning', 2, 'resource_tags', 1]]);
    expect(result.issues[1].message).toBe('The JSON in column resource_tags at line 2 of cur2.csv is nested deeper than 100 levels; it is ignored.');
    expect(result.lines.map((l) => [l.unblendedCost, l.tags])).toEqual([['3', null]]);
  });
});

describe('damaged account ids', () => {
  it('readBilling(CUR with 3.57E+11, 11 and 9 digits, letters) warns BAD_VALUE folded per column with a row count, and bills every line as written', async () => {
    const text = [CUR, curRow('1', { account: '3.57E+11' }), curRow('1', { account: '3.57E+11' }), curRow('1'), curRow('1', { account: '12345678901' }),
      curRow('1', { account: '123456789' }), curRow('1', { account: '12345678901x' }), curRow('1')].join('\n');
    const result = await read('ids.csv', `${text}\n`);
    expect(result.issueSummary).toEqual([['BAD_VALUE', 'warning', 2, 'lineItem/UsageAccountId', 5]]);
    expect(result.issues[0].message).toBe(
      'Account id "3.57E+11" in column lineItem/UsageAccountId at line 2 of ids.csv is not 12 digits (a spreadsheet may have turned it into a number); ' +
        'the line is billed under the id as written.',
    );
    expect(result.lines.map((l) => l.account)).toEqual(['3.57E+11', '3.57E+11', '000000000042', '12345678901', '123456789', '12345678901x', '000000000042']);
  });

  it('readBilling(DBR, monthly, FOCUS) checks payer and linked ids; FOCUS only on AWS rows', async () => {
    const dbr = await read('dbr-2017-05.csv', 'InvoiceID,PayerAccountId,LinkedAccountId,RecordType,UsageStartDate,UnBlendedCost\n1,1.23457E+11,000000000042,LineItem,2017-05-01 00:00:00,1\n');
    expect(dbr.issueSummary).toEqual([['BAD_VALUE', 'warning', 2, 'PayerAccountId', 1]]);
    const monthly = await read('m.csv', 'RecordID,RecordType,PayerAccountId,LinkedAccountId,BillingPeriodStartDate,CostBeforeTax,TotalCost\n1,LinkedLineItem,123456789012,4242,2017-05-01 00:00:00,1,1\n');
    expect(monthly.issueSummary).toEqual([['BAD_VALUE', 'warning', 2, 'LinkedAccountId', 1]]);
    const focus = await read('f.csv', [
      'BilledCost,ChargeCategory,BillingPeriodStart,BillingAccountId,SubAccountId,ProviderName',
      '1,Usage,2023-11-01 00:00:00,/providers/Microsoft.Billing/billingAccounts/8611537,sub-1,Microsoft',
      '1,Usage,2023-11-01 00:00:00,20209880,ocid1.tenancy,Oracle',
      '1,Usage,2023-11-01 00:00:00,123456789012,12345,AWS',
    ].join('\n'));
    expect(focus.issueSummary).toEqual([['BAD_VALUE', 'warning', 4, 'SubAccountId', 1]]);
    expect(focus.lines.map((l) => l.account)).toEqual(['sub-1', 'ocid1.tenancy', '12345']);
  });
});
