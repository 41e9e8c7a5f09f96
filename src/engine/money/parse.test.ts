import fc from 'fast-check';
import { isDecimalBeyondBounds, isDecimalForm, isDecimalText, parseDecimal, tryParseDecimal } from './parse';

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

describe('the decimal form', () => {
  /** The grammar as a regular expression: the reference the one-loop check must agree with. */
  const REFERENCE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

  it('isDecimalForm(text) agrees with the grammar on any text made of number characters', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ' ', 'x'), maxLength: 12 });
    fc.assert(fc.property(text, (t) => isDecimalForm(t) === REFERENCE.test(t)), { numRuns: 5000 });
    expect(['', '.', '-', '1e', '1e+', 'e5', '1.2.3', '.5', '5.', '-.5E-3'].map(isDecimalForm)).toEqual([false, false, false, false, false, false, false, true, true, true]);
  });

  it('isDecimalBeyondBounds(a 5 MB cell) answers without overflowing the stack', () => {
    const huge = '1'.repeat(5_000_000);
    expect(isDecimalBeyondBounds(huge)).toBe(true);
    expect(isDecimalBeyondBounds(`${huge}x`)).toBe(false);
    expect(() => parseDecimal(`${huge}x`)).toThrow(RangeError);
  });
});
