import { ZERO, type Decimal } from '../money';
import { exactAdd, exactSub, exactSum } from '../exact';
import type { IssueLog } from '../issues';
import { nextPeriod } from '../periods';
import { priceRule } from '../pricebook/priceRule';
import { supportCharge } from '../support/supportCharge';
import type { SupportPlan } from '../support/supportPlans';
import { emptyWalkTally, type WalkTally } from '../reconcile/walkTally';
import { buildWalk } from '../reconcile/buildWalk';
import type { VarianceWalk } from '../reconcile/varianceWalk';
import type { FileGroups, LineGroup } from './lineGroup';
import { CREDIT_FLOOR_RULE_NAME, NO_RULE_NAME, SUPPORT_RULE_NAME, supportPlanCategory } from './planLine';
import { addContribution, draftLine, type Draft } from './draft';
import { roundInvoice, type RoundedInvoice } from './roundInvoice';
import type { CarriedCredit, DrillRow, Invoice, InvoiceRunConfig, InvoiceRunResult, RetainedBenefit, RuleHit } from './invoiceTypes';

interface SupportPool {
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

interface Tallies {
  walks: Map<string, WalkTally>;
  drafts: Map<string, Map<string, Draft>>;
  pools: Map<string, SupportPool>;
  hits: Map<string, RuleHit & { order: number }>;
  retained: Map<string, RetainedBenefit>;
  carried: CarriedCredit[];
}

const SPECIAL_RULE_ORDER: Record<string, number> = { [NO_RULE_NAME]: 1e9, [SUPPORT_RULE_NAME]: 1e9 + 1, [CREDIT_FLOOR_RULE_NAME]: 1e9 + 2 };

/**
 * The second half of the invoice run: prices every group once and turns the sums into invoices,
 * support charges, carried credits, retained benefits, variance walks, rule hits and issues.
 * Each group's contribution to the walk is exact, so for every customer and period
 * awsUnblended + the changes = preFx = Σ source-currency prices that land on the invoice.
 */
export function buildInvoices(files: FileGroups[], totalPeriods: ReadonlySet<string>, config: InvoiceRunConfig, log: IssueLog): InvoiceRunResult {
  const { settings } = config;
  const inputPeriods = new Set(totalPeriods);
  for (const file of files) for (const group of file.list) inputPeriods.add(group.sample.period);
  const outputPeriods = new Set([...inputPeriods].filter((p) => settings.period === null || p === settings.period));

  const t: Tallies = { walks: new Map(), drafts: new Map(), pools: new Map(), hits: new Map(), retained: new Map(), carried: [] };
  const linesRated = new Map<string, number>();
  const unblendedAccounted = new Map<string, Decimal>();
  const walk = (customer: string, period: string): WalkTally => {
    const key = `${customer}\u0001${period}`;
    let tally = t.walks.get(key);
    if (tally === undefined) {
      tally = emptyWalkTally(customer, period);
      t.walks.set(key, tally);
    }
    return tally;
  };
  const draft = (customer: string, period: string): Draft => {
    let byPeriod = t.drafts.get(customer);
    if (byPeriod === undefined) {
      byPeriod = new Map();
      t.drafts.set(customer, byPeriod);
    }
    let d = byPeriod.get(period);
    if (d === undefined) {
      d = { customer, period, lines: new Map() };
      byPeriod.set(period, d);
    }
    return d;
  };
  const hit = (name: string, line: number | null, method: string, order: number) => {
    let h = t.hits.get(name);
    if (h === undefined) {
      h = { rule: name, line, method, lines: 0, cost: ZERO, price: ZERO, order };
      t.hits.set(name, h);
    }
    return h;
  };
  const issueTally = new IssueTally();

  for (const file of files) {
    let rated = 0;
    let accounted = ZERO;
    for (const group of file.list) {
      const plan = group.plan;
      const unblended = group.unblended.toDecimal();
      accounted = exactAdd(accounted, unblended);
      if (plan.destination === 'not-rated') continue;
      rated += group.lines;
      issueTally.note(group, file.file);
      const currency = group.sample.currency;
      const period = group.sample.period;
      const w = walk(plan.customer, period);
      w.currencies.add(currency);
      w.awsUnblended = exactAdd(w.awsUnblended, unblended);
      w.awsBlended = exactSum([w.awsBlended, unblended, group.unblendedWhereDifferent.toDecimal().neg(), group.blendedWhereDifferent.toDecimal()]);

      if (plan.supportBase && plan.supportPlan !== null) {
        const pool = supportPool(t, plan.supportPlan, plan.customer, plan.account, period, currency);
        pool.base = exactAdd(pool.base, unblended);
        pool.baseLines += group.lines;
      }

      if (plan.destination === 'removed') {
        const step = plan.adjustmentStep ?? 'credits';
        w[step] = exactSub(w[step], unblended);
        continue;
      }
      if (plan.destination === 'policy-dropped') {
        w.commitmentsPolicy = exactSub(w.commitmentsPolicy, unblended);
        retain(t, plan.ownerCustomer ?? plan.customer, period, currency, unblended.neg(), group.lines);
        continue;
      }
      if (plan.destination === 'support-replaced' && plan.supportPlan !== null) {
        w.support = exactSub(w.support, unblended);
        const pool = supportPool(t, plan.supportPlan, plan.customer, plan.account, period, currency);
        pool.supportCost = exactAdd(pool.supportCost, unblended);
        pool.supportLines += group.lines;
        continue;
      }

      // Priced by the price book (or passed through): 'invoice' or 'excluded'.
      const basisAmount = plan.basisField === 'zero' ? ZERO : group.basis === null ? unblended : group.basis.toDecimal();
      const rule = plan.rule;
      const excluded = plan.destination === 'excluded';
      const price = excluded ? null
        : rule === null ? basisAmount
          : priceRule(rule.method, rule.value, basisAmount, group.usage?.toDecimal() ?? ZERO, group.sample.kind);
      const h = hit(plan.ruleName, rule?.line ?? null, rule?.method ?? 'passthrough', rule?.index ?? SPECIAL_RULE_ORDER[NO_RULE_NAME]);
      h.lines += group.lines;
      h.cost = exactAdd(h.cost, unblended);
      h.price = exactAdd(h.price, price ?? ZERO);

      if (plan.adjustmentStep !== null) {
        // Credits and tax: their cost leaves the line's period; their price lands on the invoice
        // period (the next one for credits under next-period).
        const step = plan.adjustmentStep;
        w[step] = exactSub(w[step], unblended);
        if (price === null) continue;
        if (inputPeriods.has(plan.invoicePeriod)) {
          const target = walk(plan.customer, plan.invoicePeriod);
          target[step] = exactAdd(target[step], price);
          target.currencies.add(currency);
          const line = draftLine(draft(plan.customer, plan.invoicePeriod), plan.category, plan.invoiceAccount);
          line.cost = exactAdd(line.cost, unblended);
          addContribution(line, {
            source: plan.invoicePeriod === period ? 'group' : 'credit-in', rule: plan.ruleName, method: rule?.method ?? 'passthrough',
            lines: group.lines, cost: unblended, currency, price,
          });
          line.rules.add(plan.ruleName);
        } else if (outputPeriods.has(period)) {
          carry(t, { customer: plan.customer, fromPeriod: period, toPeriod: plan.invoicePeriod, category: plan.category, amount: price, currency });
        }
        continue;
      }

      if (plan.policyAffected) {
        w.commitmentsPolicy = exactAdd(w.commitmentsPolicy, exactSub(basisAmount, unblended));
        retain(t, plan.ownerCustomer ?? plan.customer, period, currency, exactSub(basisAmount, unblended), group.lines);
      } else {
        w.basis = exactAdd(w.basis, exactSub(basisAmount, unblended));
      }
      if (price === null) {
        w.exclusions = exactSub(w.exclusions, basisAmount);
        continue;
      }
      w.pricing = exactAdd(w.pricing, exactSub(price, basisAmount));
      const line = draftLine(draft(plan.customer, period), plan.category, plan.invoiceAccount);
      line.cost = exactAdd(line.cost, unblended);
      addContribution(line, { source: 'group', rule: plan.ruleName, method: rule?.method ?? 'passthrough', lines: group.lines, cost: unblended, currency, price });
      line.rules.add(plan.ruleName);
    }
    linesRated.set(file.file, rated);
    unblendedAccounted.set(file.file, accounted);
  }

  // Support plans: one charge per account (or pool) and period with at least one base line.
  for (const pool of t.pools.values()) {
    const charge = pool.baseLines > 0 ? supportCharge(pool.plan, pool.base) : ZERO;
    const w = walk(pool.customer, pool.period);
    w.support = exactAdd(w.support, charge);
    w.currencies.add(pool.currency);
    const account = settings.grain === 'account' && pool.plan.scope === 'account' ? pool.account : null;
    const line = draftLine(draft(pool.customer, pool.period), supportPlanCategory(pool.plan), account);
    line.cost = exactAdd(line.cost, pool.supportCost);
    addContribution(line, { source: 'support-plan', rule: SUPPORT_RULE_NAME, method: 'support-plan', lines: pool.supportLines, cost: pool.supportCost, currency: pool.currency, price: charge });
    line.rules.add(SUPPORT_RULE_NAME);
    const h = hit(SUPPORT_RULE_NAME, null, 'support-plan', SPECIAL_RULE_ORDER[SUPPORT_RULE_NAME]);
    h.lines += pool.supportLines;
    h.cost = exactAdd(h.cost, pool.supportCost);
    h.price = exactAdd(h.price, charge);
  }

  issueTally.report(log, config);

  // Invoices, customer by customer and period by period: the zero floor carries into the next.
  const invoices: Invoice[] = [];
  const drill: DrillRow[] = [];
  const rounded = new Map<string, RoundedInvoice | null>();
  for (const customer of [...t.drafts.keys()].sort(compareText)) {
    const byPeriod = t.drafts.get(customer) as Map<string, Draft>;
    const currency = config.customers?.currencies.get(customer) ?? settings.currency;
    const done = new Set<string>();
    for (;;) {
      const period = [...byPeriod.keys()].filter((p) => !done.has(p)).sort(compareText)[0];
      if (period === undefined) break;
      done.add(period);
      const result = roundInvoice(byPeriod.get(period) as Draft, currency, config, log);
      rounded.set(`${customer}\u0001${period}`, result);
      if (result === null) continue;
      if (outputPeriods.has(period)) {
        invoices.push(result.invoice);
        drill.push(...result.drill);
      }
      if (result.carriedForward.isZero()) continue;
      const next = nextPeriod(period);
      if (inputPeriods.has(next)) {
        const line = draftLine(draft(customer, next), 'Credit brought forward', null);
        line.invoicePrice = exactSub(line.invoicePrice, result.carriedForward);
        line.contributions.push({ source: 'credit-floor', rule: CREDIT_FLOOR_RULE_NAME, method: 'credit-floor', lines: 0, cost: ZERO, currency: null, price: result.carriedForward.neg() });
        line.rules.add(CREDIT_FLOOR_RULE_NAME);
      }
      if (outputPeriods.has(period) && !outputPeriods.has(next)) {
        carry(t, { customer, fromPeriod: period, toPeriod: next, category: 'Credit carried forward', amount: result.carriedForward.neg(), currency });
      }
    }
  }

  const walks: VarianceWalk[] = [];
  const walkKeys = new Set([...t.walks.keys(), ...rounded.keys()]);
  for (const key of walkKeys) {
    const [customer, period] = key.split('\u0001');
    if (!outputPeriods.has(period)) continue;
    const currency = config.customers?.currencies.get(customer) ?? settings.currency;
    const tally = t.walks.get(key) ?? emptyWalkTally(customer, period);
    walks.push(buildWalk(tally, currency, rounded.has(key) ? rounded.get(key) ?? null : 'nothing-invoiced'));
  }
  walks.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));
  invoices.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));
  // Stable: within an invoice the rows keep their line order.
  drill.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));

  const ruleHits = [...t.hits.values()]
    .sort((a, b) => a.order - b.order || compareText(a.rule, b.rule))
    .map(({ order: _order, ...hitRow }) => hitRow);
  const retainedBenefits = [...t.retained.values()]
    .filter((r) => outputPeriods.has(r.period))
    .sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period) || compareText(a.currency, b.currency));
  const carriedCredits = t.carried
    .sort((a, b) => compareText(a.customer, b.customer) || compareText(a.fromPeriod, b.fromPeriod) || compareText(a.category, b.category) || compareText(a.currency, b.currency));

  return { invoices, drill, carriedCredits, retainedBenefits, walks, ruleHits, linesRated, unblendedAccounted, issues: log.issues };
}

