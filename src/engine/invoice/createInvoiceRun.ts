import type { BillingLine } from '../line';
import { IssueLog } from '../issues';
import { findSupportPlan } from '../support/supportPlans';
import { LineGroup, type FileGroups } from './lineGroup';
import { lineAccount, planLine, type PlanContext } from './planLine';
import { buildInvoices } from './buildInvoices';
import type { InvoiceRun, InvoiceRunConfig, InvoiceRunPart, InvoiceRunResult } from './invoiceTypes';
import type { PricingGroup } from '../groups/pricingGroup';
import { lineOfGroup } from '../groups/lineOfGroup';

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
  // The last line that went through the maps, and its candidates (see groupFor).
  let previous: BillingLine | null = null;
  let previousCandidates: LineGroup[] = [];
  let finished = false;

  function groupFor(line: BillingLine): LineGroup {
    const file = line.source.file;
    if (current === null || current.file !== file) current = useFile(file);
    let candidates: LineGroup[];
    // Billing files often hold runs of lines of one usage: nothing to hash for them. The check covers
    // every field lineHash reads, so the bucket reused is the line's own bucket (a partial check once
    // put a line into another bucket, splitting one group in two and making results order-dependent).
    if (previous !== null && line.usageType === previous.usageType && line.account === previous.account
      && line.operation === previous.operation && line.productCode === previous.productCode
      && line.region === previous.region && line.kind === previous.kind) {
      candidates = previousCandidates;
    } else {
      candidates = bucketOf(current, line);
      previous = line;
      previousCandidates = candidates;
    }
    for (let i = 0; i < candidates.length; i += 1) {
      const group = candidates[i];
      if (group.fits(line, ownerOnly)) {
        // The last group found goes first: lines of one kind often come together.
        if (i > 0) {
          candidates[i] = candidates[0];
          candidates[0] = group;
        }
        return group;
      }
    }
    // The group keeps only its own copies of the line's texts (see ownString).
    const o = ownString;
    const owned: BillingLine = {
      ...line, source: { file: line.source.file, line: line.source.line }, period: o(line.period) as string,
      payerAccount: o(line.payerAccount), account: o(line.account), productCode: o(line.productCode), service: o(line.service),
      usageType: o(line.usageType), operation: o(line.operation), region: o(line.region), billingEntity: o(line.billingEntity),
      commitmentOwner: o(line.commitmentOwner), currency: o(line.currency) as string, provider: o(line.provider),
      availabilityZone: null, instanceType: null, platform: null, tenancy: null, description: null, resourceId: null, tags: null,
      commitmentArn: null, invoiceId: null, usageAmount: null, unblendedRate: null, unblendedCost: null, blendedRate: null,
      blendedCost: null, listCost: null, amortizedCost: null,
    };
    return createGroup(owned, candidates);
  }

  /** A new group for `sample` (the group's own copy of its first line), in `candidates`' bucket. */
  function createGroup(sample: BillingLine, candidates: LineGroup[]): LineGroup {
    const created = new LineGroup(planLine(sample, context), sample.source, sample);
    candidates.push(created);
    (current as FileGroups).list.push(created);
    reportUnmapped(sample);
    return created;
  }

  /** The groups of `file`, made current. */
  function useFile(file: string): FileGroups {
    previous = null;
    current = files.get(file) ?? null;
    if (current === null) {
      current = { file, byHash: new Map(), list: [] };
      files.set(file, current);
    }
    return current;
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
    part(): InvoiceRunPart {
      return {
        files: [...files.values()].map((groups) => ({ file: groups.file, groups: groups.list.map((group) => group.part()) })),
        totalPeriods: [...totalPeriods],
      };
    },
    absorb(part: InvoiceRunPart): void {
      if (finished) throw new Error('createInvoiceRun: absorb() after finish()');
      for (const period of part.totalPeriods) totalPeriods.add(period);
      for (const { file, groups } of part.files) {
        const into = useFile(file);
        for (const group of groups) {
          const sample = group.sample;
          const candidates = bucketOf(into, sample);
          const found = candidates.find((candidate) => candidate.fits(sample, ownerOnly)) ?? createGroup(sample, candidates);
          found.absorb(group);
        }
      }
      current = null;
    },
    addGroup(group: PricingGroup): void {
      if (finished) throw new Error('createInvoiceRun: addGroup() after finish()');
      if (group.kind === 'total') {
        totalPeriods.add(group.period);
        return;
      }
      const into = useFile(group.source.file);
      const sample = lineOfGroup(group);
      const candidates = bucketOf(into, sample);
      const found = candidates.find((candidate) => candidate.fits(sample, ownerOnly)) ?? createGroup(sample, candidates);
      found.absorbGroup(group);
      current = null;
    },
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

/** The hash bucket of `line` in a file's groups (made empty when new). */
function bucketOf(groups: FileGroups, line: BillingLine): LineGroup[] {
  const key = lineHash(line);
  let found = groups.byHash.get(key);
  if (found === undefined) {
    found = [];
    groups.byHash.set(key, found);
  }
  return found;
}

/**
 * FNV-1a over the line's usage type, account, operation, product code, region and kind, folded to
 * a small integer (a V8 Smi): a bucket then usually holds one group, so a line costs one `fits`.
 */
function lineHash(line: BillingLine): number {
  let h = hashText(hashText(hashText(0x811c9dc5, line.usageType), line.account), line.operation);
  h = hashText(hashText(hashText(h, line.productCode), line.region), line.kind);
  return h & 0x3fffffff;
}

function hashText(hash: number, text: string | null): number {
  if (text === null) return Math.imul(hash ^ 0x100, 0x01000193);
  let h = hash;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x101, 0x01000193);
}

/**
 * A copy of a string that a group keeps: readers slice fields out of large decoded chunks, and a
 * kept slice would keep its whole chunk alive (hundreds of MB over a big file).
 */
function ownString(text: string | null): string | null {
  return text === null ? null : (' ' + text).slice(1);
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
