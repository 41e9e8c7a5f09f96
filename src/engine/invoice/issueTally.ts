import type { IssueLog } from '../issues';
import type { LineGroup } from './lineGroup';
import type { InvoiceRunConfig } from './invoiceTypes';

/** Issues that count lines across groups, reported once each with their count. */
export class IssueTally {
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
