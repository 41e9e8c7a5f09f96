import fc from 'fast-check';
import { makeCustomers, makeFx, makeLine, makePriceBook } from '../../../test/engine/fixtures';
import { costText } from '../../../test/engine/arbitraries';
import { createGroupTally } from '../groups/groupTally';
import type { PricingGroup } from '../groups/pricingGroup';
import { createInvoiceRun } from '../invoice/createInvoiceRun';
import { invoiceRunToJson } from '../json/invoiceRunToJson';
import type { ChargeKind } from '../kinds';
import type { BillingLine } from '../line';
import { DEFAULT_SETTINGS } from '../settings';
import { BUILT_IN_SUPPORT_PLANS } from '../support/supportPlans';
import { MonthAggregator } from './aggregateLines';
import { monthRowOfGroup, partlyMissingIssue } from './monthRowOfGroup';

const group: PricingGroup = {
  source: { file: 'cur.csv', line: 17 }, format: 'cur1', provider: 'AWS', payerAccount: '999999999999', account: '111111111111',
  period: '2023-11', kind: 'usage', productCode: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', usageType: 'BoxUsage:t3.micro',
  operation: 'RunInstances', region: 'us-east-1', billingEntity: 'AWS', currency: 'USD', commitmentOwner: null,
  lines: 5, unblended: '3.9', blended: '3.9', blendedMissing: 5, amortized: '3.9', amortizedMissing: 0, list: '4.2', listMissing: 2,
  usage: '12', firstLines: [17, 18, 30, 31, 40],
};

describe('monthRowOfGroup', () => {
  test('monthRowOfGroup(group) writes a figure missing on every line blank, one missing on none as the sum, one missing on some as the sum it counts', () => {
    const { line, partlyMissing } = monthRowOfGroup(group);
    expect(line).toMatchObject({
      source: { file: 'cur.csv', line: 17 }, account: '111111111111', kind: 'usage',
      usageAmount: '12', unblendedCost: '3.9', blendedCost: null, amortizedCost: '3.9', listCost: '4.2',
      unblendedRate: null, blendedRate: null, description: null, resourceId: null, tags: null, availabilityZone: null, commitmentArn: null,
    });
    expect(partlyMissing).toEqual({ blendedCost: 0, amortizedCost: 0, listCost: 2 });
  });

  test('monthRowOfGroup(group) keeps the §3 bases of kinds priced from 0 or the unblended cost, and counts no partly missing blended figure of a fee', () => {
    const negation = monthRowOfGroup({ ...group, kind: 'sp-negation', amortized: '0', list: '0', listMissing: 0, blended: '-3', blendedMissing: 2 });
    expect(negation.line).toMatchObject({ amortizedCost: '0', listCost: '0', blendedCost: '-3' });
    expect(negation.partlyMissing).toEqual({ blendedCost: 2, amortizedCost: 0, listCost: 0 });
    const fee = monthRowOfGroup({ ...group, kind: 'fee', blended: '3.5', blendedMissing: 2, amortizedMissing: 0, list: '3.9', listMissing: 0 });
    expect(fee.line).toMatchObject({ blendedCost: '3.5', amortizedCost: '3.9', listCost: '3.9' });
    expect(fee.partlyMissing).toEqual({ blendedCost: 0, amortizedCost: 0, listCost: 0 });
  });

  test('partlyMissingIssue(file, row) is a BASIS_UNAVAILABLE warning naming the groups file, the source file, the first line and the count', () => {
    const issue = partlyMissingIssue('groups.csv', { source: { file: 'cur.csv', line: 17 }, lines: 5, field: 'listCost', missing: 2 });
    expect(issue).toMatchObject({ code: 'BASIS_UNAVAILABLE', severity: 'warning', source: { file: 'cur.csv', line: 17 }, count: 2 });
    expect(issue.message).toBe(
      'In groups.csv, the group of cur.csv from line 17 lacks the list cost on 2 of its 5 lines. Its row holds the list sum with their ' +
      'unblended cost standing in, so DBR.INVOICE prices it as rerate invoice groups.csv does, but it cannot count those 2 lines under BASIS_UNAVAILABLE.',
    );
  });
});

