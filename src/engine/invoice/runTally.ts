import { ZERO, type Decimal } from '../money';
import { exactAdd } from '../exact';
import type { SupportPlan } from '../support/supportPlans';
import { emptyWalkTally, type WalkTally } from '../reconcile/walkTally';
import { CREDIT_FLOOR_RULE_NAME, NO_RULE_NAME, SUPPORT_RULE_NAME } from './planLine';
import type { Draft } from './draft';
import { compareText } from './compareText';
import type { CarriedCredit, RetainedBenefit, RuleHit } from './invoiceTypes';

/** A support plan's base and the source support lines its charge replaces, for one account (or customer), period and currency. */
export interface SupportPool {
  plan: SupportPlan;
  customer: string;
  /** The account of an account-scope plan; null for a customer-scope pool. */
  account: string | null;
  period: string;
  currency: string;
  base: Decimal;
  baseLines: number;
  /** Σ unblended cost of the source support lines the plan's charge replaces. */
  supportCost: Decimal;
  supportLines: number;
}

/** Rules without a price-book row sort after every row: `(none)`, `support-plan`, `credit-floor`. */
export const SPECIAL_RULE_ORDER: Record<string, number> = { [NO_RULE_NAME]: 1e9, [SUPPORT_RULE_NAME]: 1e9 + 1, [CREDIT_FLOOR_RULE_NAME]: 1e9 + 2 };

/**
 * What the stages of `buildInvoices` gather, keyed as they look it up: walks per customer and
 * period, draft invoices, support pools, rule hits, retained benefits and carried credits.
 * Each getter makes the entry on first use, so every stage adds in the same order as one pass.
 */
export class RunTally {
  readonly walks = new Map<string, WalkTally>();
  readonly drafts = new Map<string, Map<string, Draft>>();
  readonly pools = new Map<string, SupportPool>();
  private readonly hits = new Map<string, RuleHit & { order: number }>();
  private readonly retained = new Map<string, RetainedBenefit>();
  private readonly carried: CarriedCredit[] = [];

  walk(customer: string, period: string): WalkTally {
    const key = walkKey(customer, period);
    let tally = this.walks.get(key);
    if (tally === undefined) {
      tally = emptyWalkTally(customer, period);
      this.walks.set(key, tally);
    }
    return tally;
  }

  draft(customer: string, period: string): Draft {
    let byPeriod = this.drafts.get(customer);
    if (byPeriod === undefined) {
      byPeriod = new Map();
      this.drafts.set(customer, byPeriod);
    }
    let d = byPeriod.get(period);
    if (d === undefined) {
      d = { customer, period, lines: new Map() };
      byPeriod.set(period, d);
    }
    return d;
  }

  /** The hit row of a rule; `order` (price-book order, or SPECIAL_RULE_ORDER) counts when it is made. */
  hit(name: string, line: number | null, method: string, order: number): RuleHit {
    let h = this.hits.get(name);
    if (h === undefined) {
      h = { rule: name, line, method, lines: 0, cost: ZERO, price: ZERO, order };
      this.hits.set(name, h);
    }
    return h;
  }

  pool(plan: SupportPlan, customer: string, account: string, period: string, currency: string): SupportPool {
    const owner = plan.scope === 'account' ? `a\u0001${account}` : `c\u0001${customer}`;
    const key = `${owner}\u0001${plan.name.toLowerCase()}\u0001${period}\u0001${currency}`;
    let pool = this.pools.get(key);
    if (pool === undefined) {
      pool = {
        plan, customer, account: plan.scope === 'account' ? account : null, period, currency,
        base: ZERO, baseLines: 0, supportCost: ZERO, supportLines: 0,
      };
      this.pools.set(key, pool);
    }
    return pool;
  }

  retain(owner: string, period: string, currency: string, amount: Decimal, lines: number): void {
    const key = `${owner}\u0001${period}\u0001${currency}`;
    const entry = this.retained.get(key) ?? { customer: owner, period, currency, amount: ZERO, lines: 0 };
    entry.amount = exactAdd(entry.amount, amount);
    entry.lines += lines;
    this.retained.set(key, entry);
  }

  carry(credit: CarriedCredit): void {
    const same = this.carried.find((c) => c.customer === credit.customer && c.fromPeriod === credit.fromPeriod && c.toPeriod === credit.toPeriod && c.category === credit.category && c.currency === credit.currency);
    if (same) same.amount = exactAdd(same.amount, credit.amount);
    else this.carried.push({ ...credit });
  }

  /** The rule hits in price-book order, then `(none)`, `support-plan`, `credit-floor`. */
  ruleHits(): RuleHit[] {
    return [...this.hits.values()]
      .sort((a, b) => a.order - b.order || compareText(a.rule, b.rule))
      .map(({ order: _order, ...hitRow }) => hitRow);
  }

  retainedBenefits(outputPeriods: ReadonlySet<string>): RetainedBenefit[] {
    return [...this.retained.values()]
      .filter((r) => outputPeriods.has(r.period))
      .sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period) || compareText(a.currency, b.currency));
  }

  carriedCredits(): CarriedCredit[] {
    return this.carried
      .sort((a, b) => compareText(a.customer, b.customer) || compareText(a.fromPeriod, b.fromPeriod) || compareText(a.category, b.category) || compareText(a.currency, b.currency));
  }
}

/** The key of a customer's period in `walks` (and of its rounded invoice). */
export function walkKey(customer: string, period: string): string {
  return `${customer}\u0001${period}`;
}
