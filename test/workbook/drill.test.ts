/**
 * InvoiceRunResult.drill: for every invoice line of every golden invoice scenario and the demo,
 * Σ drill price equals the line's precise price exactly (and Σ drill cost its cost), and each row's
 * price is its source price × FX rate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exactSum } from '../../src/engine/exact';
import type { InvoiceRunResult } from '../../src/engine/invoice/invoiceTypes';
import { parseInvoiceArgs } from '../../src/cli/invoiceOptions';
import { runInvoices } from '../../src/cli/runInvoices';
import { IssuesError, UsageError } from '../../src/cli/io';
import { captureIo } from '../helpers/captureIo';

const ROOT = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(ROOT, 'test', 'golden');

const SCENARIOS: [string, string, string[]][] = [
  ['demo', path.join(ROOT, 'samples', 'demo'), ['cur-2023-10-11.csv', '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--fx', 'fx.csv']],
  ...fs.readdirSync(GOLDEN).filter((name) => fs.existsSync(path.join(GOLDEN, name, 'case.json'))).sort()
    .map((name): [string, string, string[]] => [name, path.join(GOLDEN, name), (JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'case.json'), 'utf8')) as { command: string; args: string[] }).args])
    .filter(([name]) => (JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'case.json'), 'utf8')) as { command: string }).command === 'invoice'),
];

async function run(cwd: string, args: string[]): Promise<InvoiceRunResult | null> {
  try {
    return (await runInvoices(parseInvoiceArgs(args), captureIo(cwd))).result;
  } catch (error) {
    if (error instanceof UsageError || error instanceof IssuesError) return null;
    throw error;
  }
}

describe('InvoiceRunResult.drill', () => {
  test.each(SCENARIOS)('drill rows of %s sum exactly to each invoice line\'s price and cost', async (_name, cwd, args) => {
    const result = await run(cwd, args);
    if (result === null) return; // a scenario that stops before invoicing (bad table) has no invoice lines
    let lines = 0;
    const used = new Set<number>();
    for (const invoice of result.invoices) {
      for (const line of invoice.lines) {
        const rows = result.drill.map((d, i) => [d, i] as const).filter(([d]) =>
          d.customer === invoice.customer && d.period === invoice.period && d.category === line.category && d.account === line.account);
        rows.forEach(([, i]) => used.add(i));
        expect(rows.length).toBeGreaterThan(0);
        expect(exactSum(rows.map(([d]) => d.price)).toFixed()).toBe(line.price.toFixed());
        expect(exactSum(rows.map(([d]) => d.cost)).toFixed()).toBe(line.cost.toFixed());
        for (const [d] of rows) {
          expect(d.currency).toBe(invoice.currency);
          // Equal to 38 significant digits (the last row of a currency takes the exact remainder).
          expect(d.price.minus(d.priceSource.times(d.fxRate)).abs().lte(d.price.abs().times('1e-38'))).toBe(true);
        }
        lines++;
      }
    }
    expect(used.size).toBe(result.drill.length);
    expect(lines).toBe(result.invoices.reduce((n, i) => n + i.lines.length, 0));
  });

  test('drill of the demo names its sources: groups priced by rules, support-plan charges, credits brought in from October', async () => {
    const result = await run(SCENARIOS[0][1], SCENARIOS[0][2]) as InvoiceRunResult;
    const sources = new Set(result.drill.map((d) => d.source));
    expect([...sources].sort()).toEqual(expect.arrayContaining(['group', 'support-plan']));
    expect(result.drill.every((d) => d.fxRate.isPositive())).toBe(true);
    expect(result.drill.some((d) => d.sourceCurrency === 'USD' && d.currency !== 'USD' && !d.fxRate.equals(1))).toBe(true);
  });
});
