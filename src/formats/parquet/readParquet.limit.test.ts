import type { FileMetaData } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { RecordSink } from '../records';
import { readTables } from '../readTables';
import { bytesSource } from '../source';

// A footer that lies: every column chunk declares 1 uncompressed byte, so only the count of
// pages actually inflated can stop the read.
jest.mock('hyparquet', () => {
  const actual = jest.requireActual('hyparquet');
  return {
    ...actual,
    parquetMetadataAsync: async (...args: unknown[]) => {
      const metadata = (await actual.parquetMetadataAsync(...args)) as FileMetaData;
      for (const group of metadata.row_groups) for (const chunk of group.columns) if (chunk.meta_data) chunk.meta_data.total_uncompressed_size = 1n;
      return metadata;
    },
  };
});

describe('readParquet with a lying footer', () => {
  it('readTables(parquet whose footer understates its sizes, { maxDecompressedBytes }) still stops with SIZE_LIMIT, counting the pages inflated', async () => {
    const text = 'x'.repeat(1000);
    const buffer = parquetWriteBuffer({
      rowGroupSize: 2,
      columnData: [{ name: 'note', data: [`a${text}`, `b${text}`, `c${text}`, `d${text}`] }],
      schema: [{ name: 'root', num_children: 1 }, { name: 'note', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }],
    });
    const rows: [string, number][] = [];
    const sink: RecordSink = { header: () => [0], row: (fields, line) => { rows.push([fields[0].slice(0, 1), line]); }, badRow: () => undefined };
    const read = async (maxDecompressedBytes: number) => {
      rows.length = 0;
      return (await readTables(bytesSource('liar.parquet', new Uint8Array(buffer)), () => sink, { maxDecompressedBytes })).issues;
    };

    expect(await read(1 << 20)).toEqual([]);
    expect(rows).toEqual([['a', 2], ['b', 3], ['c', 4], ['d', 5]]);

    const issues = await read(3000); // the first group's ~2 KB of pages fit, the second's do not
    expect(rows).toEqual([['a', 2], ['b', 3]]);
    expect(issues).toEqual([{
      code: 'SIZE_LIMIT',
      severity: 'error',
      message: 'liar.parquet decompresses to more than 3,000 bytes (the limit), so reading stopped at line 4; 2 rows were read.',
      source: { file: 'liar.parquet', line: 4 },
    }]);
  });
});
