import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import { thrown } from '../../test/helpers/thrown';
import fc from 'fast-check';
import { decimalFromNumber, formatDecimal } from '../engine/money';
import { RerateError } from '../engine/issues';
import { loadFxRates } from '../engine';
import { numberText, rowTextFromCells, tableRowsFromCells } from './tableArgument';

describe('tableRowsFromCells', () => {
  test('a 2-D range: the first row is the header, later rows keep their row number in the range', () => {
    expect(tableRowsFromCells('fxRates', [['From', 'To', 'Rate'], ['EUR', 'USD', 1.08], ['GBP', 'USD', '1.27']])).toEqual({
      source: 'fxRates',
      header: ['From', 'To', 'Rate'],
      rows: [{ line: 2, values: ['EUR', 'USD', '1.08'] }, { line: 3, values: ['GBP', 'USD', '1.27'] }],
    });
  });

  test('numbers enter through their shortest round-trip text; numbers stored as text stay exact', () => {
    const table = tableRowsFromCells('t', [['A', 'B', 'C', 'D', 'E', 'F', 'G'], [0.1, 1e21, -0, 1.005, '0.10000000000000000001', 1.5e-7, -123456789012]]);
    expect(table.rows[0].values).toEqual(['0.1', '1000000000000000000000', '0', '1.005', '0.10000000000000000001', '0.00000015', '-123456789012']);
  });

  test('values beyond 15 digits survive as text; the same value as a number is what Excel holds', () => {
    const table = tableRowsFromCells('usage', [['Account'], ['123456789012345678'], [123456789012345678]]);
    expect(table.rows.map((r) => r.values[0])).toEqual(['123456789012345678', '123456789012345680']);
  });

  test('blanks are empty text, booleans TRUE/FALSE, text is not trimmed', () => {
    const table = tableRowsFromCells('settings', [['Setting', 'Value'], ['credits', true], [' tax ', false], ['x', null], ['y', undefined]]);
    expect(table.rows.map((r) => r.values)).toEqual([['credits', 'TRUE'], [' tax ', 'FALSE'], ['x', ''], ['y', '']]);
  });

  test('rows of blanks only are dropped, and the line numbers of the others do not move', () => {
    const table = tableRowsFromCells('t', [['A', 'B'], ['', ''], ['1', ''], [null, ''], ['', 2]]);
    expect(table.rows).toEqual([{ line: 3, values: ['1', ''] }, { line: 5, values: ['', '2'] }]);
  });

  test('a header-only range has no rows; an empty range has no header', () => {
    expect(tableRowsFromCells('t', [['A']])).toEqual({ source: 't', header: ['A'], rows: [] });
    expect(tableRowsFromCells('t', [])).toEqual({ source: 't', header: [], rows: [] });
  });

  test('an error cell is a BAD_VALUE RerateError naming the argument, row, column and header', () => {
    const error = thrown(() => tableRowsFromCells('priceBook', [['Customer', 'Value'], ['acme', 0.2], ['beta', new FakeExcelError('#N/A')]]));
    expect(error).toBeInstanceOf(RerateError);
    expect(error).toMatchObject({
      code: 'BAD_VALUE',
      message: 'priceBook row 3, column 2 (Value) is #N/A, an error value; fix that cell first.',
      source: { file: 'priceBook', line: 3, column: 'Value' },
    });
  });

  test('an error cell in the header names row 1 and no column name', () => {
    expect(thrown(() => tableRowsFromCells('usage', [[new FakeExcelError('#REF!')], ['x']]))).toMatchObject({
      code: 'BAD_VALUE', message: 'usage row 1, column 1 is #REF!, an error value; fix that cell first.',
    });
  });

  test('the result feeds the engine loaders as a CSV would: loadFxRates reads the rates exactly', () => {
    const loaded = loadFxRates(tableRowsFromCells('fxRates', [['Period', 'From', 'To', 'Rate'], ['2024-01', 'EUR', 'USD', 1.0825]]));
    expect(loaded.issues).toEqual([]);
    expect(loaded.result.rates.get('2024-01|EUR|USD')?.toFixed()).toBe('1.0825');
  });

  test('every finite number becomes exactly formatDecimal(decimalFromNumber(n)) (the fast path included)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      expect(tableRowsFromCells('t', [['A'], [n]]).rows[0].values[0]).toBe(formatDecimal(decimalFromNumber(n)));
    }), { numRuns: 2000 });
  });

  test('numberText(n) writes an exponent out as Decimal does: 1.81e-8, 1.5e+21, -5e-324, 1.7976931348623157e+308 and random doubles', () => {
    for (const n of [1.81e-8, -2.5e-7, 1e-7, 1.5e21, 1e21, -1.2345678901234567e25, 5e-324, -5e-324, Number.MAX_VALUE, 0.000001, 123.456, -0, 0]) {
      expect([n, numberText(n)]).toEqual([n, formatDecimal(decimalFromNumber(n))]);
    }
    const tiny = fc.double({ min: -1e-6, max: 1e-6, noNaN: true });
    const huge = fc.oneof(fc.double({ min: 1e21, noNaN: true, noDefaultInfinity: true }), fc.double({ max: -1e21, noNaN: true, noDefaultInfinity: true }));
    fc.assert(fc.property(fc.oneof(tiny, huge), (n) => {
      expect(numberText(n)).toBe(formatDecimal(decimalFromNumber(n)));
    }), { numRuns: 3000 });
  });

  test('rowTextFromCells(name, grid, row, header, reads, values) writes the read columns as tableRowsFromCells would, checks every cell, and says whether the row is blank', () => {
    const header = ['A', 'B', 'C'];
    const grid: unknown[][] = [header, [1.81e-8, true, 'x'], ['', null, ''], [2], ['a', 'b', 'c', new FakeExcelError('#REF!', '')], [Number.NaN, 'b', 'c']];
    const values = ['', '', ''];
    const reads = [true, true, false];
    expect([rowTextFromCells('t', grid, 1, header, reads, values), values]).toEqual([true, ['0.0000000181', 'TRUE', '']]);
    expect(rowTextFromCells('t', grid, 2, header, reads, values)).toBe(false);
    expect([rowTextFromCells('t', grid, 3, header, reads, values), values]).toEqual([true, ['2', '', '']]);
    expect(() => rowTextFromCells('t', grid, 4, header, reads, values)).toThrow('t row 5, column 4 is #REF!, an error value; fix that cell first.');
    expect(() => rowTextFromCells('t', grid, 5, header, [false, false, false], values)).toThrow('t row 6, column 1 (A) is NaN, not a finite number.');
  });
});
