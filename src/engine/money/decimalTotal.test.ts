import fc from 'fast-check';
import { DecimalTotal, ExactSum, formatDecimal, isDecimalText, scanDecimal } from '.';

describe('scanDecimal', () => {
  it('scanDecimal(text) accepts plain, signed, exponent and half-written decimals', () => {
    for (const text of ['0', '12', '-0.5', '+3', '.5', '5.', '1.8E-9', '1e5', '-2.5e+3', '0.00000080000']) {
      expect([text, scanDecimal(text)]).toEqual([text, true]);
    }
  });

  it('scanDecimal(text) refuses thousands separators, currencies, blanks and huge exponents', () => {
    for (const text of ['', '1,234.50', '12 USD', '$1', '.', '-', '1e', 'e5', '1.2.3', 'NULL', ' 1', '1E-101', '1e999']) {
      expect([text, scanDecimal(text)]).toEqual([text, false]);
    }
  });

  it('scanDecimal(text) agrees with isDecimalText on generated texts, but for exponents beyond 100', () => {
    const alphabet = fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ',', ' ', 'x');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        const exponent = /[eE][+-]?(\d+)$/.exec(text);
        const expected = isDecimalText(text) && (exponent === null || Number(exponent[1]) <= 100);
        expect(scanDecimal(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('DecimalTotal', () => {
  it('DecimalTotal.add(text) sums 0.1 + 0.2 + 1.8E-9 exactly', () => {
    const total = new DecimalTotal();
    for (const text of ['0.1', '0.2', '1.8E-9']) total.add(text);
    expect(total.toText()).toBe('0.3000000018');
    expect(total.size).toBe(3);
  });

  it('DecimalTotal.add(text) stays exact past 2^53 and with more than 15 digits', () => {
    const total = new DecimalTotal();
    for (let i = 0; i < 5000; i += 1) total.add('999999999999999');
    total.add('0.12345678901234567890');
    total.add('-1');
    expect(total.toText()).toBe('4999999999999994999.1234567890123456789');
  });

  it('DecimalTotal.toText() is 0 for no additions and drops trailing zeros', () => {
    expect(new DecimalTotal().toText()).toBe('0');
    const total = new DecimalTotal();
    total.add('1.50');
    total.add('-1.5');
    total.add('2.000');
    expect(total.toText()).toBe('2');
  });

  it('DecimalTotal gives the same sum as ExactSum on generated decimal texts', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 14 }), fc.option(fc.integer({ min: -12, max: 12 })))
      .map(([negative, digits, scale, exponent]) => {
        const raw = digits.toString().padStart(scale + 1, '0');
        const plain = scale === 0 ? raw : `${raw.slice(0, -scale)}.${raw.slice(-scale)}`;
        return `${negative ? '-' : ''}${plain}${exponent === null ? '' : `E${exponent}`}`;
      });
    fc.assert(
      fc.property(fc.array(decimalText, { maxLength: 40 }), (texts) => {
        const fast = new DecimalTotal();
        const exact = new ExactSum();
        for (const text of texts) {
          fast.add(text);
          exact.add(text);
        }
        expect(fast.toText()).toBe(formatDecimal(exact.toDecimal()));
      }),
      { numRuns: 500 },
    );
  });

  it('DecimalTotal.add(text) throws on text that is not a number', () => {
    expect(() => new DecimalTotal().add('12 USD')).toThrow('"12 USD" is not a decimal number');
  });
});
