/**
 * The public CUR 1.0 sample (FinOps Foundation, MIT) through the formats' CUR mapper and the
 * invoice run, with no price book: ENGINE.md's checked figures. The CSV is split with PapaParse
 * here (a test-only driver of the readers' RecordSink), so the test does not depend on the
 * streaming container readers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { BillingSink } from '../../src/formats/billingSink';
import { IssueLog } from '../../src/engine/issues';
import type { BillingLine } from '../../src/engine/line';
import { invoiceRunToJson } from '../../src/engine/json/invoiceRunToJson';
import { controlTotals } from '../../src/engine/reconcile/controlTotals';
import { runLines } from './fixtures';

const SAMPLE = path.resolve(__dirname, '../../samples/public/cur1-sample-2023-11.csv');

function readSample(): { lines: BillingLine[]; sink: BillingSink } {
  const text = fs.readFileSync(SAMPLE, 'utf8');
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const lines: BillingLine[] = [];
  const sink = new BillingSink('cur1-sample-2023-11.csv', (line) => lines.push(line), new IssueLog());
  const wanted = sink.header(data[0], 1);
  data.slice(1).forEach((fields, i) => sink.row(wanted.map((w) => fields[w]), i + 2));
  return { lines, sink };
}

describe('the public CUR sample, invoiced with no price book', () => {
  const { lines, sink } = readSample();

  test('createInvoiceRun with tax pass-through gives 14 lines (13 services + Tax) totalling 1.68 USD, S3 1.37, Tax 0.08, residual 0.00', () => {
    const result = runLines(lines, { settings: { tax: 'pass-through' } });
    expect(result.invoices).toHaveLength(1);
    const json = invoiceRunToJson(result) as { invoices: { customer: string; period: string; lines: { category: string; amount: string }[]; total: string; preciseTotal: string; residual: string }[] };
    const invoice = json.invoices[0];
    expect([invoice.customer, invoice.period, invoice.lines.length, invoice.total, invoice.preciseTotal, invoice.residual]).toEqual(['123412340534', '2023-11', 14, '1.68', '1.6823086974', '0.00']);
    const amount = (category: string) => invoice.lines.find((l) => l.category === category)?.amount;
    expect([amount('Amazon Simple Storage Service'), amount('Tax'), amount('AWS Key Management Service')]).toEqual(['1.37', '0.08', '0.23']);
    expect(result.issues).toEqual([]);
  });

  test('createInvoiceRun with tax excluded gives 13 lines totalling 1.60', () => {
    const result = runLines(lines);
    const invoice = result.invoices[0];
    expect([invoice.lines.length, invoice.total.toFixed(2), invoice.preciseTotal.toFixed()]).toEqual([13, '1.60', '1.6023086974']);
    const walk = result.walks[0];
    expect(Object.fromEntries(walk.steps.map((s) => [s.step, s.amount.toFixed()]))).toMatchObject({ awsUnblended: '1.6823086974', tax: '-0.08', preFx: '1.6023086974', invoiced: '1.6' });
  });

  test('controlTotals(read, result) ties the reader Σ unblended to what the run accounted for', () => {
    const result = runLines(lines);
    const control = sink.finish();
    const { result: rows, issues } = controlTotals([control], result);
    expect(issues).toEqual([]);
    expect(rows).toEqual([{ file: 'cur1-sample-2023-11.csv', format: 'cur1', rowsRead: 1281, rowsRated: 1281, rowsSkipped: 0, unblendedRead: '1.6823086974', unblendedAccounted: '1.6823086974' }]);
  });
});