describe('MonthAggregator.addGroup', () => {
  test('addGroup(group) merges groups of one file and key into one row (LineCount the lines, SourceLine the smallest first line) and reports partly missing figures', () => {
    const month = new MonthAggregator();
    month.addGroup({ ...group, source: { file: 'cur.csv', line: 40 }, commitmentOwner: null, lines: 3, unblended: '1', blended: '1', blendedMissing: 3, amortized: '1', list: '2', listMissing: 1, usage: '1' });
    month.addGroup(group);
    month.addGroup({ ...group, source: { file: 'other.csv', line: 2 } });
    month.addGroup({ ...group, listMissing: 5, list: '3.9' });
    expect([month.size, month.groupsAdded, month.groupLines, month.linesAdded, [...month.groupSources]]).toEqual([3, 4, 18, 0, ['cur.csv', 'other.csv']]);
    const rows = [...month.rows()];
    expect(rows.map((r) => [r.line.source.file, r.line.source.line, r.count, r.line.unblendedCost, r.line.listCost, r.line.usageAmount])).toEqual([
      ['cur.csv', 17, 8, '4.9', '6.2', '13'],
      ['other.csv', 2, 5, '3.9', '4.2', '12'],
      ['cur.csv', 17, 5, '3.9', null, '12'],
    ]);
    expect([...month.partlyMissing()]).toEqual([
      { source: { file: 'cur.csv', line: 17 }, lines: 8, field: 'listCost', missing: 3 },
      { source: { file: 'other.csv', line: 2 }, lines: 5, field: 'listCost', missing: 2 },
    ]);
  });

  // ENGINE.md §14 through the month grain: lines → groups (rerate groups) → month rows → the engine line by line.
  const KINDS: ChargeKind[] = ['usage', 'usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'sp-fee', 'upfront', 'fee', 'credit', 'tax'];
  const lineArb = fc.record({
    kind: fc.constantFrom(...KINDS),
    account: fc.constantFrom('111111111111', '222222222222'),
    usageType: fc.constantFrom('a', 'b'),
    owner: fc.constantFrom(null, '111111111111', '222222222222'),
    cost: costText,
    blended: fc.option(costText),
    list: fc.option(costText),
    amortized: fc.option(costText),
    usage: fc.option(costText),
  }).map((r): BillingLine => makeLine({
    kind: r.kind, account: r.account, usageType: r.usageType, commitmentOwner: r.owner, unblendedCost: r.kind === 'credit' ? `-${r.cost}` : r.cost,
    blendedCost: r.blended, listCost: r.list, amortizedCost: r.amortized, usageAmount: r.usage,
  }));
  const priceBook = makePriceBook([
    { Rule: 'list', Account: '111111111111', UsageType: 'a', Basis: 'list', Method: 'discount', Value: '3%' },
    { Rule: 'amortized', Account: '111111111111', Basis: 'amortized', Method: 'markup', Value: '7%' },
    { Rule: 'blended', UsageType: 'a', Basis: 'blended', Method: 'margin', Value: '15%' },
    { Rule: 'rate', UsageType: 'b', ChargeKind: 'usage', Method: 'rate', Value: '0.25' },
    { Rule: 'all', Method: 'markup', Value: '12.5%' },
  ]);
  const customers = makeCustomers([['Acme', '111111111111'], ['Beta', '222222222222']]);

  test('DBR.INVOICE\'s engine over the month rows of groups prices as the run given the groups (addGroup): invoices, credits and walks', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), fc.constantFrom('as-billed' as const, 'owner-only' as const), (lines, commitments) => {
      const config = { priceBook, customers, fxRates: makeFx([]), supportPlans: BUILT_IN_SUPPORT_PLANS, settings: { ...DEFAULT_SETTINGS, commitments } };
      const tally = createGroupTally();
      lines.forEach((line) => tally.add(line));
      const byGroups = createInvoiceRun(config);
      const month = new MonthAggregator();
      for (const g of tally.groups()) {
        byGroups.addGroup(structuredClone(g));
        month.addGroup(structuredClone(g));
      }
      const byRows = createInvoiceRun(config);
      for (const { line } of month.rows()) byRows.add(line);
      const figures = (result: ReturnType<typeof byRows.finish>) => {
        const { invoices, carriedCredits } = invoiceRunToJson(result) as Record<string, unknown>;
        return JSON.stringify([invoices, carriedCredits, result.walks]);
      };
      expect(figures(byRows.finish())).toBe(figures(byGroups.finish()));
    }));
  });
});
