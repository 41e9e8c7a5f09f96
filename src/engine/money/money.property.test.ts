import fc from 'fast-check';
import { Decimal } from './decimal';
import { parseDecimal } from './parse';
import { formatDecimal } from './format';
import { roundDecimal, roundMoney } from './round';
import { allocate } from './allocate';
import { ExactSum } from './exactSum';
import { decimalText, exponentText } from '../../../test/engine/arbitraries';

const mode = fc.constantFrom('half-up' as const, 'half-even' as const);

describe('money properties', () => {
  test('parseDecimal(text) then formatDecimal(d) gives back the same number, exponent form included', () => {
    fc.assert(fc.property(fc.oneof(decimalText, exponentText), (text) => {
      const formatted = formatDecimal(parseDecimal(text));
      expect(formatted).not.toMatch(/e/i);
      expect(parseDecimal(formatted).eq(new Decimal(text))).toBe(true);
      expect(formatDecimal(parseDecimal(formatted))).toBe(formatted);
    }));
  });

  test('formatDecimal(d, scale) never writes -0', () => {
    fc.assert(fc.property(decimalText, fc.integer({ min: 0, max: 4 }), mode, (text, scale, m) => {
      const text2 = formatDecimal(roundDecimal(parseDecimal(text), scale, m), scale);
      expect(text2).not.toMatch(/^-0(\.0*)?$/);
    }));
    expect(formatDecimal(new Decimal('-0.0001'), 2)).toBe('0.00');
  });

  test('roundMoney(d, currency, mode) is idempotent: rounding twice equals rounding once', () => {
    fc.assert(fc.property(decimalText, fc.constantFrom('USD', 'JPY', 'BHD'), mode, (text, currency, m) => {
      const once = roundMoney(parseDecimal(text), currency, m);
      expect(roundMoney(once, currency, m).eq(once)).toBe(true);
    }));
  });

  test('ExactSum adds decimal and exponent texts exactly, like Decimal', () => {
    fc.assert(fc.property(fc.array(fc.oneof(decimalText, exponentText), { maxLength: 30 }), (texts) => {
      const sum = new ExactSum();
      texts.forEach((t) => sum.add(t));
      const expected = texts.reduce((acc, t) => acc.plus(new Decimal(t)), new Decimal(0));
      expect(sum.toDecimal().eq(expected)).toBe(true);
    }));
  });

  const weights = fc.array(decimalText.map((t) => new Decimal(t)), { minLength: 1, maxLength: 12 });
  const cents = fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((n) => new Decimal(n.toString()).div(100));

  test('allocate(total, weights) conserves every cent, in whole cents', () => {
    fc.assert(fc.property(cents, weights, (total, w) => {
      const parts = allocate(total, w, 2);
      expect(parts).toHaveLength(w.length);
      expect(parts.reduce((s, p) => s.plus(p), new Decimal(0)).eq(total)).toBe(true);
      parts.forEach((p) => expect(p.decimalPlaces()).toBeLessThanOrEqual(2));
    }));
  });

  test('allocate(total, weights) is deterministic', () => {
    fc.assert(fc.property(cents, weights, (total, w) => {
      expect(allocate(total, w, 2).map((p) => p.toFixed())).toEqual(allocate(total, w, 2).map((p) => p.toFixed()));
    }));
  });

  test('allocate(total, weights) breaks ties toward the earlier weight', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 9 }), (n) => {
      const parts = allocate(new Decimal('0.01'), Array.from({ length: n }, () => new Decimal(1)), 2);
      expect(parts.map((p) => p.toFixed())).toEqual(['0.01', ...Array.from({ length: n - 1 }, () => '0')]);
    }));
    expect(allocate(new Decimal('1.00'), [1, 1, 1].map((x) => new Decimal(x)), 2).map((p) => p.toFixed(2))).toEqual(['0.34', '0.33', '0.33']);
  });
});
