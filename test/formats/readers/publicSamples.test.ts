import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { fileSource } from '../../../src/cli/fileSource';
import { ExactSum } from '../../../src/engine/money';
import type { RecordSink } from '../../../src/formats/records';
import { readTables } from '../../../src/formats/readTables';
import { bytesSource, type ByteSource } from '../../../src/formats/source';

const PUBLIC = path.resolve(__dirname, '../../../samples/public');
const CUR1 = path.join(PUBLIC, 'cur1-sample-2023-11.csv');
const FOCUS = path.join(PUBLIC, 'focus-1.0-sample.csv');

/** Sums a cost column per value of a type column, exactly, and keeps every record for comparison. */
async function sumBy(source: ByteSource, typeColumn: string, costColumn: string) {
  const sums = new Map<string, ExactSum>();
  const records: string[][] = [];
  let columns: string[] = [];
  let bad = 0;
  const sink: RecordSink = {
    header(names) {
      columns = names;
      return names.map((_, i) => i);
    },
    row(fields) {
      records.push(fields);
      const type = fields[columns.indexOf(typeColumn)];
      if (!sums.has(type)) sums.set(type, new ExactSum());
      sums.get(type)!.add(fields[columns.indexOf(costColumn)]);
    },
    badRow() {
      bad++;
    },
  };
  const result = await readTables(source, () => sink);
  const totals = Object.fromEntries([...sums].map(([k, v]) => [k, v.toText()]));
  return { result, columns, records, bad, totals };
}

describe('the public samples through readTables', () => {
  it('readTables(fileSource(cur1 sample)) reads 1,281 rows of 94 columns and their exact unblended totals', async () => {
    const { result, columns, records, bad, totals } = await sumBy(fileSource(CUR1), 'lineItem/LineItemType', 'lineItem/UnblendedCost');
    expect(result.issues).toEqual([]);
    expect(columns).toHaveLength(94);
    expect(records).toHaveLength(1281);
    expect(bad).toBe(0);
    expect(Object.keys(totals)).toEqual(['Tax', 'Usage']);
    const all = new ExactSum();
    all.add(totals.Usage);
    all.add(totals.Tax);
    expect([totals.Usage, totals.Tax, all.toText()].map((t) => Number(t).toFixed(11))).toEqual(['1.60230869740', '0.08000000000', '1.68230869740']);
    expect(all.toDecimal().toFixed(11)).toBe('1.68230869740');
  });

  it('readTables gives the same records as PapaParse for the CUR sample, plain, gzipped and zipped', async () => {
    const bytes = readFileSync(CUR1);
    const papa = Papa.parse<string[]>(bytes.toString('utf8'), { delimiter: ',', skipEmptyLines: true }).data;
    for (const source of [
      bytesSource('cur.csv', bytes, 4093),
      bytesSource('cur.csv.gz', gzipSync(bytes), 1000),
      bytesSource('cur.zip', zipSync({ 'cur.csv': bytes }), 777),
    ]) {
      const { records, columns } = await sumBy(source, 'lineItem/LineItemType', 'lineItem/UnblendedCost');
      expect([columns, ...records]).toEqual(papa);
    }
  });

  it('readTables(fileSource(focus sample)) reads 1,000 rows and Σ BilledCost by provider exactly', async () => {
    const { result, records, totals } = await sumBy(fileSource(FOCUS), 'ProviderName', 'BilledCost');
    expect(result.issues).toEqual([]);
    expect(records).toHaveLength(1000);
    const all = new ExactSum();
    for (const t of Object.values(totals)) all.add(t);
    expect(all.toDecimal().toFixed(11)).toBe('20.52022672899');
    const aws = new ExactSum();
    aws.add(totals.AWS);
    expect(aws.toDecimal().toFixed(11)).toBe('18.00663861840');
  });
});
