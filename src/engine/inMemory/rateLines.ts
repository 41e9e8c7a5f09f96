import { ONE, parseDecimal, type Decimal } from '../money';
import type { BillingLine } from '../line';
import type { IssueCode, WithIssues } from '../issues';
import { basisAmountText } from '../basis';
import { lookupFxRate } from '../fx/fxTable';
import { createInvoiceRun } from '../invoice/createInvoiceRun';
import { createPricingPlanner, priceOfLine, type PricingPlan } from '../invoice/priceLine';
import { multiplyScaled, readScaled, scaledText, type ScaledDecimal } from './scaledDecimal';
import type { Destination } from '../invoice/planLine';
import type { InvoiceRunConfig, InvoiceRunResult } from '../invoice/invoiceTypes';

/** One line rated on its own (DBR.RERATE): its price in the invoice currency and the rule behind it. */
export interface RatedLine {
  customer: string;
  /** The customer's invoice currency (customers table, else the `currency` setting). */
  currency: string;
  /** The precise price in `currency`; null when the line is not invoiced or has no FX rate (`reason`). */
  readonly price: Decimal | null;
  /**
   * The same price as an exact scaled integer, price = priceUnits × 10^-priceScale, when the rater
   * computed it that way (|priceUnits| < 2^53, priceScale 0–22: see scaledDecimal.ts); priceScale
   * is -1 otherwise. Reading these instead of `price` makes no Decimal.
   */
  priceUnits: number;
  priceScale: number;
  /** The rule recorded on the line: its name, `(none)` (no rule matched), or `support-plan`. */
  rule: string;
  method: string;
  destination: Destination;
  /**
   * Why `price` is null, as a short text: `excluded by rule R`, `removed by setting …`,
   * `replaced by support plan`, `not rated (rounding line)`, `dropped by commitments owner-only`,
   * `no FX rate P FROM→TO`; null when the line has a price.
   */
  reason: string | null;
  /** A missing look-up behind `reason` (`FX_RATE_MISSING`): the cell shows `#N/A`, not a blank price. */
  code: IssueCode | null;
}

/** A rated line whose Decimal price, when it was computed as a scaled integer, is made only if read. */
class Rated implements RatedLine {
  constructor(
    readonly customer: string,
    readonly currency: string,
    private exact: Decimal | null,
    readonly priceUnits: number,
    readonly priceScale: number,
    readonly rule: string,
    readonly method: string,
    readonly destination: Destination,
    readonly reason: string | null,
    readonly code: IssueCode | null,
  ) {}

  get price(): Decimal | null {
    if (this.exact === null && this.priceScale >= 0) this.exact = parseDecimal(scaledText(this.priceUnits, this.priceScale));
    return this.exact;
  }
}

/** What `rateLines` needs beyond the invoice config: DBR.RERATE's `[period]`. */
export interface RateLinesOptions {
  /** Rate every line as of this period instead of its own (rules' validity, FX rate). */
  period?: string | null;
}

const REASONS: Record<Exclude<Destination, 'invoice'>, (rule: string) => string> = {
  excluded: (rule) => `excluded by rule ${rule}`,
  removed: () => 'removed by a setting (credits retain or tax exclude)',
  'policy-dropped': () => 'dropped by commitments owner-only',
  'support-replaced': () => 'replaced by the support plan charge',
  'not-rated': () => 'not rated (rounding line)',
};

/**
 * Rates each line on its own with the config an invoice run uses: the same plan (customer, rule,
 * basis, destination — `planLine`) and the same rule pricing (`priceRule`) that `createInvoiceRun`
 * applies to a group of such lines, then the invoice currency's FX rate for the line's period.
 * What needs a whole invoice — support charges, the zero floor, rounding — is not a line's, so it
 * is left to `invoiceLines`. Pricing is linear (ENGINE.md §14): over an invoice line with no support
 * plan or credit floor, Σ of its lines' prices is the invoice line's precise price.
 *
 * Example: a line of cost 10 USD under a rule `markup 0.25` prices at 12.5 (rule: the rule's name);
 * with customer currency GBP and an FX rate of 0.8 for the period, at 10.
 */
export function rateLines(lines: readonly BillingLine[], config: InvoiceRunConfig, options: RateLinesOptions = {}): RatedLine[] {
  const rate = createLineRater(config, options.period ?? null);
  return lines.map(rate);
}

/** One line of `rateLines`; a throw (a bad figure) is this line's alone. */
export function rateLine(line: BillingLine, config: InvoiceRunConfig, period: string | null = null): RatedLine {
  return createLineRater(config, period)(line);
}

/**
 * How the lines of one plan are rated, decided once per plan: the invoice currency, why there is
 * no price (a line not invoiced), and the rule as a scaled factor — the price is `figure × factor`,
 * where figure is the basis amount (`basis`: factor 1 at cost or passthrough, 1 + v markup, 1 − v
 * discount) or the usage amount (`usage`, a rate); `zero` for an sp-negation line under a rate;
 * `decimal` when the factor does not fit a scaled integer or the rule divides (margin): then Decimal.
 * This is `priceRule`'s table (pricebook/priceRule.ts); rateLines.test.ts checks the two agree.
 */
