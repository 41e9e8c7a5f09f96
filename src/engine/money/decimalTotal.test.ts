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

  it('scanDecimal(text) agrees with isDecimalText on generated texts, bounds included', () => {
    const alphabet = fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ',', ' ', 'x');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect([text, scanDecimal(text)]).toEqual([text, isDecimalText(text)]);
      }),
      { numRuns: 3000 },
    );
    // Long texts near the digit, order and length bounds.
    const long = fc
      .tuple(fc.constantFrom('', '-', '0.', '000', '.000'), fc.integer({ min: 1, max: 60 }), fc.constantFrom('', '.', '.5', '00'), fc.option(fc.integer({ min: -130, max: 130 })))
      .map(([lead, n, tail, exponent]) => `${lead}${'123456789'.repeat(7).slice(0, n)}${tail}${exponent === null ? '' : `e${exponent}`}`);
    fc.assert(
      fc.property(long, (text) => {
        expect([text, scanDecimal(text)]).toEqual([text, isDecimalText(text)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('scanDecimal(text) takes 40 significant digits and refuses 41, exponents past ±100, 10^21 and more, and 201 characters', () => {
    const digits = (n: number) => '1234567890'.repeat(5).slice(0, n);
    const accepted = [`0.${digits(40)}`, `${digits(20)}.${digits(20)}`, `-1.${digits(39)}`, `${digits(21)}.${'0'.repeat(19)}`, '1E-100', '1e+20', '999999999999999999999', '0.5e21', `1${'0'.repeat(20)}`, `${'0'.repeat(150)}1`, '0e100'];
    const refused = [`0.${digits(41)}`, `${digits(20)}.${digits(21)}`, `1.${digits(39)}0`, '1E-101', '1e101', '1e21', '1e400', `1${'0'.repeat(21)}`, '10e20', `${'0'.repeat(200)}1`, '1'.repeat(5_000_000)];
    for (const text of accepted) expect([text, scanDecimal(text), isDecimalText(text)]).toEqual([text, true, true]);
    for (const text of refused) expect([text.slice(0, 50), scanDecimal(text), isDecimalText(text)]).toEqual([text.slice(0, 50), false, false]);
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

  it('DecimalTotal.add(text) adds sums beyond the input bounds exactly', () => {
    const total = new DecimalTotal();
    total.add(`${'9'.repeat(30)}.5`);
    total.add('1e-60');
    total.add('0.5');
    expect(total.toText()).toBe(`1${'0'.repeat(30)}.${'0'.repeat(59)}1`);
  });

  it('DecimalTotal.add(text) throws on text that is not a number', () => {
    expect(() => new DecimalTotal().add('12 USD')).toThrow('"12 USD" is not a decimal number');
  });
});
