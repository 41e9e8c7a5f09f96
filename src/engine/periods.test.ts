import { isPeriod, nextPeriod } from './periods';

test('nextPeriod(period) rolls December into January of the next year', () => {
  expect(nextPeriod('2023-11')).toBe('2023-12');
  expect(nextPeriod('2023-12')).toBe('2024-01');
  expect(isPeriod('2023-00')).toBe(false);
  expect(() => nextPeriod('2023-1')).toThrow(RangeError);
});
