import { isWildcard } from './glob';
import { MATCH_FIELDS, type MatchField, type PriceRule } from './priceBook';

/**
 * Precedence steps 1–3 of ENGINE.md §5 from the rule's match cells:
 * 1. who: Account given 2 > Customer given 1 > neither 0;
 * 2. what: UsageType or Operation 3 > ProductCode 2 > Region, ChargeKind or BillingEntity 1 > none 0;
 * 3. how many of the eight match fields are given (`*` counts as blank).
 * Step 4, the earlier row, is the tie-break of `comparePrecedence`.
 */
export function rulePrecedence(cells: Record<MatchField, string>): [number, number, number] {
  const given = (field: MatchField) => !isWildcard(cells[field]);
  const who = given('account') ? 2 : given('customer') ? 1 : 0;
  const what = given('usageType') || given('operation') ? 3
    : given('productCode') ? 2
      : given('region') || given('chargeKind') || given('billingEntity') ? 1 : 0;
  const count = MATCH_FIELDS.filter(given).length;
  return [who, what, count];
}

/** Sorts most specific first; equal keys keep table order (the earlier row wins). */
export function comparePrecedence(a: PriceRule, b: PriceRule): number {
  for (let step = 0; step < 3; step += 1) {
    const difference = b.precedence[step] - a.precedence[step];
    if (difference !== 0) return difference;
  }
  return a.line - b.line || a.index - b.index;
}
