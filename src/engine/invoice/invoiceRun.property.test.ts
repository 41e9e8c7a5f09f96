import fc from 'fast-check';
import { allocate, Decimal, roundMoney, ZERO } from '../money';
import type { BillingLine } from '../line';
import type { ChargeKind } from '../kinds';
import { makeCustomers, makeFx, makeLine, makePriceBook, runLines } from '../../../test/engine/fixtures';
import { costText } from '../../../test/engine/arbitraries';
import { invoiceRunToJson } from '../json/invoiceRunToJson';
import { exactAdd, exactSub, exactSum } from '../exact';
import { createInvoiceRun } from './createInvoiceRun';
import type { InvoiceRunPart } from './invoiceTypes';
import { BUILT_IN_SUPPORT_PLANS } from '../support/supportPlans';
import { DEFAULT_SETTINGS } from '../settings';
import { createGroupTally } from '../groups/groupTally';

const SERVICES = ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'AWS Lambda'];
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const KINDS: ChargeKind[] = ['usage', 'usage', 'usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'fee', 'support', 'credit', 'refund', 'tax'];

const lineArb = fc.record({
  service: fc.constantFrom(...SERVICES),
  account: fc.constantFrom(...ACCOUNTS),
  kind: fc.constantFrom(...KINDS),
  cost: costText,
  period: fc.constantFrom('2023-11', '2023-12'),
  usageType: fc.constantFrom('a', 'b'),
}).map((r): BillingLine => makeLine({
  service: r.service, productCode: r.service, account: r.account, kind: r.kind, period: r.period, usageType: r.usageType,
  unblendedCost: r.kind === 'credit' || r.kind === 'refund' || r.kind === 'sp-negation' ? `-${r.cost}` : r.cost,
  listCost: r.cost, amortizedCost: r.cost, usageAmount: '2',
}));

/** Lines with figures that may be missing, commitment owners, and payer-only accounts: every sum a pricing group carries. */
const sparseLineArb = fc.record({
  line: lineArb,
  blended: fc.option(costText),
  list: fc.option(costText),
  amortized: fc.option(costText),
  owner: fc.constantFrom(null, '111111111111', '333333333333'),
  payerOnly: fc.boolean(),
  payer: fc.constantFrom('999999999999', '888888888888'),
  usage: fc.option(costText),
}).map((r): BillingLine => ({
  ...r.line, blendedCost: r.blended, listCost: r.list, amortizedCost: r.amortized, commitmentOwner: r.owner, usageAmount: r.usage,
  payerAccount: r.payer, account: r.payerOnly ? null : r.line.account,
}));

const settingsArb = fc.record({
  credits: fc.constantFrom('same-period' as const, 'next-period' as const, 'retain' as const),
  tax: fc.constantFrom('exclude' as const, 'pass-through' as const),
  rounding: fc.constantFrom('half-up' as const, 'half-even' as const),
  grain: fc.constantFrom('service' as const, 'account' as const),
  commitments: fc.constantFrom('as-billed' as const, 'owner-only' as const),
});

const priceBook = makePriceBook([
  { Rule: 'lambda', ProductCode: 'AWS Lambda', Method: 'margin', Value: '15%' },
  { Rule: 's3', ProductCode: 'Amazon Simple Storage Service', Basis: 'list', Method: 'discount', Value: '3%' },
  { Rule: 'ri', ChargeKind: 'ri-*', Basis: 'amortized', Method: 'rate', Value: '0.25' },
  { Rule: 'beta', Account: '333333333333', Method: 'exclude' },
  { Rule: 'all', Method: 'markup', Value: '12.5%' },
]);
const customers = makeCustomers([['Acme', '111111111111', 'business'], ['Acme', '222222222222', 'developer', 'EUR'], ['Beta', '333333333333']]);
const fxRates = makeFx([['', 'USD', 'EUR', '0.9137']]);

describe('invoice run properties', () => {
  test('rerating at passthrough returns the cost: every invoice line price equals its cost', () => {
    const passthrough = makePriceBook([{ Rule: 'cost', Method: 'passthrough' }, { Rule: 'adjustments', ChargeKind: 'credit', Method: 'passthrough' }]);
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
      const usageOnly = lines.filter((l) => l.kind !== 'support');
      for (const result of [runLines(usageOnly, { priceBook: passthrough, settings: { credits: 'same-period', tax: 'pass-through' } }), runLines(usageOnly, { settings: { credits: 'same-period', tax: 'pass-through' } })]) {
        for (const invoice of result.invoices) {
          for (const line of invoice.lines.filter((l) => !l.rules.includes('credit-floor'))) expect(line.price.toFixed()).toBe(line.cost.toFixed());
        }
      }
    }));
  });

  test('invoice lines sum to the total, the prices to preciseTotal, and residual = total − round(preciseTotal); never below zero', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 60 }), settingsArb, (lines, settings) => {
      const result = runLines(lines, { priceBook, customers, fxRates, settings });
      for (const invoice of result.invoices) {
        const total = exactSum(invoice.lines.map((l) => l.amount));
        const precise = exactSum(invoice.lines.map((l) => l.price));
        expect(total.eq(invoice.total)).toBe(true);
        expect(precise.eq(invoice.preciseTotal)).toBe(true);
        expect(invoice.residual.eq(exactSub(invoice.total, roundMoney(invoice.preciseTotal, invoice.currency, settings.rounding)))).toBe(true);
        expect(invoice.total.isNegative() && !invoice.total.isZero()).toBe(false);
        invoice.lines.forEach((l) => expect(l.amount.eq(roundMoney(l.price, invoice.currency, settings.rounding))).toBe(true));
      }
    }));
  });

  test('every variance walk sums exactly: blended → unblended → preFx → invoiced', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 60 }), settingsArb, (lines, settings) => {
      const result = runLines(lines, { priceBook, customers, fxRates, settings });
      for (const walk of result.walks) {
        const step = (name: string) => walk.steps.find((s) => s.step === name)!.amount;
        const changes = ['commitmentsPolicy', 'basis', 'exclusions', 'pricing', 'support', 'credits', 'tax'];
        expect(exactAdd(step('awsBlended'), step('blending')).eq(step('awsUnblended'))).toBe(true);
        expect(exactSum([step('awsUnblended'), ...changes.map(step)]).eq(step('preFx'))).toBe(true);
        expect(exactSum([step('preFx'), step('fx'), step('creditFloor'), step('rounding')]).eq(step('invoiced'))).toBe(true);
        const invoice = result.invoices.find((i) => i.customer === walk.customer && i.period === walk.period);
        expect(step('invoiced').eq(invoice?.total ?? ZERO)).toBe(true);
      }
      const accounted = exactSum([...result.unblendedAccounted.values()]);
      expect(accounted.eq(lines.reduce((s, l) => s.plus(new Decimal(l.unblendedCost!)), ZERO))).toBe(true);
    }));
  });

  test('converting then rounding equals rounding the converted sum of the lines', () => {
    fc.assert(fc.property(fc.array(costText, { minLength: 1, maxLength: 30 }), fc.constantFrom('0.9137', '1.3', '151.27', '0.377'), fc.constantFrom('EUR', 'JPY', 'BHD'), (costs, rate, currency) => {
      const lines = costs.map((c) => makeLine({ unblendedCost: c }));
      const result = runLines(lines, { fxRates: makeFx([['2023-11', 'USD', currency, rate]]), settings: { currency } });
      const converted = costs.reduce((s, c) => s.plus(new Decimal(c).times(rate)), ZERO);
      expect(result.invoices[0].lines[0].amount.eq(roundMoney(converted, currency, 'half-up'))).toBe(true);
    }));
  });

  test('allocate(amount, line prices) splits an invoice line back over its source lines to the cent', () => {
    fc.assert(fc.property(fc.array(costText, { minLength: 1, maxLength: 30 }), (costs) => {
      const result = runLines(costs.map((c) => makeLine({ unblendedCost: c })), { priceBook });
      const line = result.invoices[0].lines[0];
      const parts = allocate(line.amount, costs.map((c) => new Decimal(c).times('1.125')), 2);
      expect(parts.reduce((s, p) => s.plus(p), ZERO).eq(line.amount)).toBe(true);
    }));
  });

  test('the result does not depend on the order of the lines', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), settingsArb, fc.integer(), (lines, settings, seed) => {
      const shuffled = [...lines].sort((a, b) => ((a.source.line * 7919 + seed) % 101) - ((b.source.line * 7919 + seed) % 101));
      const json = (ls: BillingLine[]) => {
        const r = invoiceRunToJson(runLines(ls, { priceBook, customers, fxRates, settings })) as { invoices: unknown; carriedCredits: unknown };
        return JSON.stringify([r.invoices, r.carriedCredits]);
      };
      expect(json(shuffled)).toBe(json(lines));
    }));
  });

  test('a run that absorbs the part of another run over the later lines gives what one run over every line gives', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 40 }), settingsArb, fc.nat(), (lines, settings, at) => {
      const config = { priceBook, customers, fxRates, supportPlans: BUILT_IN_SUPPORT_PLANS, settings: { ...DEFAULT_SETTINGS, ...settings } };
      const cut = lines.length === 0 ? 0 : at % (lines.length + 1);
      const first = createInvoiceRun(config);
      const second = createInvoiceRun(config);
      lines.slice(0, cut).forEach((line) => first.add(line));
      lines.slice(cut).forEach((line) => second.add(line));
      // The part crosses a worker boundary in the CLI: only what survives a structured clone counts.
      first.absorb(structuredClone(second.part()) as InvoiceRunPart);
      const whole = createInvoiceRun(config);
      lines.forEach((line) => whole.add(line));
      expect(JSON.stringify(invoiceRunToJson(first.finish()))).toBe(JSON.stringify(invoiceRunToJson(whole.finish())));
    }));
  });

  test('a run given the pricing groups of createGroupTally (addGroup) gives what a run given the lines gives, issues included', () => {
    const books = [priceBook, makePriceBook([{ Rule: 'blended', Basis: 'blended', Method: 'markup', Value: '3%' }, { Rule: 'rate', ProductCode: 'AWS Lambda', Method: 'rate', Value: '0.5' }])];
    fc.assert(fc.property(fc.array(sparseLineArb, { maxLength: 50 }), settingsArb, fc.constantFrom(0, 1), (lines, settings, book) => {
      const config = { priceBook: books[book], customers, fxRates, supportPlans: BUILT_IN_SUPPORT_PLANS, settings: { ...DEFAULT_SETTINGS, ...settings } };
      const byLines = createInvoiceRun(config);
      lines.forEach((line) => byLines.add(line));
      const tally = createGroupTally();
      lines.forEach((line) => tally.add(line));
      const byGroups = createInvoiceRun(config);
      tally.groups().forEach((group) => byGroups.addGroup(structuredClone(group)));
      const json = (result: ReturnType<typeof byLines.finish>) => JSON.stringify([invoiceRunToJson(result), result.walks, result.drill, result.ruleHits]);
      expect(json(byGroups.finish())).toBe(json(byLines.finish()));
    }));
  });
});
