import { ZERO } from '../money';
import { exactSub } from '../exact';
import type { IssueLog } from '../issues';
import { nextPeriod } from '../periods';
import { CREDIT_FLOOR_RULE_NAME } from './planLine';
import { draftLine, type Draft } from './draft';
import { roundInvoice, type RoundedInvoice } from './roundInvoice';
import { compareText } from './compareText';
import type { RunPeriods } from './runPeriods';
import { walkKey, type RunTally } from './runTally';
import type { DrillRow, Invoice, InvoiceRunConfig } from './invoiceTypes';

export interface RoundedRun {
  /** The output periods' invoices and drill rows, in customer order (sorted by the caller). */
  invoices: Invoice[];
  drill: DrillRow[];
  /** Every customer and period's rounding (null: FX_RATE_MISSING, no invoice), by `walkKey`. */
  rounded: Map<string, RoundedInvoice | null>;
}

/**
 * Stage 3 of `buildInvoices`: rounds the drafts customer by customer and period by period, so the
 * zero floor of a negative invoice lands in the next period as `Credit brought forward` before
 * that period is rounded (README decision 15); a floor leaving the output periods is a carried credit.
 */
export function roundWithCreditFloor(tally: RunTally, periods: RunPeriods, config: InvoiceRunConfig, log: IssueLog): RoundedRun {
  const run: RoundedRun = { invoices: [], drill: [], rounded: new Map() };
  for (const customer of [...tally.drafts.keys()].sort(compareText)) {
    const byPeriod = tally.drafts.get(customer) as Map<string, Draft>;
    const currency = config.customers?.currencies.get(customer) ?? config.settings.currency;
    const done = new Set<string>();
    for (;;) {
      // The floor may add the next period's draft: pick the earliest period not done each time.
      const period = [...byPeriod.keys()].filter((p) => !done.has(p)).sort(compareText)[0];
      if (period === undefined) break;
      done.add(period);
      const result = roundInvoice(byPeriod.get(period) as Draft, currency, config, log);
      run.rounded.set(walkKey(customer, period), result);
      if (result === null) continue;
      if (periods.output.has(period)) {
        run.invoices.push(result.invoice);
        run.drill.push(...result.drill);
      }
      if (!result.carriedForward.isZero()) carryFloor(tally, periods, customer, period, currency, result);
    }
  }
  return run;
}

function carryFloor(tally: RunTally, periods: RunPeriods, customer: string, period: string, currency: string, result: RoundedInvoice): void {
  const next = nextPeriod(period);
  if (periods.input.has(next)) {
    const line = draftLine(tally.draft(customer, next), 'Credit brought forward', null);
    line.invoicePrice = exactSub(line.invoicePrice, result.carriedForward);
    line.contributions.push({ source: 'credit-floor', rule: CREDIT_FLOOR_RULE_NAME, method: 'credit-floor', lines: 0, cost: ZERO, currency: null, price: result.carriedForward.neg() });
    line.rules.add(CREDIT_FLOOR_RULE_NAME);
  }
  if (periods.output.has(period) && !periods.output.has(next)) {
    tally.carry({ customer, fromPeriod: period, toPeriod: next, category: 'Credit carried forward', amount: result.carriedForward.neg(), currency });
  }
}
