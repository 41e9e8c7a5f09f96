import { ONE, type Decimal } from '../money';
import type { BillingLine } from '../line';
import type { IssueCode, WithIssues } from '../issues';
import { lookupFxRate } from '../fx/fxTable';
import { createInvoiceRun } from '../invoice/createInvoiceRun';
import { createLinePricer } from '../invoice/priceLine';
import type { Destination } from '../invoice/planLine';
import type { InvoiceRunConfig, InvoiceRunResult } from '../invoice/invoiceTypes';

/** One line rated on its own (DBR.RERATE): its price in the invoice currency and the rule behind it. */
export interface RatedLine {
  customer: string;
  /** The customer's invoice currency (customers table, else the `currency` setting). */
  currency: string;
  /** The precise price in `currency`; null when the line is not invoiced or has no FX rate (`reason`). */
  price: Decimal | null;
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
 * `rateLine` for many lines under one config: the plan of each distinct set of match fields is
 * decided once (`createLinePricer`), as the invoice run decides it once per group.
 */
export function createLineRater(config: InvoiceRunConfig, period: string | null = null): (line: BillingLine) => RatedLine {
  const price = createLinePricer({
    priceBook: config.priceBook, customers: config.customers, supportPlans: config.supportPlans, settings: config.settings, period,
  });
  return (line) => {
    const priced = price(line);
    const currency = config.customers?.currencies.get(priced.customer) ?? config.settings.currency;
    let price_: Decimal | null = null;
    let reason: string | null = null;
    let code: IssueCode | null = null;
    if (priced.destination !== 'invoice' || priced.price === null) {
      reason = priced.destination === 'invoice' ? 'not invoiced' : REASONS[priced.destination](priced.rule);
    } else {
      const ratePeriod = period ?? line.period;
      const rate = lookupFxRate(config.fxRates, ratePeriod, line.currency, currency);
      if (rate === null) {
        reason = `no FX rate for ${ratePeriod} from ${line.currency} to ${currency}`;
        code = 'FX_RATE_MISSING';
      } else {
        // The same currency converts at exactly 1: skip the multiplication.
        price_ = rate === ONE ? priced.price : priced.price.times(rate);
      }
    }
    return { customer: priced.customer, currency, price: price_, rule: priced.rule, method: priced.method, destination: priced.destination, reason, code };
  };
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
