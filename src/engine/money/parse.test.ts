import { isDecimalText, parseDecimal, tryParseDecimal } from './parse';

describe('isDecimalText and tryParseDecimal bounds', () => {
  it('isDecimalText(text) takes 40 significant digits, exponents within ±100 and values below 10^21 only', () => {
    const forty = '1234567890'.repeat(4);
    expect([`0.${forty}`, `${forty.slice(0, 20)}.${forty.slice(20)}`, '1E-100', '1e20', '-0.000123E+5'].map(isDecimalText)).toEqual([true, true, true, true, true]);
    expect([`0.${forty}1`, '1E-101', '1e101', '1e400', '1e21', '1'.repeat(22), '1'.repeat(1000)].map(isDecimalText)).toEqual([false, false, false, false, false, false, false]);
  });

  it('tryParseDecimal(text) is null beyond the bounds; parseDecimal(text) still parses computed sums of any size', () => {
    expect(tryParseDecimal(' 1e400 ')).toBeNull();
    expect(tryParseDecimal('1e20')?.toFixed()).toBe('100000000000000000000');
    const sum = `${'9'.repeat(30)}.${'1'.repeat(30)}`;
    expect(parseDecimal(sum).toFixed()).toBe(sum);
  });
});
