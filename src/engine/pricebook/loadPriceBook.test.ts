import { loadPriceBook } from './loadPriceBook';
import { makeTable } from '../../../test/engine/fixtures';

const HEADER = ['Rule', 'Customer', 'Account', 'ProductCode', 'UsageType', 'Operation', 'Region', 'ChargeKind', 'BillingEntity', 'Basis', 'Method', 'Value', 'ValidFrom', 'ValidTo', 'Note'];
const row = (r: Record<string, string>) => HEADER.map((h) => r[h] ?? '');
const load = (rows: Record<string, string>[]) => loadPriceBook(makeTable('PriceBook.csv', HEADER, rows.map(row)));

describe('loadPriceBook', () => {
  test('loadPriceBook(table) rejects each invalid rule with its row number and keeps the others', () => {
    const { result, issues } = load([
      { Rule: 'ok', Method: 'markup', Value: '10%' },
      { Rule: 'm', Method: 'markpu', Value: '10%' },
      { Rule: 'b', Method: 'markup', Value: '10%', Basis: 'effective' },
      { Rule: 'k', Method: 'markup', Value: '10%', ChargeKind: 'credits' },
      { Rule: 'g', Method: 'margin', Value: '100%' },
      { Rule: 'r', Method: 'rate', Value: '' },
      { Rule: 'v', Method: 'markup', Value: '10%', ValidFrom: '2024-02', ValidTo: '2024-01' },
      { Rule: 'n', Method: 'discount', Value: 'ten' },
    ]);
    expect(result.rules.map((r) => r.name)).toEqual(['ok']);
    expect(issues.map((i) => [i.code, i.source?.line, i.source?.column])).toEqual([
      ['BAD_RULE', 3, 'Method'], ['BAD_RULE', 4, 'Basis'], ['BAD_RULE', 5, 'ChargeKind'], ['BAD_RULE', 6, 'Value'],
      ['BAD_RULE', 7, 'Value'], ['BAD_RULE', 8, 'ValidFrom'], ['BAD_RULE', 9, 'Value'],
    ]);
    expect(issues[0].message).toBe('Rule "m" (PriceBook.csv line 3): method "markpu" is not one of markup, margin, discount, rate, passthrough, exclude.');
    expect(issues[3].message).toBe('Rule "g" (PriceBook.csv line 6): a margin of "100%" must be less than 100%, since price = basis ÷ (1 − margin).');
  });

  test('loadPriceBook(table) refuses values beyond the number bounds (1e400, 41 digits) as bad Value cells', () => {
    const { result, issues } = load([
      { Rule: 'huge', Method: 'rate', Value: '1e400' },
      { Rule: 'long', Method: 'markup', Value: `0.${'1'.repeat(41)}` },
      { Rule: 'ok', Method: 'markup', Value: `0.${'1'.repeat(40)}` },
      { Rule: 'big', Method: 'discount', Value: `${'1'.repeat(100_000)}%` },
    ]);
    expect(result.rules.map((r) => r.name)).toEqual(['ok']);
    expect(issues.map((i) => [i.code, i.severity, i.source?.line, i.source?.column])).toEqual([
      ['BAD_RULE', 'error', 2, 'Value'], ['BAD_RULE', 'error', 3, 'Value'], ['BAD_RULE', 'error', 5, 'Value'],
    ]);
    expect(issues[0].message).toBe('Rule "huge" (PriceBook.csv line 2): Value "1e400" is not a number such as 0.15 or 15%.');
    expect(issues[2].message).toBe(`Rule "big" (PriceBook.csv line 5): Value "${'1'.repeat(40)}…" is not a number such as 0.15 or 15%.`);
  });

  test('loadPriceBook(table) warns AMBIGUOUS_RULES for equally specific overlapping rules only', () => {
    const { issues } = load([
      { Rule: 'A', ProductCode: 'AmazonEC2', Method: 'markup', Value: '10%' },
      { Rule: 'B', ProductCode: 'amazon*', Method: 'markup', Value: '12%' },
      { Rule: 'C', ProductCode: 'AWSLambda', Method: 'markup', Value: '12%', ValidFrom: '2021-01' },
      { Rule: 'D', ProductCode: 'AWSLambda', Method: 'markup', Value: '9%', ValidFrom: '2020-01', ValidTo: '2020-12' },
      { Rule: 'E', ProductCode: 'AWSLambda', ChargeKind: 'credit', Method: 'markup', Value: '9%' },
    ]);
    expect(issues.map((i) => [i.code, i.source?.line])).toEqual([['AMBIGUOUS_RULES', 3]]);
    expect(issues[0].message).toBe('Rules "A" (line 2) and "B" (line 3) of PriceBook.csv are equally specific and can match the same line; "A" wins as the earlier row.');
  });

  test('loadPriceBook(table) names a blank Rule after its row and needs a Method column', () => {
    expect(load([{ Method: 'passthrough' }]).result.rules[0].name).toBe('row 2');
    expect(loadPriceBook(makeTable('P', ['Rule'], [['x']])).issues.map((i) => i.code)).toEqual(['MISSING_COLUMN']);
  });
});
