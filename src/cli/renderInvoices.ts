import { formatDecimal, minorUnits } from '../engine/money';
import type { InvoiceRunResult } from '../engine';
import { toCsv, toTextTable } from './writeOutput';

const HEADER = ['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount'];

/** Invoice lines as CSV rows (one per line, then the total row of each invoice), for spreadsheets. */
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

/** One block per invoice, amounts right-aligned, for a terminal. */
export function renderInvoicesTable(result: InvoiceRunResult): string {
  const blocks: string[] = [];
  for (const invoice of result.invoices) {
    const scale = minorUnits(invoice.currency);
    const rows = invoice.lines.map((line) => [
      line.category, line.account ?? '', formatDecimal(line.cost.toDecimalPlaces(4)), formatDecimal(line.amount, scale), line.rules.join(' '),
    ]);
    rows.push(['Total', '', '', formatDecimal(invoice.total, scale), '']);
    const residual = invoice.residual.isZero() ? '' : `  (residual ${formatDecimal(invoice.residual, scale)} vs the precise total ${formatDecimal(invoice.preciseTotal.toDecimalPlaces(10))})`;
    blocks.push(`${invoice.customer} — ${invoice.period} — ${invoice.currency}${residual}\n${toTextTable(
      ['Category', 'Account', 'Cost (source, 4 dp)', `Amount ${invoice.currency}`, 'Rules'], rows, new Set([2, 3]),
    )}`);
  }
  for (const credit of result.carriedCredits) {
    blocks.push(`Carried: ${credit.customer} ${credit.category} ${formatDecimal(credit.amount)} ${credit.currency} from ${credit.fromPeriod} to ${credit.toPeriod}`);
  }
  if (blocks.length === 0) blocks.push('No invoices: the input holds no invoiceable lines for the chosen period.');
  return `${blocks.join('\n\n')}\n`;
}