/** Plain code-unit order: the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function supportPool(t: Tallies, plan: SupportPlan, customer: string, account: string, period: string, currency: string): SupportPool {
  const owner = plan.scope === 'account' ? `a\u0001${account}` : `c\u0001${customer}`;
  const key = `${owner}\u0001${plan.name.toLowerCase()}\u0001${period}\u0001${currency}`;
  let pool = t.pools.get(key);
  if (pool === undefined) {
    pool = {
      plan, customer, account: plan.scope === 'account' ? account : null, period, currency,
      base: ZERO, baseLines: 0, supportCost: ZERO, supportLines: 0,
    };
    t.pools.set(key, pool);
  }
  return pool;
}

function retain(t: Tallies, owner: string, period: string, currency: string, amount: Decimal, lines: number): void {
  const key = `${owner}\u0001${period}\u0001${currency}`;
  const entry = t.retained.get(key) ?? { customer: owner, period, currency, amount: ZERO, lines: 0 };
  entry.amount = exactAdd(entry.amount, amount);
  entry.lines += lines;
  t.retained.set(key, entry);
}

function carry(t: Tallies, credit: CarriedCredit): void {
  const same = t.carried.find((c) => c.customer === credit.customer && c.fromPeriod === credit.fromPeriod && c.toPeriod === credit.toPeriod && c.category === credit.category && c.currency === credit.currency);
  if (same) same.amount = exactAdd(same.amount, credit.amount);
  else t.carried.push({ ...credit });
}

/** Issues that count lines across groups, reported once each with their count. */
class IssueTally {
  private readonly noRule = new Map<string, { file: string; productCode: string; lines: number; firstLines: number[] }>();
  private readonly unavailable = new Map<string, { file: string; basis: string; format: string; lines: number; firstLine: number }>();
  private readonly policy = new Map<string, { format: string; lines: number; firstLine: number }>();
  private readonly withoutPlan = new Map<string, { account: string; customer: string; file: string; lines: number; firstLine: number }>();

