import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../../cli/main';
import type { Issue } from '../../engine/issues';
import { readBilling } from '../readBilling';
import { bytesSource } from '../source';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A small CUR 2.0 Parquet file: two row groups of two rows, with a descriptive column inspect does not read. */
function cur2(): Uint8Array {
  const text = (name: string, data: string[]) => ({ name, data });
  return new Uint8Array(parquetWriteBuffer({
    rowGroupSize: 2,
    columnData: [
      text('bill_payer_account_id', ['111122223333', '111122223333', '111122223333', '111122223333']),
      text('bill_billing_period_start_date', ['2023-12-01T00:00:00Z', '2023-12-01T00:00:00Z', '2023-12-01T00:00:00Z', '2023-12-01T00:00:00Z']),
      text('line_item_usage_account_id', ['000000000042', '000000000042', '000000000042', '000000000042']),
      text('line_item_line_item_type', ['Usage', 'Usage', 'Usage', 'Usage']),
      text('line_item_product_code', ['AmazonEC2', 'AmazonEC2', 'AmazonEC2', 'AmazonEC2']),
      text('line_item_usage_type', ['BoxUsage:t3.micro', 'BoxUsage:t3.micro', 'BoxUsage:t3.micro', 'BoxUsage:t3.micro']),
      text('line_item_currency_code', ['USD', 'USD', 'USD', 'USD']),
      text('line_item_line_item_description', ['a', 'b', 'c', 'd']),
      { name: 'line_item_unblended_cost', data: [1.25, 2.5, 0.5, 0.25] },
    ],
    schema: [
      { name: 'root', num_children: 9 },
      ...['bill_payer_account_id', 'bill_billing_period_start_date', 'line_item_usage_account_id', 'line_item_line_item_type', 'line_item_product_code',
        'line_item_usage_type', 'line_item_currency_code', 'line_item_line_item_description']
        .map((name) => ({ name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const })),
      { name: 'line_item_unblended_cost', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    ],
  }));
}

/** The file with the page header of `column`'s chunk in row group `group` overwritten (0xFF), footer intact. */
function damaged(bytes: Uint8Array, column: string, group: number): Uint8Array {
  const metadata = parquetMetadata(bytes.slice().buffer);
  const chunk = metadata.row_groups[group].columns.find((c) => c.meta_data?.path_in_schema[0] === column);
  const at = Number(chunk!.meta_data!.data_page_offset);
  const out = bytes.slice();
  for (let i = at; i < at + 8; i++) out[i] = 0xff;
  return out;
}

async function issuesOf(bytes: Uint8Array, lines: boolean): Promise<{ issues: Issue[]; rowsRead: number }> {
  let seen = 0;
  const read = await readBilling(bytesSource('bad.parquet', bytes), lines ? () => void seen++ : null);
  return { issues: read.issues, rowsRead: read.control.rowsRead };
}

describe('readParquet: damaged pages', () => {
  const good = cur2();

  it('readBilling(source, null) and readBilling(source, onLine) read the undamaged file alike, without issues', async () => {
    expect(await issuesOf(good, false)).toEqual({ issues: [], rowsRead: 4 });
    expect(await issuesOf(good, true)).toEqual({ issues: [], rowsRead: 4 });
  });

  it.each(['line_item_line_item_description', 'line_item_usage_type', 'line_item_unblended_cost'])(
    'a damaged page of %s in the second row group: the same BAD_CONTAINER at line 4 for a count-only and a full read, first group kept',
    async (column) => {
      const bad = damaged(good, column, 1);
      const countOnly = await issuesOf(bad, false);
      const full = await issuesOf(bad, true);
      expect(countOnly.issues).toEqual(full.issues);
      expect(countOnly.issues).toEqual([
        {
          code: 'BAD_CONTAINER',
          severity: 'error',
          count: 1,
          message: expect.stringMatching(new RegExp(`^bad\\.parquet has a damaged page in column ${column} \\(.+\\), so reading stopped at line 4; 2 rows were read\\.$`)),
          source: { file: 'bad.parquet', line: 4 },
        },
      ]);
      expect(countOnly.rowsRead).toBe(2);
      expect(full.rowsRead).toBe(2);
    },
  );

  it('rerate inspect and rerate invoice both fail the file with the same issue, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-parquet-'));
    fs.writeFileSync(path.join(dir, 'bad.parquet'), damaged(good, 'line_item_line_item_description', 0));
    const runs = [];
    for (const command of ['inspect', 'invoice']) {
      const io = captureIo(dir);
      const code = await main([command, 'bad.parquet', '--format', 'json'], io);
      const issues = (JSON.parse(io.out) as { issues: Issue[] }).issues.filter((issue) => issue.code === 'BAD_CONTAINER');
      runs.push({ code, issues });
    }
    expect(runs[0].code).toBe(1);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].issues).toMatchObject([{ code: 'BAD_CONTAINER', source: { file: 'bad.parquet', line: 2 } }]);
  });
});
