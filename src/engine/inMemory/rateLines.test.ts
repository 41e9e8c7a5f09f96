import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../settings';
import type { BillingLine } from '../line';
import { priceLine } from '../invoice/priceLine';
import { BUILT_IN_SUPPORT_PLANS } from '../support/supportPlans';
import { loadFxRates } from '../fx/loadFxRates';
import type { InvoiceRunConfig } from '../invoice/invoiceTypes';
import { createLineRater, invoiceLines, rateLine, rateLines } from './rateLines';
import { configFromTables } from './configFromTables';
import { makeCustomers, makeLine, makePriceBook } from '../../../test/engine/fixtures';

describe('rateLines and invoiceLines (the engine in memory)', () => {
  const priceBook = makePriceBook([
    { Rule: 'acme', Customer: 'Acme', Method: 'markup', Value: '25%' },
    { Rule: 'drop', ProductCode: 'AmazonS3', Method: 'exclude' },
  ]);
  const customers = makeCustomers([['Acme', '111111111111', '']]);
  const config: InvoiceRunConfig = { priceBook, customers, fxRates: null, supportPlans: BUILT_IN_SUPPORT_PLANS, settings: DEFAULT_SETTINGS };

  test('rateLines(lines, config) gives each line its precise price in the invoice currency and its rule, or why it has none', () => {
    const rated = rateLines([
      makeLine({ unblendedCost: '10.005' }),
      makeLine({ account: '222222222222', productCode: 'AmazonS3', unblendedCost: '3' }),
      makeLine({ account: '222222222222', unblendedCost: '1.5' }),
    ], config);
    expect(rated.map((r) => [r.customer, r.price?.toFixed() ?? null, r.rule, r.reason])).toEqual([
      ['Acme', '12.50625', 'acme', null],
      ['222222222222', null, 'drop', 'excluded by rule drop'],
      ['222222222222', '1.5', '(none)', null],
    ]);
  });

  test('rateLines converts at the FX rate of the line period, and names a missing rate FX_RATE_MISSING', () => {
    const fx = loadFxRates({ source: 'fx', header: ['Period', 'From', 'To', 'Rate'], rows: [{ line: 2, values: ['2024-03', 'USD', 'GBP', '0.8'] }] });
    const gbp = { ...config, fxRates: fx.result, settings: { ...DEFAULT_SETTINGS, currency: 'GBP' } };
    const [converted] = rateLines([makeLine({ period: '2024-03', unblendedCost: '10' })], gbp);
    expect([converted.currency, converted.price?.toFixed()]).toEqual(['GBP', '10']);
    const [missing] = rateLines([makeLine({ period: '2024-04', unblendedCost: '10' })], gbp);
    expect([missing.price, missing.code]).toEqual([null, 'FX_RATE_MISSING']);
  });

  test('invoiceLines(lines, config) is one invoice run: Σ of rateLines prices is the invoice line price', () => {
    const lines = [makeLine({ unblendedCost: '10.005' }), makeLine({ unblendedCost: '0.001' }), makeLine({ account: '222222222222', productCode: 'AmazonS3', unblendedCost: '3' })];
    const { result } = invoiceLines(lines, config);
    expect(result.invoices).toHaveLength(1);
    const [invoice] = result.invoices;
    expect([invoice.customer, invoice.preciseTotal.toFixed(), invoice.total.toFixed()]).toEqual(['Acme', '12.5075', '12.51']);
    const sum = rateLines(lines, config).reduce((total, r) => (r.price === null ? total : total.plus(r.price)), invoice.preciseTotal.minus(invoice.preciseTotal));
    expect(sum.toFixed()).toBe(invoice.preciseTotal.toFixed());
  });

  test('configFromTables(tables, settings, issues) loads each table once and reports its issues', () => {
    const issues: import('../issues').Issue[] = [];
    const built = configFromTables({
      priceBook: { source: 'PriceBook', header: ['Rule', 'Method', 'Value'], rows: [{ line: 2, values: ['r', 'markup', 'lots'] }] },
      customers: null, fxRates: null, supportPlans: null,
    }, DEFAULT_SETTINGS, issues);
    expect(built.supportPlans).toBe(BUILT_IN_SUPPORT_PLANS);
    expect(issues.map((i) => [i.code, i.source?.file])).toEqual([['BAD_RULE', 'PriceBook']]);
  });

  test('createLineRater(config) remembers a plan per set of match fields: every line rates as it does alone, whatever came before', () => {
    const lines = [];
    for (let i = 0; i < 200; i += 1) {
      lines.push(makeLine({
        account: i % 3 === 0 ? '111111111111' : '222222222222',
        productCode: i % 5 === 0 ? 'AmazonS3' : 'AmazonEC2',
        usageType: `t${i % 7}`,
        period: i % 2 === 0 ? '2024-03' : '2024-04',
        kind: i % 11 === 0 ? 'credit' : 'usage',
        unblendedCost: `${i}.${i % 10}1`,
      }));
    }
    const shared = createLineRater(config);
    const fresh = lines.map((line) => rateLine(line, config));
    expect(lines.map(shared)).toEqual(fresh);
    expect(lines.map(shared).map((r) => r.price?.toFixed() ?? null)).toEqual(fresh.map((r) => r.price?.toFixed() ?? null));
    expect(new Set(fresh.map((r) => r.rule))).toEqual(new Set(['acme', 'drop', '(none)']));
  });

  describe('createLineRater prices exactly as priceRule (priceLine), with scaled integers where they fit', () => {
    const book = makePriceBook([
      { Rule: 'up', ProductCode: 'AmazonEC2', Method: 'markup', Value: '10%' },
      { Rule: 'down', ProductCode: 'AmazonRDS', Method: 'discount', Value: '3%' },
      { Rule: 'margin', ProductCode: 'AmazonS3', Method: 'margin', Value: '0.12' },
      { Rule: 'rate', ProductCode: 'AWSLambda', Method: 'rate', Value: '0.0000002' },
      { Rule: 'pass', ProductCode: 'AmazonSNS', Method: 'passthrough' },
      { Rule: 'list', ProductCode: 'AmazonVPC', Basis: 'list', Method: 'markup', Value: '0.123456789012345' },
    ]);
    const rated: InvoiceRunConfig = { ...config, priceBook: book, customers: null };
    const products = ['AmazonEC2', 'AmazonRDS', 'AmazonS3', 'AWSLambda', 'AmazonSNS', 'AmazonVPC', 'AmazonEFS'];
    const figures = ['2.0777E-6', '0.1001666686', '-1.5', '-0.0', '0', '1.5e3', '123456789012.3456789', '0.12345678901234567890', '1E-20'];

    const reference = (line: BillingLine): string | null => priceLine(line, { priceBook: book, settings: DEFAULT_SETTINGS }).price?.toFixed() ?? null;

    test('createLineRater(config) gives every method, figure and kind the price priceLine gives', () => {
      const rate = createLineRater(rated);
      let scaled = 0;
      for (const productCode of products) {
        for (const cost of figures) {
          for (const usage of [...figures, null]) {
            for (const kind of ['usage', 'sp-negation'] as const) {
              const line = makeLine({ productCode, kind, unblendedCost: cost, listCost: cost === '0' ? null : cost, usageAmount: usage });
              const result = rate(line);
              expect([productCode, cost, usage, kind, result.price?.toFixed() ?? null]).toEqual([productCode, cost, usage, kind, reference(line)]);
              if (result.priceScale >= 0) scaled += 1;
            }
          }
        }
      }
      // Most prices are scaled integers; margins, 20-digit figures and scales past 22 are Decimal.
      expect(scaled).toBeGreaterThan(300);
    });

    test('createLineRater(config) keeps the sign of a negative zero as Decimal does, and prices a 20-digit cost with Decimal', () => {
      const rate = createLineRater(rated);
      const zero = rate(makeLine({ productCode: 'AmazonEC2', unblendedCost: '-0.0' }));
      expect([zero.priceScale >= 0, zero.price?.isNegative(), zero.price?.isZero()]).toEqual([true, true, true]);
      const long = rate(makeLine({ productCode: 'AmazonEC2', unblendedCost: '0.12345678901234567890' }));
      expect([long.priceScale, long.price?.toFixed()]).toEqual([-1, '0.13580246791358024679']);
      const margin = rate(makeLine({ productCode: 'AmazonS3', unblendedCost: '10' }));
      expect([margin.priceScale, margin.price?.toFixed()]).toEqual([-1, '11.36363636363636363636363636363636363636']);
    });

    test('createLineRater(config) agrees with priceLine on generated costs and usage amounts', () => {
      const rate = createLineRater(rated);
      const decimal = fc.tuple(fc.constantFrom('', '-'), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 12 }), fc.option(fc.integer({ min: -10, max: 3 })))
        .map(([sign, digits, point, exponent]) => {
          const text = digits.toString().padStart(point + 1, '0');
          return `${sign}${point === 0 ? text : `${text.slice(0, text.length - point)}.${text.slice(text.length - point)}`}${exponent === null ? '' : `e${exponent}`}`;
        });
      fc.assert(fc.property(fc.constantFrom(...products), decimal, decimal, (productCode, cost, usage) => {
        const line = makeLine({ productCode, unblendedCost: cost, listCost: cost, usageAmount: usage });
        expect(rate(line).price?.toFixed() ?? null).toBe(reference(line));
      }), { numRuns: 3000 });
    });
  });
});
