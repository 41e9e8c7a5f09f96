import { gzipSync } from 'node:zlib';
import { readTables } from '../formats/readTables';
import type { RecordSink } from '../formats/records';
import { bytesSource } from '../formats/source';
import { NODE_READ_OPTIONS, nodeLatin1 } from './nodeReadOptions';

/** Reads bytes in chunks of `chunkSize`; returns the header, rows and issue codes. */
async function read(bytes: Uint8Array, chunkSize: number, options: object) {
  const rows: string[][] = [];
  let header: string[] = [];
  const sink: RecordSink = {
    header: (names) => { header = names; return [2, 0]; },
    row: (fields) => { rows.push(fields.slice()); },
    badRow: () => undefined,
  };
  const { issues } = await readTables(bytesSource('t.csv', bytes, chunkSize), () => sink, options);
  return { header, rows, issues: issues.map((i) => i.code) };
}

describe('NODE_READ_OPTIONS', () => {
  it('nodeLatin1(bytes) gives one character per byte, at any offset of the buffer', () => {
    const buffer = new Uint8Array([0x20, 0x61, 0xc3, 0xa9, 0xff, 0x0a]);
    expect(nodeLatin1(buffer.subarray(1, 5))).toBe('a\u00c3\u00a9\u00ff');
  });

  it('reads UTF-8 CSV (BOM, é, 日本, emoji, a bad byte) as byte text exactly as the streaming decoder does, chunk by chunk and gzipped', async () => {
    const text = '\uFEFFnom,pays,montant\r\n"Zoë, Müller",日本,12.5\n😀 ok,España,1E-9\n';
    const bytes = new Uint8Array([...new TextEncoder().encode(text), 0x78, 0xff, ...new TextEncoder().encode(',,3\n')]);
    const plain = await read(bytes, 1 << 16, {});
    expect(plain).toEqual({
      header: ['nom', 'pays', 'montant'],
      rows: [['12.5', 'Zoë, Müller'], ['1E-9', '😀 ok'], ['3', 'x\uFFFD']],
      issues: [],
    });
    for (const chunkSize of [1, 2, 3, 7, 1 << 16]) expect(await read(bytes, chunkSize, NODE_READ_OPTIONS)).toEqual(plain);
    expect(await read(gzipSync(bytes), 5, NODE_READ_OPTIONS)).toEqual(plain);
  });

  it('reads UTF-16 (Excel\'s "Unicode text", with its BOM) through the decoder, byte text or not', async () => {
    const text = 'nom,pays,montant\r\nZoë,日本,12.5\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const expected = { header: ['nom', 'pays', 'montant'], rows: [['12.5', 'Zoë']], issues: [] };
    expect(await read(bytes, 1 << 16, {})).toEqual(expected);
    for (const chunkSize of [1, 3, 1 << 16]) expect(await read(bytes, chunkSize, NODE_READ_OPTIONS)).toEqual(expected);
  });
});

describe('readBillingInNode', () => {
  test('reads a Parquet file (heap growth held while it reads) and a CSV exactly as readBilling with Node\'s options does', async () => {
    const { cur2Parquet } = await import('../../test/hostile/corpus');
    const { readBilling } = await import('../formats/readBilling');
    const { readBillingInNode } = await import('./nodeReadOptions');
    const parquet = cur2Parquet();
    const csv = new TextEncoder().encode('BilledCost,ChargeCategory,BillingPeriodStart,SubAccountId\n1.5,Usage,2025-01-01,111122223333\n');
    for (const [name, bytes] of [['cur2.parquet', parquet], ['focus.csv', csv]] as const) {
      const lines: unknown[] = [];
      const viaNode = await readBillingInNode(bytesSource(name, bytes), (line) => lines.push(line));
      const expected: unknown[] = [];
      const direct = await readBilling(bytesSource(name, bytes), (line) => expected.push(line), NODE_READ_OPTIONS);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines).toEqual(expected);
      expect(viaNode.control).toEqual(direct.control);
      expect(viaNode.issues).toEqual(direct.issues);
    }
  });
});
