import { parseDecimal, ZERO, type Decimal } from '../money';
import type { BillingLine } from '../line';
import { basisAmountText, type Basis } from '../basis';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { PriceBook } from '../pricebook/priceBook';
import { priceRule } from '../pricebook/priceRule';
import type { CustomerDirectory } from '../customers/customerDirectory';
import { BUILT_IN_SUPPORT_PLANS, type SupportPlanTable } from '../support/supportPlans';
import { planLine, type Destination, type LinePlan, type PlanContext } from './planLine';

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
  return createLinePricer(options)(line);
}

/** Plans remembered by one pricer at most; past it the memo starts again (memory stays bounded). */
const MAX_REMEMBERED_PLANS = 100_000;

/**
 * `priceLine` for many lines under one set of options: the settings and context are built once,
 * and the plan (customer, rule, basis, destination) is decided once per distinct set of the fields
 * `planLine` reads — as the invoice run decides it once per group — then reused for every line
 * that shares them. Only the line's own figures are priced per line.
 */
export function createLinePricer(options: PriceLineOptions): (line: BillingLine) => PricedLine {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const context: PlanContext = {
    priceBook: options.priceBook,
    customers: options.customers ?? null,
    supportPlans: options.supportPlans ?? BUILT_IN_SUPPORT_PLANS,
    settings,
  };
  const period = options.period ?? null;
  const plans = new Map<string, LinePlan>();
  let previous: BillingLine | null = null;
  let previousPlan: LinePlan | null = null;
  return (line) => {
    const rated = period ? { ...line, period } : line;
    // Runs of lines with the same match fields are common: compare with the previous line first.
    let plan = previous !== null && samePlanFields(rated, previous) ? previousPlan as LinePlan : undefined;
    if (plan === undefined) {
      const key = planKey(rated);
      plan = plans.get(key);
      if (plan === undefined) {
        plan = planLine(rated, context);
        if (plans.size >= MAX_REMEMBERED_PLANS) plans.clear();
        plans.set(key, plan);
      }
      previous = rated;
      previousPlan = plan;
    }
    return pricedWith(line, plan);
  };
}

/** True when two lines agree on every field `planLine` reads (as `planKey` would say). */
function samePlanFields(a: BillingLine, b: BillingLine): boolean {
  return a.usageType === b.usageType && a.account === b.account && a.productCode === b.productCode && a.operation === b.operation
    && a.kind === b.kind && a.period === b.period && a.region === b.region && a.payerAccount === b.payerAccount
    && a.billingEntity === b.billingEntity && a.service === b.service && a.provider === b.provider
    && a.commitmentOwner === b.commitmentOwner && a.format === b.format;
}

/** Every line field `planLine` reads (and nothing else), as one key. */
function planKey(line: BillingLine): string {
  const f = (value: string | null): string => (value === null ? '\u0001' : value);
  return `${line.kind}\u0000${line.period}\u0000${line.format}\u0000${f(line.account)}\u0000${f(line.payerAccount)}\u0000${f(line.productCode)}`
    + `\u0000${f(line.usageType)}\u0000${f(line.operation)}\u0000${f(line.region)}\u0000${f(line.billingEntity)}\u0000${f(line.service)}`
    + `\u0000${f(line.provider)}\u0000${f(line.commitmentOwner)}`;
}

function pricedWith(line: BillingLine, plan: LinePlan): PricedLine {
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
