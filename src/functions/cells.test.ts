import fc from 'fast-check';
import { parseDecimal } from '../engine/money';
import { scaledText } from '../engine/inMemory';
import { decimalToCell, scaledToCell } from './cells';

describe('scaledToCell', () => {
  test('scaledToCell(units, scale) is the double decimalToCell gives for the same exact value, never -0', () => {
    const cases: [number, number][] = [[228547, 11], [1, 1], [-1250, 2], [0, 5], [-0, 3], [2 ** 53 - 1, 22], [-(2 ** 53 - 1), 0], [3, 22], [123456789, 9]];
    for (const [units, scale] of cases) {
      const expected = decimalToCell(parseDecimal(scaledText(units, scale)));
      expect([units, scale, Object.is(scaledToCell(units, scale), expected)]).toEqual([units, scale, true]);
    }
    const unitsOf = fc.oneof(fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), fc.integer({ min: -1_000_000, max: 1_000_000 }));
    fc.assert(fc.property(unitsOf, fc.integer({ min: 0, max: 22 }), (units, scale) => {
      expect(scaledToCell(units, scale)).toBe(decimalToCell(parseDecimal(scaledText(units, scale))));
    }), { numRuns: 10_000 });
  });
});
