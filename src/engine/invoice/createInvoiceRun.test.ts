import { codes, linesOf, makeCustomers, makeFx, makeLine, makePriceBook, runLines } from '../../../test/engine/fixtures';
import { ZERO } from '../money';
import type { VarianceWalk } from '../reconcile/varianceWalk';
import { exactSum } from '../exact';
import type { InvoiceRunResult } from './invoiceTypes';

/** awsBlended + blending = awsUnblended; + changes = preFx; + fx + creditFloor + rounding = invoiced. */
function expectWalksBalance(result: InvoiceRunResult): void {
  for (const walk of result.walks) expectWalkBalances(walk);
}

function expectWalkBalances(walk: VarianceWalk): void {
  const step = (name: string) => walk.steps.find((s) => s.step === name)?.amount ?? ZERO;
  expect(exactSum([step('awsBlended'), step('blending')]).eq(step('awsUnblended'))).toBe(true);
  const changes = ['commitmentsPolicy', 'basis', 'exclusions', 'pricing', 'support', 'credits', 'tax'];
  expect(exactSum([step('awsUnblended'), ...changes.map(step)]).toFixed()).toBe(step('preFx').toFixed());
  if (walk.complete) {
    expect(exactSum(['preFx', 'fx', 'creditFloor', 'rounding'].map(step)).toFixed()).toBe(step('invoiced').toFixed());
  }
}

function walkOf(result: InvoiceRunResult, customer: string, period = '2023-11'): Record<string, string> {
  const walk = result.walks.find((w) => w.customer === customer && w.period === period);
  if (!walk) throw new Error(`no walk for ${customer} ${period}`);
  return Object.fromEntries(walk.steps.map((s) => [s.step, s.amount.toFixed()]));
}

const ACME = '111111111111';
const ACME_2 = '222222222222';
const BETA = '333333333333';

