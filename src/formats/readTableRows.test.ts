import { gzipSync, strToU8, zipSync } from 'fflate';
import { readTableRows } from './readTableRows';
import { bytesSource } from './source';

describe('readTableRows', () => {
  it('readTableRows(source) keeps the header, every value as text and each row\'s physical line', async () => {
    const csv = '\uFEFFCustomer,Account,SupportPlan\r\nAcme,000000000001,"Business, legacy"\r\n\r\nGlobex,012345678901,"two\nlines"\r\nInitech,000000000042,\r\n';
    const { result, issues } = await readTableRows(bytesSource('customers.csv', strToU8(csv), 9));
    expect(issues).toEqual([]);
    expect(result).toEqual({
      source: 'customers.csv',
      header: ['Customer', 'Account', 'SupportPlan'],
      rows: [
        { line: 2, values: ['Acme', '000000000001', 'Business, legacy'] },
        { line: 4, values: ['Globex', '012345678901', 'two\nlines'] },
        { line: 6, values: ['Initech', '000000000042', ''] },
      ],
    });
  });

  it('readTableRows(source) leaves out rows with the wrong field count, each with a BAD_ROW error', async () => {
    const { result, issues } = await readTableRows(bytesSource('fx.csv', strToU8('Period,From,To,Rate\n2023-11,USD,EUR\n2023-11,USD,GBP,0.79\n2023-12,USD,EUR,0.92,x\n')));
    expect(result.rows).toEqual([{ line: 3, values: ['2023-11', 'USD', 'GBP', '0.79'] }]);
    expect(issues).toEqual([
      { code: 'BAD_ROW', severity: 'error', message: 'fx.csv line 2 has 3 fields where the header has 4, so the row was skipped.', source: { file: 'fx.csv', line: 2 } },
      { code: 'BAD_ROW', severity: 'error', message: 'fx.csv line 4 has 5 fields where the header has 4, so the row was skipped.', source: { file: 'fx.csv', line: 4 } },
    ]);
  });

  it('readTableRows(source) gives an empty table and EMPTY_FILE for an empty file', async () => {
    const { result, issues } = await readTableRows(bytesSource('prices.csv', new Uint8Array(0)));
    expect(result).toEqual({ source: 'prices.csv', header: [], rows: [] });
    expect(issues.map((i) => i.code)).toEqual(['EMPTY_FILE']);
  });

  it('readTableRows(source) reads a gzipped table, and the first CSV of a zip with a warning naming the others', async () => {
    const gz = await readTableRows(bytesSource('rates.csv.gz', gzipSync(strToU8('a,b\n1,2\n'))));
    expect(gz.result.rows).toEqual([{ line: 2, values: ['1', '2'] }]);
    const zip = zipSync({ 'one.csv': strToU8('a\n1\n'), 'two.csv': strToU8('b\n2\n') });
    const zipped = await readTableRows(bytesSource('tables.zip', zip));
    expect(zipped.result).toEqual({ source: 'tables.zip!one.csv', header: ['a'], rows: [{ line: 2, values: ['1'] }] });
    expect(zipped.issues).toEqual([
      { code: 'BAD_CONTAINER', severity: 'warning', message: 'tables.zip holds more than one CSV; only tables.zip!one.csv was read, not tables.zip!two.csv.' },
    ]);
  });
});
