import { parseDecimal, ZERO, type Decimal } from '../money';
import type { BillingLine } from '../line';
import { basisAmountText, type Basis, type BasisField } from '../basis';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { MatchField, PriceBook, PriceRule } from '../pricebook/priceBook';
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
 * The part of a line's plan that its price depends on (customer, rule, basis, destination), decided
 * once per distinct set of the fields it is decided by (`planKeyOf`) and shared by every line with
 * them. The plan's other fields (category, support base, invoice account…) are not here: they
 * depend on fields the key leaves out.
 */
export interface PricingPlan {
  customer: string;
  /** The rule recorded on the line: its name, `(none)`, or `support-plan`. */
  ruleName: string;
  /** The rule's method; `passthrough` with no rule, `support-plan` for a replaced support line. */
  method: string;
  /** The basis recorded on the line (`list` when owner-only moved it to list cost). */
  basis: Basis;
  /** The line figure the basis takes (ENGINE.md §3). */
  basisField: BasisField;
  destination: Destination;
  /** The rule that prices the line; null when none matched (priced at cost). */
  rule: PriceRule | null;
}

/**
 * `priceLine` for many lines under one set of options: the settings and context are built once,
 * and the plan (customer, rule, basis, destination) is decided once per distinct set of the fields
 * `planLine` decides it by — as the invoice run decides it once per group — then reused for every
 * line that shares them. Only the line's own figures are priced per line.
 */
export function createLinePricer(options: PriceLineOptions): (line: BillingLine) => PricedLine {
  const planOf = createPricingPlanner(options, (plan) => plan);
  return (line) => pricedWith(line, planOf(line));
}

/**
 * The pricing plan of each line, remembered per distinct set of the fields it is decided by, with
 * whatever the caller derives from a plan once (`derive`: DBR.RERATE's rater keeps the invoice
 * currency and the rule's factor beside it), for `createLinePricer` and `createLineRater`.
 */
export function createPricingPlanner<T>(options: PriceLineOptions, derive: (plan: PricingPlan, line: BillingLine) => T): (line: BillingLine) => T {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const context: PlanContext = {
    priceBook: options.priceBook,
    customers: options.customers ?? null,
    supportPlans: options.supportPlans ?? BUILT_IN_SUPPORT_PLANS,
    settings,
  };
  const period = options.period ?? null;
  const keyOf = planKeyOf(keyFields(options.priceBook, settings, period));
  const plans = new Map<string, T>();
  let previousKey = '';
  let previousPlan: T | undefined;
  return (line) => {
    const key = keyOf(line);
    // Runs of lines with the same key are common (sorted files): one string compare, no look-up.
    if (key === previousKey && previousPlan !== undefined) return previousPlan;
    let plan = plans.get(key);
    if (plan === undefined) {
      const rated = period ? { ...line, period } : line;
      plan = derive(pricingPlanOf(planLine(rated, context)), rated);
      if (plans.size >= MAX_REMEMBERED_PLANS) plans.clear();
      plans.set(key, plan);
    }
    previousKey = key;
    previousPlan = plan;
    return plan;
  };
}

/** Which line fields can change a pricing plan, under one price book, settings and rating period. */
interface KeyFields {
  productCode: boolean;
  usageType: boolean;
  operation: boolean;
  region: boolean;
  billingEntity: boolean;
  /** The line's own period (no rating period given, and some rule has ValidFrom or ValidTo). */
  period: boolean;
  /** Format and commitment owner (commitments owner-only). */
  commitments: boolean;
}

/**
 * A line's plan depends on its kind and account (customer, support plan, the rule's Customer and
 * Account), and on a match field only when some rule of the price book constrains that field (a
 * blank or `*` pattern matches every value); on its period only through the rules' validity; on
 * its format and commitment owner only under owner-only. Nothing else of the plan reaches a price.
 */
function keyFields(book: PriceBook | null, settings: Settings, period: string | null): KeyFields {
  const rules = book?.rules ?? [];
  const constrained = (field: MatchField): boolean => rules.some((rule) => rule.match[field].regex !== null);
  return {
    productCode: constrained('productCode'),
    usageType: constrained('usageType'),
    operation: constrained('operation'),
    region: constrained('region'),
    billingEntity: constrained('billingEntity'),
    period: period === null && rules.some((rule) => rule.validFrom !== null || rule.validTo !== null),
    commitments: settings.commitments === 'owner-only',
  };
}

/**
 * The plan key of a line: the fields `keyFields` says can change its plan, and nothing else, so
 * the key is short to build and hash (100,000 lines a call) and lines that price alike share it.
 */
function planKeyOf(fields: KeyFields): (line: BillingLine) => string {
  const f = (value: string | null): string => (value === null ? '\u0001' : value);
  return (line) => {
    // A line without an account is its payer's: the payer then decides the customer.
    let key = line.account === null ? `${line.kind}\u0000\u0001${f(line.payerAccount)}` : `${line.kind}\u0000${line.account}`;
    if (fields.productCode) key += `\u0000${f(line.productCode)}`;
    if (fields.usageType) key += `\u0000${f(line.usageType)}`;
    if (fields.operation) key += `\u0000${f(line.operation)}`;
    if (fields.region) key += `\u0000${f(line.region)}`;
    if (fields.billingEntity) key += `\u0000${f(line.billingEntity)}`;
    if (fields.period) key += `\u0000${line.period}`;
    if (fields.commitments) key += `\u0000${line.format}\u0000${f(line.commitmentOwner)}`;
    return key;
  };
}

function pricingPlanOf(plan: LinePlan): PricingPlan {
  return {
    customer: plan.customer,
    ruleName: plan.ruleName,
    method: plan.rule?.method ?? (plan.destination === 'support-replaced' ? 'support-plan' : 'passthrough'),
    basis: plan.policyAffected ? 'list' : plan.basis,
    basisField: plan.basisField,
    destination: plan.destination,
    rule: plan.rule,
  };
}

/**
 * The exact price of a line under its plan (`priceRule`, ENGINE.md §5), or null when the line is
 * not invoiced. Throws RangeError for a figure that is not a decimal.
 */
export function priceOfLine(line: BillingLine, plan: PricingPlan): Decimal | null {
  return plan.destination === 'invoice' ? priceOfBasis(line, plan, parseDecimal(basisAmountText(line, plan.basisField).text)) : null;
}

function priceOfBasis(line: BillingLine, plan: PricingPlan, basisAmount: Decimal): Decimal | null {
  if (plan.rule === null) return basisAmount;
  const usageAmount = line.usageAmount === null ? ZERO : parseDecimal(line.usageAmount);
  return priceRule(plan.rule.method, plan.rule.value, basisAmount, usageAmount, line.kind);
}

function pricedWith(line: BillingLine, plan: PricingPlan): PricedLine {
  const { text, unavailable } = basisAmountText(line, plan.basisField);
  const basisAmount = parseDecimal(text);
  return {
    customer: plan.customer,
    rule: plan.ruleName,
    method: plan.method,
    basis: plan.basis,
    basisAmount,
    price: plan.destination === 'invoice' ? priceOfBasis(line, plan, basisAmount) : null,
    destination: plan.destination,
    basisUnavailable: unavailable,
  };
}
