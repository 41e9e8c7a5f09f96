import type { BillingLine } from '../../src/engine/line';
import type { TableRows } from '../../src/engine/table';
import { createInvoiceRun } from '../../src/engine/invoice/createInvoiceRun';
import type { InvoiceRunConfig, InvoiceRunResult } from '../../src/engine/invoice/invoiceTypes';
import { BUILT_IN_SUPPORT_PLANS } from '../../src/engine/support/supportPlans';
import { DEFAULT_SETTINGS, type Settings } from '../../src/engine/settings';
import { loadPriceBook } from '../../src/engine/pricebook/loadPriceBook';
import { loadCustomers } from '../../src/engine/customers/loadCustomers';
import { loadFxRates } from '../../src/engine/fx/loadFxRates';
import type { PriceBook } from '../../src/engine/pricebook/priceBook';
import { formatAmount } from '../../src/engine/json/formatPrecise';

let nextLine = 2;

/** A billing line with plain defaults: one EC2 usage line of account 111111111111 in 2023-11, USD. */
export function makeLine(overrides: Partial<BillingLine> = {}): BillingLine {
  const line: BillingLine = {
    source: { file: 'test.csv', line: nextLine },
    format: 'cur1',
    period: '2023-11',
    payerAccount: '999999999999',
    account: '111111111111',
    kind: 'usage',
    productCode: 'AmazonEC2',
    service: 'Amazon Elastic Compute Cloud',
    usageType: 'BoxUsage:t3.micro',
    operation: 'RunInstances',
    availabilityZone: null,
    region: 'us-east-1',
    instanceType: null,
    platform: null,
    tenancy: null,
    billingEntity: 'AWS',
    usageAmount: '1',
    unblendedRate: null,
    unblendedCost: '0',
    blendedRate: null,
    blendedCost: null,
    listCost: null,
    amortizedCost: null,
    commitmentArn: null,
    commitmentOwner: null,
    currency: 'USD',
    invoiceId: null,
    provider: 'AWS',
    description: null,
    resourceId: null,
    tags: null,
    ...overrides,
  };
  nextLine += 1;
  return line;
}

/** A user table: the header, then rows numbered from line 2 as in a CSV file. */
export function makeTable(source: string, header: string[], rows: string[][]): TableRows {
  return { source, header, rows: rows.map((values, i) => ({ line: i + 2, values })) };
}

const PRICE_BOOK_HEADER = ['Rule', 'Customer', 'Account', 'ProductCode', 'UsageType', 'Operation', 'Region', 'ChargeKind', 'BillingEntity', 'Basis', 'Method', 'Value', 'ValidFrom', 'ValidTo', 'Note'];

/** A price book from partial rows, e.g. `{ Rule: 'R1', Customer: 'Acme', Method: 'markup', Value: '8%' }`. */
export function makePriceBook(rules: Record<string, string>[]): PriceBook {
  const table = makeTable('PriceBook.csv', PRICE_BOOK_HEADER, rules.map((r) => PRICE_BOOK_HEADER.map((h) => r[h] ?? '')));
  const { result, issues } = loadPriceBook(table);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return result;
}

export function makeCustomers(rows: [customer: string, account: string, plan?: string, currency?: string][]) {
  return loadCustomers(makeTable('Customers.csv', ['Customer', 'Account', 'SupportPlan', 'Currency'], rows.map(([c, a, p, cur]) => [c, a, p ?? '', cur ?? '']))).result;
}

export function makeFx(rows: [period: string, from: string, to: string, rate: string][]) {
  return loadFxRates(makeTable('Fx.csv', ['Period', 'From', 'To', 'Rate'], rows)).result;
}

export interface RunOptions extends Partial<Omit<InvoiceRunConfig, 'settings'>> {
  settings?: Partial<Settings>;
}

/** Runs the invoice run over `lines` with defaults: no price book, no customers, built-in plans. */
export function runLines(lines: BillingLine[], options: RunOptions = {}): InvoiceRunResult {
  const run = createInvoiceRun({
    priceBook: options.priceBook ?? null,
    customers: options.customers ?? null,
    fxRates: options.fxRates ?? null,
    supportPlans: options.supportPlans ?? BUILT_IN_SUPPORT_PLANS,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  });
  for (const line of lines) run.add(line);
  return run.finish();
}

/** An invoice's lines as [category, account, price, amount] text, for exact assertions. */
export function linesOf(result: InvoiceRunResult, customer: string, period = '2023-11'): [string, string | null, string, string][] {
  const invoice = result.invoices.find((i) => i.customer === customer && i.period === period);
  if (!invoice) throw new Error(`no invoice for ${customer} ${period}`);
  return invoice.lines.map((l) => [l.category, l.account, l.price.toFixed(), formatAmount(l.amount, invoice.currency)]);
}

export function codes(result: { issues: { code: string }[] }): string[] {
  return result.issues.map((i) => i.code);
}
