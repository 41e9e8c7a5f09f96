import * as path from 'node:path';
import { BILLING_LINES_HEADER, billingLineToRow, parseDecimal, type BillingLine } from '../../src/engine';
import { readBilling } from '../../src/formats/readBilling';
import { readTableRows } from '../../src/formats/readTableRows';
import { fileSource } from '../../src/cli/fileSource';
import { NODE_READ_OPTIONS } from '../../src/cli/nodeReadOptions';

/** The golden scenarios' folder (test/golden). */
export const GOLDEN = path.resolve(__dirname, '../golden');

const TABLE_FLAGS: Record<string, string> = {
  '--pricebook': 'priceBook', '--customers': 'customers', '--fx': 'fxRates', '--support-plans': 'supportPlans',
};
const SETTING_FLAGS = ['currency', 'rounding', 'credits', 'tax', 'commitments', 'grain', 'period'];

/** The invoices part of `rerate invoice --format json` (and of a golden `expected.json`). */
export interface InvoicesJson {
  issues: { code: string; severity: string }[];
  invoices: { customer: string; period: string; currency: string; total: string; preciseTotal: string; residual: string;
    lines: { category: string; account: string | null; cost: string; price: string; amount: string }[] }[];
}

/** Matches exact decimal text of the same value ("1.5" and "1.5000000000" alike), never a number. */
export function exact(text: string): unknown {
  return {
    asymmetricMatch: (actual: unknown) => typeof actual === 'string' && parseDecimal(actual).eq(parseDecimal(text)),
    toAsymmetricMatcher: () => `exactly ${text}`,
  };
}

/**
 * DBR.INVOICE's arguments for a golden scenario's `rerate invoice` arguments, as cells: its billing
 * files' lines as text under BILLING_LINES_HEADER (as `rerate lines` writes them), each table flag's
 * CSV as a grid, each setting flag as a `Setting, Value` row.
 */
export async function scenarioCells(dir: string, args: readonly string[]): Promise<{ lines: unknown[][]; tables: Record<string, unknown[][]>; settings: unknown[][] }> {
  const tables: Record<string, unknown[][]> = {};
  const settings: unknown[][] = [['Setting', 'Value']];
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg in TABLE_FLAGS) {
      const read = (await readTableRows(fileSource(path.resolve(dir, args[i + 1])))).result;
      tables[TABLE_FLAGS[arg]] = [read.header, ...read.rows.map((row) => row.values)];
      i += 1;
    } else if (arg.startsWith('--') && SETTING_FLAGS.includes(arg.slice(2))) {
      settings.push([arg.slice(2), args[i + 1]]);
      i += 1;
    } else {
      files.push(arg);
    }
  }
  const lines: BillingLine[] = [];
  for (const file of files) {
    await readBilling({ ...fileSource(path.resolve(dir, file)), name: file }, (line) => lines.push(line), NODE_READ_OPTIONS);
  }
  return { lines: [[...BILLING_LINES_HEADER], ...lines.map(billingLineToRow)], tables, settings };
}

/** The rows DBR.INVOICE (precise) must spill for these invoices, after its header and before its issue rows. */
export function expectedInvoiceRows(json: InvoicesJson): unknown[][] {
  const expected: unknown[][] = [];
  for (const invoice of json.invoices) {
    const head = [invoice.customer, invoice.period, invoice.currency];
    for (const line of invoice.lines) expected.push([...head, line.category, line.account ?? '', exact(line.cost), exact(line.price), Number(line.amount)]);
    expected.push([...head, 'Total', '', '', exact(invoice.preciseTotal), Number(invoice.total)]);
    expected.push([...head, 'Residual', '', '', '', Number(invoice.residual)]);
  }
  return expected;
}

/** The distinct `CODE severity` pairs of DBR.INVOICE's issue rows, and of the JSON's issues, sorted. */
export function spilledIssueKinds(spilled: unknown[][]): string[] {
  return [...new Set(spilled.filter((row) => row[0] === 'Issue').map((row) => `${String(row[3]).split(':')[0]} ${String(row[1])}`))].sort();
}

export function jsonIssueKinds(json: InvoicesJson): string[] {
  return [...new Set(json.issues.map((issue) => `${issue.code} ${issue.severity}`))].sort();
}