describe('createInvoiceRun: pass-through and invoice lines', () => {
  test('createInvoiceRun without a price book passes every line through at unblended cost, one line per service', () => {
    const result = runLines([
      makeLine({ unblendedCost: '1.005' }),
      makeLine({ unblendedCost: '2.0000000001' }),
      makeLine({ productCode: 'AmazonS3', service: 'Amazon Simple Storage Service', usageType: 'Requests', unblendedCost: '0.0000000018' }),
    ]);
    expect(linesOf(result, ACME)).toEqual([
      ['Amazon Elastic Compute Cloud', null, '3.0050000001', '3.01'],
      ['Amazon Simple Storage Service', null, '0.0000000018', '0.00'],
    ]);
    const invoice = result.invoices[0];
    expect([invoice.total.toFixed(2), invoice.preciseTotal.toFixed(), invoice.residual.toFixed(2)]).toEqual(['3.01', '3.0050000019', '0.00']);
    expect(invoice.lines[0].rules).toEqual(['(none)']);
    expect(codes(result)).toEqual([]);
    expectWalksBalance(result);
  });

  test('createInvoiceRun sums each line at full precision and rounds it once; residual = total − round(preciseTotal)', () => {
    const lines = ['A', 'B', 'C'].map((s) => makeLine({ service: s, productCode: s, unblendedCost: '0.005' }));
    const result = runLines(lines);
    const invoice = result.invoices[0];
    expect(linesOf(result, ACME).map((l) => l[3])).toEqual(['0.01', '0.01', '0.01']);
    expect([invoice.total.toFixed(2), invoice.preciseTotal.toFixed(), invoice.residual.toFixed(2)]).toEqual(['0.03', '0.015', '0.01']);
    expect(walkOf(result, ACME).rounding).toBe('0.015');
  });

  test('createInvoiceRun rounds half-even when asked and to the currency minor unit (JPY 0, BHD 3)', () => {
    const line = () => makeLine({ unblendedCost: '0.125' });
    expect(linesOf(runLines([line()], { settings: { rounding: 'half-even' } }), ACME)[0][3]).toBe('0.12');
    expect(linesOf(runLines([line()]), ACME)[0][3]).toBe('0.13');
    const fx = makeFx([['2023-11', 'USD', 'JPY', '150'], ['2023-11', 'USD', 'BHD', '0.377']]);
    expect(linesOf(runLines([makeLine({ unblendedCost: '1.01' })], { fxRates: fx, settings: { currency: 'JPY' } }), ACME)).toEqual([
      ['Amazon Elastic Compute Cloud', null, '151.5', '152'],
    ]);
    expect(linesOf(runLines([makeLine({ unblendedCost: '1.01' })], { fxRates: fx, settings: { currency: 'BHD' } }), ACME)[0][3]).toBe('0.381');
  });

  test('createInvoiceRun never writes -0: a line rounding to zero from below is 0.00', () => {
    const result = runLines([makeLine({ unblendedCost: '-0.001' })]);
    expect(linesOf(result, ACME)[0][3]).toBe('0.00');
    expect(result.invoices[0].total.isNegative()).toBe(false);
  });

  test('createInvoiceRun keeps a category whose lines round to 0.00 (every invoiced category appears)', () => {
    const result = runLines([makeLine({ unblendedCost: '10' }), makeLine({ productCode: 'AWSGlue', service: 'AWS Glue', unblendedCost: '0' })]);
    expect(linesOf(result, ACME).map((l) => [l[0], l[3]])).toEqual([['AWS Glue', '0.00'], ['Amazon Elastic Compute Cloud', '10.00']]);
  });

  test('createInvoiceRun with grain account splits lines per account, null account first', () => {
    const customers = makeCustomers([['Acme', ACME], ['Acme', ACME_2]]);
    const result = runLines([
      makeLine({ unblendedCost: '1' }), makeLine({ account: ACME_2, unblendedCost: '2' }), makeLine({ account: ACME_2, unblendedCost: '3' }),
    ], { customers, settings: { grain: 'account' } });
    expect(linesOf(result, 'Acme')).toEqual([
      ['Amazon Elastic Compute Cloud', ACME, '1', '1.00'],
      ['Amazon Elastic Compute Cloud', ACME_2, '5', '5.00'],
    ]);
  });

  test('createInvoiceRun gives an unmapped account its own invoice and reports it once (info)', () => {
    const customers = makeCustomers([['Acme', ACME]]);
    const result = runLines([makeLine({ account: BETA, unblendedCost: '1' }), makeLine({ account: BETA, productCode: 'S3', service: 'S3', unblendedCost: '1' }), makeLine({ unblendedCost: '2' })], { customers });
    expect(result.invoices.map((i) => [i.customer, i.total.toFixed(2)])).toEqual([[BETA, '2.00'], ['Acme', '2.00']].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    expect(result.issues.map((i) => [i.code, i.severity, i.count])).toEqual([['UNMAPPED_ACCOUNT', 'info', 1]]);
    expect(result.issues[0].message).toBe(`Account ${BETA} is not in the customers table Customers.csv; it is invoiced as its own customer "${BETA}".`);
  });

  test('createInvoiceRun counts rated lines and accounts for every unblended cost per file; rounding and total lines are never invoiced', () => {
    const result = runLines([
      makeLine({ unblendedCost: '1.5' }),
      makeLine({ kind: 'rounding', unblendedCost: '0.01', source: { file: 'b.csv', line: 3 } }),
      makeLine({ kind: 'total', unblendedCost: '1.51', source: { file: 'b.csv', line: 4 } }),
      makeLine({ kind: 'usage', unblendedCost: '2', source: { file: 'b.csv', line: 5 } }),
    ]);
    expect([...result.linesRated]).toEqual([['test.csv', 1], ['b.csv', 1]]);
    expect([...result.unblendedAccounted].map(([f, d]) => [f, d.toFixed()])).toEqual([['test.csv', '1.5'], ['b.csv', '2.01']]);
    expect(result.invoices[0].total.toFixed(2)).toBe('3.50');
  });

  test('createInvoiceRun with setting period invoices only that period', () => {
    const result = runLines([makeLine({ unblendedCost: '1' }), makeLine({ period: '2023-12', unblendedCost: '2' })], { settings: { period: '2023-12' } });
    expect(result.invoices.map((i) => [i.period, i.total.toFixed(2)])).toEqual([['2023-12', '2.00']]);
    expect(result.walks.map((w) => w.period)).toEqual(['2023-12']);
  });
});

describe('createInvoiceRun: price book', () => {
  test('createInvoiceRun prices each group by its rule and records the rule on the line and in ruleHits', () => {
    const priceBook = makePriceBook([
      { Rule: 'acme', Customer: 'Acme', Method: 'markup', Value: '8%' },
      { Rule: 't3', ProductCode: 'AmazonEC2', UsageType: '*t3.*', Basis: 'list', Method: 'discount', Value: '5%' },
      { Rule: 'no-s3', ProductCode: 'AmazonS3', Method: 'exclude' },
    ]);
    const customers = makeCustomers([['Acme', ACME], ['Beta', BETA]]);
    const result = runLines([
      makeLine({ unblendedCost: '10', listCost: '12' }),
      makeLine({ account: BETA, unblendedCost: '10', listCost: '12' }),
      makeLine({ account: BETA, unblendedCost: '10', listCost: '12' }),
      makeLine({ account: BETA, productCode: 'AmazonS3', service: 'S3', unblendedCost: '4' }),
    ], { priceBook, customers });
    expect(linesOf(result, 'Acme')).toEqual([['Amazon Elastic Compute Cloud', null, '10.8', '10.80']]);
    expect(linesOf(result, 'Beta')).toEqual([['Amazon Elastic Compute Cloud', null, '22.8', '22.80']]);
    expect(result.ruleHits.map((h) => [h.rule, h.line, h.lines, h.cost.toFixed(), h.price.toFixed()])).toEqual([
      ['acme', 2, 1, '10', '10.8'], ['t3', 3, 2, '20', '22.8'], ['no-s3', 4, 1, '4', '0'],
    ]);
    expect(walkOf(result, 'Beta')).toMatchObject({ awsUnblended: '24', basis: '4', exclusions: '-4', pricing: '-1.2', preFx: '22.8', invoiced: '22.8' });
    expectWalksBalance(result);
  });

  test('createInvoiceRun reports NO_RULE once per product with the count and the first rows', () => {
    const priceBook = makePriceBook([{ Rule: 's3', ProductCode: 'AmazonS3', Method: 'markup', Value: '10%' }]);
    const lines = [3, 4, 5, 6, 7, 8].map((n) => makeLine({ unblendedCost: '1', usageType: `u${n % 2}`, source: { file: 'cur.csv', line: n } }));
    const result = runLines(lines, { priceBook });
    expect(result.issues.map((i) => [i.code, i.severity, i.count, i.source])).toEqual([['NO_RULE', 'warning', 6, { file: 'cur.csv', line: 3 }]]);
    expect(result.issues[0].message).toBe('6 AmazonEC2 lines of cur.csv matched no rule of PriceBook.csv and pass through at unblended cost (first at lines 3, 4, 5, 6, 7).');
    expect(linesOf(result, ACME)[0][2]).toBe('6');
  });

  test('createInvoiceRun prices under rate per usage unit and an sp-negation at 0', () => {
    const priceBook = makePriceBook([{ Rule: 'rate', Method: 'rate', Value: '0.01' }]);
    const result = runLines([
      makeLine({ kind: 'sp-covered', usageAmount: '100', unblendedCost: '5' }),
      makeLine({ kind: 'sp-negation', usageAmount: '100', unblendedCost: '-2' }),
    ], { priceBook });
    expect(linesOf(result, ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '1', '1.00']]);
    expectWalksBalance(result);
  });

  test('createInvoiceRun on a DBR file with a list basis uses unblended cost and reports BASIS_UNAVAILABLE once per file with the count', () => {
    const priceBook = makePriceBook([{ Rule: 'list', Basis: 'list', Method: 'markup', Value: '10%' }]);
    const dbr = (n: number, usageType: string) => makeLine({ format: 'dbr', unblendedCost: '10', usageType, source: { file: 'dbr.csv', line: n } });
    const result = runLines([dbr(2, 'a'), dbr(3, 'b'), dbr(4, 'a')], { priceBook });
    expect(result.issues.map((i) => [i.code, i.count, i.source?.line])).toEqual([['BASIS_UNAVAILABLE', 3, 2]]);
    expect(result.issues[0].message).toBe('The dbr file dbr.csv has no list cost for 3 lines priced on the list basis; their unblended cost is used instead.');
    expect(linesOf(result, ACME)[0][2]).toBe('33');
  });

  test('createInvoiceRun prices the amortized basis of RI lines from their effective cost', () => {
    const priceBook = makePriceBook([{ Rule: 'amortized', Basis: 'amortized', Method: 'passthrough' }]);
    const result = runLines([
      makeLine({ kind: 'ri-covered', unblendedCost: '0', amortizedCost: '3.5' }),
      makeLine({ kind: 'ri-fee', unblendedCost: '100', amortizedCost: '2' }),
      makeLine({ kind: 'upfront', unblendedCost: '1000' }),
    ], { priceBook });
    expect(linesOf(result, ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '5.5', '5.50']]);
    expect(walkOf(result, ACME)).toMatchObject({ awsUnblended: '1100', basis: '-1094.5', preFx: '5.5' });
  });
});

