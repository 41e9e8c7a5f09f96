import { snappyUncompress } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { RecordSink } from '../records';
import { readTables } from '../readTables';
import { bytesSource, type ByteSource, type ReadProgress } from '../source';
import { decimalText, parquetText } from './parquetText';
import { countedSnappy, PageLimitError } from './readParquet';

/** A CUR 2.0-like Parquet file, written in memory: strings, doubles, int64, a timestamp, a DECIMAL and two map columns. */
function cur2Parquet(rowGroupSize = 2): ArrayBuffer {
  return parquetWriteBuffer({
    rowGroupSize,
    columnData: [
      { name: 'line_item_usage_account_id', data: ['000000000001', '012345678901', '000000000001'] },
      { name: 'line_item_line_item_type', data: ['Usage', 'Tax', 'Credit'] },
      { name: 'line_item_unblended_cost', data: [0.1, 1.8e-9, -12.5] },
      { name: 'line_item_usage_amount', data: [3n, null, 9007199254740993n] },
      { name: 'line_item_usage_start_date', data: [new Date('2023-11-01T00:00:00Z'), new Date('2023-11-30T23:00:00.250Z'), null] },
      { name: 'pricing_public_on_demand_cost', data: [12345n, -5n, 123456789012345678901234567890n] },
      { name: 'product', data: [{ product_name: 'Amazon Elastic Compute Cloud', region: 'us-east-1' }, {}, null] },
      { name: 'resource_tags', data: [{ 'user:Name': 'web, "1"' }, null, { 'user:Env': 'prod' }] },
    ],
    schema: [
      { name: 'root', num_children: 8 },
      { name: 'line_item_usage_account_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_line_item_type', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'line_item_unblended_cost', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'line_item_usage_amount', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'line_item_usage_start_date', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
      { name: 'pricing_public_on_demand_cost', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10, repetition_type: 'OPTIONAL' },
      { name: 'product', converted_type: 'MAP', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'resource_tags', converted_type: 'MAP', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
  });
}

function recorder(want: (names: string[]) => number[]) {
  const headers: [string, string[], number][] = [];
  const rows: [string[], number][] = [];
  const sinks = (name: string): RecordSink => ({
    header(names, line) {
      headers.push([name, names, line]);
      return want(names);
    },
    row(fields, line) {
      rows.push([fields, line]);
    },
    badRow() {
      throw new Error('Parquet has no bad rows');
    },
  });
  return { headers, rows, sinks };
}

describe('readParquet', () => {
  it('readTables(parquet, sinks) gives every column as text: maps as JSON, decimals exact, line = row + 2', async () => {
    const { headers, rows, sinks } = recorder((names) => names.map((_, i) => i));
    const result = await readTables(bytesSource('cur2.parquet', new Uint8Array(cur2Parquet())), sinks);
    expect(result.issues).toEqual([]);
    expect(headers).toEqual([
      [
        'cur2.parquet',
        [
          'line_item_usage_account_id',
          'line_item_line_item_type',
          'line_item_unblended_cost',
          'line_item_usage_amount',
          'line_item_usage_start_date',
          'pricing_public_on_demand_cost',
          'product',
          'resource_tags',
        ],
        1,
      ],
    ]);
    expect(rows).toEqual([
      [['000000000001', 'Usage', '0.1', '3', '2023-11-01T00:00:00.000Z', '0.0000012345', '{"product_name":"Amazon Elastic Compute Cloud","region":"us-east-1"}', '{"user:Name":"web, \\"1\\""}'], 2],
      [['012345678901', 'Tax', '1.8e-9', '', '2023-11-30T23:00:00.250Z', '-0.0000000005', '{}', ''], 3],
      [['000000000001', 'Credit', '-12.5', '9007199254740993', '', '12345678901234567890.1234567890', '', '{"user:Env":"prod"}'], 4],
    ]);
    expect(result.tables).toEqual([{ name: 'cur2.parquet', bytes: cur2Parquet().byteLength, rows: 3, badRows: 0 }]);
  });

  it('readTables(parquet, sinks) gives only the columns the sink asks for, in its order, and still decodes every page', async () => {
    const fetched: [number, number][] = [];
    const bytes = new Uint8Array(cur2Parquet(1));
    const inner = bytesSource('cur2.parquet', bytes);
    const source: ByteSource = {
      ...inner,
      slice: async (start, end) => {
        fetched.push([start, end]);
        return inner.slice!(start, end);
      },
    };
    const { rows, sinks } = recorder((names) => [names.indexOf('line_item_unblended_cost'), names.indexOf('line_item_usage_account_id')]);
    await readTables(source, sinks);
    expect(rows).toEqual([
      [['0.1', '000000000001'], 2],
      [['1.8e-9', '012345678901'], 3],
      [['-12.5', '000000000001'], 4],
    ]);
    // Every column chunk is fetched and decoded, wanted or not, so damage is found whatever the sink
    // wants (a count-only read and a full one report the same issue): as many bytes as reading all.
    const fetchedBytes = fetched.reduce((n, [s, e]) => n + (e - s), 0);
    const allBytes = await readAllColumns(bytes);
    expect(fetchedBytes).toBeGreaterThanOrEqual(allBytes);
  });

  it('readTables(parquet, sinks) reports progress up to the file size', async () => {
    const bytes = new Uint8Array(cur2Parquet());
    const seen: ReadProgress[] = [];
    await readTables(bytesSource('p.parquet', bytes), recorder((n) => n.map((_, i) => i)).sinks, { onProgress: (p) => seen.push(p) });
    expect(seen[seen.length - 1]).toEqual({ file: 'p.parquet', bytesRead: bytes.length, bytesTotal: bytes.length });
  });

  it('readTables(parquet, sinks) says Parquet needs random access when the source has no slice', async () => {
    const inner = bytesSource('stream.parquet', new Uint8Array(cur2Parquet()));
    const source: ByteSource = { name: inner.name, size: inner.size, chunks: () => inner.chunks() };
    const { rows, sinks } = recorder((n) => n.map((_, i) => i));
    const result = await readTables(source, sinks);
    expect(rows).toEqual([]);
    expect(result.issues).toEqual([
      {
        code: 'BAD_CONTAINER',
        severity: 'error',
        message:
          'stream.parquet is a Parquet file, and Parquet needs random access (its schema is at the end), which this source does not offer; read it from a file instead of a stream.',
      },
    ]);
  });

  it('readTables(parquet, sinks) reports a damaged Parquet file as BAD_CONTAINER', async () => {
    const bytes = new Uint8Array(cur2Parquet());
    const damaged = bytes.slice(0, bytes.length - 40);
    damaged.set([0x50, 0x41, 0x52, 0x31], damaged.length - 4);
    const result = await readTables(bytesSource('bad.parquet', damaged), recorder((n) => n.map((_, i) => i)).sinks);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'BAD_CONTAINER', severity: 'error' });
    expect(result.issues[0].message).toMatch(/^bad\.parquet is not a readable Parquet file \(.+\)\.$/);
  });

  it('readTables(parquet, sinks, { maxDecompressedBytes: 1 }) reads no row (SIZE_LIMIT at line 2); a big enough limit reads them all', async () => {
    const read = async (maxDecompressedBytes: number) => {
      const { rows, sinks } = recorder((names) => [names.indexOf('line_item_usage_account_id')]);
      const { issues } = await readTables(bytesSource('bomb.parquet', new Uint8Array(cur2Parquet(2))), sinks, { maxDecompressedBytes });
      return { rows: rows.map(([fields, line]) => [fields[0], line]), issues };
    };
    expect(await read(1)).toEqual({
      rows: [],
      issues: [{
        code: 'SIZE_LIMIT',
        severity: 'error',
        message: 'bomb.parquet decompresses to more than 1 bytes (the limit), so reading stopped at line 2; 0 rows were read.',
        source: { file: 'bomb.parquet', line: 2 },
      }],
    });
    expect(await read(1 << 20)).toEqual({ rows: [['000000000001', 2], ['012345678901', 3], ['000000000001', 4]], issues: [] });
  });

  it('countedSnappy(snappyUncompress, budget) inflates pages like hyparquet and throws PageLimitError once the pages pass the limit', () => {
    const hello = new Uint8Array([0x05, 0x10, ...new TextEncoder().encode('hello')]); // snappy: length 5, one literal
    const budget = { inflated: 0, limit: 8 };
    const { SNAPPY } = countedSnappy(snappyUncompress, budget);
    expect(new TextDecoder().decode(SNAPPY(hello, 5))).toBe('hello');
    expect(budget.inflated).toBe(5);
    expect(() => SNAPPY(hello, 5)).toThrow(PageLimitError);
  });

  it('readTables(parquet, sinks, { signal }) rejects with AbortError', async () => {
    const controller = new AbortController();
    const { sinks } = recorder((names) => {
      controller.abort();
      return names.map((_, i) => i);
    });
    await expect(readTables(bytesSource('p.parquet', new Uint8Array(cur2Parquet())), sinks, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('parquetText', () => {
  it('parquetText(value) writes numbers as their shortest round-trip text and the rest as documented', () => {
    expect(parquetText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(parquetText(1e21)).toBe('1e+21');
    expect(parquetText(12n)).toBe('12');
    expect(parquetText(true)).toBe('true');
    expect(parquetText(null)).toBe('');
    expect(parquetText(undefined)).toBe('');
    expect(parquetText(new Date(Number.NaN))).toBe('');
    expect(parquetText(new TextEncoder().encode('Zoë'))).toBe('Zoë');
    expect(parquetText(new Map([['a', 1n], ['b', 2n ** 70n]]))).toBe('{"a":1,"b":"1180591620717411303424"}');
    expect(parquetText([1, { x: new Date('2024-01-02T03:04:05Z') }])).toBe('[1,{"x":"2024-01-02T03:04:05.000Z"}]');
  });

  it('decimalText(raw, scale) renders the unscaled integer exactly from a number, a bigint or two\'s-complement bytes', () => {
    expect(decimalText(12345, 2)).toBe('123.45');
    expect(decimalText(-5, 3)).toBe('-0.005');
    expect(decimalText(10n ** 30n + 1n, 10)).toBe('100000000000000000000.0000000001');
    expect(decimalText(new Uint8Array([0xff, 0xfe]), 1)).toBe('-0.2');
    expect(decimalText(new Uint8Array([0x00, 0x80]), 0)).toBe('128');
    expect(decimalText(7n, -2)).toBe('700');
    expect(decimalText(null, 2)).toBe('');
  });
});

/** Bytes fetched when every column is read (to compare with a partial read). */
async function readAllColumns(bytes: Uint8Array): Promise<number> {
  let total = 0;
  const inner = bytesSource('all.parquet', bytes);
  const source: ByteSource = {
    ...inner,
    slice: async (start, end) => {
      total += end - start;
      return inner.slice!(start, end);
    },
  };
  await readTables(source, recorder((n) => n.map((_, i) => i)).sinks);
  return total;
}
