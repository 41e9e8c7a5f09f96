import type { Decimal } from '../money';
import type { Issue } from '../issues';
import type { Settings } from '../settings';
import type { PriceBook } from '../pricebook/priceBook';
import type { CustomerDirectory } from '../customers/customerDirectory';
import type { FxTable } from '../fx/fxTable';
import type { SupportPlanTable } from '../support/supportPlans';
import type { VarianceWalk } from '../reconcile/varianceWalk';
import type { BillingLine } from '../line';
import type { PricingGroup } from '../groups/pricingGroup';

export interface InvoiceRunConfig {
  /** null: everything passes through at unblended cost, with no NO_RULE warnings. */
  priceBook: PriceBook | null;
  customers: CustomerDirectory | null;
  fxRates: FxTable | null;
  /** Usually BUILT_IN_SUPPORT_PLANS. */
  supportPlans: SupportPlanTable;
  settings: Settings;
}

export interface InvoiceRun {
  add(line: BillingLine): void;
  finish(): InvoiceRunResult;
  /**
   * What `add` gathered so far, as plain data (it crosses a worker boundary): the groups of each
   * file with their exact sums as text. For a run that read one part of a file.
   */
  part(): InvoiceRunPart;
  /**
   * Folds in another run's `part` — lines of a later part of the same file, with the same config —
   * so that `finish` gives what one run adding every line in file order would have given: a group
   * already here gains the part's sums and line counts, and a new one is made as `add` makes it.
   */
  absorb(part: InvoiceRunPart): void;
  /**
   * Adds a pricing group (SCALE.md: from a groups table or an SQL engine) as if its lines had been
   * added: groups of one file come in the order of their first lines, as `add` would create them.
   * Groups of kind `total` only mark their period as present, as total lines do.
   */
  addGroup(group: PricingGroup): void;
}

/** A run's groups as plain data (`InvoiceRun.part`). */
export interface InvoiceRunPart {
  files: { file: string; groups: LineGroupPart[] }[];
  /** Periods of the `total` lines seen. */
  totalPeriods: string[];
}

/** One group as plain data: its sample line, counts, first lines and exact sums (null: none added). */
export interface LineGroupPart {
  sample: BillingLine;
  lines: number;
  unavailable: number;
  firstLines: number[];
  unblended: string | null;
  blendedWhereDifferent: string | null;
  unblendedWhereDifferent: string | null;
  basis: string | null;
  usage: string | null;
}

/** One line of a customer's invoice: the total of a category (and account, with grain account). */
export interface InvoiceLine {
  category: string;
  account: string | null;
  /** Unblended cost behind the line, in the source currency. */
  cost: Decimal;
  /** The precise price in the invoice currency. */
  price: Decimal;
  /** `price` rounded once to the currency's minor unit. */
  amount: Decimal;
  /** The rules that priced it, in price-book order (`(none)`, `support-plan`, `credit-floor` last). */
  rules: string[];
}

export interface Invoice {
  customer: string;
  period: string;
  currency: string;
  /** Sorted by category, then account (null first). */
  lines: InvoiceLine[];
  /** Σ of the rounded line amounts. */
  total: Decimal;
  /** Σ of the precise line prices. */
  preciseTotal: Decimal;
  /** total − round(preciseTotal): where a penny went. */
  residual: Decimal;
}

/** A credit that is on no invoice of this output: it belongs on `toPeriod`'s invoice. */
export interface CarriedCredit {
  customer: string;
  fromPeriod: string;
  toPeriod: string;
  /** `Credits`, `Refunds`, `Discounts`, or `Credit carried forward` (the zero floor). */
  category: string;
  /** Negative: what the customer is owed, precise. */
  amount: Decimal;
  /** The source currency for deferred credits (converted on the next invoice at its rate); the invoice currency for the zero floor. */
  currency: string;
}

/**
 * Under `commitments: owner-only`, what other customers' lines paid more than as billed because
 * the commitment's benefit stayed with its owner (ENGINE.md §6), in the source currency.
 */
export interface RetainedBenefit {
  /** The owner customer. */
  customer: string;
  period: string;
  currency: string;
  /** Σ (policy basis − unblended cost) over the consumers' affected lines. */
  amount: Decimal;
  /** Lines affected. */
  lines: number;
}

/** Per rule: what it priced, for the Audit sheet. */
export interface RuleHit {
  rule: string;
  /** Price-book row, or null for `(none)` and `support-plan`. */
  line: number | null;
  method: string;
  lines: number;
  /** Σ unblended cost, source currency. */
  cost: Decimal;
  /** Σ precise price before FX, source currency (0 for exclude). */
  price: Decimal;
}

/**
 * One contribution to an invoice line's precise price, for the accountant's drill-down: per
 * invoice line, Σ `price` of its rows equals the line's `price` exactly (and Σ `cost` its cost).
 */
export interface DrillRow {
  customer: string;
  period: string;
  /** The invoice currency. */
  currency: string;
  category: string;
  /** As on the invoice line: null unless grain account. */
  account: string | null;
  /** `group`: lines priced in the invoice period; `credit-in`: credits or tax priced in an earlier period landing here; `support-plan`: a plan's charge; `credit-floor`: the zero floor's lines. */
  source: 'group' | 'support-plan' | 'credit-in' | 'credit-floor';
  rule: string;
  method: string;
  /** Source lines behind the row. */
  lines: number;
  /** Unblended cost, source currency. */
  cost: Decimal;
  sourceCurrency: string;
  /** Precise price before FX, source currency (the invoice-currency figure for the credit floor). */
  priceSource: Decimal;
  /** 1 when the currencies are the same. */
  fxRate: Decimal;
  /** Invoice currency: priceSource × fxRate (see roundInvoice for the last digit of a 40-digit product). */
  price: Decimal;
}

export interface InvoiceRunResult {
  invoices: Invoice[];
  /** Every contribution to every invoice line of `invoices`, invoice by invoice, line by line. */
  drill: DrillRow[];
  carriedCredits: CarriedCredit[];
  retainedBenefits: RetainedBenefit[];
  walks: VarianceWalk[];
  ruleHits: RuleHit[];
  /** Per source file: lines the run rated (every kind but rounding and total). */
  linesRated: Map<string, number>;
  /** Per source file: Σ unblended cost of every line but totals, wherever it went (invoiced, excluded, removed by a setting, rounding). */
  unblendedAccounted: Map<string, Decimal>;
  issues: Issue[];
}
