import { parseDecimal, ZERO, type Decimal } from '../money';
import type { BillingLine } from '../line';
import { basisAmountText, type Basis } from '../basis';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { PriceBook } from '../pricebook/priceBook';
import { priceRule } from '../pricebook/priceRule';
import type { CustomerDirectory } from '../customers/customerDirectory';
import { BUILT_IN_SUPPORT_PLANS, type SupportPlanTable } from '../support/supportPlans';
import { planLine, type Destination } from './planLine';

export interface PriceLineOptions {
  priceBook: PriceBook | null;
  customers?: CustomerDirectory | null;
  /** Rate as of this period instead of the line's own (DBR.RERATE's `[period]`). */
  period?: string | null;
  settings?: Partial<Settings>;
  supportPlans?: SupportPlanTable;
}

/** One line's price, for DBR.RERATE. */
export interface PricedLine {
  customer: string;
  /** The rule recorded on the line: its name, `(none)`, or `support-plan`. */
  rule: string;
  method: string;
  basis: Basis;
  basisAmount: Decimal;
  /** The precise price in the source currency; null when the line is not invoiced (see destination). */
  price: Decimal | null;
  destination: Destination;
  /** The basis figure was missing, so the unblended cost stood in (BASIS_UNAVAILABLE). */
  basisUnavailable: boolean;
}

/**
 * Prices one line exactly as the invoice run prices a group of such lines (same plan, same rule,
 * same method); only what needs a whole period — support charges, FX, rounding, the zero floor —
 * is left to the run. A support line of an account with a plan is replaced by the plan (price
 * null, rule `support-plan`); a line a setting or rule removes has price null.
 */
export function priceLine(line: BillingLine, options: PriceLineOptions): PricedLine {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rated = options.period ? { ...line, period: options.period } : line;
  const plan = planLine(rated, {
    priceBook: options.priceBook,
    customers: options.customers ?? null,
    supportPlans: options.supportPlans ?? BUILT_IN_SUPPORT_PLANS,
    settings,
  });
  const { text, unavailable } = basisAmountText(line, plan.basisField);
  const basisAmount = parseDecimal(text);
  let price: Decimal | null = null;
  if (plan.destination === 'invoice') {
    price = plan.rule === null ? basisAmount
      : priceRule(plan.rule.method, plan.rule.value, basisAmount, line.usageAmount === null ? ZERO : parseDecimal(line.usageAmount), line.kind);
  }
  return {
    customer: plan.customer,
    rule: plan.ruleName,
    method: plan.rule?.method ?? (plan.destination === 'support-replaced' ? 'support-plan' : 'passthrough'),
    basis: plan.policyAffected ? 'list' : plan.basis,
    basisAmount,
    price,
    destination: plan.destination,
    basisUnavailable: unavailable,
  };
}
