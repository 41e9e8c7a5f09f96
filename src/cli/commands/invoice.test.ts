import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';

const PUBLIC = path.resolve(__dirname, '../../../samples/public');
const CUR = path.join(PUBLIC, 'cur1-sample-2023-11.csv');
const DEMO = path.resolve(__dirname, '../../../samples/demo');

interface InvoiceJson {
  invoices: { customer: string; period: string; currency: string; total: string; preciseTotal: string; residual: string;
    lines: { category: string; account: string | null; cost: string; price: string; amount: string }[] }[];
  carriedCredits: { customer: string; fromPeriod: string; toPeriod: string; category: string; amount: string }[];
  issues: { code: string; severity: string }[];
  controls: { file: string; format: string; rowsRead: number; rowsRated: number; rowsSkipped: number; unblendedRead: string; unblendedAccounted: string }[];
}

async function invoiceJson(args: string[]): Promise<{ code: number; json: InvoiceJson; err: string }> {
  const io = captureIo();
  const code = await main(['invoice', ...args, '--format', 'json'], io);
  return { code, json: JSON.parse(io.out) as InvoiceJson, err: io.err };
}

describe('rerate invoice', () => {
  it('main(["invoice", cur1 sample, "--tax", "pass-through"]) gives one invoice of 14 lines totalling 1.68 USD (S3 1.37, Tax 0.08)', async () => {
    const { code, json, err } = await invoiceJson([CUR, '--tax', 'pass-through']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(json.invoices).toHaveLength(1);
    const [invoice] = json.invoices;
    expect(invoice).toMatchObject({ customer: '123412340534', period: '2023-11', currency: 'USD', total: '1.68', residual: '0.00' });
    expect(invoice.lines).toHaveLength(14);
    const amount = (category: string) => invoice.lines.find((l) => l.category === category)?.amount;
    expect(amount('Amazon Simple Storage Service')).toBe('1.37');
    expect(amount('Tax')).toBe('0.08');
    expect(json.controls).toEqual([{
      file: CUR, format: 'cur1', rowsRead: 1281, rowsRated: 1281, rowsSkipped: 0,
      unblendedRead: '1.6823086974', unblendedAccounted: '1.6823086974',
    }]);
  });

  it('main(["invoice", cur1 sample]) excludes tax by default: 13 lines totalling 1.60', async () => {
    const { code, json } = await invoiceJson([CUR]);
    expect(code).toBe(0);
    expect(json.invoices[0].lines).toHaveLength(13);
    expect(json.invoices[0].lines.some((l) => l.category === 'Tax')).toBe(false);
    expect(json.invoices[0].total).toBe('1.60');
  });

  it('main(["invoice", demo, tables]) bills every customer in its own currency and carries the last credit', async () => {
    const file = (name: string) => path.join(DEMO, name);
    const { code, json } = await invoiceJson([file('cur-2023-10-11.csv'), '--pricebook', file('pricebook.csv'),
      '--customers', file('customers.csv'), '--fx', file('fx.csv')]);
    expect(code).toBe(0);
    expect(json.invoices.map((i) => `${i.customer} ${i.period} ${i.currency} ${i.total}`)).toEqual([
      'Acme Ltd 2023-10 GBP 238.65', 'Acme Ltd 2023-11 GBP 239.09',
      'Globex GmbH 2023-10 EUR 322.73', 'Globex GmbH 2023-11 EUR 292.21',
      'Initech 2023-10 USD 49.60', 'Initech 2023-11 USD 0.00',
    ]);
    // October's credits appear in November; Initech's would take its invoice below zero.
    const initechNov = json.invoices[5];
    expect(initechNov.lines.find((l) => l.category === 'Credits')?.amount).toBe('-60.00');
    expect(initechNov.lines.find((l) => l.category === 'Credit carried forward')?.amount).toBe('10.40');
    expect(json.carriedCredits).toEqual([expect.objectContaining({ customer: 'Initech', fromPeriod: '2023-11', toPeriod: '2023-12' })]);
    expect(json.controls[0]).toMatchObject({ rowsRead: 42, unblendedRead: json.controls[0].unblendedAccounted });
  });

  it('main(["invoice", …, "--format", "csv"]) writes RFC 4180 rows whose amounts add up to each invoice total', async () => {
    const io = captureIo();
    const code = await main(['invoice', CUR, '--tax', 'pass-through', '--format', 'csv'], io);
    expect(code).toBe(0);
    const rows = io.out.trim().split('\r\n').map((r) => r.split(','));
    expect(rows[0]).toEqual(['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount', 'Rules']);
    const total = rows.find((r) => r[3] === 'Total');
    expect(total?.[7]).toBe('1.68');
    const cents = rows.slice(1).filter((r) => r[3] !== 'Total').reduce((sum, r) => sum + Math.round(Number(r[7]) * 100), 0);
    expect(cents).toBe(168);
  });

  it('main(["invoice", …]) prints a readable table by default', async () => {
    const io = captureIo();
    expect(await main(['invoice', CUR], io)).toBe(0);
    expect(io.out).toMatch(/^123412340534 — 2023-11 — USD/);
    expect(io.out).toMatch(/Total\s+1\.60/);
  });

  it('main(["invoice"]) without files, or with an unknown option or format, is bad usage (exit 2)', async () => {
    for (const args of [['invoice'], ['invoice', CUR, '--bogus'], ['invoice', CUR, '--format', 'pdf'], ['invoice', CUR, '--rounding', 'up']]) {
      const io = captureIo();
      expect(await main(args, io)).toBe(2);
      expect(io.out).toBe('');
      expect(io.err).toMatch(/usage: rerate invoice/);
    }
  });

  it('main(["invoice", …, "--pricebook", missing]) stops with an error issue naming the file (exit 1) and invoices nothing', async () => {
    const io = captureIo();
    const missing = path.join(DEMO, 'no-such-pricebook.csv');
    expect(await main(['invoice', CUR, '--pricebook', missing], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toContain('UNREADABLE_FILE');
    expect(io.err).toContain('no-such-pricebook.csv');
  });

  it('main(["invoice", missing billing file]) is an error issue naming the file (exit 1)', async () => {
    const io = captureIo();
    expect(await main(['invoice', path.join(DEMO, 'nope.csv')], io)).toBe(1);
    expect(io.err).toMatch(/UNREADABLE_FILE .*nope\.csv does not exist/);
  });
});
