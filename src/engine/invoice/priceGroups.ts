import { ZERO, type Decimal } from '../money';
import { exactAdd, exactSub, exactSum } from '../exact';
import { priceRule } from '../pricebook/priceRule';
import type { WalkTally } from '../reconcile/walkTally';
import type { FileGroups, LineGroup } from './lineGroup';
import { NO_RULE_NAME } from './planLine';
import { addContribution, draftLine } from './draft';
import type { IssueTally } from './issueTally';
import type { RunPeriods } from './runPeriods';
import { SPECIAL_RULE_ORDER, type RunTally } from './runTally';

/** Per file: the lines rated and Σ unblended cost accounted for (the run's side of the control totals). */
export interface FileTotals {
  linesRated: Map<string, number>;
  unblendedAccounted: Map<string, Decimal>;
}

/**
 * Stage 1 of `buildInvoices`: prices every group once (pricing is linear) and sends its cost and
 * price where its plan says — the invoice line, an adjustment step, a support pool, the retained
 * benefits — while adding them to the walk of the customer and period, so for every customer and
 * period awsUnblended + the changes = Σ source-currency prices that land on the invoice.
 */
export function priceGroups(files: readonly FileGroups[], periods: RunPeriods, tally: RunTally, issues: IssueTally): FileTotals {
  const linesRated = new Map<string, number>();
  const unblendedAccounted = new Map<string, Decimal>();
  for (const file of files) {
    let rated = 0;
    let accounted = ZERO;
    for (const group of file.list) {
      const unblended = group.unblended.toDecimal();
      accounted = exactAdd(accounted, unblended);
      if (group.plan.destination === 'not-rated') continue;
      rated += group.lines;
      issues.note(group, file.file);
      priceGroup(group, unblended, periods, tally);
    }
    linesRated.set(file.file, rated);
    unblendedAccounted.set(file.file, accounted);
  }
  return { linesRated, unblendedAccounted };
}

/** One rated group: its walk, its support pool, then its destination. */
function priceGroup(group: LineGroup, unblended: Decimal, periods: RunPeriods, tally: RunTally): void {
  const plan = group.plan;
  const currency = group.sample.currency;
  const period = group.sample.period;
  const w = tally.walk(plan.customer, period);
  w.currencies.add(currency);
  w.awsUnblended = exactAdd(w.awsUnblended, unblended);
  w.awsBlended = exactSum([w.awsBlended, unblended, group.unblendedWhereDifferent.toDecimal().neg(), group.blendedWhereDifferent.toDecimal()]);

  if (plan.supportBase && plan.supportPlan !== null) {
    const pool = tally.pool(plan.supportPlan, plan.customer, plan.account, period, currency);
    pool.base = exactAdd(pool.base, unblended);
    pool.baseLines += group.lines;
  }

  if (divertUnpriced(group, unblended, w, tally)) return;

  // Priced by the price book (or passed through): 'invoice' or 'excluded'.
  const basisAmount = plan.basisField === 'zero' ? ZERO : group.basis === null ? unblended : group.basis.toDecimal();
  const rule = plan.rule;
  const price = plan.destination === 'excluded' ? null
    : rule === null ? basisAmount
      : priceRule(rule.method, rule.value, basisAmount, group.usage?.toDecimal() ?? ZERO, group.sample.kind);
  const h = tally.hit(plan.ruleName, rule?.line ?? null, rule?.method ?? 'passthrough', rule?.index ?? SPECIAL_RULE_ORDER[NO_RULE_NAME]);
  h.lines += group.lines;
  h.cost = exactAdd(h.cost, unblended);
  h.price = exactAdd(h.price, price ?? ZERO);

  if (plan.adjustmentStep !== null) landAdjustment(group, plan.adjustmentStep, unblended, price, w, periods, tally);
  else landPrice(group, unblended, basisAmount, price, w, tally);
}

