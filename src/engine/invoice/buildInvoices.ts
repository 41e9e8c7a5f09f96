import type { IssueLog } from '../issues';
import { emptyWalkTally } from '../reconcile/walkTally';
import { buildWalk } from '../reconcile/buildWalk';
import type { VarianceWalk } from '../reconcile/varianceWalk';
import type { FileGroups } from './lineGroup';
import type { RoundedInvoice } from './roundInvoice';
import { compareText } from './compareText';
import { runPeriods, type RunPeriods } from './runPeriods';
import { RunTally } from './runTally';
import { IssueTally } from './issueTally';
import { priceGroups } from './priceGroups';
import { chargeSupport } from './chargeSupport';
import { roundWithCreditFloor } from './roundWithCreditFloor';
import type { InvoiceRunConfig, InvoiceRunResult } from './invoiceTypes';

/**
 * The second half of the invoice run (`finish()`), as its stages:
 *   1. priceGroups — every group priced once, its cost and price sent to invoice lines, walk steps,
 *      support pools, retained benefits and carried credits; the issues that count lines noted;
 *   2. chargeSupport — one support-plan charge per pool;
 *   3. the issue tallies reported (NO_RULE, BASIS_UNAVAILABLE, POLICY_UNSUPPORTED, SUPPORT_WITHOUT_PLAN);
 *   4. roundWithCreditFloor — FX and rounding per invoice, the zero floor carried into the next period;
 *   5. buildWalks — each customer and period's variance walk, ending at its rounded invoice.
 * Each group's contribution to the walk is exact, so for every customer and period
 * awsUnblended + the changes = preFx = Σ source-currency prices that land on the invoice.
 */
export function buildInvoices(files: FileGroups[], totalPeriods: ReadonlySet<string>, config: InvoiceRunConfig, log: IssueLog): InvoiceRunResult {
  const periods = runPeriods(files, totalPeriods, config.settings);
  const tally = new RunTally();
  const issueTally = new IssueTally();
  const { linesRated, unblendedAccounted } = priceGroups(files, periods, tally, issueTally);
  chargeSupport(tally, config.settings);
  issueTally.report(log, config);
  const { invoices, drill, rounded } = roundWithCreditFloor(tally, periods, config, log);
  const walks = buildWalks(tally, rounded, periods, config);

  invoices.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));
  // Stable: within an invoice the rows keep their line order.
  drill.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));
  return {
    invoices, drill, carriedCredits: tally.carriedCredits(), retainedBenefits: tally.retainedBenefits(periods.output), walks,
    ruleHits: tally.ruleHits(), linesRated, unblendedAccounted, issues: log.issues,
  };
}

/**
 * Stage 5: a walk for every customer and output period with lines or an invoice; one rounded to
 * no invoice (FX_RATE_MISSING) stops at preFx, one with lines but no invoice ends at 0.
 */
function buildWalks(tally: RunTally, rounded: ReadonlyMap<string, RoundedInvoice | null>, periods: RunPeriods, config: InvoiceRunConfig): VarianceWalk[] {
  const walks: VarianceWalk[] = [];
  const walkKeys = new Set([...tally.walks.keys(), ...rounded.keys()]);
  for (const key of walkKeys) {
    const [customer, period] = key.split('\u0001');
    if (!periods.output.has(period)) continue;
    const currency = config.customers?.currencies.get(customer) ?? config.settings.currency;
    const walkTally = tally.walks.get(key) ?? emptyWalkTally(customer, period);
    walks.push(buildWalk(walkTally, currency, rounded.has(key) ? rounded.get(key) ?? null : 'nothing-invoiced'));
  }
  return walks.sort((a, b) => compareText(a.customer, b.customer) || compareText(a.period, b.period));
}