interface PlanRating {
  plan: PricingPlan;
  currency: string;
  reason: string | null;
  form: 'none' | 'basis' | 'usage' | 'zero' | 'decimal';
  factor: ScaledDecimal;
}

function planRating(plan: PricingPlan, line: BillingLine, config: InvoiceRunConfig): PlanRating {
  const currency = config.customers?.currencies.get(plan.customer) ?? config.settings.currency;
  const factor: ScaledDecimal = { units: 1, scale: 0 };
  const fits = (value: Decimal): boolean => readScaled(value.toFixed(), factor);
  let form: PlanRating['form'] = 'decimal';
  if (plan.destination !== 'invoice') {
    form = 'none';
  } else if (plan.rule === null) {
    form = 'basis';
  } else {
    const value = plan.rule.value as Decimal;
    switch (plan.rule.method) {
      case 'markup': if (fits(ONE.plus(value))) form = 'basis'; break;
      case 'discount': if (fits(ONE.minus(value))) form = 'basis'; break;
      case 'rate': if (line.kind === 'sp-negation') form = 'zero'; else if (fits(value)) form = 'usage'; break;
      case 'passthrough': form = 'basis'; break;
      default: form = 'decimal';
    }
  }
  const reason = plan.destination === 'invoice' ? null : REASONS[plan.destination](plan.ruleName);
  return { plan, currency, reason, form, factor };
}

/**
 * `rateLine` for many lines under one config: the plan of each distinct set of match fields is
 * decided once (`createPricingPlanner`), as the invoice run decides it once per group, and so are
 * the invoice currency and the rule's factor. A price that fits is computed as an exact scaled
 * integer (no Decimal per line: DBR.RERATE prices 100,000 lines one by one); any other with Decimal.
 */
export function createLineRater(config: InvoiceRunConfig, period: string | null = null): (line: BillingLine) => RatedLine {
  const ratingOf = createPricingPlanner({
    priceBook: config.priceBook, customers: config.customers, supportPlans: config.supportPlans, settings: config.settings, period,
  }, (plan, line) => planRating(plan, line, config));
  const figure: ScaledDecimal = { units: 0, scale: 0 };
  const price: ScaledDecimal = { units: 0, scale: 0 };
  return (line) => {
    const rating = ratingOf(line);
    const { plan, currency } = rating;
    if (rating.form === 'none') {
      return new Rated(plan.customer, currency, null, 0, -1, plan.ruleName, plan.method, plan.destination, rating.reason, null);
    }
    const ratePeriod = period ?? line.period;
    const rate = lookupFxRate(config.fxRates, ratePeriod, line.currency, currency);
    if (rate === null) {
      const reason = `no FX rate for ${ratePeriod} from ${line.currency} to ${currency}`;
      return new Rated(plan.customer, currency, null, 0, -1, plan.ruleName, plan.method, plan.destination, reason, 'FX_RATE_MISSING');
    }
    // The same currency converts at exactly 1: a scaled product when it fits, else Decimal.
    if (rate === ONE && scaledPrice(line, rating, figure, price)) {
      return new Rated(plan.customer, currency, null, price.units, price.scale, plan.ruleName, plan.method, plan.destination, null, null);
    }
    const exact = priceOfLine(line, plan);
    if (exact === null) return new Rated(plan.customer, currency, null, 0, -1, plan.ruleName, plan.method, plan.destination, 'not invoiced', null);
    return new Rated(plan.customer, currency, rate === ONE ? exact : exact.times(rate), 0, -1, plan.ruleName, plan.method, plan.destination, null, null);
  };
}

/** The line's price as a scaled integer into `into`, when its plan's factor and its figure fit. */
function scaledPrice(line: BillingLine, rating: PlanRating, figure: ScaledDecimal, into: ScaledDecimal): boolean {
  switch (rating.form) {
    case 'zero':
      into.units = 0;
      into.scale = 0;
      return true;
    case 'basis':
      return readScaled(basisAmountText(line, rating.plan.basisField).text, figure) && multiplyScaled(figure, rating.factor, into);
    case 'usage':
      if (line.usageAmount === null) {
        figure.units = 0;
        figure.scale = 0;
      } else if (!readScaled(line.usageAmount, figure)) {
        return false;
      }
      return multiplyScaled(figure, rating.factor, into);
    default:
      return false;
  }
}

/**
 * Invoices for lines held in memory (DBR.INVOICE): the code path of `rerate invoice` — one
 * `createInvoiceRun`, `add` for each line in order, `finish` — so the same lines and config give the
 * same invoices, carried credits and issues as the CLI reading them from files.
 */
export function invoiceLines(lines: Iterable<BillingLine>, config: InvoiceRunConfig): WithIssues<InvoiceRunResult> {
  const run = createInvoiceRun(config);
  for (const line of lines) run.add(line);
  const result = run.finish();
  return { result, issues: result.issues };
}