  note(group: LineGroup, file: string): void {
    const plan = group.plan;
    if (plan.noRule) {
      const productCode = group.sample.productCode ?? group.sample.service ?? '(no product code)';
      const key = `${file}\u0001${productCode}`;
      const entry = this.noRule.get(key) ?? { file, productCode, lines: 0, firstLines: [] };
      entry.lines += group.lines;
      entry.firstLines.push(...group.firstLines);
      this.noRule.set(key, entry);
    }
    if (group.unavailable > 0) {
      const basis = plan.policyAffected ? 'list' : plan.basis;
      const key = `${file}\u0001${basis}`;
      const entry = this.unavailable.get(key) ?? { file, basis, format: group.sample.format, lines: 0, firstLine: group.first.line };
      entry.lines += group.unavailable;
      entry.firstLine = Math.min(entry.firstLine, group.first.line);
      this.unavailable.set(key, entry);
    }
    if (plan.policyUnsupported) {
      const entry = this.policy.get(file) ?? { format: group.sample.format, lines: 0, firstLine: group.first.line };
      entry.lines += group.lines;
      entry.firstLine = Math.min(entry.firstLine, group.first.line);
      this.policy.set(file, entry);
    }
    if (plan.supportWithoutPlan) {
      const entry = this.withoutPlan.get(plan.account) ?? { account: plan.account, customer: plan.customer, file, lines: 0, firstLine: group.first.line };
      entry.lines += group.lines;
      this.withoutPlan.set(plan.account, entry);
    }
  }

