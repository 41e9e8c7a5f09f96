import { FakeExcelError, fakeRegistry } from '../../test/addin/fakeCustomFunctions';
import fc from 'fast-check';
import { DBR_FUNCTIONS, convertAmounts, marginOf, markupOf, roundAmounts, splitPennies } from './functions';

/** Calls a DBR function the way Excel does and returns what the cell shows, errors included. */
function cells(run: () => unknown[][]): unknown[][] {
  try {
    return run();
  } catch (error) {
    return [[error]];
  }
}

function excelError(code: string, message: string): FakeExcelError {
  return new FakeExcelError(code, message);
}

describe('DBR custom functions', () => {
  test('loading functions.ts associates every id with its function', () => {
    expect([...fakeRegistry.keys()]).toEqual(Object.keys(DBR_FUNCTIONS));
    expect(Object.keys(DBR_FUNCTIONS)).toEqual(expect.arrayContaining([
      'ROUND', 'FX', 'MARGIN', 'MARKUP', 'PENNY', 'RIALLOC', 'SPALLOC', 'SUPPORT', 'BLENDED', 'NORMFACTOR',
    ]));
    for (const [id, implementation] of Object.entries(DBR_FUNCTIONS)) expect(fakeRegistry.get(id)).toBe(implementation);
  });

  test('roundAmounts(1.005) rounds half-up to 1.01 from the number’s exact text, not its binary value', () => {
    expect(roundAmounts([[1.005]])).toEqual([[1.01]]);
    expect(roundAmounts([[-0.125]])).toEqual([[-0.13]]);
    expect(roundAmounts([[0.125]], 'USD', 'half-even')).toEqual([[0.12]]);
  });

  test('roundAmounts(amount, currency) uses the currency’s minor unit: JPY 0, BHD 3', () => {
    expect(roundAmounts([[2.5]], 'JPY')).toEqual([[3]]);
    expect(roundAmounts([[2.5]], 'jpy', 'half-even')).toEqual([[2]]);
    expect(roundAmounts([[1.23456]], 'BHD')).toEqual([[1.235]]);
  });

  test('roundAmounts(-0.001) gives 0, never -0', () => {
    const [[value]] = roundAmounts([[-0.001]]);
    expect(Object.is(value, 0)).toBe(true);
  });

  test('roundAmounts(range) keeps the header, blanks and bad cells in place', () => {
    expect(roundAmounts([['Cost'], [1.005], [''], ['x'], ['12.345']])).toEqual([
      ['Cost'], [1.01], [''],
      [excelError('#VALUE!', 'amount (row 4, column 1 of the range) is "x", not a number.')],
      [12.35],
    ]);
  });

  test('roundAmounts(range) passes an error cell through unchanged', () => {
    const input = new FakeExcelError('#N/A', 'no rate');
    expect(roundAmounts([[1.111], [input]])).toEqual([[1.11], [input]]);
  });

  test('roundAmounts(amount, "US") is #VALUE! naming the currency', () => {
    expect(cells(() => roundAmounts([[1]], 'US'))).toEqual([[excelError('#VALUE!', 'currency is "US", not a three-letter ISO 4217 code such as USD.')]]);
    expect(cells(() => roundAmounts([[1]], 'USD', 'up'))).toEqual([[excelError('#VALUE!', 'mode is "up", not "half-up" or "half-even".')]]);
  });

  test('roundAmounts(TRUE) is #VALUE! naming the argument and value', () => {
    expect(roundAmounts([[true]])).toEqual([[excelError('#VALUE!', 'amount is true, not a number.')]]);
  });

  test('convertAmounts(amounts, rate) multiplies exactly: 10 × 1.1 is 11, not 11.000000000000002', () => {
    expect(convertAmounts([[10], [20]], [[1.1]])).toEqual([[11], [22]]);
    expect(convertAmounts([[100]], [[0.79]])).toEqual([[79]]);
    expect(convertAmounts([['Cost'], [1.4405653565]], [['Rate'], [0.8]])).toEqual([['Cost'], [1.1524522852]]);
  });

  test('convertAmounts(amounts, rates) of different shapes is #VALUE! naming both shapes', () => {
    expect(cells(() => convertAmounts([[1], [2]], [[1], [2], [3]]))).toEqual([[
      excelError('#VALUE!', 'rate is a 3×1 range but amount is 2×1; give the same shape or a single cell.'),
    ]]);
  });

  test('convertAmounts(amount, 0) is #NUM! in that cell', () => {
    expect(convertAmounts([[5], [6]], [[1], [0]])).toEqual([
      [5], [excelError('#NUM!', 'rate (row 2, column 1 of the range) is 0; an FX rate must be above zero.')],
    ]);
  });

  test('marginOf(80, 100) is 0.2 and markupOf(80, 100) is 0.25', () => {
    expect(marginOf([[80]], [[100]])).toEqual([[0.2]]);
    expect(markupOf([[80]], [[100]])).toEqual([[0.25]]);
    expect(marginOf([[1]], [[3]])).toEqual([[0.6666666666666666]]);
    expect(markupOf([[100]], [[90]])).toEqual([[-0.1]]);
  });

  test('marginOf(cost, 0) and markupOf(0, price) are #NUM!', () => {
    expect(marginOf([[1]], [[0]])).toEqual([[excelError('#NUM!', 'price is 0, so the margin (price − cost) ÷ price is undefined.')]]);
    expect(markupOf([[0]], [[1]])).toEqual([[excelError('#NUM!', 'cost is 0, so the markup (price − cost) ÷ cost is undefined.')]]);
  });

  test('marginOf(costs, price) broadcasts a single price over a column with a header', () => {
    expect(marginOf([['Cost'], [50], [75]], [[100]])).toEqual([['Cost'], [0.5], [0.25]]);
  });

  test('splitPennies(1, 1, 1 ; 1) spills 0.34, 0.33, 0.33: the leftover cent to the earliest tie', () => {
    expect(splitPennies([[1], [1], [1]], 1)).toEqual([[0.34], [0.33], [0.33]]);
    expect(splitPennies([[1, 1, 1]], 1)).toEqual([[0.34, 0.33, 0.33]]);
  });

  test('splitPennies(amounts, total) keeps the header and blanks and gives the cent to the largest remainder', () => {
    expect(splitPennies([['Weight'], [2], [''], [1]], 10)).toEqual([['Weight'], [6.67], [''], [3.33]]);
    expect(splitPennies([[1], [2], [2]], 1)).toEqual([[0.2], [0.4], [0.4]]);
    expect(splitPennies([[0.1], [0.2], [0.7]], 0.05)).toEqual([[0.01], [0.01], [0.03]]);
  });

  test('splitPennies(amounts, total, "JPY") splits whole yen', () => {
    expect(splitPennies([[1], [1], [1]], 100, 'JPY')).toEqual([[34], [33], [33]]);
  });

  test('splitPennies(amounts, total) splits over signed weights (a credit among charges)', () => {
    expect(splitPennies([[3], [-1]], 2)).toEqual([[3], [-1]]);
  });

  test('splitPennies(amounts, 1.005) is #VALUE!: the total must already be rounded', () => {
    expect(cells(() => splitPennies([[1]], 1.005))).toEqual([[excelError('#VALUE!', 'total 1.005 has more decimals than the 2 of USD; round it first.')]]);
  });

  test('splitPennies with a text weight is #VALUE! for the whole split, naming the cell', () => {
    expect(cells(() => splitPennies([[1], ['abc']], 1))).toEqual([[
      excelError('#VALUE!', 'amounts (row 2, column 1 of the range) is "abc", not a number.'),
    ]]);
    expect(cells(() => splitPennies([[''], ['']], 1))).toEqual([[excelError('#VALUE!', 'amounts has no numbers to split the total 1 over.')]]);
  });

  test('splitPennies(weights, total) conserves the total to the cent for any positive weights', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 10_000_000 }),
      (weights, cents) => {
        const parts = splitPennies(weights.map((w) => [w / 100]), cents / 100).map(([part]) => Math.round((part as number) * 100));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(cents);
      },
    ));
  });
});