describe('createInvoiceRun: support plans (ENGINE.md §7)', () => {
  test('createInvoiceRun charges Business on 12,000 + 216 + 50 − 50 (Marketplace 150 excluded) = 1,155.12 and replaces the source support lines', () => {
    const customers = makeCustomers([['Acme', ACME, 'Business']]);
    const result = runLines([
      makeLine({ unblendedCost: '12000' }),
      makeLine({ kind: 'upfront', unblendedCost: '216' }),
      makeLine({ kind: 'sp-covered', unblendedCost: '50' }),
      makeLine({ kind: 'sp-negation', unblendedCost: '-50' }),
      makeLine({ billingEntity: 'AWS Marketplace', productCode: 'prod-x', service: 'Vendor X', unblendedCost: '150' }),
      makeLine({ kind: 'support', productCode: 'AWSSupportBusiness', service: 'AWS Support (Business)', unblendedCost: '1200' }),
      makeLine({ kind: 'tax', unblendedCost: '99' }),
    ], { customers });
    const invoice = result.invoices[0];
    const plan = invoice.lines.find((l) => l.category === 'Support plan: business')!;
    expect([plan.cost.toFixed(), plan.price.toFixed(), plan.rules]).toEqual(['1200', '1155.12', ['support-plan']]);
    expect(linesOf(result, 'Acme').map((l) => l[0])).toEqual(['Amazon Elastic Compute Cloud', 'Support plan: business', 'Vendor X']);
    expect(walkOf(result, 'Acme')).toMatchObject({ support: '-44.88', tax: '-99' });
    expect(codes(result)).toEqual([]);
    expectWalksBalance(result);
  });

  test('createInvoiceRun counts lines a rule excludes in the support base, and charges the minimum', () => {
    const customers = makeCustomers([['Acme', ACME, 'developer']]);
    const priceBook = makePriceBook([{ Rule: 'hide', Method: 'exclude' }]);
    const result = runLines([makeLine({ unblendedCost: '2000' })], { customers, priceBook });
    expect(linesOf(result, 'Acme')).toEqual([['Support plan: developer', null, '60', '60.00']]);
    const small = runLines([makeLine({ unblendedCost: '5' })], { customers });
    expect(linesOf(small, 'Acme')).toEqual([['Amazon Elastic Compute Cloud', null, '5', '5.00'], ['Support plan: developer', null, '29', '29.00']]);
  });

  test('createInvoiceRun pools a customer-scope plan over the accounts naming it: one charge per customer and period', () => {
    const customers = makeCustomers([['Acme', ACME, 'enterprise'], ['Acme', ACME_2, 'Enterprise'], ['Acme', BETA, '']]);
    const result = runLines([
      makeLine({ unblendedCost: '100000' }), makeLine({ account: ACME_2, unblendedCost: '100000' }), makeLine({ account: BETA, unblendedCost: '500000' }),
    ], { customers, settings: { grain: 'account' } });
    // 150,000 × 10% + 50,000 × 7% = 18,500 — BETA names no plan, so its usage is outside the pool.
    expect(linesOf(result, 'Acme').filter((l) => l[0].startsWith('Support'))).toEqual([['Support plan: enterprise', null, '18500', '18500.00']]);
  });

  test('createInvoiceRun charges an account-scope plan per account and, with grain account, puts the account on the line', () => {
    const customers = makeCustomers([['Acme', ACME, 'business'], ['Acme', ACME_2, 'business']]);
    const result = runLines([makeLine({ unblendedCost: '500' }), makeLine({ account: ACME_2, unblendedCost: '12340.55' })], { customers, settings: { grain: 'account' } });
    expect(linesOf(result, 'Acme').filter((l) => l[0].startsWith('Support'))).toEqual([
      ['Support plan: business', ACME, '100', '100.00'], ['Support plan: business', ACME_2, '1163.8385', '1163.84'],
    ]);
    const service = runLines([makeLine({ unblendedCost: '500' }), makeLine({ account: ACME_2, unblendedCost: '12340.55' })], { customers });
    expect(linesOf(service, 'Acme').filter((l) => l[0].startsWith('Support'))).toEqual([['Support plan: business', null, '1263.8385', '1263.84']]);
  });

  test('createInvoiceRun prices support lines of an account without a plan by the price book and warns SUPPORT_WITHOUT_PLAN', () => {
    const priceBook = makePriceBook([{ Rule: 'm', Method: 'markup', Value: '10%' }]);
    const result = runLines([makeLine({ kind: 'support', productCode: 'AWSSupportBusiness', service: 'AWS Support (Business)', unblendedCost: '100' })], { priceBook });
    expect(linesOf(result, ACME)).toEqual([['AWS Support (Business)', null, '110', '110.00']]);
    expect(result.issues.map((i) => [i.code, i.count])).toEqual([['SUPPORT_WITHOUT_PLAN', 1]]);
  });

  test('createInvoiceRun reports UNKNOWN_PLAN for a plan missing from the support-plans table', () => {
    const customers = makeCustomers([['Acme', ACME, 'platinum']]);
    const result = runLines([makeLine({ unblendedCost: '1' })], { customers });
    expect(result.issues.map((i) => [i.code, i.severity, i.source?.line])).toEqual([['UNKNOWN_PLAN', 'error', 2]]);
    expect(linesOf(result, 'Acme')).toEqual([['Amazon Elastic Compute Cloud', null, '1', '1.00']]);
  });

  test('createInvoiceRun with a plan but no base line in the period charges nothing and still leaves the support line off', () => {
    const customers = makeCustomers([['Acme', ACME, 'business']]);
    const result = runLines([makeLine({ kind: 'support', productCode: 'AWSSupportBusiness', service: 'AWS Support (Business)', unblendedCost: '100' })], { customers });
    expect(result.invoices[0].lines.map((l) => [l.category, l.cost.toFixed(), l.price.toFixed()])).toEqual([['Support plan: business', '100', '0']]);
  });
});