  report(log: IssueLog, config: InvoiceRunConfig): void {
    for (const [file, e] of this.policy) {
      log.add({
        code: 'POLICY_UNSUPPORTED',
        severity: 'warning',
        message: `Setting commitments owner-only needs list cost and commitment ARNs, which the ${e.format} file ${file} lacks; its ${e.lines} commitment lines are priced as billed.`,
        source: { file, line: e.firstLine },
        count: e.lines,
      });
    }
    for (const e of this.unavailable.values()) {
      log.add({
        code: 'BASIS_UNAVAILABLE',
        severity: 'warning',
        message: `The ${e.format} file ${e.file} has no ${e.basis} cost for ${e.lines} lines priced on the ${e.basis} basis; their unblended cost is used instead.`,
        source: { file: e.file, line: e.firstLine },
        count: e.lines,
      });
    }
    for (const e of this.noRule.values()) {
      const first = [...e.firstLines].sort((a, b) => a - b).slice(0, 5);
      log.add({
        code: 'NO_RULE',
        severity: 'warning',
        message: `${e.lines} ${e.productCode} line${e.lines === 1 ? '' : 's'} of ${e.file} matched no rule of ${config.priceBook?.source ?? 'the price book'} and pass through at unblended cost (first at line${first.length === 1 ? '' : 's'} ${first.join(', ')}).`,
        source: { file: e.file, line: first[0] },
        count: e.lines,
      });
    }
    for (const e of this.withoutPlan.values()) {
      log.add({
        code: 'SUPPORT_WITHOUT_PLAN',
        severity: 'warning',
        message: `Account ${e.account} (customer "${e.customer}") has ${e.lines} AWS Support line${e.lines === 1 ? '' : 's'} but no support plan in the customers table; no plan formula governs ${e.lines === 1 ? 'it' : 'them'}, so the price book prices ${e.lines === 1 ? 'it' : 'them'} like usage.`,
        source: { file: e.file, line: e.firstLine },
        count: e.lines,
      });
    }
  }
}
