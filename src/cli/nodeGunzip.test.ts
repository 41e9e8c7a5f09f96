import { gzipSync } from 'node:zlib';
import { readTables } from '../formats/readTables';
import type { RecordSink } from '../formats/records';
import { bytesSource } from '../formats/source';
import { nodeGunzip } from './nodeGunzip';

const csv = (rows: number) => `id,cost\n${Array.from({ length: rows }, (_, i) => `${i + 1},0.${i + 1}`).join('\n')}\n`;

/** Reads a gzip through readTables with node:zlib injected; returns the rows and issues. */
async function readGzip(name: string, bytes: Uint8Array, maxDecompressedBytes?: number) {
  const rows: string[][] = [];
  const sink: RecordSink = { header: () => [0, 1], row: (fields) => { rows.push(fields.slice()); }, badRow: () => undefined };
  const { issues } = await readTables(bytesSource(name, bytes), () => sink, { inflateGzip: nodeGunzip, maxDecompressedBytes });
  return { rows, issues };
}

describe('nodeGunzip', () => {
  it('nodeGunzip(chunks) inflates a gzip for readTables exactly like the plain file', async () => {
    const { rows, issues } = await readGzip('cur.csv.gz', gzipSync(csv(50000)));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(50000);
    expect(rows[49999]).toEqual(['50000', '0.50000']);
  });

  it('nodeGunzip(chunks) on a truncated gzip gives TRUNCATED and keeps every whole row before the cut', async () => {
    const gz = gzipSync(csv(50000));
    const { rows, issues } = await readGzip('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(50000);
    expect(rows).toEqual(rows.map((_, i) => [String(i + 1), `0.${i + 1}`]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TRUNCATED', severity: 'error', source: { file: 'cut.csv.gz' } });
  });

  it('nodeGunzip(chunks) stops a decompression bomb at the limit with SIZE_LIMIT', async () => {
    const bomb = gzipSync(Buffer.from(`a,b\n${'0,0\n'.repeat(2_000_000)}`), { level: 9 });
    const { issues } = await readGzip('bomb.csv.gz', bomb, 1_000_000);
    expect(issues.map((i) => i.code)).toEqual(['SIZE_LIMIT']);
  });
});
