import { issueToJson } from '../issues';
import type { InvoiceRunResult } from '../invoice/invoiceTypes';
import { formatAmount, formatPrecise } from '../money';
import type { ControlRow } from '../reconcile/controlTotals';

/** The control rows are the control totals' result (`reconcile/controlTotals.ts`); re-exported for the JSON contract's importers. */
export type { ControlRow };

/**
 * The JSON contract of `rerate invoice --format json` (PRODUCT.md), pure so the CLI, golden tests
 * and the add-in share it: money as strings — precise figures (cost, price, preciseTotal, carried
 * amounts) in plain notation with at least 10 decimals and never rounded, rounded figures (amount,
 * total, residual) with exactly the currency's minor-unit decimals. Invoices come sorted by
 * customer then period, lines by category then account (null first). `retainedBenefits` appears
 * only when there are some (owner-only).
 */
export function invoiceRunToJson(result: InvoiceRunResult, controls: readonly ControlRow[] = []): object {
  const json: Record<string, unknown> = {
    invoices: result.invoices.map((invoice) => ({
      customer: invoice.customer,
      period: invoice.period,
      currency: invoice.currency,
      lines: invoice.lines.map((line) => ({
        category: line.category,
        account: line.account,
        cost: formatPrecise(line.cost),
        price: formatPrecise(line.price),
        amount: formatAmount(line.amount, invoice.currency),
      })),
      total: formatAmount(invoice.total, invoice.currency),
      preciseTotal: formatPrecise(invoice.preciseTotal),
      residual: formatAmount(invoice.residual, invoice.currency),
    })),
    carriedCredits: result.carriedCredits.map((credit) => ({
      customer: credit.customer,
      fromPeriod: credit.fromPeriod,
      toPeriod: credit.toPeriod,
      category: credit.category,
      amount: formatPrecise(credit.amount),
      currency: credit.currency,
    })),
    issues: result.issues.map(issueToJson),
    controls: controls.map((c) => ({ ...c })),
  };
  if (result.retainedBenefits.length > 0) {
    json.retainedBenefits = result.retainedBenefits.map((r) => ({
      customer: r.customer, period: r.period, currency: r.currency, amount: formatPrecise(r.amount), lines: r.lines,
    }));
  }
  return json;
}

/** Issues have one JSON form, kept with them (src/engine/issues.ts); re-exported for the engine's index. */
export { issueToJson };
