import type { VarianceWalk } from '../reconcile/varianceWalk';
import { formatPrecise } from '../money';

/**
 * The variance walks for `rerate reconcile --format json`: every step exact, in plain notation
 * (precise figures, at least 10 decimals), with the currency it is in.
 */
export function walksToJson(walks: readonly VarianceWalk[]): object[] {
  return walks.map((walk) => ({
    customer: walk.customer,
    period: walk.period,
    sourceCurrency: walk.sourceCurrency,
    currency: walk.currency,
    complete: walk.complete,
    steps: walk.steps.map((s) => ({ step: s.step, amount: formatPrecise(s.amount), currency: s.currency, subtotal: s.subtotal })),
  }));
}
