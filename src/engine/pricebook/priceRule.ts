import { ONE, ZERO, type Decimal } from '../money';
import type { ChargeKind } from '../kinds';
import type { PriceMethod } from './priceBook';

/**
 * The price of a basis amount under a method (ENGINE.md §5), exact. Linear in its inputs, so it
 * is applied once to the sum of a group's basis amounts (or usage amounts for `rate`) — ENGINE.md
 * §14. Returns null for `exclude` (not invoiced). `margin` divides, and a quotient such as
 * 10 ÷ 0.85 never ends: it keeps decimal.js's 40 significant digits (ENGINE.md: precision 40,
 * nothing rounded before the rounding step), 11.76470588235294117647058823529411764706. Later
 * sums are exact (engine/exact.ts); only an FX product of such a quotient is rounded, at 40 digits.
 *
 *   markup 15%  on 100   → 115
 *   margin 20%  on 100   → 125
 *   discount 5% on 100   → 95
 *   rate 0.02   on 1,500 units → 30 (an sp-negation line → 0)
 */
export function priceRule(
  method: PriceMethod,
  value: Decimal | null,
  basisAmount: Decimal,
  usageAmount: Decimal,
  kind: ChargeKind,
): Decimal | null {
  switch (method) {
    case 'markup':
      return basisAmount.times(ONE.plus(value as Decimal));
    case 'margin':
      return basisAmount.div(ONE.minus(value as Decimal));
    case 'discount':
      return basisAmount.times(ONE.minus(value as Decimal));
    case 'rate':
      // The covered line already carries the rate: its negation must not take it back.
      return kind === 'sp-negation' ? ZERO : usageAmount.times(value as Decimal);
    case 'passthrough':
      return basisAmount;
    case 'exclude':
      return null;
  }
}