describe('createInvoiceRun: credits, the zero floor and tax (ENGINE.md §8)', () => {
  const credit = (period: string, amount: string) => makeLine({ kind: 'credit', period, unblendedCost: amount });

  test('createInvoiceRun moves a credit to the next period invoice, converted at that period rate', () => {
    const customers = makeCustomers([['Acme', ACME, '', 'GBP']]);
    const fxRates = makeFx([['2023-11', 'USD', 'GBP', '0.8'], ['2023-12', 'USD', 'GBP', '0.5']]);
    const result = runLines([makeLine({ unblendedCost: '100' }), credit('2023-11', '-10'), makeLine({ period: '2023-12', unblendedCost: '100' })], { customers, fxRates });
    expect(linesOf(result, 'Acme', '2023-11')).toEqual([['Amazon Elastic Compute Cloud', null, '80', '80.00']]);
    expect(linesOf(result, 'Acme', '2023-12')).toEqual([['Amazon Elastic Compute Cloud', null, '50', '50.00'], ['Credits', null, '-5', '-5.00']]);
    expect(result.carriedCredits).toEqual([]);
    expect(walkOf(result, 'Acme', '2023-11')).toMatchObject({ credits: '10', preFx: '100', fx: '-20', invoiced: '80' });
    expect(walkOf(result, 'Acme', '2023-12')).toMatchObject({ credits: '-10', preFx: '90', fx: '-45', invoiced: '45' });
    expectWalksBalance(result);
  });

  test('createInvoiceRun lists a next-period credit under carriedCredits when the input does not hold the next period', () => {
    const result = runLines([makeLine({ unblendedCost: '100' }), credit('2023-11', '-10'), makeLine({ kind: 'refund', unblendedCost: '-1' })]);
    expect(result.carriedCredits.map((c) => [c.customer, c.fromPeriod, c.toPeriod, c.category, c.amount.toFixed(), c.currency])).toEqual([
      [ACME, '2023-11', '2023-12', 'Credits', '-10', 'USD'], [ACME, '2023-11', '2023-12', 'Refunds', '-1', 'USD'],
    ]);
    expect(linesOf(result, ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '100', '100.00']]);
  });

  test('createInvoiceRun creates the next-period invoice for a carried credit when the input holds that period at all', () => {
    const result = runLines([makeLine({ unblendedCost: '100' }), credit('2023-11', '-10'), makeLine({ account: BETA, period: '2023-12', unblendedCost: '1' })]);
    expect(result.invoices.map((i) => [i.customer, i.period, i.total.toFixed(2)])).toEqual([
      [ACME, '2023-11', '100.00'], [ACME, '2023-12', '0.00'], [BETA, '2023-12', '1.00'],
    ]);
    expect(linesOf(result, ACME, '2023-12')).toEqual([['Credit carried forward', null, '10', '10.00'], ['Credits', null, '-10', '-10.00']]);
    expect(result.carriedCredits.map((c) => [c.fromPeriod, c.toPeriod, c.category, c.amount.toFixed()])).toEqual([['2023-12', '2024-01', 'Credit carried forward', '-10']]);
    expect(codes(result)).toEqual(['CREDIT_CARRIED']);
  });

  test('createInvoiceRun floors a negative invoice at 0.00 and brings the amount forward to the next invoice', () => {
    const result = runLines([
      makeLine({ unblendedCost: '5.004' }), credit('2023-11', '-12'),
      makeLine({ period: '2023-12', unblendedCost: '20' }),
    ], { settings: { credits: 'same-period' } });
    expect(linesOf(result, ACME, '2023-11')).toEqual([
      ['Amazon Elastic Compute Cloud', null, '5.004', '5.00'], ['Credit carried forward', null, '7', '7.00'], ['Credits', null, '-12', '-12.00'],
    ]);
    const november = result.invoices[0];
    expect([november.total.toFixed(2), november.preciseTotal.toFixed(), november.residual.toFixed(2)]).toEqual(['0.00', '0.004', '0.00']);
    expect(linesOf(result, ACME, '2023-12')).toEqual([['Amazon Elastic Compute Cloud', null, '20', '20.00'], ['Credit brought forward', null, '-7', '-7.00']]);
    expect(result.invoices[1].total.toFixed(2)).toBe('13.00');
    expect(walkOf(result, ACME, '2023-11')).toMatchObject({ creditFloor: '7', rounding: '-0.004' });
    expect(walkOf(result, ACME, '2023-12')).toMatchObject({ creditFloor: '-7', invoiced: '13' });
    expect(result.carriedCredits).toEqual([]);
    expectWalksBalance(result);
  });

  test('createInvoiceRun with credits retain removes credits before the price book, whatever rule names them', () => {
    const priceBook = makePriceBook([{ Rule: 'credit', ChargeKind: 'credit', Method: 'markup', Value: '0' }]);
    const result = runLines([makeLine({ unblendedCost: '100' }), credit('2023-11', '-10')], { priceBook, settings: { credits: 'retain' } });
    expect(linesOf(result, ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '100', '100.00']]);
    expect(result.ruleHits.map((h) => h.rule)).toEqual(['(none)']);
    expect(walkOf(result, ACME)).toMatchObject({ credits: '10', preFx: '100' });
  });

  test('createInvoiceRun prices a credit by a rule only when one names its kind, with the rules valid in its period', () => {
    const priceBook = makePriceBook([
      { Rule: 'all', Method: 'markup', Value: '10%' },
      { Rule: 'half-credit', ChargeKind: 'credit', Method: 'discount', Value: '50%', ValidTo: '2023-11' },
    ]);
    const result = runLines([makeLine({ unblendedCost: '100' }), credit('2023-11', '-10'), makeLine({ period: '2023-12', unblendedCost: '100' }), credit('2023-12', '-10')], { priceBook });
    expect(linesOf(result, ACME, '2023-12')).toEqual([['Amazon Elastic Compute Cloud', null, '110', '110.00'], ['Credits', null, '-5', '-5.00']]);
    expect(result.carriedCredits.map((c) => [c.fromPeriod, c.amount.toFixed()])).toEqual([['2023-12', '-10']]);
    expect(result.ruleHits.map((h) => [h.rule, h.lines])).toEqual([['all', 2], ['half-credit', 1], ['(none)', 1]]);
  });

  test('createInvoiceRun excludes tax by default and passes it through as one Tax line when asked', () => {
    const lines = () => [makeLine({ unblendedCost: '10' }), makeLine({ kind: 'tax', unblendedCost: '0.5' }), makeLine({ kind: 'tax', productCode: 'AmazonS3', service: 'S3', unblendedCost: '0.25' })];
    expect(linesOf(runLines(lines()), ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '10', '10.00']]);
    expect(linesOf(runLines(lines(), { settings: { tax: 'pass-through' } }), ACME)).toEqual([
      ['Amazon Elastic Compute Cloud', null, '10', '10.00'], ['Tax', null, '0.75', '0.75'],
    ]);
  });
});

