import type { InvoiceLine } from './invoiceTypes';

/** Lines by category, then account with null first, in plain code-unit order (locale-free). */
export function compareInvoiceLines(a: Pick<InvoiceLine, 'category' | 'account'>, b: Pick<InvoiceLine, 'category' | 'account'>): number {
  if (a.category !== b.category) return a.category < b.category ? -1 : 1;
  if (a.account === b.account) return 0;
  if (a.account === null) return -1;
  if (b.account === null) return 1;
  return a.account < b.account ? -1 : 1;
}
