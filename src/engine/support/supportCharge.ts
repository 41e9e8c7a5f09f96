import { ZERO, type Decimal } from '../money';
import type { SupportPlan } from './supportPlans';

/**
 * Charge = max(minimum, Σ over tiers of rate × the part of the base inside the tier)
 * (ENGINE.md §7). Worked example, business on a base of 12,340.55: the first 10,000 at 10%
 * (1,000) plus the 2,340.55 above it at 7% (163.8385) = 1,163.8385, above the 100 minimum.
 * A base at or below zero gives the minimum.
 */
export function supportCharge(plan: SupportPlan, base: Decimal): Decimal {
  let tiered = ZERO;
  plan.tiers.forEach((tier, index) => {
    if (base.lte(tier.from)) return;
    const next = plan.tiers[index + 1];
    const top = next !== undefined && base.gt(next.from) ? next.from : base;
    tiered = tiered.plus(top.minus(tier.from).times(tier.rate));
  });
  return tiered.gt(plan.minimum) ? tiered : plan.minimum;
}
