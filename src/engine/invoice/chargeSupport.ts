import { ZERO } from '../money';
import { exactAdd } from '../exact';
import type { Settings } from '../settings';
import { supportCharge } from '../support/supportCharge';
import { SUPPORT_RULE_NAME, supportPlanCategory } from './planLine';
import { addContribution, draftLine } from './draft';
import { SPECIAL_RULE_ORDER, type RunTally } from './runTally';

/**
 * Stage 2 of `buildInvoices`: one support-plan charge per pool (account or customer, plan, period
 * and source currency) with at least one base line; a pool without one still shows its replaced
 * support lines' cost at price 0 (README decision 12).
 */
export function chargeSupport(tally: RunTally, settings: Settings): void {
  for (const pool of tally.pools.values()) {
    const charge = pool.baseLines > 0 ? supportCharge(pool.plan, pool.base) : ZERO;
    const w = tally.walk(pool.customer, pool.period);
    w.support = exactAdd(w.support, charge);
    w.currencies.add(pool.currency);
    const account = settings.grain === 'account' && pool.plan.scope === 'account' ? pool.account : null;
    const line = draftLine(tally.draft(pool.customer, pool.period), supportPlanCategory(pool.plan), account);
    line.cost = exactAdd(line.cost, pool.supportCost);
    addContribution(line, { source: 'support-plan', rule: SUPPORT_RULE_NAME, method: 'support-plan', lines: pool.supportLines, cost: pool.supportCost, currency: pool.currency, price: charge });
    line.rules.add(SUPPORT_RULE_NAME);
    const h = tally.hit(SUPPORT_RULE_NAME, null, 'support-plan', SPECIAL_RULE_ORDER[SUPPORT_RULE_NAME]);
    h.lines += pool.supportLines;
    h.cost = exactAdd(h.cost, pool.supportCost);
    h.price = exactAdd(h.price, charge);
  }
}
