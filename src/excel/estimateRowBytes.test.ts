import fc from 'fast-check';
import { estimateRowBytes, type CellInput } from './estimateRowBytes';

describe('estimateRowBytes', () => {
  test('estimateRowBytes(row) is never below the JSON bytes Excel is sent for that row', () => {
    const cell: fc.Arbitrary<CellInput> = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(fc.array(cell, { maxLength: 20 }), (row) => {
      const sent = Buffer.byteLength(JSON.stringify(row.map((c) => (c === null ? '' : c))), 'utf8');
      expect(estimateRowBytes(row)).toBeGreaterThanOrEqual(sent);
    }));
  });

  test('estimateRowBytes(["ab", 1]) counts quotes and separators', () => {
    expect(estimateRowBytes(['ab', 1])).toBe(2 + 5 + 25);
  });
});
