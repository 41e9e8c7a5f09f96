import { formatDecimal, minorUnits } from '../engine/money';
import type { InvoiceRunResult } from '../engine';
import { escapeUntrusted as shown } from '../engine/issues';
import { toCsv, toTextTable } from './writeOutput';

const HEADER = ['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount'];

/**
 * Invoice lines as CSV rows (one per line, then the total row of each invoice), for spreadsheets
 * and scripts. Text is written as the file gave it (quoted when needed; control characters kept,
 * never escaped), except that `toCsv` puts `'` before a text starting with `=`, `+`, `-`, `@`, tab
 * or CR that is not a plain number, so Excel never runs it as a formula; amounts such as `-1.23`
 * stay numbers.
 */
export function renderInvoicesCsv(result: InvoiceRunResult): string {
  const rows: (string | null)[][] = [[...HEADER, 'Rules']];
  for (const invoice of result.invoices) {
    const scale = minorUnits(invoice.currency);
    for (const line of invoice.lines) {
      rows.push([invoice.customer, invoice.period, invoice.currency, line.category, line.account,
        formatDecimal(line.cost), formatDecimal(line.price), formatDecimal(line.amount, scale), line.rules.join(' ')]);
    }
    rows.push([invoice.customer, invoice.period, invoice.currency, 'Total', null, null,
      formatDecimal(invoice.preciseTotal), formatDecimal(invoice.total, scale), null]);
  }
  return toCsv(rows);
}

/** One block per invoice, amounts right-aligned, for a terminal; text from files shown with control characters escaped. */
export function renderInvoicesTable(result: InvoiceRunResult): string {
  const blocks: string[] = [];
  for (const invoice of result.invoices) {
    const scale = minorUnits(invoice.currency);
    const rows = invoice.lines.map((line) => [
      shown(line.category), shown(line.account ?? ''), formatDecimal(line.cost.toDecimalPlaces(4)), formatDecimal(line.amount, scale), shown(line.rules.join(' ')),
    ]);
    rows.push(['Total', '', '', formatDecimal(invoice.total, scale), '']);
    const residual = invoice.residual.isZero() ? '' : `  (residual ${formatDecimal(invoice.residual, scale)} vs the precise total ${formatDecimal(invoice.preciseTotal.toDecimalPlaces(10))})`;
    blocks.push(`${shown(invoice.customer)} — ${shown(invoice.period)} — ${shown(invoice.currency)}${residual}\n${toTextTable(
      ['Category', 'Account', 'Cost (source, 4 dp)', `Amount ${shown(invoice.currency)}`, 'Rules'], rows, new Set([2, 3]),
    )}`);
  }
  for (const credit of result.carriedCredits) {
    blocks.push(`Carried: ${shown(credit.customer)} ${shown(credit.category)} ${formatDecimal(credit.amount)} ${shown(credit.currency)} from ${shown(credit.fromPeriod)} to ${shown(credit.toPeriod)}`);
  }
  if (blocks.length === 0) blocks.push('No invoices: the input holds no invoiceable lines for the chosen period.');
  return `${blocks.join('\n\n')}\n`;
}
