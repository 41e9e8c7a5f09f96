import type { BillingLine } from '../line';
import { IssueLog } from '../issues';
import { findSupportPlan } from '../support/supportPlans';
import { LineGroup } from './lineGroup';
import { lineAccount, planLine, type PlanContext } from './planLine';
import { buildInvoices } from './buildInvoices';
import type { InvoiceRun, InvoiceRunConfig, InvoiceRunResult } from './invoiceTypes';

/**
 * The groups of one source file, found by usage type, then account, then a short scan comparing
 * the remaining fields (`LineGroup.fits`). Hashing two short fresh strings and comparing a few
 * equal ones is much cheaper per line than building and hashing one long composite key.
 */
export interface FileGroups {
  file: string;
  byUsageType: Map<string | null, Map<string | null, LineGroup[]>>;
  /** Every group of the file in creation order. */
  list: LineGroup[];
}

/**
 * The streaming invoice run (ENGINE.md §14). `add` keeps nothing per line: it finds the line's
 * group — lines of one file with the same account, product, usage type, operation, region, kind,
 * billing entity, period and currency share one plan — and adds the line's figures to the group's
 * exact sums. The rule is matched once per group. `finish` prices each group once, builds the
 * invoices, support charges, credits, FX, rounding and walks, and reports the issues.
 *
 * Example: a million S3 request lines of one account in one month form a few hundred groups;
 * the price book is consulted a few hundred times, and Decimal arithmetic runs per group.
 */
export function createInvoiceRun(config: InvoiceRunConfig): InvoiceRun {
  const log = new IssueLog();
  const context: PlanContext = {
    priceBook: config.priceBook,
    customers: config.customers,
    supportPlans: config.supportPlans,
    settings: config.settings,
  };
  reportUnknownPlans(config, log);
  const ownerOnly = config.settings.commitments === 'owner-only';
  const files = new Map<string, FileGroups>();
  const totalPeriods = new Set<string>();
  const reportedAccounts = new Set<string>();
  let current: FileGroups | null = null;
  let finished = false;

  function groupFor(line: BillingLine): LineGroup {
    const file = line.source.file;
    if (current === null || current.file !== file) {
      current = files.get(file) ?? null;
      if (current === null) {
        current = { file, byUsageType: new Map(), list: [] };
        files.set(file, current);
      }
    }
    let byAccount = current.byUsageType.get(line.usageType);
    if (byAccount === undefined) {
      byAccount = new Map();
      current.byUsageType.set(line.usageType, byAccount);
    }
    let candidates = byAccount.get(line.account);
    if (candidates === undefined) {
      candidates = [];
      byAccount.set(line.account, candidates);
    }
    for (let i = 0; i < candidates.length; i += 1) {
      const group = candidates[i];
      if (group.fits(line, ownerOnly)) return group;
    }
    const created = new LineGroup(planLine(line, context), { ...line.source }, {
      period: line.period, kind: line.kind, format: line.format, currency: line.currency, account: line.account,
      productCode: line.productCode, usageType: line.usageType, operation: line.operation, service: line.service, provider: line.provider,
      commitmentOwner: line.commitmentOwner, region: line.region, billingEntity: line.billingEntity,
    });
    candidates.push(created);
    current.list.push(created);
    reportUnmapped(line);
    return created;
  }

  function reportUnmapped(line: BillingLine): void {
    const directory = config.customers;
    if (directory === null || line.kind === 'rounding') return;
    const account = lineAccount(line);
    if (reportedAccounts.has(account) || directory.accounts.has(account)) return;
    reportedAccounts.add(account);
    log.add({
      code: 'UNMAPPED_ACCOUNT',
      severity: 'info',
      message: `Account ${account} is not in the customers table ${directory.source}; it is invoiced as its own customer "${account}".`,
      source: { ...line.source },
    });
  }

  return {
    add(line: BillingLine): void {
      if (finished) throw new Error('createInvoiceRun: add() after finish()');
      if (line.kind === 'total') {
        totalPeriods.add(line.period);
        return;
      }
      groupFor(line).add(line);
    },
    finish(): InvoiceRunResult {
      if (finished) throw new Error('createInvoiceRun: finish() called twice');
      finished = true;
      return buildInvoices([...files.values()], totalPeriods, config, log);
    },
  };
}

/** A customers-table plan missing from the support-plans table: UNKNOWN_PLAN, the account has no plan. */
function reportUnknownPlans(config: InvoiceRunConfig, log: IssueLog): void {
  if (config.customers === null) return;
  for (const entry of config.customers.accounts.values()) {
    if (entry.supportPlan !== null && findSupportPlan(config.supportPlans, entry.supportPlan) === undefined) {
      const known = [...config.supportPlans.plans.values()].map((p) => p.name).join(', ');
      log.add({
        code: 'UNKNOWN_PLAN',
        severity: 'error',
        message: `Support plan "${entry.supportPlan}" of account ${entry.account} (${config.customers.source} line ${entry.line}) is not in ${config.supportPlans.source} (${known}); the account is treated as having no plan.`,
        source: { file: config.customers.source, line: entry.line, column: 'SupportPlan' },
      });
    }
  }
}