/**
 * The destinations that take a group's cost off the invoice unpriced: removed by a setting (tax
 * exclude, credits retain), dropped by the owner-only policy, replaced by a support-plan charge.
 */
function divertUnpriced(group: LineGroup, unblended: Decimal, w: WalkTally, tally: RunTally): boolean {
  const plan = group.plan;
  const currency = group.sample.currency;
  const period = group.sample.period;
  if (plan.destination === 'removed') {
    const step = plan.adjustmentStep ?? 'credits';
    w[step] = exactSub(w[step], unblended);
    return true;
  }
  if (plan.destination === 'policy-dropped') {
    w.commitmentsPolicy = exactSub(w.commitmentsPolicy, unblended);
    tally.retain(plan.ownerCustomer ?? plan.customer, period, currency, unblended.neg(), group.lines);
    return true;
  }
  if (plan.destination === 'support-replaced' && plan.supportPlan !== null) {
    w.support = exactSub(w.support, unblended);
    const pool = tally.pool(plan.supportPlan, plan.customer, plan.account, period, currency);
    pool.supportCost = exactAdd(pool.supportCost, unblended);
    pool.supportLines += group.lines;
    return true;
  }
  return false;
}

/**
 * Credits and tax: their cost leaves the line's period; their price lands on the invoice period
 * (the next one for credits under next-period), or is carried when that period is not in the input.
 */
function landAdjustment(
  group: LineGroup, step: 'credits' | 'tax', unblended: Decimal, price: Decimal | null, w: WalkTally, periods: RunPeriods, tally: RunTally,
): void {
  const plan = group.plan;
  const currency = group.sample.currency;
  const period = group.sample.period;
  w[step] = exactSub(w[step], unblended);
  if (price === null) return;
  if (periods.input.has(plan.invoicePeriod)) {
    const target = tally.walk(plan.customer, plan.invoicePeriod);
    target[step] = exactAdd(target[step], price);
    target.currencies.add(currency);
    const line = draftLine(tally.draft(plan.customer, plan.invoicePeriod), plan.category, plan.invoiceAccount);
    line.cost = exactAdd(line.cost, unblended);
    addContribution(line, {
      source: plan.invoicePeriod === period ? 'group' : 'credit-in', rule: plan.ruleName, method: plan.rule?.method ?? 'passthrough',
      lines: group.lines, cost: unblended, currency, price,
    });
    line.rules.add(plan.ruleName);
  } else if (periods.output.has(period)) {
    tally.carry({ customer: plan.customer, fromPeriod: period, toPeriod: plan.invoicePeriod, category: plan.category, amount: price, currency });
  }
}

/** Usage and fees: the basis and pricing steps (or the owner-only policy), then the invoice line — unless excluded. */
function landPrice(group: LineGroup, unblended: Decimal, basisAmount: Decimal, price: Decimal | null, w: WalkTally, tally: RunTally): void {
  const plan = group.plan;
  const currency = group.sample.currency;
  const period = group.sample.period;
  if (plan.policyAffected) {
    w.commitmentsPolicy = exactAdd(w.commitmentsPolicy, exactSub(basisAmount, unblended));
    tally.retain(plan.ownerCustomer ?? plan.customer, period, currency, exactSub(basisAmount, unblended), group.lines);
  } else {
    w.basis = exactAdd(w.basis, exactSub(basisAmount, unblended));
  }
  if (price === null) {
    w.exclusions = exactSub(w.exclusions, basisAmount);
    return;
  }
  w.pricing = exactAdd(w.pricing, exactSub(price, basisAmount));
  const line = draftLine(tally.draft(plan.customer, period), plan.category, plan.invoiceAccount);
  line.cost = exactAdd(line.cost, unblended);
  addContribution(line, { source: 'group', rule: plan.ruleName, method: plan.rule?.method ?? 'passthrough', lines: group.lines, cost: unblended, currency, price });
  line.rules.add(plan.ruleName);
}
