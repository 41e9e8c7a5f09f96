/**
 * The BillingLines table round trip on real reader output: the public CUR 1.0 sample through
 * readBilling, each line to a row and the rows back to lines (src/engine/lines/README.md).
 */
import * as path from 'node:path';
import { readBilling } from '../../src/formats/readBilling';
import { fileSource } from '../../src/cli/fileSource';
import type { BillingLine } from '../../src/engine/line';
import { BILLING_LINES_HEADER, billingLineToRow, loadBillingLines } from '../../src/engine/lines/billingLinesTable';

const SAMPLE = path.resolve(__dirname, '../../samples/public/cur1-sample-2023-11.csv');

describe('the public CUR sample as a BillingLines table', () => {
  test('1,281 lines → rows → loadBillingLines gives the same lines, field for field, with no issues', async () => {
    const lines: BillingLine[] = [];
    const read = await readBilling({ ...fileSource(SAMPLE), name: 'cur1-sample-2023-11.csv' }, (line) => lines.push(line));
    expect(read.issues).toEqual([]);
    expect(lines).toHaveLength(1281);
    const rows = lines.map((line, i) => ({ line: i + 2, values: billingLineToRow(line) }));
    const { result, issues } = loadBillingLines({ source: 'lines.csv', header: [...BILLING_LINES_HEADER], rows });
    expect(issues).toEqual([]);
    expect(result).toEqual(lines);
    // Traceable: every loaded line names the sample's file and physical line, not the table's.
    expect(result[0].source).toEqual({ file: 'cur1-sample-2023-11.csv', line: 2 });
    expect(result[1280].source).toEqual({ file: 'cur1-sample-2023-11.csv', line: 1282 });
  });
});

describe('every billing fixture round-trips through the BillingLines table', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const files = [
    'samples/public/focus-1.0-sample.csv', 'test/fixtures/cur2/cur2-2023-12.csv', 'test/fixtures/dbr/dbr-2017-05.csv',
    'test/fixtures/dbr/dbr-mismatch-2017-07.csv', 'test/fixtures/dbr/dbr-standalone-2017-06.csv',
    'test/fixtures/dbr/monthly-2016-01.csv', 'test/fixtures/focus/focus-1.2-2025-01.csv',
  ];
  test.each(files)('%s: lines → rows → loadBillingLines gives the same lines', async (file) => {
    const lines: BillingLine[] = [];
    await readBilling({ ...fileSource(path.join(ROOT, file)), name: file }, (line) => lines.push(line));
    expect(lines.length).toBeGreaterThan(0);
    const rows = lines.map((line, i) => ({ line: i + 2, values: billingLineToRow(line) }));
    expect(loadBillingLines({ source: 'lines.csv', header: [...BILLING_LINES_HEADER], rows })).toEqual({ result: lines, issues: [] });
  });
});
