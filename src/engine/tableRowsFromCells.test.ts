import { RerateError } from './issues';
import { loadFxRates } from './fx/loadFxRates';
import { cellText, describeCell, isBlankCell, tableRowsFromCells } from './tableRowsFromCells';

describe('tableRowsFromCells', () => {
  test('tableRowsFromCells(name, grid) takes the first row as the header; later rows keep their row number, rows of blanks are dropped', () => {
    expect(tableRowsFromCells('FxRates', [['Period', 'From', 'To', 'Rate'], ['', '', '', ''], ['2023-11', 'USD', 'GBP', 0.79], [null, '', undefined, '']])).toEqual({
      source: 'FxRates', header: ['Period', 'From', 'To', 'Rate'], rows: [{ line: 3, values: ['2023-11', 'USD', 'GBP', '0.79'] }],
    });
  });

  test('cellText(…) gives numbers their shortest round-trip text without exponent, text as is, booleans TRUE/FALSE', () => {
    expect([0.1 + 0.2, 1e21, 1.5e-7, -0, 123456789012, '000123', ' x ', true, false, null, ''].map((cell) => cellText('t', cell, 2, 0, 'A')))
      .toEqual(['0.30000000000000004', '1000000000000000000000', '0.00000015', '0', '123456789012', '000123', ' x ', 'TRUE', 'FALSE', '', '']);
  });

  test('cellText(…) throws BAD_VALUE naming the table, row and column for an error value or a non-finite number', () => {
    expect(() => cellText('PriceBook', { code: '#N/A' }, 3, 11, 'Value')).toThrow(new RerateError('BAD_VALUE', 'PriceBook row 3, column 12 (Value) is #N/A, an error value; fix that cell first.'));
    expect(() => cellText('t', Infinity, 1, 0, undefined)).toThrow('t row 1, column 1 is Infinity, not a finite number.');
  });

  test('isBlankCell and describeCell say what a cell is for messages', () => {
    expect([null, undefined, '', ' ', 0].map(isBlankCell)).toEqual([true, true, true, false, false]);
    expect(['x', null, { code: '#REF!' }, 2].map(describeCell)).toEqual(['"x"', 'blank', '#REF!', '2']);
  });

  test('the rows feed the loaders as a CSV would: an FX rate typed as a number is read exactly', () => {
    const { result, issues } = loadFxRates(tableRowsFromCells('FxRates', [['From', 'To', 'Rate'], ['EUR', 'USD', 1.0825]]));
    expect(issues).toEqual([]);
    expect([...result.rates.values()].map((rate) => rate.toFixed())).toEqual(['1.0825']);
  });
});