describe('createInvoiceRun: currency (ENGINE.md §9)', () => {
  test('createInvoiceRun without a rate reports FX_RATE_MISSING and produces no invoice for that customer and period', () => {
    const customers = makeCustomers([['Acme', ACME, '', 'EUR'], ['Beta', BETA]]);
    const result = runLines([makeLine({ unblendedCost: '1' }), makeLine({ account: BETA, unblendedCost: '2' })], { customers });
    expect(result.invoices.map((i) => i.customer)).toEqual(['Beta']);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['FX_RATE_MISSING', 'error']]);
    expect(result.issues[0].message).toBe('No FX rate USD→EUR for 2023-11 in the FX table (none given), so the 2023-11 invoice of customer "Acme" is not produced.');
    const walk = result.walks.find((w) => w.customer === 'Acme')!;
    expect([walk.complete, walk.steps[walk.steps.length - 1].step]).toEqual([false, 'preFx']);
  });

  test('createInvoiceRun converts a line billed in another currency from its own currency', () => {
    const fxRates = makeFx([['2023-11', 'EUR', 'USD', '1.1']]);
    const result = runLines([makeLine({ unblendedCost: '10' }), makeLine({ currency: 'EUR', unblendedCost: '10' })], { fxRates });
    expect(linesOf(result, ACME)).toEqual([['Amazon Elastic Compute Cloud', null, '21', '21.00']]);
    expect(codes(result)).toEqual(['MIXED_CURRENCY']);
  });
});

