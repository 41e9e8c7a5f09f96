import { cellAddress, columnLetters, parseRangeAddress } from './cellAddress';

describe('cellAddress', () => {
  test('columnLetters(column) counts A…Z, then AA…', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  test('cellAddress(row, column) is the A1 address of zero-based indexes', () => {
    expect(cellAddress(6, 1)).toBe('B7');
    expect(cellAddress(0, 8)).toBe('I1');
  });

  test('parseRangeAddress(address) reads the sheet, quoted or not, and the block', () => {
    expect(parseRangeAddress('Settings!D1:G3')).toEqual({ sheet: 'Settings', row: 0, column: 3, rows: 3, columns: 4 });
    expect(parseRangeAddress("'It''s mine'!$B$7")).toEqual({ sheet: "It's mine", row: 6, column: 1, rows: 1, columns: 1 });
    expect(parseRangeAddress('AA10:AB11')).toEqual({ sheet: null, row: 9, column: 26, rows: 2, columns: 2 });
    expect(parseRangeAddress('Lines!A1:BZ1000000').rows).toBe(1000000);
  });

  test('parseRangeAddress(address) throws BAD_VALUE on what is not an A1 address', () => {
    expect(() => parseRangeAddress('Sheet1!R1C1')).toThrow('"Sheet1!R1C1" is not an A1 address such as B7 or Sheet1!A1:C3.');
  });
});
