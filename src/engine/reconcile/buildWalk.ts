import { ZERO, type Decimal } from '../money';
import { exactSub } from '../exact';
import type { RoundedInvoice } from '../invoice/roundInvoice';
import { preFxOf, type WalkTally } from './walkTally';
import { WALK_SUBTOTALS, type VarianceWalk, type WalkStepName } from './varianceWalk';

/**
 * One customer's and period's variance walk (ENGINE.md §10). The source-currency steps come from
 * the tally; fx, creditFloor, rounding and invoiced from the rounded invoice, so
 * preFx + fx + creditFloor + rounding = invoiced exactly. With nothing invoiced they are zero;
 * without an invoice (no FX rate) the walk stops at preFx and is marked incomplete.
 */
export function buildWalk(
  tally: WalkTally,
  currency: string,
  invoice: RoundedInvoice | null | 'nothing-invoiced',
): VarianceWalk {
  const sources = [...tally.currencies].sort();
  const sourceCurrency = sources.length === 0 ? currency : sources.join('+');
  const steps: VarianceWalk['steps'] = [];
  const push = (step: WalkStepName, amount: Decimal, inCurrency: string) =>
    steps.push({ step, amount: amount.isZero() ? ZERO : amount, currency: inCurrency, subtotal: WALK_SUBTOTALS.has(step) });
  const preFx = preFxOf(tally);
  push('awsBlended', tally.awsBlended, sourceCurrency);
  push('blending', exactSub(tally.awsUnblended, tally.awsBlended), sourceCurrency);
  push('awsUnblended', tally.awsUnblended, sourceCurrency);
  push('commitmentsPolicy', tally.commitmentsPolicy, sourceCurrency);
  push('basis', tally.basis, sourceCurrency);
  push('exclusions', tally.exclusions, sourceCurrency);
  push('pricing', tally.pricing, sourceCurrency);
  push('support', tally.support, sourceCurrency);
  push('credits', tally.credits, sourceCurrency);
  push('tax', tally.tax, sourceCurrency);
  push('preFx', preFx, sourceCurrency);
  if (invoice === null) {
    return { customer: tally.customer, period: tally.period, sourceCurrency, currency, complete: false, steps };
  }
  const converted = invoice === 'nothing-invoiced' ? ZERO : invoice.converted;
  const creditFloor = invoice === 'nothing-invoiced' ? ZERO : invoice.creditFloor;
  const total = invoice === 'nothing-invoiced' ? ZERO : invoice.invoice.total;
  const precise = invoice === 'nothing-invoiced' ? ZERO : invoice.invoice.preciseTotal;
  push('fx', exactSub(converted, preFx), currency);
  push('creditFloor', creditFloor, currency);
  push('rounding', exactSub(total, precise), currency);
  push('invoiced', total, currency);
  return { customer: tally.customer, period: tally.period, sourceCurrency, currency, complete: true, steps };
}
