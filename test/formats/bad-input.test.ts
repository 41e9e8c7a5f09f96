import { gzipSync, strToU8, zipSync } from 'fflate';
import type { BillingLine } from '../../src/engine/line';
import { readBilling } from '../../src/formats/readBilling';
import { bytesSource } from '../../src/formats/source';

/** Reads text (or bytes) as a file through readBilling, collecting its lines. */
async function read(name: string, content: string | Uint8Array, options?: { maxDecompressedBytes?: number; chunkSize?: number }) {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  const lines: BillingLine[] = [];
  const result = await readBilling(bytesSource(name, bytes, options?.chunkSize), (line) => lines.push(line), options);
  const issues = result.issues.map((i) => [i.code, i.severity, i.source?.line ?? null, i.count ?? 1]);
  return { ...result, lines, issueSummary: issues };
}

const CUR = 'lineItem/LineItemType,bill/BillingPeriodStartDate,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost,lineItem/LineItemDescription';
const row = (cost: string, description = 'x', account = '000000000042') => `Usage,2023-11-01T00:00:00Z,123456789012,${account},AmazonS3,${cost},${description}`;

describe('readBilling on bad input', () => {
  it('readBilling(empty file) reports EMPTY_FILE and reads nothing', async () => {
    const result = await read('empty.csv', '');
    expect(result.format).toBeNull();
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['EMPTY_FILE', 'error']]);
    expect(result.issues[0].message).toContain('empty.csv');
    expect(result.control).toMatchObject({ file: 'empty.csv', rowsRead: 0, linesEmitted: 0, unblendedRead: '0' });
  });

  it('readBilling(header only) detects the format and reads zero rows without issues', async () => {
    const result = await read('header.csv', `${CUR}\n`);
    expect(result.format).toBe('cur1');
    expect(result.issues).toEqual([]);
    expect(result.control).toMatchObject({ rowsRead: 0, linesEmitted: 0, rowsSkipped: 0, unblendedRead: '0', unblendedAccounted: '0' });
  });

  it('readBilling(unknown header) reports UNKNOWN_FORMAT at line 1 and skips every row', async () => {
    const result = await read('bank.csv', 'Date,Amount,Payee\n2023-11-01,12.50,Shop\n2023-11-02,3,Cafe\n');
    expect(result.format).toBeNull();
    expect(result.issueSummary).toEqual([['UNKNOWN_FORMAT', 'error', 1, 1]]);
    expect(result.issues[0].message).toContain('"Date", "Amount", "Payee"');
    expect(result.control).toMatchObject({ rowsRead: 2, rowsSkipped: 2, skippedByReason: { UNKNOWN_FORMAT: 2 }, linesEmitted: 0 });
  });

  it('readBilling(BOM and CRLF) reads the header and last cells clean', async () => {
    const result = await read('bom.csv', `\uFEFF${CUR}\r\n${row('1.5')}\r\n${row('2', 'y')}\r\n`);
    expect(result.format).toBe('cur1');
    expect(result.issues).toEqual([]);
    expect(result.lines.map((l) => [l.source.line, l.unblendedCost, l.description])).toEqual([[2, '1.5', 'x'], [3, '2', 'y']]);
    expect(result.control.unblendedRead).toBe('3.5');
  });

  it('readBilling(quoted commas, quotes and newlines) keeps the text and counts physical lines', async () => {
    const text = `${CUR}\n${row('1', '"a, ""quoted""\nsecond line"')}\n${row('2', 'plain')}\n`;
    const result = await read('quoted.csv', text);
    expect(result.issues).toEqual([]);
    expect(result.lines.map((l) => [l.source.line, l.description])).toEqual([[2, 'a, "quoted"\nsecond line'], [4, 'plain']]);
  });

  it('readBilling(short and long rows) skips them as BAD_ROW with their lines and reads the rest', async () => {
    const text = `${CUR}\n${row('1')}\nUsage,2023-11-01T00:00:00Z,123\n${row('2')},extra\n${row('4')}\n`;
    const result = await read('rows.csv', text);
    expect(result.issueSummary).toEqual([['BAD_ROW', 'error', 3, 2]]);
    expect(result.issues[0].message).toBe('Line 3 of rows.csv has 3 fields where the header has 7; the row is skipped.');
    expect(result.lines.map((l) => l.source.line)).toEqual([2, 5]);
    expect(result.control).toMatchObject({ rowsRead: 4, linesEmitted: 2, rowsSkipped: 2, skippedByReason: { BAD_ROW: 2 }, unblendedRead: '5', unblendedAccounted: '5' });
  });

  it('readBilling("1,234.50" and "12 USD" in a cost column) reports BAD_NUMBER naming column, line and text', async () => {
    const text = `${CUR}\n${row('"1,234.50"')}\n${row('12 USD')}\n${row('0.25')}\n`;
    const result = await read('numbers.csv', text);
    expect(result.issues).toEqual([
      {
        code: 'BAD_NUMBER', severity: 'error', count: 2,
        source: { file: 'numbers.csv', line: 2, column: 'lineItem/UnblendedCost' },
        message: '"1,234.50" in column lineItem/UnblendedCost at line 2 of numbers.csv is not a number; the row is skipped.',
      },
    ]);
    expect(result.control).toMatchObject({ rowsRead: 3, linesEmitted: 1, rowsSkipped: 2, skippedByReason: { BAD_NUMBER: 2 }, unblendedRead: '0.25', unblendedAccounted: '0.25' });
  });

  it('readBilling(NULL tokens) reads FOCUS NULL cells as null, in numbers and text alike', async () => {
    const header = 'BilledCost,ChargeCategory,BillingPeriodStart,SubAccountId,BillingAccountId,ServiceName,EffectiveCost,ListCost,RegionId,ProviderName';
    const result = await read('focus.csv', `${header}\nNULL,Usage,2024-09-01 00:00:00,000000000042,NULL,NULL,NULL,1.5,NULL,AWS\n`);
    expect(result.issues).toEqual([]);
    expect(result.lines[0]).toMatchObject({
      unblendedCost: null, amortizedCost: null, listCost: '1.5', payerAccount: null, service: null, region: null, account: '000000000042',
    });
  });

  it('readBilling(12-digit account with leading zeros) keeps it as text', async () => {
    const result = await read('zeros.csv', `${CUR}\n${row('1', 'x', '000123456789')}\n`);
    expect(result.lines[0]).toMatchObject({ account: '000123456789', payerAccount: '123456789012' });
    expect(result.control.accounts).toEqual(['000123456789']);
  });
});

