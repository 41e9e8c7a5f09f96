import type { ChargeKind } from '../kinds';
import { isChargeable } from '../kinds';
import { globMatches } from './glob';
import type { PriceBook, PriceRule } from './priceBook';

/** What a rule is matched against: a line's match fields plus its customer. */
export interface RuleQuery {
  customer: string;
  account: string | null;
  productCode: string | null;
  usageType: string | null;
  operation: string | null;
  region: string | null;
  kind: ChargeKind;
  billingEntity: string | null;
  /** The line's billing period `YYYY-MM`, checked against ValidFrom/ValidTo (inclusive). */
  period: string;
}

/**
 * The rule that prices a line: the first matching rule in precedence order (the book is sorted
 * most specific first, earlier row first among equals), or null. Adjustment kinds only match
 * rules that name them (a rule's `kinds` holds the chargeable kinds when its ChargeKind is blank).
 */
export function matchRule(book: PriceBook, query: RuleQuery): PriceRule | null {
  for (const rule of book.rules) {
    if (ruleMatches(rule, query)) return rule;
  }
  return null;
}

export function ruleMatches(rule: PriceRule, query: RuleQuery): boolean {
  if (!rule.kinds.has(query.kind)) return false;
  if (rule.validFrom !== null && query.period < rule.validFrom) return false;
  if (rule.validTo !== null && query.period > rule.validTo) return false;
  const m = rule.match;
  return globMatches(m.usageType, query.usageType)
    && globMatches(m.account, query.account)
    && globMatches(m.customer, query.customer)
    && globMatches(m.productCode, query.productCode)
    && globMatches(m.operation, query.operation)
    && globMatches(m.region, query.region)
    && globMatches(m.billingEntity, query.billingEntity);
}

/** A line no rule matched is priced at unblended cost; chargeable ones are NO_RULE. */
export function needsRule(kind: ChargeKind): boolean {
  return isChargeable(kind);
}
