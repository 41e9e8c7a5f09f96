import { Decimal } from '../money';
import { priceRule } from './priceRule';
import { parseRuleValue } from './parseRuleValue';

const d = (t: string) => new Decimal(t);
const v = (t: string) => parseRuleValue(t);

describe('priceRule', () => {
  test('priceRule(method, value, basis, usage, kind) computes each method of ENGINE.md §5 exactly', () => {
    expect(priceRule('markup', v('15%'), d('100'), d('0'), 'usage')!.toFixed()).toBe('115');
    expect(priceRule('margin', v('0.2'), d('100'), d('0'), 'usage')!.toFixed()).toBe('125');
    expect(priceRule('discount', v('5%'), d('100'), d('0'), 'usage')!.toFixed()).toBe('95');
    expect(priceRule('rate', v('0.02'), d('100'), d('1500'), 'usage')!.toFixed()).toBe('30');
    expect(priceRule('passthrough', null, d('1.8E-9'), d('0'), 'usage')!.toFixed()).toBe('0.0000000018');
    expect(priceRule('exclude', null, d('100'), d('0'), 'usage')).toBeNull();
  });

  test('priceRule(margin) keeps a quotient that never ends to 40 significant digits, half-up', () => {
    expect(priceRule('margin', v('15%'), d('10'), d('0'), 'usage')!.toFixed()).toBe('11.76470588235294117647058823529411764706');
    expect(priceRule('margin', v('0.25'), d('1'), d('0'), 'usage')!.toFixed()).toBe('1.333333333333333333333333333333333333333');
  });

  test('priceRule(rate) prices an sp-negation line at 0, since its covered line carries the rate', () => {
    expect(priceRule('rate', v('0.02'), d('-50'), d('1500'), 'sp-negation')!.toFixed()).toBe('0');
  });

  test('parseRuleValue(text) reads fractions and percentages exactly and rejects anything else', () => {
    expect(v('15%')!.toFixed()).toBe('0.15');
    expect(v('12.5 %')!.toFixed()).toBe('0.125');
    expect(v('0.0375')!.toFixed()).toBe('0.0375');
    expect(v('15 pct')).toBeNull();
    expect(v('')).toBeNull();
  });
});