describe('readBilling on bad containers', () => {
  const csv = `${CUR}\n${row('1')}\n${row('2')}\n`;

  it('readBilling(truncated gzip) reports TRUNCATED and keeps the rows read before the cut', async () => {
    const big = `${CUR}\n${Array.from({ length: 2000 }, (_, i) => row(String(i), `row ${i} ${'pad'.repeat(i % 7)}`)).join('\n')}\n`;
    const gz = gzipSync(strToU8(big));
    const result = await read('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)), { chunkSize: 4096 });
    expect(result.issues.map((i) => i.code)).toContain('TRUNCATED');
    expect(result.format).toBe('cur1');
    expect(result.control.rowsRead).toBeGreaterThan(0);
    expect(result.control.rowsRead).toBeLessThan(2000);
    expect(result.lines.length).toBe(result.control.linesEmitted);
  });

  it('readBilling(zip with no CSV) reports BAD_CONTAINER naming the entries seen', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('hello') });
    const result = await read('nothing.zip', zip);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['BAD_CONTAINER', 'error']]);
    expect(result.issues[0].message).toContain('readme.txt');
    expect(result.format).toBeNull();
  });

  it('readBilling(zip with two CSVs) reads both, with one FileControl each and their sum', async () => {
    const zip = zipSync({ 'a-2023-11.csv': strToU8(csv), 'b.csv': strToU8(`${CUR}\n${row('0.5')}\n`) });
    const result = await read('two.zip', zip);
    expect(result.issues).toEqual([]);
    expect(result.controls.map((c) => [c.file, c.rowsRead, c.unblendedRead])).toEqual([
      ['two.zip!a-2023-11.csv', 2, '3'],
      ['two.zip!b.csv', 1, '0.5'],
    ]);
    expect(result.control).toMatchObject({ file: 'two.zip', format: 'cur1', rowsRead: 3, linesEmitted: 3, unblendedRead: '3.5', unblendedAccounted: '3.5' });
    expect(result.lines.map((l) => l.source.file)).toEqual(['two.zip!a-2023-11.csv', 'two.zip!a-2023-11.csv', 'two.zip!b.csv']);
  });

  it('readBilling(decompression bomb) stops at maxDecompressedBytes with SIZE_LIMIT', async () => {
    const bomb = gzipSync(strToU8(`${CUR}\n${`${row('0')}\n`.repeat(200000)}`));
    const result = await read('bomb.csv.gz', bomb, { maxDecompressedBytes: 1 << 20 });
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['SIZE_LIMIT', 'error']]);
    expect(result.issues[0].message).toContain('bomb.csv.gz');
    expect(result.control.rowsRead).toBeLessThan(200000);
  });
});