describe('createInvoiceRun: commitments policy (ENGINE.md §6)', () => {
  const arn = (owner: string) => `arn:aws:savingsplans::${owner}:savingsplan/abc`;

  test('createInvoiceRun owner-only prices another customer covered line at list cost, drops its negation and reports the retained benefit', () => {
    const customers = makeCustomers([['Acme', ACME], ['Beta', BETA]]);
    const lines = () => [
      makeLine({ account: BETA, kind: 'sp-covered', unblendedCost: '10', listCost: '10', amortizedCost: '6', commitmentArn: arn(ACME), commitmentOwner: ACME }),
      makeLine({ account: BETA, kind: 'sp-negation', unblendedCost: '-4', commitmentArn: arn(ACME), commitmentOwner: ACME }),
      makeLine({ kind: 'sp-covered', unblendedCost: '10', listCost: '10', commitmentArn: arn(ACME), commitmentOwner: ACME }),
      makeLine({ kind: 'sp-negation', unblendedCost: '-4', commitmentArn: arn(ACME), commitmentOwner: ACME }),
    ];
    const asBilled = runLines(lines(), { customers });
    expect(linesOf(asBilled, 'Beta')).toEqual([['Amazon Elastic Compute Cloud', null, '6', '6.00']]);
    const ownerOnly = runLines(lines(), { customers, settings: { commitments: 'owner-only' } });
    expect(linesOf(ownerOnly, 'Beta')).toEqual([['Amazon Elastic Compute Cloud', null, '10', '10.00']]);
    expect(linesOf(ownerOnly, 'Acme')).toEqual([['Amazon Elastic Compute Cloud', null, '6', '6.00']]);
    expect(ownerOnly.retainedBenefits.map((r) => [r.customer, r.period, r.amount.toFixed(), r.lines])).toEqual([['Acme', '2023-11', '4', 2]]);
    expect(walkOf(ownerOnly, 'Beta')).toMatchObject({ awsUnblended: '6', commitmentsPolicy: '4', preFx: '10' });
    expectWalksBalance(ownerOnly);
  });

  test('createInvoiceRun owner-only on DBR input reports POLICY_UNSUPPORTED and stays as billed', () => {
    const customers = makeCustomers([['Acme', ACME], ['Beta', BETA]]);
    const result = runLines([
      makeLine({ format: 'dbr', account: BETA, kind: 'ri-covered', unblendedCost: '1', commitmentOwner: ACME, source: { file: 'dbr.csv', line: 7 } }),
    ], { customers, settings: { commitments: 'owner-only' } });
    expect(result.issues.map((i) => [i.code, i.count, i.source])).toEqual([['POLICY_UNSUPPORTED', 1, { file: 'dbr.csv', line: 7 }]]);
    expect(linesOf(result, 'Beta')[0][2]).toBe('1');
  });
});

