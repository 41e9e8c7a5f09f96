import Papa from 'papaparse';
import { IssueLog } from '../../src/engine/issues';
import type { BillingLine } from '../../src/engine/line';
import { BillingSink } from '../../src/formats/billingSink';
import type { FileControl } from '../../src/formats/fileControl';
import type { RecordSink } from '../../src/formats/records';

/**
 * Test-only: drives a RecordSink with CSV text the way readTables does (header, wanted fields,
 * physical line numbers, badRow for a wrong field count), parsing with PapaParse.
 */
export function feedCsv(sink: RecordSink, text: string): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false });
  let line = 1;
  let wanted: number[] | null = null;
  let columns = 0;
  for (const record of parsed.data) {
    const start = line;
    line += 1 + record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length === 1 && record[0].trim() === '') continue;
    if (wanted === null) {
      columns = record.length;
      wanted = sink.header(record, start);
      continue;
    }
    if (record.length !== columns) sink.badRow(start, record.length, columns);
    else sink.row(wanted.map((i) => record[i]), start);
  }
}

/** Test-only: one table through a BillingSink, as readBilling would do it. */
export function mapCsv(file: string, text: string): { lines: BillingLine[]; control: FileControl; issues: IssueLog } {
  const lines: BillingLine[] = [];
  const issues = new IssueLog();
  const sink = new BillingSink(file, (line) => lines.push(line), issues);
  feedCsv(sink, text);
  const control = sink.finish();
  return { lines, control, issues };
}
