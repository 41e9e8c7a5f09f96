import fc from 'fast-check';
import { ExactSum } from '.';
import { FastExactSum } from './fastExactSum';
import { decimalText, exponentText } from '../../../test/engine/arbitraries';

describe('FastExactSum', () => {
  test('FastExactSum adds "1.25" and "-0.005" to exactly 1.245', () => {
    const sum = new FastExactSum();
    sum.add('1.25');
    sum.add('-0.005');
    expect(sum.toDecimal().toFixed()).toBe('1.245');
  });

  test('FastExactSum reads exponent forms exactly, on the fast path or the BigInt one', () => {
    const sum = new FastExactSum();
    ['2.0777E-6', '-1.8e-9', '1E3', '5E-20', '1.5e2', '+3.25E-1'].forEach((t) => sum.add(t));
    expect(sum.toDecimal().toFixed()).toBe('1150.32500207590000000005');
  });

  test('FastExactSum equals the BigInt ExactSum for any texts, exponent form and long digits included', () => {
    const long = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => `${n}.${'1234567890123456789'.slice(0, Number(n % 19n < 0n ? -(n % 19n) : n % 19n))}`.replace(/\.$/, ''));
    fc.assert(fc.property(fc.array(fc.oneof(decimalText, exponentText, long, fc.constantFrom('0', '-0', '.5', '5.', '+3.25', '999999999999999.999999999999999')), { maxLength: 60 }), (texts) => {
      const sum = new FastExactSum();
      texts.forEach((t) => sum.add(t));
      const expected = new ExactSum();
      texts.forEach((t) => expected.add(t));
      expect(sum.toDecimal().toFixed()).toBe(expected.toDecimal().toFixed());
    }));
  });

  test('FastExactSum stays exact over a thousand additions near the 2^52 limit', () => {
    const sum = new FastExactSum();
    for (let i = 0; i < 1000; i += 1) sum.add('999999999999999.999999999999999');
    expect(sum.toDecimal().toFixed()).toBe('999999999999999999.999999999999');
  });
});