describe('createInvoiceRun: grouping (ENGINE.md §14)', () => {
  // Found by the order property test: a Lambda line right after an EC2 line of the same account,
  // usage type and operation once landed in the EC2 line's hash bucket, so the two Lambda lines
  // formed two groups and the margin quotient was rounded at 40 digits twice.
  const priceBook = makePriceBook([{ Rule: 'lambda', ProductCode: 'AWS Lambda', Method: 'margin', Value: '15%' }]);
  const line = (n: number, productCode: string, cost: string) => makeLine({
    source: { file: 'test.csv', line: n }, productCode, service: productCode, account: '222222222222', usageType: 'b', unblendedCost: cost,
  });
  const ec2 = line(2, 'AmazonEC2', '0');
  const lambdaA = line(3, 'AWS Lambda', '505776420901.7');
  const lambdaB = line(4, 'AWS Lambda', '1539099958285');
  const other = makeLine({ source: { file: 'test.csv', line: 5 }, account: '111111111111', unblendedCost: '1' });

  test('createInvoiceRun(config) prices one group whatever the order of its lines, with the margin applied once to their sum', () => {
    const lambdaPrice = (lines: ReturnType<typeof makeLine>[]) =>
      runLines(lines, { priceBook }).invoices.find((i) => i.customer === '222222222222')?.lines.find((l) => l.category === 'AWS Lambda')?.price.toFixed();
    const once = '2405736916690.235294117647058823529411765'; // 2,044,876,379,186.7 ÷ 0.85 at 40 digits
    for (const order of [[lambdaA, lambdaB, ec2], [ec2, lambdaA, lambdaB], [ec2, lambdaA, other, lambdaB], [other, lambdaB, ec2, lambdaA, other]]) {
      expect(lambdaPrice(order)).toBe(once);
    }
  });
});
