import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { GROUPS_COLUMNS } from '../engine/groups/groupsTable';
import { readBilling } from './readBilling';
import { bytesSource } from './source';
import { FIRST_SHARE, planSplit, readHead } from './splitPlan';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures');
const text = (value: string) => new TextEncoder().encode(value);
const focus = readFileSync(path.join(FIXTURES, 'focus/focus-1.2-2025-01.csv'));
const cur2 = readFileSync(path.join(FIXTURES, 'cur2/cur2-2023-12.csv'));
const dbr = readFileSync(path.join(FIXTURES, 'dbr/dbr-2017-05.csv'));
const ALWAYS = { minBytes: 1, cores: 2 };

describe('readHead: a file\'s first bytes as the readers see them', () => {
  test('gives the same format the reader detects, for CUR 2.0, FOCUS and DBR', async () => {
    for (const [name, bytes] of [['cur2.csv', cur2], ['focus.csv', focus], ['dbr.csv', dbr]] as const) {
      const read = await readBilling(bytesSource(name, bytes), null);
      const head = readHead(bytes.subarray(0, 1 << 16));
      expect({ name, format: head.format }).toEqual({ name, format: read.format });
      expect(head.container).toBe('csv');
      expect(head.names?.[0]).toBe(new TextDecoder().decode(bytes).split(/\r?\n/)[0].split(',')[0].replace(/"/g, ''));
    }
  });

  test('has no header line for gzip, Parquet, UTF-16, a lone CR before the first LF, or a quoted name spanning lines', () => {
    expect(readHead(gzipSync(cur2))).toMatchObject({ container: 'gzip', headerLine: null, format: null });
    expect(readHead(text('PAR1\u0000\u0000'))).toMatchObject({ container: 'parquet', headerLine: null });
    expect(readHead(Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]))).toMatchObject({ encoding: 'utf-16le', headerLine: null });
    expect(readHead(text('a,b\rc,d\ne,f\n')).headerLine).toBeNull();
    expect(readHead(text('"a\nb",c\n1,2\n')).headerLine).toBeNull();
    const crlf = readHead(text('BilledCost,ChargeCategory\r\n1,Usage\r\n'));
    expect(new TextDecoder().decode(crlf.headerLine!)).toBe('BilledCost,ChargeCategory\r\n');
    expect(crlf.names).toEqual(['BilledCost', 'ChargeCategory']);
  });

  test('a groups table is not a billing format (its control rows describe the whole table)', () => {
    expect(readHead(text(`${GROUPS_COLUMNS.join(',')}\n`))).toMatchObject({ container: 'csv', format: null });
  });
});

describe('planSplit', () => {
  test('splits a FOCUS file just after the first LF at or after 52% of its bytes, the header line kept', async () => {
    const plan = await planSplit(bytesSource('focus.csv', focus), ALWAYS);
    expect(plan).not.toBeNull();
    const middle = Math.floor(focus.byteLength * FIRST_SHARE);
    expect(plan!.split).toBe(focus.indexOf(10, middle) + 1);
    expect(Buffer.from(plan!.header).toString()).toBe(`${focus.toString().split('\n')[0]}\n`);
    expect(plan!.size).toBe(focus.byteLength);
  });

  test('is null for one core, under the size, a DBR, gzip, or a source without random access', async () => {
    expect(await planSplit(bytesSource('cur2.csv', cur2), { minBytes: 1, cores: 1 })).toBeNull();
    expect(await planSplit(bytesSource('cur2.csv', cur2), { minBytes: cur2.byteLength + 1, cores: 2 })).toBeNull();
    expect(await planSplit(bytesSource('cur2.csv', cur2), ALWAYS)).not.toBeNull();
    expect(await planSplit(bytesSource('dbr.csv', dbr), ALWAYS)).toBeNull();
    expect(await planSplit(bytesSource('cur2.csv.gz', gzipSync(cur2)), ALWAYS)).toBeNull();
    const { slice: _slice, ...streamed } = bytesSource('cur2.csv', cur2);
    expect(await planSplit(streamed, ALWAYS)).toBeNull();
  });
});
