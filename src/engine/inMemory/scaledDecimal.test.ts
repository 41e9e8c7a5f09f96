import fc from 'fast-check';
import { parseDecimal } from '../money';
import { multiplyScaled, readScaled, scaledText, type ScaledDecimal } from './scaledDecimal';

const read = (text: string): ScaledDecimal | null => {
  const into = { units: 0, scale: 0 };
  return readScaled(text, into) ? into : null;
};

describe('readScaled', () => {
  test('readScaled(text, into) reads plain, signed and exponent decimals as units × 10^-scale', () => {
    expect(read('2.0777E-6')).toEqual({ units: 20777, scale: 10 });
    expect(read('0.0000005')).toEqual({ units: 5, scale: 7 });
    expect(read('-12.50')).toEqual({ units: -1250, scale: 2 });
    expect(read('+3')).toEqual({ units: 3, scale: 0 });
    expect(read('.5')).toEqual({ units: 5, scale: 1 });
    expect(read('5.')).toEqual({ units: 5, scale: 0 });
    expect(read('1.5e3')).toEqual({ units: 1500, scale: 0 });
    expect(read('0.0')).toEqual({ units: 0, scale: 1 });
    expect(Object.is(read('-0.0')?.units, -0)).toBe(true);
  });

  test('readScaled(text, into) refuses what is not a decimal, and values that do not fit: 2^53 or more, a scale past 22', () => {
    for (const text of ['', ' 1', '1 ', '-', '.', 'e5', '1e', '1e+', '1.2.3', '12 USD', '1,5', 'NaN', '0x10']) expect([text, read(text)]).toEqual([text, null]);
    expect(read('9007199254740991')).toEqual({ units: 9007199254740991, scale: 0 });
    expect(read('9007199254740992')).toBeNull();
    expect(read('9007199254740999')).toBeNull();
    expect(read('0.12345678901234567890')).toBeNull();
    expect(read(`0.${'0'.repeat(21)}1`)).toEqual({ units: 1, scale: 22 });
    expect(read(`0.${'0'.repeat(22)}1`)).toBeNull();
    expect(read('1e-23')).toBeNull();
    expect(read('9e15')).toEqual({ units: 9e15, scale: 0 });
    expect(read('1e16')).toBeNull();
    expect(read('1e999999')).toBeNull();
  });
});

describe('multiplyScaled and scaledText', () => {
  test('multiplyScaled(a, b, into) is exact, and refuses a product of 2^53 or more or a scale past 22', () => {
    const into = { units: 0, scale: 0 };
    expect(multiplyScaled({ units: 20777, scale: 10 }, { units: 11, scale: 1 }, into)).toBe(true);
    expect([into, scaledText(into.units, into.scale)]).toEqual([{ units: 228547, scale: 11 }, '0.00000228547']);
    expect(multiplyScaled({ units: 2 ** 52, scale: 0 }, { units: 2, scale: 0 }, into)).toBe(false);
    expect(multiplyScaled({ units: 1, scale: 12 }, { units: 1, scale: 11 }, into)).toBe(false);
  });

  test('scaledText(units, scale) writes the exact plain decimal, keeping the sign of -0', () => {
    expect(scaledText(228547, 11)).toBe('0.00000228547');
    expect(scaledText(-1250, 2)).toBe('-12.50');
    expect(scaledText(1500, 0)).toBe('1500');
    expect(scaledText(-0, 3)).toBe('-0.000');
    expect(scaledText(0, 0)).toBe('0');
  });

  test('readScaled, multiplyScaled and scaledText agree with Decimal on generated decimals', () => {
    const decimal = fc.tuple(
      fc.constantFrom('', '-', '+'), fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 0, max: 14 }), fc.option(fc.integer({ min: -12, max: 6 })),
    ).map(([sign, digits, point, exponent]) => {
      const text = digits.toString().padStart(point + 1, '0');
      const plain = point === 0 ? text : `${text.slice(0, text.length - point)}.${text.slice(text.length - point)}`;
      return `${sign}${plain}${exponent === null ? '' : `E${exponent}`}`;
    });
    fc.assert(fc.property(decimal, decimal, (a, b) => {
      const x = read(a);
      const y = read(b);
      if (x !== null) expect(parseDecimal(scaledText(x.units, x.scale)).eq(parseDecimal(a))).toBe(true);
      const product = { units: 0, scale: 0 };
      if (x !== null && y !== null && multiplyScaled(x, y, product)) {
        expect(parseDecimal(scaledText(product.units, product.scale)).eq(parseDecimal(a).times(parseDecimal(b)))).toBe(true);
      }
    }), { numRuns: 5000 });
  });
});
